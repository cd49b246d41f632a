//! Real documents from the development corpus (`tests/fixtures/real`, sources in its README):
//! every content line of each reaches a paragraph, a footnote, a metadata field or the
//! `dropped` list, and the layouts the seeds never show are read.

use serde_json::Value;
use std::path::{Path, PathBuf};
use tracuu::ingest::{self, Document, DropReason, Role};
use tracuu::text::canonical_tones;
use tracuu::views::DocumentView;

const FIXTURES: &str = "tests/fixtures/real";

/// Shortest line, in letters and digits, that the check counts: shorter lines (`|`, `*`,
/// a lone page number) carry no words to lose.
const MIN_LINE: usize = 20;
/// Length of the pieces a line is cut into; each must occur in the document's output.
const PIECE: usize = 12;

fn read(name: &str) -> Document {
    let root = Path::new(FIXTURES);
    ingest::read_file(root, &root.join(name))
        .expect("fixture reads")
        .0
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    files
}

/// Lower case, one tone style, letters and digits only: how a line and the output are compared.
fn normal(text: &str) -> String {
    canonical_tones(&text.to_lowercase())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn strings<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Pieces of a line the output may miss: a list's label (`Kính gửi:`) is structure, not text.
const MISSABLE_PIECES: usize = 1;

/// The source lines whose pieces the output misses, beyond [`MISSABLE_PIECES`].
fn lost_lines(source: &str, doc: &Document) -> Vec<String> {
    let json = serde_json::to_value(DocumentView::of(doc)).unwrap();
    let mut all = Vec::new();
    strings(&json, &mut all);
    let output = normal(&all.join(" "));
    source
        .lines()
        .filter(|line| {
            let chars: Vec<char> = normal(line).chars().collect();
            chars.len() >= MIN_LINE
                && chars
                    .chunks(PIECE)
                    .filter(|c| c.len() == PIECE)
                    .filter(|piece| !output.contains(&piece.iter().collect::<String>()))
                    .count()
                    > MISSABLE_PIECES
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn no_line_of_a_real_document_is_lost() {
    for path in fixtures() {
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let lost = lost_lines(&source, &read(name));
        assert!(
            lost.is_empty(),
            "{name} loses {} lines: {lost:#?}",
            lost.len()
        );
    }
}

#[test]
fn what_is_dropped_is_only_chrome_borders_rules_and_mottos() {
    for path in fixtures() {
        let doc = read(path.file_name().unwrap().to_str().unwrap());
        for d in &doc.dropped {
            let words = normal(&d.line).chars().count();
            let chrome_or_panel =
                matches!(d.reason, DropReason::SiteChrome | DropReason::PortalPanel);
            assert!(
                words < MIN_LINE || chrome_or_panel || d.reason == DropReason::Motto,
                "{}: {:?} dropped as {:?}",
                doc.file,
                d.line,
                d.reason
            );
        }
        assert!(
            doc.paragraphs
                .iter()
                .all(|p| !p.text.trim_matches(['|', ' ']).is_empty()),
            "{}: an empty or `|` paragraph",
            doc.file
        );
    }
}

/// A letter from a legal portal: the panel fills the metadata, `Kính gửi:` is a header list,
/// the body after it is paragraphs.
#[test]
fn a_letter_keeps_its_body_and_its_addressees() {
    let doc = read("a8b680520cc297f0.md");
    assert!(!doc.addressees.is_empty());
    assert!(doc.paragraphs.len() >= 5, "{}", doc.paragraphs.len());
    assert!(
        doc.dropped
            .iter()
            .any(|d| d.reason == DropReason::PortalPanel)
    );
    assert!(doc.meta.number.is_some());
}

/// UBND tỉnh Đồng Tháp: the header written as table cells gives number, place, date and the
/// issuing body; the signature block under `TM.` / `KT.`; the appendix table row by row.
#[test]
fn a_header_and_signature_written_as_cells_are_read() {
    let doc = read("8718801c503045f9.md");
    let m = &doc.meta;
    assert_eq!(
        m.number.as_ref().map(|n| n.canonical()).as_deref(),
        Some("617/KH-UBND")
    );
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2025-12-01"));
    assert_eq!(m.place.as_deref(), Some("Đồng Tháp"));
    assert_eq!(
        m.issuer.as_ref().map(ToString::to_string).as_deref(),
        Some("UBND tỉnh Đồng Tháp")
    );
    assert_eq!(m.kind.map(|k| k.name()), Some("Kế hoạch"));
    let signer = m.signer.as_ref().unwrap();
    assert_eq!(signer.name.as_deref(), Some("Huỳnh Minh Tuấn"));
    assert_eq!(signer.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
    let points = doc
        .paragraphs
        .iter()
        .filter(|p| p.section.contains("1. Mục đích > "))
        .count();
    assert!(points >= 2, "the points a), b) are paragraphs of their own");
}

/// A decision with its Quy chế: chapters and articles become section paths.
#[test]
fn legal_divisions_become_section_paths() {
    let doc = read("ce4ad96dbd9a518d.md");
    assert!(
        doc.paragraphs
            .iter()
            .any(|p| p.section.starts_with("Chương I") && p.section.contains("Điều 1.")),
        "{:#?}",
        doc.paragraphs
            .iter()
            .map(|p| &p.section)
            .collect::<Vec<_>>()
    );
    assert!(
        doc.paragraphs.iter().all(|p| !p.text.contains(" Điều 2.")),
        "an article glued to a paragraph"
    );
}

/// The `[1]` notes at the foot of a report are footnotes, linked from their paragraphs.
#[test]
fn bracketed_footnotes_are_linked() {
    let doc = read("f0a3d9f100d0791b.md");
    assert_eq!(doc.footnotes.len(), 5);
    assert!(doc.footnotes.iter().all(|f| f.paragraph.is_some()));
    let linked = doc
        .paragraphs
        .iter()
        .find(|p| p.footnotes.contains(&1))
        .unwrap();
    assert!(linked.text.contains("đào tạo[1]"), "{}", linked.text);
}

/// Encyclopedia tables: one paragraph per row, each cell after its column label.
#[test]
fn table_rows_carry_their_labels() {
    let doc = read("0d4b8f62840823e1.md");
    let rows: Vec<_> = doc.paragraphs.iter().filter(|p| p.row.is_some()).collect();
    assert!(rows.len() >= 10, "{}", rows.len());
    assert!(rows.iter().all(|p| !p.text.contains('|')));
}

/// A news page with one paragraph per line: paragraphs split at each line, photo captions
/// kept as captions.
#[test]
fn a_news_page_splits_at_each_line_and_keeps_captions() {
    let doc = read("aba2172f2c7f8a72.md");
    assert!(doc.paragraphs.len() >= 6, "{}", doc.paragraphs.len());
    assert!(
        doc.paragraphs
            .iter()
            .any(|p| p.role == Role::Caption && p.text.ends_with("Ảnh: Hải Quân"))
    );
}
