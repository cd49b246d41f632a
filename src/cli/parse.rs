//! `tracuu parse FILE...`: how tracuu reads files, without indexing.

use crate::ingest::{self, Document, Source};
use crate::views::DocumentView;
use anyhow::{Result, bail};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Reads each file and prints what tracuu makes of it.
pub fn run(files: &[PathBuf], json: bool) -> Result<()> {
    let mut documents = Vec::new();
    for path in files {
        let root = path.parent().unwrap_or(Path::new(""));
        match ingest::read_file(root, path) {
            Ok((doc, note)) => {
                if let Some(note) = note {
                    eprintln!("tracuu: {}: {}", note.file, note.reason);
                }
                documents.push(doc);
            }
            Err(skip) => bail!("{}: {}", path.display(), skip.reason),
        }
    }
    if json {
        let views: Vec<DocumentView> = documents.iter().map(DocumentView::of).collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({ "documents": views }))?;
        super::emit(&format!("{text}\n"))
    } else {
        let text = documents
            .iter()
            .map(document_text)
            .collect::<Result<String>>()?;
        super::emit(&text)
    }
}

/// `docx, tcvn3`: the format and encoding by their JSON names.
fn source_name(source: &Source) -> String {
    let name = |value: serde_json::Result<serde_json::Value>| {
        value
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    format!(
        "{}, {}",
        name(serde_json::to_value(source.format)),
        name(serde_json::to_value(source.encoding))
    )
}

fn field(out: &mut String, name: &str, value: Option<String>) -> std::fmt::Result {
    writeln!(out, "{name:>16}: {}", value.unwrap_or_else(|| "—".into()))
}

/// A document as text for people: metadata, then paragraphs under their sections.
pub fn document_text(doc: &Document) -> Result<String> {
    let mut out = String::new();
    write_document(&mut out, doc)?;
    Ok(out)
}

fn write_document(out: &mut String, doc: &Document) -> std::fmt::Result {
    let m = &doc.meta;
    writeln!(out, "{}", crate::views::document_name(m, &doc.file))?;
    field(out, "tệp", Some(doc.file.clone()))?;
    field(out, "loại", m.kind.map(|k| k.name().to_owned()))?;
    field(out, "tiêu đề", m.title.clone())?;
    field(
        out,
        "cơ quan ban hành",
        m.issuer.as_ref().map(ToString::to_string),
    )?;
    field(out, "địa bàn", m.locality.clone())?;
    field(
        out,
        "ngày",
        m.date.map(|d| d.shown()).or(m.year.map(|y| y.to_string())),
    )?;
    field(out, "số hiệu", m.number.as_ref().map(|n| n.canonical()))?;
    field(
        out,
        "người ký",
        m.signer.as_ref().and_then(|s| s.name.clone()),
    )?;
    if doc.source != Source::default() {
        field(out, "nguồn", Some(source_name(&doc.source)))?;
    }
    writeln!(out)?;
    let mut section = "";
    for p in &doc.paragraphs {
        if p.section != section {
            section = &p.section;
            writeln!(out, "  § {section}")?;
        }
        writeln!(out, "  [{}] {}", p.n, p.text)?;
    }
    for f in &doc.footnotes {
        writeln!(out, "  ({}) {}", f.n, f.text)?;
    }
    writeln!(out)
}
