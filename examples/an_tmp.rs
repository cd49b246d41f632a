use std::hash::{Hash, Hasher};
use tantivy::tokenizer::Token;
fn main() {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("/tmp/sample.json").unwrap()).unwrap();
    let mut set = Vec::new();
    for d in v["documents"].as_array().unwrap() {
        let title = d["title"].as_str().unwrap_or("");
        for p in d["paragraphs"].as_array().unwrap() {
            set.push(p["text"].as_str().unwrap().to_string());
            set.push(format!("{} {}", p["section"].as_str().unwrap_or(""), title));
        }
    }
    set.push("HOÀ Thành uỷ 2025 COVID-19 Đảng ﬁ İstanbul ½ x²".into());
    let mut body = tracuu::text::analyzer::body();
    let mut pairs = tracuu::text::analyzer::pairs();
    let mode = std::env::args().nth(1).unwrap();
    if mode == "time" {
        for (an, a) in [("body", &mut body), ("pairs", &mut pairs)] {
            let t = std::time::Instant::now();
            for _ in 0..3 {
                for s in set.iter() {
                    a.token_stream(s).process(&mut |_t: &Token| {});
                }
            }
            println!("{an}: {:?} per pass", t.elapsed() / 3);
        }
        let t = std::time::Instant::now();
        for _ in 0..3 {
            for pair in set.chunks(2) {
                for a in [&mut body, &mut pairs] {
                    for s in pair {
                        a.token_stream(s).process(&mut |_t: &Token| {});
                    }
                }
            }
        }
        println!("tantivy order both: {:?} per pass", t.elapsed() / 3);
        return;
    }
    for a in [&mut body, &mut pairs] {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for s in set.iter() {
            a.token_stream(s).process(&mut |t: &Token| {
                if t.text.starts_with('=') && !t.text.chars().any(char::is_alphabetic) {
                    return;
                }
                (t.text.as_str(), t.offset_from, t.offset_to, t.position).hash(&mut h);
            });
        }
        println!("{:x}", h.finish());
    }
}
