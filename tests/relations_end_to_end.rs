//! Relations through the real binary and server: a Quy định that replaces another, a news
//! item saying a third amends it; `refs --json`, `graph` (text, JSON, DOT) and
//! `GET /api/graph/{id}` tell who replaced and amended whom.

mod common;

use common::{Server, build_index, tracuu, tracuu_json};
use serde_json::Value;
use std::path::Path;

const CORPUS: &str = "tests/fixtures/relations/corpus";

fn index(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tracuu-relations-{name}-{}", std::process::id()));
    build_index(Path::new(CORPUS), &dir);
    dir
}

#[test]
fn refs_name_who_replaced_and_amended_a_document() {
    let dir = index("refs");
    let refs = tracuu_json(&[
        "refs",
        "270-QĐ/TW",
        "--json",
        "--index",
        dir.to_str().unwrap(),
    ]);
    let target = &refs["targets"][0];
    assert_eq!(target["replaced_by"][0], "Quy định số 383-QĐ/TW");
    assert_eq!(target["amended_by"][0], "Quy định số 384-QĐ/TW");
    let relations: Vec<&str> = target["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["relation"].as_str().unwrap())
        .collect();
    assert_eq!(relations, ["replaces", "amends"]);
    let untouched = tracuu_json(&[
        "refs",
        "57-NQ/TW",
        "--json",
        "--index",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(untouched["targets"][0]["replaced_by"], Value::Array(vec![]));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_graph_links_a_document_to_what_it_cites_and_what_cites_it() {
    let dir = index("graph");
    let at = dir.to_str().unwrap();
    let graph = tracuu_json(&["graph", "57-NQ/TW", "--json", "--index", at]);
    let edges = graph["edges"].as_array().unwrap();
    let relation = |from: &str| {
        edges
            .iter()
            .find(|e| e["from"] == from)
            .map(|e| e["relation"].as_str().unwrap().to_owned())
    };
    assert_eq!(relation("quy_dinh").as_deref(), Some("basis"));
    assert_eq!(relation("tin").as_deref(), Some("reviews"));
    assert!(edges.iter().all(|e| e["paragraphs"] == 1));
    let deeper = tracuu_json(&["graph", "quy_dinh", "--json", "--depth", "2", "--index", at]);
    let ids: Vec<&str> = deeper["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"tin"),
        "two links away through 270-QĐ/TW: {ids:?}"
    );
    let text = tracuu(&["graph", "quy_dinh", "--index", at]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Thay thế"), "{text}");
    assert!(
        text.contains("đã được thay thế bởi Quy định số 383-QĐ/TW"),
        "{text}"
    );
    let dot = tracuu(&["graph", "quy_dinh", "--dot", "--index", at]);
    assert!(
        String::from_utf8(dot.stdout)
            .unwrap()
            .starts_with("digraph")
    );
    let bad = tracuu(&["graph", "xyz", "--index", at]);
    assert!(!bad.status.success());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_api_serves_the_graph_and_refuses_bad_keys_in_one_sentence() {
    let dir = index("api");
    let server = Server::start(&dir);
    let (status, _, graph) = server.get("/api/graph/270-Q%C4%90%2FTW");
    assert_eq!(status, 200);
    let node = &graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["number"] == "270-QĐ/TW")
        .cloned()
        .unwrap();
    assert_eq!(node["in_corpus"], false);
    assert_eq!(node["kind"], "Quy định");
    assert_eq!(node["replaced_by"][0], "Quy định số 383-QĐ/TW");
    for (path, expected) in [
        ("/api/graph/xyz", 400),
        ("/api/graph/999-NQ%2FTW", 404),
        ("/api/graph/quy_dinh?depth=0", 400),
        ("/api/graph/quy_dinh?depth=abc", 400),
    ] {
        let (status, _, json) = server.get(path);
        assert_eq!(status, expected, "{path}");
        assert!(json["error"].as_str().is_some_and(|s| !s.contains('\n')));
    }
    drop(server);
    std::fs::remove_dir_all(dir).ok();
}
