//! What a user sees searching the seeds through the real binary: the paragraphs each query
//! must return near the top, codes kept apart, chrome never found, filters and ranking.

mod common;

use common::{tracuu, tracuu_json};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One index for the whole test binary, built from seeds/ by `tracuu index` under cargo's
/// folder for test files (`target/tmp`), so that runs do not pile indexes up in the
/// system's temporary folder: each run updates the one the run before left.
fn index_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("search-seeds-index");
        let out = tracuu(&[
            "index",
            "--input",
            "seeds",
            "--json",
            "--index",
            dir.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

fn run_json(args: &[&str]) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--json", "--index", index_dir().to_str().unwrap()]);
    tracuu_json(&all)
}

fn search(query: &str, extra: &[&str]) -> Vec<(String, u64)> {
    let mut args = vec!["search", query, "--limit", "50"];
    args.extend(extra);
    let json = run_json(&args);
    json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["doc_id"].as_str().unwrap()[..3].to_owned(),
                h["paragraph"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// (query, extra flags, paragraphs that must be among the first `top` hits, top)
type Case = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, u64)],
    usize,
);

const QUERIES: &[Case] = &[
    (
        "cao tốc Nội Bài",
        &[],
        &[("004", 8), ("004", 15), ("000", 55)],
        3,
    ),
    (
        "cao toc noi bai",
        &[],
        &[("004", 8), ("004", 15), ("000", 55)],
        3,
    ),
    ("Cảng hàng không Sa Pa", &[], &[("001", 29)], 1),
    ("cang hang khong sa pa", &[], &[("001", 29)], 1),
    ("\"Cảng hàng không Sa Pa\"", &[], &[("001", 29)], 1),
    ("Long Khánh smart", &[], &[("003", 73)], 1),
    ("phòng thủ dân sự", &[], &[("001", 40), ("004", 26)], 3),
    (
        "\"phát triển du lịch\"",
        &[],
        &[("001", 26), ("003", 65)],
        6,
    ),
    ("Thành uỷ Lào Cai", &[], &[("002", 24)], 10),
    ("hoà bình", &[], &[("000", 61)], 3),
    ("hòa bình", &[], &[("000", 61)], 3),
    ("thuỷ sản", &[], &[("001", 24), ("000", 9)], 3),
    ("thủy sản", &[], &[("001", 24), ("000", 9)], 3),
    ("chuyen doi so", &[], &[("001", 37), ("002", 11)], 5),
    (
        "16-NQ/TU",
        &[],
        &[("000", 1), ("000", 3), ("000", 52), ("003", 76)],
        4,
    ),
    ("16-nq/tu", &[], &[("000", 1), ("003", 76)], 4),
    ("17-da/tu", &[], &[("000", 36), ("001", 6), ("001", 14)], 3),
    ("17 ĐA/TU", &[], &[("000", 36), ("001", 6), ("001", 14)], 3),
    ("06/ĐA/TU", &[], &[("000", 62), ("001", 32)], 2),
    ("6-ĐA/TU", &[], &[("000", 62), ("001", 32)], 2),
    (
        "kiểm tra giám sát 16-ĐA/TU",
        &[],
        &[("000", 43), ("001", 13)],
        2,
    ),
    // ¶8 and ¶11 of the news both say "chuyển đổi số" once; ¶11 is about it.
    ("chuyển đổi số", &["--kind", "Tin tức"], &[("002", 11)], 2),
    (
        "chuyển đổi số",
        &["--issuer", "Long Khánh"],
        &[("003", 89)],
        3,
    ),
    ("chuyển đổi số kind:KL year:2026", &[], &[("004", 7)], 3),
    (
        "Đỗ Trường Sơn",
        &[],
        &[("002", 20), ("002", 2), ("002", 17)],
        3,
    ),
    (
        "Cải tạo cảnh quan dọc hai bên bờ sông Hồng",
        &[],
        &[("000", 55)],
        1,
    ),
];

#[test]
fn each_query_returns_the_paragraphs_a_user_expects_near_the_top() {
    for (query, extra, expected, top) in QUERIES {
        let hits = search(query, extra);
        let head: Vec<&(String, u64)> = hits.iter().take(*top).collect();
        for (doc, n) in *expected {
            assert!(
                head.iter().any(|(d, p)| d == doc && p == n),
                "{query:?}: {doc} ¶{n} not in top {top}: {hits:?}"
            );
        }
    }
}

