//! Builds an index from a corpus folder: files read in parallel, paragraphs analysed and
//! written to a new generation, then swapped in atomically.

use super::ranking;
use super::schema::{Fields, schema};
use super::search::ABBREVIATIONS_FILE;
use super::store::{FORMAT, IndexDir, Manifest, now_secs, save_json};
use crate::codes::{Registry, Relation};
use crate::ingest::{self, Document, Skipped};
use crate::text::abbrev::{Abbreviations, defined_in};
use crate::text::{analyzer, fold};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;
use tantivy::{Index, IndexWriter, TantivyDocument};

/// What a build did, as `tracuu index --json` reports it.
#[derive(Debug, Serialize)]
pub struct BuildReport {
    /// Documents indexed.
    pub documents: usize,
    /// Paragraphs indexed (footnotes not counted).
    pub paragraphs: usize,
    /// Citations found.
    pub citations: usize,
    /// Distinct documents they name.
    pub cited_documents: usize,
    /// Citations per relation (`basis`, `implements`, ...).
    pub relations: BTreeMap<Relation, usize>,
    /// Bytes of corpus files read.
    pub bytes: u64,
    /// Wall-clock seconds, end to end.
    pub seconds: f64,
    /// Files not indexed, with their reason.
    pub skipped: Vec<Skipped>,
}

/// Code keys per (document, paragraph, footnote).
type CodesAt = HashMap<(String, usize, Option<u32>), Vec<String>>;

/// Reads `input`, builds a new generation in `dir` and publishes it.
pub fn build(input: &Path, dir: &IndexDir, progress: bool) -> Result<BuildReport> {
    let started = Instant::now();
    let built_at = now_secs();
    anyhow::ensure!(
        input.is_dir(),
        "corpus folder {} does not exist",
        input.display()
    );
    let (files, mut skipped) = ingest::list_files(input);
    let bar = progress_bar(files.len() as u64, progress);
    let read: Vec<_> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
            let result = ingest::read_file(input, path);
            bar.inc(1);
            (bytes, result)
        })
        .collect();
    bar.finish_and_clear();
    let mut documents = Vec::with_capacity(read.len());
    let mut bytes = 0;
    for (size, result) in read {
        match result {
            Ok((doc, note)) => {
                bytes += size;
                documents.push(doc);
                skipped.extend(note);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    let registry = Registry::build(&documents);
    let generation = dir.new_generation()?;
    write_tantivy(&generation.join("tantivy"), &documents, &registry)?;
    save_json(&generation.join("documents.json.zst"), &documents)?;
    save_json(&generation.join("registry.json.zst"), &registry)?;
    save_json(
        &generation.join(ABBREVIATIONS_FILE),
        &learn_abbreviations(&documents),
    )?;
    save_json(
        &generation.join("manifest.json"),
        &Manifest {
            format: FORMAT,
            input: input.canonicalize()?,
            built_at,
        },
    )?;
    dir.publish(&generation)?;
    Ok(BuildReport {
        documents: documents.len(),
        paragraphs: documents.iter().map(|d| d.paragraphs.len()).sum(),
        citations: registry.documents.iter().map(|d| d.mentions.len()).sum(),
        cited_documents: registry.documents.len(),
        relations: registry.relation_counts(),
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        skipped,
    })
}

fn progress_bar(len: u64, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style =
        ProgressStyle::with_template("{spinner} đang lập chỉ mục {pos}/{len} tệp [{bar:30}] {eta}")
            .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

fn write_tantivy(path: &Path, documents: &[Document], registry: &Registry) -> Result<()> {
    std::fs::create_dir_all(path)?;
    let (schema, fields) = schema();
    let index = Index::create_in_dir(path, schema).context("cannot create the index")?;
    analyzer::register(&index);
    let mut writer: IndexWriter = index.writer(200_000_000)?;
    let codes = codes_at(registry);
    for (ord, doc) in documents.iter().enumerate() {
        let paragraphs = doc.paragraphs.iter().map(|p| Entry {
            paragraph: p.n,
            footnote: None,
            text: &p.text,
            section: &p.section,
        });
        let footnotes = doc.footnotes.iter().map(|f| Entry {
            paragraph: f.paragraph.unwrap_or(0),
            footnote: Some(f.n),
            text: &f.text,
            section: "",
        });
        for e in paragraphs.chain(footnotes) {
            let keys = codes.get(&(doc.doc_id.clone(), e.paragraph, e.footnote));
            let mut t = e.document(&fields, doc, keys);
            t.add_u64(fields.doc_ord, ord as u64);
            writer.add_document(t)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Every code a paragraph cites: the complete key of the cited document (so `17-ĐA` is
/// found as `17-ĐA/TU`) and the partial key (so `17-ĐA` finds every `17-ĐA/...`).
fn codes_at(registry: &Registry) -> CodesAt {
    let mut at: CodesAt = HashMap::new();
    for cited in &registry.documents {
        for m in &cited.mentions {
            let keys = at
                .entry((m.doc_id.clone(), m.paragraph, m.footnote))
                .or_default();
            keys.push(cited.code.key());
            keys.push(cited.code.partial_key());
        }
    }
    at
}

/// The abbreviations the documents define (`Mặt trận Tổ quốc (MTTQ)`), learnt in parallel.
fn learn_abbreviations(documents: &[Document]) -> Abbreviations {
    documents
        .par_iter()
        .map(|doc| {
            let mut table = Abbreviations::default();
            let texts = doc.paragraphs.iter().map(|p| p.text.as_str());
            for text in texts.filter(|t| t.contains('(')) {
                for (short, long) in defined_in(text) {
                    table.add(&short, &long);
                }
            }
            table
        })
        .reduce(Abbreviations::default, |mut a, b| {
            a.merge(&b);
            a
        })
}

/// One indexed unit: a paragraph, or a footnote standing by the paragraph that points to it.
struct Entry<'a> {
    paragraph: usize,
    footnote: Option<u32>,
    text: &'a str,
    section: &'a str,
}

impl Entry<'_> {
    /// The tantivy document: the text in both analyzed forms, its codes, and the fields of
    /// its document that filter.
    fn document(&self, f: &Fields, doc: &Document, codes: Option<&Vec<String>>) -> TantivyDocument {
        let m = &doc.meta;
        let mut t = TantivyDocument::default();
        t.add_text(f.doc_id, &doc.doc_id);
        t.add_u64(f.paragraph, self.paragraph as u64);
        t.add_u64(f.footnote, u64::from(self.footnote.unwrap_or(0)));
        let context = format!(
            "{} {}",
            self.section,
            m.title.as_deref().unwrap_or_default()
        );
        t.add_text(f.body, self.text);
        t.add_text(f.body, context);
        for key in codes.into_iter().flatten() {
            t.add_text(f.codes, key);
        }
        if let Some(kind) = m.kind {
            t.add_text(f.kind, fold(kind.name()));
        }
        let issuer = m
            .issuer
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        t.add_text(
            f.issuer,
            format!("{issuer} {}", m.locality.as_deref().unwrap_or_default()),
        );
        if let Some(year) = m.year {
            t.add_u64(f.year, year as u64);
        }
        t.add_u64(f.weight, ranking::weight(self.text));
        t
    }
}
