//! One resolution written in every format and encoding a Party office has (see
//! `fixtures/formats/make.sh`) reads as the same document: paragraphs, metadata, footnotes
//! and citations.

use std::path::Path;
use tracuu::codes::citations_of;
use tracuu::ingest::encoding::Encoding;
use tracuu::ingest::{self, Document, Format};

const DIR: &str = "tests/fixtures/formats";

fn read(file: &str) -> Document {
    let (doc, note) = ingest::read_file(Path::new(DIR), &Path::new(DIR).join(file))
        .unwrap_or_else(|skip| panic!("{file}: {}", skip.reason));
    assert!(note.is_none(), "{file}: {note:?}");
    doc
}

/// What must not change with the format: metadata, paragraphs with their sections,
/// footnotes, recipients, citations.
fn essentials(doc: &Document) -> String {
    let m = &doc.meta;
    let mut out = format!(
        "{:?} | {:?} | {:?} | {:?} | {:?} | {:?}\n",
        m.kind,
        m.title,
        m.issuer.as_ref().map(ToString::to_string),
        m.date.map(|d| d.to_string()),
        m.number.as_ref().map(|n| n.canonical()),
        m.signer.as_ref().and_then(|s| s.name.clone()),
    );
    for p in &doc.paragraphs {
        out += &format!("[{}] {} | {}\n", p.n, p.section, p.text);
    }
    for f in &doc.footnotes {
        out += &format!("({}) {} -> {:?}\n", f.n, f.text, f.paragraph);
    }
    for r in &doc.recipients {
        out += &format!("→ {r}\n");
    }
    for c in citations_of(doc) {
        out += &format!("{} @{}\n", c.citation.code.canonical(), c.paragraph);
    }
    out
}

#[test]
fn the_markdown_original_reads_as_a_resolution() {
    let doc = read("resolution.md");
    let text = essentials(&doc);
    assert!(text.starts_with("Some(NghiQuyet)"), "{text}");
    assert!(text.contains("25-NQ/TU"), "{text}");
    assert!(text.contains("Hồ Văn Nam"), "{text}");
    assert!(text.contains("08-NQ/TU @"), "{text}");
    assert_eq!(doc.footnotes.len(), 1, "{text}");
}

fn same_as_markdown(file: &str, format: Format, encoding: Encoding) {
    let original = essentials(&read("resolution.md"));
    let doc = read(file);
    assert_eq!(essentials(&doc), original, "{file}");
    assert_eq!(
        (doc.source.format, doc.source.encoding),
        (format, encoding),
        "{file}"
    );
}

#[test]
fn plain_text_reads_the_same() {
    same_as_markdown("resolution.txt", Format::Text, Encoding::Utf8);
}

#[test]
fn each_legacy_encoding_is_found_and_reads_the_same() {
    for (name, encoding) in [
        ("tcvn3", Encoding::Tcvn3),
        ("vni", Encoding::Vni),
        ("viscii", Encoding::Viscii),
        ("vps", Encoding::Vps),
        ("windows-1258", Encoding::Windows1258),
    ] {
        same_as_markdown(&format!("resolution.{name}.txt"), Format::Text, encoding);
    }
}

#[test]
fn utf8_text_that_kept_vntime_code_points_is_converted() {
    same_as_markdown(
        "resolution.vntime-pasted.txt",
        Format::Text,
        Encoding::Tcvn3,
    );
}

#[test]
fn a_windows_1258_web_page_reads_the_same_without_its_menus() {
    same_as_markdown("resolution.html", Format::Html, Encoding::Windows1258);
}

#[test]
fn word_and_opendocument_read_the_same() {
    same_as_markdown("resolution.docx", Format::Docx, Encoding::Utf8);
    same_as_markdown("resolution.odt", Format::Odt, Encoding::Utf8);
}

#[test]
fn what_libreoffice_itself_writes_reads_the_same() {
    same_as_markdown("resolution.libreoffice.docx", Format::Docx, Encoding::Utf8);
    same_as_markdown("resolution.libreoffice.html", Format::Html, Encoding::Utf8);
}

#[test]
fn a_word_file_in_vntime_fonts_is_converted_and_its_capitals_restored() {
    same_as_markdown("resolution.vntime.docx", Format::Docx, Encoding::Tcvn3);
}

/// The footnote marker is told from the digits around it by its size, and so is the number
/// that opens the note at the page foot.
#[test]
fn a_pdf_with_letter_spaced_headings_reads_the_same() {
    same_as_markdown("resolution.pdf", Format::Pdf, Encoding::Utf8);
}

#[test]
fn nothing_in_the_folder_is_silent() {
    let corpus = ingest::read_corpus(Path::new(DIR));
    let reason = |file: &str| {
        corpus
            .skipped
            .iter()
            .find(|s| s.file == file)
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{file} not skipped: {:?}", corpus.skipped))
    };
    assert!(reason("scanned.pdf").starts_with("bản quét"));
    assert!(reason("make.py").starts_with("loại tệp không đọc được (.py)"));
    assert!(reason("make.sh").starts_with("loại tệp không đọc được (.sh)"));
    assert_eq!(corpus.skipped.len(), 3, "{:?}", corpus.skipped);
    assert_eq!(corpus.documents.len(), 15);
}
