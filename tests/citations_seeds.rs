//! Document numbers in the seeds: every citation found, canonical codes, and citations
//! grouped into the distinct documents they name.

use std::path::Path;
use tracuu::codes::{CitedDocument, Registry, citations_of};
use tracuu::ingest::{self, Document};
use tracuu::vocabulary::DocCode;

fn corpus() -> Vec<Document> {
    ingest::read_corpus(Path::new("seeds")).documents
}

/// The distinct codes each seed cites, counted by hand in the files.
const CITED: [(&str, &[&str]); 5] = [
    (
        "000",
        &[
            "01-KL/TW",
            "01-ĐA/TU",
            "03-CT/TU",
            "03-NQ/TU",
            "03-ĐA/TU",
            "04-NQ/TU",
            "04-ĐA/TU",
            "05-NQ/TU",
            "05-ĐA/TU",
            "06-HD/TU",
            "06-NQ/TU",
            "06-ĐA/TU",
            "11-NQ/TU",
            "11-QĐi/TW",
            "12-NQ/TU",
            "14-NQ/TU",
            "149-KH/TU",
            "15-ĐA/TU",
            "16-CT/TU",
            "16-NQ/TU",
            "16-ĐA/TU",
            "17-QC/TU",
            "17-ĐA/TU",
            "179-KH/TU",
            "18-ĐA/TU",
            "29-NQ/TU",
            "368-QĐ/TU",
            "441/QĐ-UBND",
        ],
    ),
    (
        "001",
        &[
            "01-KL/TW",
            "01-ĐA/TU",
            "02-ĐA/TU",
            "03-ĐA/TU",
            "04-HD/TW",
            "04-NQ/TU",
            "05-CT/TW",
            "05-ĐA/TU",
            "06-ĐA/TU",
            "07-ĐA/TU",
            "08-ĐA/TU",
            "09-NQ/TU",
            "09-ĐA/TU",
            "10-NQ/TU",
            "10-NQ/TW",
            "10-ĐA/TU",
            "11-NQ/TW",
            "11-ĐA/TU",
            "12-CT/TU",
            "12-NQ/TU",
            "12-NQ/TW",
            "12-ĐA/TU",
            "13-KL/TW",
            "13-ĐA/TU",
            "14-CT/TU",
            "15-KL/TW",
            "15-ĐA/TU",
            "16-CT/TU",
            "16-ĐA/TU",
            "160-CTr/TU",
            "17-ĐA",
            "17-ĐA/TU",
            "18-ĐA/TU",
            "19-NQ/TU",
            "20-NQ/TU",
            "22-NQ/TW",
            "23-NQ/TW",
            "24-NQ/TW",
            "26-CT/TW",
            "26-NQ/TU",
            "27-NQ/TU",
            "28-KL/TW",
            "28-NQ/TW",
            "29-NQ/TU",
            "29-NQ/TW",
            "30-NQ/TW",
            "321/TB-VPCP",
            "33-NQ/TW",
            "34-KL/TW",
            "368-QĐ/TU",
            "41-KL/TW",
            "42-KL/TW",
            "51-NQ/TW",
            "55-NQ/TW",
            "60-QĐ/TU",
        ],
    ),
    ("002", &[]),
    (
        "003",
        &[
            "01-KL/TW",
            "01-NQ/TU",
            "03-NQ/TU",
            "04-NQ/TU",
            "05-CT/TW",
            "05-NQ/TU",
            "07-NQ/TU",
            "08-NQ/TU",
            "11-QĐi/TW",
            "16-NQ/TU",
            "205-QĐ/TW",
            "21-KL/TW",
            "37-QĐ/TW",
            "46-CT/TW",
        ],
    ),
    (
        "004",
        &[
            "16/CT-TTg",
            "213-KL/TW",
            "222-KL/TU",
            "245/2025/QH15",
            "26-CT/TU",
            "42-CT/TW",
            "460-TB/TU",
            "50-BC/VPTU",
            "72-NQ/TW",
            "877-CV/TU",
            "89/NQ-CP",
        ],
    ),
];

#[test]
fn each_seed_cites_the_codes_counted_by_hand() {
    let docs = corpus();
    let counts = [28, 55, 0, 14, 11];
    for ((seed, expected), count) in CITED.iter().zip(counts) {
        let d = docs.iter().find(|d| d.doc_id.starts_with(seed)).unwrap();
        let mut found: Vec<String> = citations_of(d)
            .iter()
            .map(|c| c.citation.code.canonical())
            .collect();
        found.sort();
        found.dedup();
        assert_eq!(found.len(), count, "{seed}");
        assert_eq!(found, expected.to_vec(), "{seed}");
    }
}

fn surfaces(doc: &Document) -> Vec<String> {
    citations_of(doc)
        .into_iter()
        .map(|c| c.citation.surface)
        .collect()
}