#[test]
fn a_code_never_matches_its_neighbours() {
    let nq: Vec<_> = search("16-NQ/TU", &[]);
    assert_eq!(nq.len(), 4);
    let da = search("16-ĐA/TU", &[]);
    let ct = search("16-CT/TU", &[]);
    assert!(da.iter().all(|h| !nq.contains(h)) && ct.iter().all(|h| !nq.contains(h)));
    assert_eq!(search("17-QC/TU", &[]), [("000".to_owned(), 46)]);
    assert!(search("99-NQ/TU", &[]).is_empty());
}

#[test]
fn web_chrome_and_placeholders_are_never_found() {
    for query in [
        "Designed by VNPT",
        "\"Đăng nhập\"",
        "\"Thống kê truy cập\"",
        "anh tin bai",
        "\"Đang online\"",
        "\"Nơi nhận\"",
        "\"Lưu Văn phòng\"",
    ] {
        let found = texts(query)
            .iter()
            .any(|t| tracuu::text::fold(t).contains(&tracuu::text::fold(query.trim_matches('"'))));
        assert!(!found, "{query} was found");
    }
}

#[test]
fn filters_and_exclusion_narrow_the_hits() {
    assert!(
        search("du lịch", &["--year", "2026"])
            .iter()
            .all(|(d, _)| d == "004")
    );
    assert!(
        search("du lịch year:2026", &[])
            .iter()
            .all(|(d, _)| d == "004")
    );
    assert!(
        search("du lịch", &["--kind", "NQ"])
            .iter()
            .all(|(d, _)| ["000", "001", "003"].contains(&d.as_str()))
    );
    let with = search("du lịch", &[]);
    let without = search("du lịch -Sa", &[]);
    assert!(without.len() < with.len() && !without.contains(&("001".to_owned(), 29)));
}

fn texts(query: &str) -> Vec<String> {
    let json = run_json(&["search", query, "--limit", "50"]);
    json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_lowercase())
        .collect()
}

#[test]
fn an_exact_diacritic_match_ranks_above_a_folded_one() {
    for word in ["đường", "dương"] {
        let hits = texts(word);
        let exact: Vec<bool> = hits
            .iter()
            .map(|t| t.split(|c: char| !c.is_alphanumeric()).any(|w| w == word))
            .collect();
        assert!(exact[0], "{word}: first hit lacks the exact word");
        let first_folded = exact.iter().position(|e| !e).unwrap_or(exact.len());
        assert!(
            exact[first_folded..].iter().all(|e| !e),
            "{word}: an exact match ranks below a folded one"
        );
        assert!(
            first_folded < hits.len(),
            "{word}: folded matches are found too"
        );
    }
}

/// Whether `text` has `words` in a row, as whole words.
fn has_sequence(text: &str, words: &[&str]) -> bool {
    let all: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    all.windows(words.len()).any(|w| w == words)
}

#[test]
fn a_phrase_typed_with_diacritics_finds_only_those_diacritics_in_a_row() {
    for words in [&["đường"][..], &["dương"], &["phát", "triển", "du", "lịch"]] {
        let hits = texts(&format!("\"{}\"", words.join(" ")));
        assert!(!hits.is_empty(), "{words:?}: nothing found");
        for text in &hits {
            assert!(
                has_sequence(text, words),
                "{words:?} not in a row in {text}"
            );
        }
    }
    let folded = texts("\"duong\"");
    assert!(folded.iter().any(|t| has_sequence(t, &["đường"])));
    assert!(folded.iter().any(|t| has_sequence(t, &["dương"])));
}

#[test]
fn a_word_of_the_heading_finds_the_paragraphs_standing_under_it() {
    let json = run_json(&["search", "văn hóa bảo hiểm", "--limit", "50"]);
    let under_heading = json["hits"].as_array().unwrap().iter().any(|h| {
        let text = h["text"].as_str().unwrap().to_lowercase();
        let section = h["section"].as_str().unwrap().to_lowercase();
        section.contains("văn hóa") && !text.contains("văn hóa") && text.contains("bảo hiểm")
    });
    assert!(
        under_heading,
        "a paragraph on bảo hiểm under the heading 'Về văn hóa-xã hội' is found"
    );
}

#[test]
fn snippets_mark_what_the_user_typed_even_without_diacritics() {
    let json = run_json(&["search", "cao toc noi bai", "--limit", "1"]);
    let hit = &json["hits"][0];
    assert!(
        hit["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>cao tốc Nội Bài</mark>")
    );
    for field in [
        "file",
        "doc_id",
        "title",
        "kind",
        "issuer",
        "date",
        "section",
        "paragraph",
        "text",
        "snippet",
        "score",
        "codes",
    ] {
        assert!(hit.get(field).is_some(), "hit lacks {field}");
    }
    let code = run_json(&["search", "06/da/tu", "--limit", "5"]);
    assert!(code["hits"].as_array().unwrap().iter().any(|h| {
        h["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>06/ĐA/TU</mark>")
    }));
}

