//! `tracuu parse` through the real binary, and reading a corpus with bad files in it.

mod common;

use common::tracuu;
use std::fs;
use tracuu::codes::Registry;
use tracuu::ingest;
use tracuu::vocabulary::DocCode;

#[test]
fn parse_json_gives_the_contract_fields_with_citations() {
    let out = tracuu(&["parse", "--json", "seeds/004_80be5cad5ba79208.txt"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &json["documents"][0];
    for field in [
        "doc_id",
        "file",
        "kind",
        "title",
        "issuer",
        "level",
        "locality",
        "date",
        "year",
        "number",
        "signer",
        "paragraphs",
        "footnotes",
        "recipients",
        "citations",
    ] {
        assert!(doc.get(field).is_some(), "missing {field}");
    }
    assert_eq!(doc["level"], "tỉnh ủy");
    assert_eq!(doc["paragraphs"][0]["n"], 1);
    let report = doc["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "50-BC/VPTU")
        .unwrap();
    assert_eq!(report["date"], "2026-05-10");
    assert_eq!(report["issuer"], "Văn phòng Tỉnh ủy");
    assert_eq!(report["kind"], "Báo cáo");
    assert_eq!(report["partial"], false);
}

#[test]
fn parse_for_people_shows_sections_and_a_bad_file_is_one_sentence() {
    let out = tracuu(&["parse", "seeds/000_d14dc016ed1c5a67.txt"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(
        "§ II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 1. Lãnh đạo xây dựng Đảng và hệ thống chính trị > 1.2."
    ));
    let missing = tracuu(&["parse", "no/such/file.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8(missing.stderr).unwrap();
    assert!(
        err.starts_with("tracuu: no/such/file.txt: không có tệp này") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn a_bad_file_is_skipped_with_its_reason_and_the_rest_read_alike() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "NGHỊ QUYẾT\n\nvề công tác năm 2024\n\nThành uỷ Lào Cai triển khai Đề án số 17-ĐA/TU.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let nfd_crlf: String = unicode_normalization::UnicodeNormalization::nfd(text)
        .collect::<String>()
        .replace('\n', "\r\n");
    fs::write(dir.path().join("b.md"), format!("\u{feff}{nfd_crlf}")).unwrap();
    fs::write(dir.path().join("c.txt"), b"ab\xfd not utf8").unwrap();
    fs::write(dir.path().join("d.txt"), b"PK\x03\x04\0\0binary").unwrap();
    fs::write(dir.path().join("e.pdf"), b"not a PDF").unwrap();
    let corpus = ingest::read_corpus(dir.path());
    assert_eq!(corpus.documents.len(), 2);
    assert_eq!(
        corpus.documents[0].paragraphs[0].text,
        corpus.documents[1].paragraphs[0].text
    );
    let reasons: Vec<(&str, &str)> = corpus
        .skipped
        .iter()
        .map(|s| (s.file.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "c.txt",
                "không phải UTF-8 hợp lệ (byte lỗi đầu tiên ở vị trí 2) và không thuộc bảng mã tiếng Việt nào đã biết (TCVN3, VNI, VISCII, VPS, Windows-1258)"
            ),
            ("d.txt", "tệp nhị phân (byte NUL ở vị trí 4)"),
            (
                "e.pdf",
                "tệp PDF hỏng: couldn't parse input: invalid file header"
            )
        ]
    );
}

#[test]
fn a_sidecar_overrides_metadata_and_makes_a_cited_number_held() {
    let dir = tempfile::tempdir().unwrap();
    let held = "NGHỊ QUYẾT\n\nSố 16-NQ/TU\n\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH\n\nvề phát triển thành phố Lào Cai\n\nTỉnh ủy Lào Cai quyết nghị phát triển tỉnh Lào Cai.\n";
    fs::write(dir.path().join("nq16.txt"), held).unwrap();
    fs::write(dir.path().join("nq16.meta.toml"), "date = '2021-10-01'\n").unwrap();
    fs::write(dir.path().join("cites.txt"), "KẾT LUẬN\n\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\n\nThực hiện Nghị quyết số 16-NQ/TU, ngày 01/10/2021 của Tỉnh ủy về phát triển thành phố tỉnh Lào Cai.\n").unwrap();
    fs::write(dir.path().join("bad.txt"), "Văn bản.\n").unwrap();
    fs::write(dir.path().join("bad.meta.toml"), "colour = 'red'\n").unwrap();
    let corpus = ingest::read_corpus(dir.path());
    assert_eq!(corpus.documents.len(), 3, "a bad sidecar loses no document");
    assert_eq!(corpus.skipped.len(), 1);
    assert!(
        corpus.skipped[0].reason.starts_with("tệp kèm không hợp lệ"),
        "{:?}",
        corpus.skipped
    );
    let nq = corpus
        .documents
        .iter()
        .find(|d| d.doc_id == "nq16")
        .unwrap();
    assert_eq!(nq.meta.number.as_ref().unwrap().canonical(), "16-NQ/TU");
    assert_eq!(nq.meta.date.unwrap().to_string(), "2021-10-01");
    let registry = Registry::build(&corpus.documents);
    let target = registry.lookup(&DocCode::parse("16-nq/tu").unwrap());
    assert_eq!(target.len(), 1);
    assert_eq!(target[0].held_by, ["nq16"]);
}

#[test]
fn an_index_older_than_its_corpus_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let file = corpus.join("a.txt");
    fs::write(
        &file,
        "NGHỊ QUYẾT\n\nvề công tác năm 2024\n\nThành ủy triển khai Đề án số 17-ĐA/TU.\n",
    )
    .unwrap();
    let index = dir.path().join("index");
    let (corpus, index) = (corpus.to_str().unwrap(), index.to_str().unwrap());
    assert!(
        tracuu(&["index", "--input", corpus, "--index", index, "--json"])
            .status
            .success()
    );
    let fresh = tracuu(&["docs", "--index", index]);
    assert!(fresh.status.success() && fresh.stderr.is_empty());
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let stale = tracuu(&["docs", "--index", index]);
    assert!(stale.status.success());
    let warning = String::from_utf8(stale.stderr).unwrap();
    assert!(
        warning.contains("chỉ mục cũ hơn") && warning.contains("a.txt"),
        "{warning}"
    );
}

#[test]
fn the_server_listens_on_loopback_unless_told_otherwise() {
    let help = String::from_utf8(tracuu(&["serve", "--help"]).stdout).unwrap();
    assert!(help.contains("[default: 127.0.0.1:8080]"), "{help}");
}

#[test]
fn help_and_command_line_errors_speak_vietnamese() {
    let help = String::from_utf8(tracuu(&["search", "--help"]).stdout).unwrap();
    assert!(
        help.contains("Cách dùng:") && help.contains("Tùy chọn:"),
        "{help}"
    );
    assert!(help.contains("Số kết quả tối đa"), "{help}");
    let bad = tracuu(&["search", "x", "--limit", "abc"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert_eq!(
        err,
        "tracuu: giá trị không hợp lệ cho --limit <LIMIT>; xem tracuu --help.\n"
    );
}