#[test]
fn codes_broken_across_lines_are_found_whole() {
    let docs = corpus();
    let found = surfaces(&docs[0]);
    for code in ["14-NQ/TU", "01-KL/TW", "368-QĐ/TU", "149-KH/TU"] {
        assert!(found.iter().any(|s| s == code), "{code} in {found:?}");
    }
}

#[test]
fn a_slash_for_the_dash_reads_as_the_same_code() {
    let docs = corpus();
    let c = citations_of(&docs[0])
        .into_iter()
        .find(|c| c.citation.surface == "06/ĐA/TU")
        .unwrap();
    assert_eq!(c.citation.code.canonical(), "06-ĐA/TU");
    assert_eq!(c.citation.date.unwrap().to_string(), "2020-10-28");
    assert_eq!(
        c.citation.subject.as_deref(),
        Some(
            "cải cách hành chính đồng bộ, toàn diện trong hệ thống chính trị giai đoạn 2021 - 2025"
        )
    );
}

fn targets<'a>(registry: &'a Registry, code: &str) -> Vec<&'a CitedDocument> {
    registry.lookup(&DocCode::parse(code).unwrap())
}

#[test]
fn the_same_number_from_two_committees_is_two_documents() {
    let registry = Registry::build(&corpus());
    let found = targets(&registry, "16-NQ/TU");
    assert_eq!(found.len(), 2);
    let lao_cai = found
        .iter()
        .find(|d| d.date.unwrap().to_string() == "2021-10-01")
        .unwrap();
    assert_eq!(
        lao_cai.issuer.as_ref().unwrap().to_string(),
        "Tỉnh ủy Lào Cai"
    );
    assert!(
        lao_cai
            .subject
            .as_deref()
            .unwrap()
            .contains("phát triển thành phố")
    );
    assert_eq!(lao_cai.mentions.len(), 3);
    assert!(lao_cai.mentions.iter().all(|m| m.doc_id.starts_with("000")));
    let dong_nai = found
        .iter()
        .find(|d| d.date.unwrap().to_string() == "2020-05-19")
        .unwrap();
    assert_eq!(
        dong_nai.issuer.as_ref().unwrap().to_string(),
        "Ban Thường vụ Tỉnh ủy Đồng Nai"
    );
    assert!(
        dong_nai
            .subject
            .as_deref()
            .unwrap()
            .contains("phòng, chống tội phạm")
    );
    assert_eq!(dong_nai.mentions[0].doc_id, "003_4f6655e48d839bfa");
}

#[test]
fn one_central_document_cited_by_two_seeds_is_one_document() {
    let registry = Registry::build(&corpus());
    let found = targets(&registry, "11-qđi/tw");
    assert_eq!(found.len(), 1);
    let d = found[0];
    assert_eq!(d.date.unwrap().to_string(), "2019-02-18");
    assert_eq!(d.issuer.as_ref().unwrap().to_string(), "Bộ Chính trị");
    let mut citing: Vec<&str> = d.mentions.iter().map(|m| &m.doc_id[..3]).collect();
    citing.dedup();
    assert_eq!(citing, ["000", "003"]);
}

#[test]
fn a_partial_code_joins_its_committees_full_code() {
    let registry = Registry::build(&corpus());
    let found = targets(&registry, "17-ĐA/TU");
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found[0];
    assert_eq!(d.issuer.as_ref().unwrap().to_string(), "Tỉnh ủy Lào Cai");
    assert_eq!(d.date.unwrap().to_string(), "2020-12-11");
    let surfaces: Vec<&str> = d.mentions.iter().map(|m| m.surface.as_str()).collect();
    assert!(surfaces.contains(&"17-ĐA"), "{surfaces:?}");
    assert_eq!(d.mentions.len(), 3);
    assert!(
        targets(&registry, "17-QC/TU")
            .iter()
            .all(|q| q.mentions.iter().all(|m| m.surface != "17-ĐA"))
    );
}

#[test]
fn a_city_and_its_province_number_separately() {
    let registry = Registry::build(&corpus());
    let found = targets(&registry, "06-ĐA/TU");
    let issuers: Vec<String> = found
        .iter()
        .map(|d| d.issuer.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(issuers.len(), 2, "{issuers:?}");
    assert!(
        issuers.contains(&"Thành ủy Lào Cai".to_owned())
            && issuers.contains(&"Tỉnh ủy Lào Cai".to_owned())
    );
}

#[test]
fn a_code_never_cited_has_no_target_and_none_is_in_the_corpus() {
    let registry = Registry::build(&corpus());
    assert!(targets(&registry, "99-NQ/TU").is_empty());
    assert!(registry.documents.iter().all(|d| !d.in_corpus()));
}