#[test]
fn rebuilding_swaps_a_whole_new_index_in_and_drops_the_old_one() {
    let dir = std::env::temp_dir().join(format!("tracuu-swap-test-{}", std::process::id()));
    let path = dir.to_str().unwrap();
    let first = tracuu(&["index", "--input", "seeds", "--json", "--index", path]);
    assert!(first.status.success());
    let current = || std::fs::read_to_string(dir.join("CURRENT")).unwrap();
    let before = current();
    let report: Value = serde_json::from_slice(
        &tracuu(&["index", "--input", "seeds", "--json", "--index", path]).stdout,
    )
    .unwrap();
    assert_eq!(
        (report["documents"].as_u64(), report["paragraphs"].as_u64()),
        (Some(5), Some(276))
    );
    assert_ne!(before, current());
    let generations = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(generations, 1);
    let out = tracuu(&["search", "Sa Pa", "--json", "--index", path]);
    assert!(out.status.success());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_bad_query_is_one_sentence_and_a_failure() {
    for args in [
        vec!["search", "   "],
        vec!["search", "x", "--kind", "sách"],
        vec!["refs", "not-a-code"],
    ] {
        let mut all = args.clone();
        all.extend(["--index", index_dir().to_str().unwrap()]);
        let out = tracuu(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("tracuu: ") && err.trim_end().lines().count() == 1,
            "{err}"
        );
    }
}

#[test]
fn refs_list_each_document_a_number_names_with_its_citations() {
    let once = run_json(&["refs", "441/qđ-ubnd"]);
    assert_eq!(once["targets"].as_array().unwrap().len(), 1);
    assert_eq!(once["targets"][0]["issuer"], "UBND tỉnh Lào Cai");
    assert_eq!(once["targets"][0]["mentions"][0]["paragraph"], 48);
    let many = run_json(&["refs", "17-ĐA/TU"]);
    assert_eq!(many["targets"][0]["mentions"].as_array().unwrap().len(), 3);
    assert_eq!(many["targets"][0]["in_corpus"], false);
    let two = run_json(&["refs", "16-nq/tu"]);
    let dates: Vec<&str> = two["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2020-05-19", "2021-10-01"]);
    assert!(
        two["targets"][1]["mentions"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Nghị quyết số 16-NQ/TU, ngày 01/10/2021")
    );
    let never = run_json(&["refs", "99-NQ/TU"]);
    assert!(never["targets"].as_array().unwrap().is_empty());
}

#[test]
fn doc_answers_what_document_number_x_is_and_docs_lists_the_corpus() {
    let by_number = run_json(&["doc", "16-NQ/TU"]);
    assert_eq!(by_number["code"], "16-NQ/TU");
    assert!(by_number["documents"].as_array().unwrap().is_empty());
    assert_eq!(by_number["refs"]["targets"].as_array().unwrap().len(), 2);
    let by_id = run_json(&["doc", "004_80be5cad5ba79208"]);
    assert_eq!(by_id["kind"], "Kết luận");
    assert_eq!(by_id["paragraphs"].as_array().unwrap().len(), 39);
    let docs = run_json(&["docs"]);
    let list = docs["documents"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[1]["title"], "Về phương hướng, nhiệm vụ năm 2023");
    assert_eq!(
        list[1]["name"],
        "Nghị quyết của Tỉnh ủy Lào Cai về phương hướng, nhiệm vụ năm 2023"
    );
    assert_eq!(list[1]["paragraphs"], 47);
}

/// The first hit's text, cited codes and the search's answer whole.
fn first(query: &str) -> (String, Vec<String>, Value) {
    let json = run_json(&["search", query, "--limit", "50"]);
    let hit = &json["hits"][0];
    let codes = hit["codes"]
        .as_array()
        .map(|c| c.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default();
    (
        hit["text"].as_str().unwrap_or_default().to_owned(),
        codes,
        json,
    )
}

#[test]
fn an_abbreviation_finds_its_sense_and_the_sense_finds_the_abbreviation() {
    let short = search("UBND tỉnh", &[]);
    let long = search("Ủy ban nhân dân tỉnh", &[]);
    assert!(long.iter().all(|h| short.contains(h)), "{short:?} {long:?}");
    assert!(short.iter().all(|h| long.contains(h)), "{short:?} {long:?}");
    assert!(first("UBND tỉnh").0.contains("UBND"));
    assert!(
        first("Ủy ban nhân dân tỉnh")
            .0
            .contains("Ủy ban nhân dân tỉnh")
    );
    let total = |q: &str| run_json(&["search", q])["total"].as_u64().unwrap();
    assert!(total("tu") > total("TU"), "{} {}", total("tu"), total("TU"));
}

#[test]
fn a_kind_word_and_a_number_find_the_citations_of_that_number_first() {
    for query in ["nghị quyết 16", "NQ 16", "NQ16", "nghi quyet so 16"] {
        let (_, codes, json) = first(query);
        assert!(codes.contains(&"16-NQ/TU".to_owned()), "{query}: {codes:?}");
        assert_eq!(json["documents"].as_array().unwrap().len(), 2, "{query}");
    }
    assert!(first("đề án 17").1.contains(&"17-ĐA/TU".to_owned()));
    assert!(
        first("Quyết định 441")
            .1
            .contains(&"441/QĐ-UBND".to_owned())
    );
    assert!(first("QĐ 441").1.contains(&"441/QĐ-UBND".to_owned()));
    for query in ["16/NQ-TU", "NQ16/TU"] {
        assert_eq!(search(query, &[]), search("16-NQ/TU", &[]), "{query}");
    }
}

#[test]
fn a_number_shows_a_card_per_document_it_names() {
    let (_, _, json) = first("16-NQ/TU");
    let cards = json["documents"].as_array().unwrap();
    assert_eq!(cards.len(), 2);
    for card in cards {
        assert_eq!(card["code"], "16-NQ/TU");
        assert!(card["citations"].as_u64().unwrap() >= 1);
        assert!(card["issuer"].is_string() && card["date"].is_string());
    }
    let out = tracuu(&[
        "search",
        "16-NQ/TU",
        "--index",
        index_dir().to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2 văn bản mang số này") && text.contains("tracuu refs 16-NQ/TU"));
}

#[test]
fn a_question_falls_back_to_its_best_partial_matches_and_says_what_it_left_out() {
    let (text, _, json) = first("nghị quyết nào nói về cao tốc Nội Bài");
    assert!(text.contains("cao tốc Nội Bài"), "{text}");
    let dropped: Vec<&str> = json["dropped_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        dropped.contains(&"nào") && dropped.contains(&"quyết"),
        "{dropped:?}"
    );
    assert!(!dropped.contains(&"Bài"), "{dropped:?}");
    let (_, _, json) = first("cao tốc Nội Bài");
    assert!(json["dropped_terms"].as_array().unwrap().is_empty());
    assert!(!search("cao tốc Nội Bài xyzxyz", &[]).is_empty());
}

#[test]
fn a_date_finds_every_way_it_is_written() {
    let slashes = search("28/10/2020", &[]);
    assert!(slashes.len() >= 3, "{slashes:?}");
    for typed in ["28-10-2020", "28.10.2020", "ngày 28 tháng 10 năm 2020"] {
        assert_eq!(search(typed, &[]), slashes, "{typed}");
    }
    let month = search("tháng 10/2020", &[]);
    assert!(slashes.iter().all(|h| month.contains(h)) && month.len() > slashes.len());
}

#[test]
fn a_filter_alone_lists_the_documents_it_selects() {
    let json = run_json(&["search", "kind:NQ"]);
    let cards = json["documents"].as_array().unwrap();
    assert!(!cards.is_empty() && json["hits"].as_array().unwrap().is_empty());
    assert!(
        cards
            .iter()
            .all(|c| c["kind"] == "Nghị quyết" && c["in_corpus"] == true)
    );
    assert_eq!(
        json["documents_total"].as_u64().unwrap() as usize,
        cards.len()
    );
    let json = run_json(&["search", "year:2023"]);
    assert!(!json["documents"].as_array().unwrap().is_empty());
}

#[test]
fn an_abbreviation_a_document_defines_is_learnt_when_the_index_is_built() {
    let index = tempfile::tempdir().unwrap();
    common::build_index(
        std::path::Path::new("tests/fixtures/relevance/corpus"),
        index.path(),
    );
    let out = tracuu(&[
        "search",
        "UBTVQH",
        "--json",
        "--limit",
        "50",
        "--index",
        index.path().to_str().unwrap(),
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts: Vec<&str> = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().any(|t| t.contains("UBTVQH")));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Ủy ban Thường vụ Quốc hội") && !t.contains("UBTVQH")),
        "{texts:?}"
    );
}
