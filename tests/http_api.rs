//! The HTTP API through a real socket: every endpoint, its successes and its errors.

mod common;

use common::Server;
use std::process::Command;

#[test]
fn every_endpoint_answers_with_the_contract_json() {
    let server = Server::start_on_seeds("ok");
    let (status, _, health) = server.get("/healthz");
    assert_eq!(
        (
            status,
            health["status"].as_str(),
            health["documents"].as_u64()
        ),
        (200, Some("ok"), Some(5))
    );
    let (status, _, found) =
        server.get("/api/search?q=cao%20t%E1%BB%91c%20N%E1%BB%99i%20B%C3%A0i&limit=5");
    assert_eq!(status, 200);
    assert_eq!(found["total"], 3);
    assert!(
        found["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>cao tốc Nội Bài</mark>")
    );
    assert!(
        found["facets"]["kind"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "Kết luận")
    );
    let (_, _, filtered) = server.get("/api/search?q=du%20l%E1%BB%8Bch&year=2026&kind=KL");
    assert!(
        filtered["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["doc_id"] == "004_80be5cad5ba79208")
    );
    let (_, _, listed) = server.get("/api/search?kind=NQ");
    assert!(listed["hits"].as_array().unwrap().is_empty());
    assert!(listed["documents_total"].as_u64().unwrap() >= 1);
    let (_, _, numbered) = server.get("/api/search?q=ngh%E1%BB%8B%20quy%E1%BA%BFt%2016");
    assert_eq!(numbered["documents"][0]["code"], "16-NQ/TU");
    assert!(numbered["dropped_terms"].as_array().unwrap().is_empty());
    let (status, _, refs) = server.get("/api/refs/17-%C4%90A%2FTU");
    assert_eq!(status, 200);
    assert_eq!(refs["targets"][0]["mentions"].as_array().unwrap().len(), 3);
    let (_, _, docs) = server.get("/api/docs");
    assert_eq!(docs["documents"].as_array().unwrap().len(), 5);
    let (status, _, doc) = server.get("/api/docs/002_e6a7eaab680102c5");
    assert_eq!((status, doc["kind"].as_str()), (200, Some("Tin tức")));
    let (status, page, _) = server.get("/");
    assert!(status == 200 && page.contains("Tra cứu văn bản Đảng"));
}

#[test]
fn bad_requests_get_a_4xx_and_a_sentence_and_the_server_keeps_serving() {
    let server = Server::start_on_seeds("bad");
    let long = "a%20".repeat(2500);
    let cases = [
        ("/api/search?q=", 400),
        ("/api/search", 400),
        (&*format!("/api/search?q={long}"), 400),
        ("/api/search?q=x&limit=0", 400),
        ("/api/search?q=x&limit=100000", 400),
        ("/api/search?q=x&limit=-5", 400),
        ("/api/search?q=x&year=abc", 400),
        ("/api/search?q=x&kind=s%C3%A1ch", 400),
        ("/api/refs/not-a-code", 400),
        ("/api/docs/unknown", 404),
        ("/api/docs/..%2F..%2Fetc%2Fpasswd", 404),
        ("/no/such/page", 404),
    ];
    for (path, expected) in cases {
        let (status, _, json) = server.get(path);
        assert_eq!(status, expected, "{path}");
        let sentence = json["error"].as_str().unwrap_or_default();
        assert!(
            !sentence.is_empty() && !sentence.contains('\n'),
            "{path}: {sentence:?}"
        );
        assert!(
            !sentence.contains('`') && !sentence.contains("Failed"),
            "{path}: a sentence of ours, without Markdown: {sentence:?}"
        );
    }
    let (_, _, json) = server.get("/api/search?q=x&year=abc");
    assert_eq!(json["error"], "Tham số year phải là một số nguyên.");
    assert_eq!(server.get("/healthz").0, 200);
}

#[test]
fn hostile_queries_get_a_4xx_sentence_or_an_answer_in_bounded_time() {
    let server = Server::start_on_seeds("hostile");
    let words: String = (0..1000).map(|i| format!("t{i}%20")).collect();
    let short_words: String = (0..300).map(|i| format!("{}%20", i % 10)).collect();
    let cases = [
        (format!("/api/search?q={}", "a".repeat(60_000)), 400),
        ("/api/search?q=%21%40%23%24%25%5E%26*()".into(), 400),
        ("/api/search?q=*".into(), 400),
        ("/api/search?q=%22ngh%E1%BB%8B%20quy%E1%BA%BFt".into(), 200),
        ("/api/search?q=%22%22%22".into(), 400),
        (format!("/api/search?q={words}"), 400),
        (format!("/api/search?q={short_words}"), 200),
        ("/api/search?q=%00%01%1B%5B31m%C4%90%E1%BA%A3ng".into(), 200),
        ("/api/search?q=%ZZ%E1".into(), 200),
        ("/api/search?q=%C4".into(), 400),
        ("/api/search?q=x&limit=99999999999999999999".into(), 400),
        ("/api/search?q=x&limit=-1".into(), 400),
        ("/api/docs/%2e%2e%2f%2e%2e%2fetc%2fpasswd".into(), 404),
        ("/api/docs/seeds%2F..%2FCargo.toml".into(), 404),
        (format!("/api/refs/{}-NQ%2FTU", "1".repeat(10_000)), 400),
        (format!("/api/search?q={}-NQ%2FTU", "9".repeat(10_000)), 400),
    ];
    for (path, expected) in &cases {
        let started = std::time::Instant::now();
        let (status, _, json) = server.get(path);
        let shown = &path[..path.len().min(60)];
        assert_eq!(status, *expected, "{shown}");
        assert!(started.elapsed().as_secs() < 5, "{shown} took too long");
        if status != 200 {
            let sentence = json["error"].as_str().unwrap_or_default();
            assert!(!sentence.is_empty(), "{shown}: no sentence");
        }
    }
    let too_long_for_a_uri = format!("/api/search?q={}", "a".repeat(100_000));
    assert_eq!(server.raw_status("GET", &too_long_for_a_uri), 414);
    for (method, path) in [
        ("POST", "/api/search?q=x"),
        ("PUT", "/api/docs/x"),
        ("DELETE", "/api/docs/000_d14dc016ed1c5a67"),
    ] {
        assert_eq!(
            server.raw_status(method, path),
            405,
            "{method} {path}: nothing is written"
        );
    }
    assert_eq!(server.raw_status("GET", "/../../etc/passwd"), 404);
    assert_eq!(server.get("/healthz").0, 200);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_gracefully() {
    let mut server = Server::start_on_seeds("term");
    assert_eq!(server.get("/healthz").0, 200);
    let pid = server.child.id().to_string();
    let term = Command::new("sh")
        .args(["-c", &format!("kill -TERM {pid}")])
        .status()
        .unwrap();
    assert!(term.success(), "the shell's kill sends SIGTERM");
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(started.elapsed().as_secs() < 10, "the server did not stop");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
