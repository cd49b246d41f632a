//! `tracuu parse FILE...`: how tracuu reads files, without indexing.

use super::view::DocumentView;
use crate::ingest::{self, Document};
use anyhow::{Result, bail};
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
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "documents": views }))?);
    } else {
        documents.iter().for_each(print_document);
    }
    Ok(())
}

fn print_document(doc: &Document) {
    let m = &doc.meta;
    let field = |name: &str, value: Option<String>| println!("{name:>10}: {}", value.unwrap_or_else(|| "—".into()));
    println!("{}", doc.file);
    field("kind", m.kind.map(|k| k.name().to_owned()));
    field("title", m.title.clone());
    field("issuer", m.issuer.as_ref().map(ToString::to_string));
    field("locality", m.locality.clone());
    field("date", m.date.map(|d| d.to_string()).or(m.year.map(|y| y.to_string())));
    field("number", m.number.as_ref().map(|n| n.canonical()));
    field("signer", m.signer.as_ref().and_then(|s| s.name.clone()));
    println!();
    let mut section = "";
    for p in &doc.paragraphs {
        if p.section != section {
            section = &p.section;
            println!("  § {section}");
        }
        println!("  [{}] {}", p.n, p.text);
    }
    for f in &doc.footnotes {
        println!("  ({}) {}", f.n, f.text);
    }
    println!();
}
