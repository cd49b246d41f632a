//! `tracuu index` on a folder it indexed before, through the real binary: only new and
//! changed files are read, removed ones leave the index, citations follow, and the result
//! answers as a full rebuild does.

mod common;

use common::tracuu_json;
use serde_json::Value;
use std::fs;
use std::path::Path;

const ADDED: &str = "004_80be5cad5ba79208.txt";
const CHANGED: &str = "001_d5f0112ea9200d83.txt";
const REMOVED: &str = "000_d14dc016ed1c5a67.txt";

fn index(corpus: &Path, index: &Path, full: bool) -> Value {
    let (corpus, index) = (corpus.to_str().unwrap(), index.to_str().unwrap());
    let mut args = vec!["index", "--json", "--input", corpus, "--index", index];
    if full {
        args.push("--full");
    }
    tracuu_json(&args)
}

/// How many paragraphs match a query, and the doc_ids of the first hundred.
fn search(index: &Path, query: &str) -> (u64, Vec<String>) {
    let index = index.to_str().unwrap();
    let found = tracuu_json(&[
        "search", query, "--json", "--limit", "100", "--index", index,
    ]);
    let hits = found["hits"].as_array().unwrap().iter();
    let ids = hits.map(|h| h["doc_id"].as_str().unwrap().to_owned());
    (found["total"].as_u64().unwrap(), ids.collect())
}

fn hit_ids(index: &Path, query: &str) -> Vec<String> {
    search(index, query).1
}

/// The doc_ids citing a code.
fn citing_ids(index: &Path, code: &str) -> Vec<String> {
    let refs = tracuu_json(&["refs", code, "--json", "--index", index.to_str().unwrap()]);
    let targets = refs["targets"].as_array().unwrap().iter();
    let mentions = targets.flat_map(|t| t["mentions"].as_array().unwrap().iter());
    mentions
        .map(|m| m["doc_id"].as_str().unwrap().to_owned())
        .collect()
}

fn stem(file: &str) -> String {
    file.trim_end_matches(".txt").to_owned()
}

#[test]
fn an_index_follows_added_changed_and_removed_files() {
    let corpus = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let idx = work.path().join("index");
    for entry in fs::read_dir("seeds").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name != ADDED {
            fs::copy(&path, corpus.path().join(name)).unwrap();
        }
    }
    let first = index(corpus.path(), &idx, false);
    assert_eq!(
        (first["incremental"].as_bool(), first["read"].as_u64()),
        (Some(false), Some(4))
    );
    assert!(!hit_ids(&idx, "Quý II/2026").contains(&stem(ADDED)));
    assert!(citing_ids(&idx, "50-BC/VPTU").is_empty());

    fs::copy(Path::new("seeds").join(ADDED), corpus.path().join(ADDED)).unwrap();
    let added = index(corpus.path(), &idx, false);
    assert_eq!(
        (added["read"].as_u64(), added["kept"].as_u64()),
        (Some(1), Some(4))
    );
    assert_eq!(added["documents"], 5);
    assert!(hit_ids(&idx, "Quý II/2026").contains(&stem(ADDED)));
    assert_eq!(citing_ids(&idx, "50-BC/VPTU"), [stem(ADDED)]);

    let changed = corpus.path().join(CHANGED);
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\n\nTriển khai Đề án số 99-ĐA/TU về số hóa kho lưu trữ lịch sử của tỉnh.\n");
    fs::write(&changed, text).unwrap();
    let edited = index(corpus.path(), &idx, false);
    assert_eq!(
        (edited["read"].as_u64(), edited["kept"].as_u64()),
        (Some(1), Some(4))
    );
    assert_eq!(hit_ids(&idx, "số hóa kho lưu trữ lịch sử"), [stem(CHANGED)]);
    assert_eq!(citing_ids(&idx, "99-ĐA/TU"), [stem(CHANGED)]);

    fs::remove_file(corpus.path().join(REMOVED)).unwrap();
    let removed = index(corpus.path(), &idx, false);
    assert_eq!(
        (removed["read"].as_u64(), removed["removed"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(removed["documents"], 4);
    assert!(!hit_ids(&idx, "cao tốc Nội Bài").contains(&stem(REMOVED)));
    assert!(!citing_ids(&idx, "17-ĐA/TU").contains(&stem(REMOVED)));

    let full = work.path().join("full");
    let rebuilt = index(corpus.path(), &full, true);
    for key in [
        "documents",
        "paragraphs",
        "citations",
        "cited_documents",
        "bytes",
    ] {
        assert_eq!(removed[key], rebuilt[key], "{key}");
    }
    for query in [
        "phát triển",
        "chuyển đổi số",
        "Nghị quyết",
        "cao tốc",
        "99-ĐA/TU",
    ] {
        let (incremental, rebuilt) = (search(&idx, query), search(&full, query));
        assert_eq!(incremental.0, rebuilt.0, "{query}");
        if incremental.0 <= 100 {
            let sorted = |mut ids: Vec<String>| {
                ids.sort();
                ids
            };
            assert_eq!(sorted(incremental.1), sorted(rebuilt.1), "{query}");
        }
    }
    assert_eq!(citing_ids(&idx, "17-ĐA/TU"), citing_ids(&full, "17-ĐA/TU"));
}
