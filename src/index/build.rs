//! Builds an index from a corpus folder into a new generation, then publishes it.
//!
//! Files are read in parallel batches; each document goes to the document store as soon as
//! it is read, and only its head and what it cites stay in memory. A second pass feeds the
//! stored documents to tantivy, whose writer indexes on every core. On a folder indexed
//! before, only new and changed files are read, and only their paragraphs (and those whose
//! citations the registry now completes differently) are indexed again.

use super::bounds::{BOUNDS_FILE, BlockBounds};
use super::cards::{NUMBERS_FILE, NumberIndex};
use super::catalog::{CATALOG_FILE, Catalog, Head};
use super::changes::{self, Change, RECORDS_FILE, Record, Stamp};
use super::cited::{CITED_FILE, TableWriter};
use super::dictionary::{Dictionary, TRAINING_DOCUMENTS};
use super::docstore::{self, ChunkWriter, DocStore, Packed};
use super::facets::{FACETS_FILE, FacetTable};
use super::merges::{BoundedMerges, merge_bound, tail_merges};
use super::paragraph_codes::ParagraphCodes;
use super::ranking;
use super::record::{self, Entry};
use super::rescore::{Columns, RUNS_FILE, Runs, TITLES_FILE, Titles};
use super::schema::{Fields, fields_of, schema};
use super::search::ABBREVIATIONS_FILE;
use super::store::{
    FORMAT, IndexDir, Manifest, Serialized, load_items, load_json, now_secs, save_compact,
    save_items, save_json,
};
use crate::codes::{CitedDocument, Citing, Located, Registry, Relation, citations_of};
use crate::ingest::{self, Document, Metadata, Skipped};
use crate::text::abbrev::{Abbreviations, defined_in};
use crate::text::{analyzer, fold};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

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
    /// Bytes of the corpus files indexed.
    pub bytes: u64,
    /// Wall-clock seconds, end to end.
    pub seconds: f64,
    /// Files not indexed, with their reason.
    pub skipped: Vec<Skipped>,
    /// Whether the build started from the generation before (false for a first or `--full` build).
    pub incremental: bool,
    /// Files read: new and changed ones (every file when not incremental).
    pub read: usize,
    /// Documents kept from the generation before without reading their file.
    pub kept: usize,
    /// Documents of the generation before whose file is gone.
    pub removed: usize,
}

/// How to build.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Read every file again instead of only new and changed ones.
    pub full: bool,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

/// The most a store's dictionary is trained on, as a share of the files read: one in four.
const TRAINING_SHARE: usize = 4;

/// Files read at once: enough to keep every core busy on files of uneven size, few enough
/// that their documents hold tens of megabytes, not the corpus.
const BATCH: usize = 256;

/// Memory the tantivy writer may use before it writes a segment, shared by its threads:
/// 100 MB keeps the build of the 193 MB real corpus under 600 MB (200 MB peaked at 944 MB,
/// the merges at the end mapping the new segments on top) at no measurable cost in time.
const WRITER_BUDGET: usize = 100_000_000;

/// The generation a build starts from.
struct Previous {
    generation: PathBuf,
    catalog: Catalog,
    records: Vec<Option<Record>>,
}

impl Previous {
    /// The published generation, if it was built from `input` in this tracuu's format.
    fn open(dir: &IndexDir, input: &Path) -> Option<Previous> {
        let generation = dir.current()?;
        let manifest: Manifest = load_json(&generation.join("manifest.json")).ok()?;
        if manifest.check_format().is_err() || manifest.input != input {
            return None;
        }
        let (catalog, records) = rayon::join(
            || Catalog::load(&generation.join(CATALOG_FILE)),
            || load_items(&generation.join(RECORDS_FILE)),
        );
        Some(Previous {
            catalog: catalog.ok()?,
            records: records.ok()?,
            generation,
        })
    }
}

/// The catalog and records being built, by ord.
#[derive(Default)]
struct Built {
    catalog: Catalog,
    records: Vec<Option<Record>>,
}

/// One file read: its document compressed for the store, its head and its record.
struct Fresh {
    head: Head,
    packed: Packed,
    record: Record,
}

/// Reads `input`, builds a new generation in `dir` and publishes it: incrementally from the
/// generation before when there is one built from the same folder, unless `options.full`.
pub fn build(input: &Path, dir: &IndexDir, options: BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let built_at = now_secs();
    anyhow::ensure!(
        input.is_dir(),
        "Không có thư mục kho văn bản {}: hãy chỉ thư mục bằng --input.",
        input.display()
    );
    let input = input.canonicalize()?;
    let (files, mut skipped) = ingest::list_files(&input);
    let mut previous = if options.full {
        None
    } else {
        Previous::open(dir, &input)
    };
    let generation = dir.new_generation()?;
    let (mut built, to_read, removed) = carry_over(&input, &files, previous.as_mut(), &generation)?;
    let kept = built.catalog.heads.iter().flatten().count();
    let first_new = built.catalog.heads.len();
    read_files(
        &input,
        &to_read,
        &generation,
        &mut built,
        &mut skipped,
        options.progress,
    )?;
    let (to_index, codes, cited) = cite(&generation, &mut built, first_new)?;
    let bytes = built.records.iter().flatten().map(|r| r.stamp.size).sum();
    let records = std::mem::take(&mut built.records);
    let store = DocStore::open_unmapped(&generation, &built.catalog.chunks)?;
    std::thread::scope(|s| {
        let saving = s.spawn(|| save_and_let_go(&generation.join(RECORDS_FILE), records));
        write_tantivy(
            &generation.join("tantivy"),
            previous.as_ref().map(|p| p.generation.join("tantivy")),
            &store,
            &built.catalog,
            &to_index,
            &codes,
        )?;
        joined(saving)
    })?;
    save_runs_and_bounds(
        &generation,
        previous.as_ref().map(|p| p.generation.as_path()),
    )?;
    save_catalog(&generation, &built.catalog)?;
    save_json(
        &generation.join("manifest.json"),
        &Manifest {
            format: FORMAT,
            input,
            built_at,
        },
    )?;
    dir.publish(&generation)?;
    let heads = || built.catalog.heads.iter().flatten();
    Ok(BuildReport {
        documents: heads().count(),
        paragraphs: heads().map(|h| h.paragraphs).sum(),
        citations: cited.citations,
        cited_documents: cited.documents,
        relations: cited.relations,
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        skipped,
        incremental: previous.is_some(),
        read: to_read.len(),
        kept,
        removed,
    })
}

/// Saves the catalog and the tables a search reads of every head (titles, facets,
/// numbers), worked out here so that opening the index decodes no head.
fn save_catalog(generation: &Path, catalog: &Catalog) -> Result<()> {
    let slots = || catalog.heads.iter().map(Option::as_ref);
    let unknown = Metadata::default();
    let facets = FacetTable::new(slots().map(|h| h.map_or(&unknown, |h| &h.meta)));
    save_compact(&generation.join(FACETS_FILE), &facets)?;
    save_compact(&generation.join(NUMBERS_FILE), &NumberIndex::of(slots()))?;
    save_compact(&generation.join(TITLES_FILE), &Titles::of(slots()))?;
    catalog.save(&generation.join(CATALOG_FILE))
}

/// Saves the runs of each document's paragraphs in every segment of the index just
/// written, so that opening it does not read every paragraph's document position, and the
/// block bounds of the common terms of the text fields, copied from `previous` for the
/// segments it kept.
fn save_runs_and_bounds(generation: &Path, previous: Option<&Path>) -> Result<()> {
    let index = Index::open_in_dir(generation.join("tantivy"))?;
    let searcher = index.reader()?.searcher();
    let fields = fields_of(&index.schema())?;
    let columns = Columns::of(&searcher, &fields)?;
    Runs::write(&searcher, &columns, &generation.join(RUNS_FILE))?;
    drop((columns, searcher));
    let kept = previous.map(|p| p.join(BOUNDS_FILE));
    let text = [fields.body, fields.pairs];
    BlockBounds::write(
        &index,
        &text,
        kept.as_deref(),
        &generation.join(BOUNDS_FILE),
    )
}

/// What the registry of a build holds, for its report.
#[derive(Default)]
struct CitedSummary {
    citations: usize,
    documents: usize,
    relations: BTreeMap<Relation, usize>,
}

impl CitedSummary {
    fn add(&mut self, d: &CitedDocument) {
        self.documents += 1;
        self.citations += d.mentions.len();
        for m in &d.mentions {
            *self.relations.entry(m.relation).or_default() += 1;
        }
    }
}

/// Groups the citations of every document into the registry and writes its table of cited
/// documents as they come, with the abbreviations the documents define; returns the ords
/// to index, the code keys of every paragraph, and what the registry holds. The registry
/// is never held whole: on a gigabyte of documents it took hundreds of megabytes.
fn cite(
    generation: &Path,
    built: &mut Built,
    first_new: usize,
) -> Result<(Vec<usize>, ParagraphCodes, CitedSummary)> {
    let ords: HashMap<&str, u32> = (0u32..)
        .zip(&built.catalog.heads)
        .filter_map(|(ord, h)| Some((h.as_ref()?.doc_id.as_str(), ord)))
        .collect();
    let ord_of = |id: &str| ords.get(id).copied();
    let (mut table, mut codes) = (TableWriter::default(), ParagraphCodes::default());
    let mut summary = CitedSummary::default();
    let citations = take_citations(&mut built.records)?;
    Registry::each_cited(&citing(built, &citations), |d| {
        summary.add(&d);
        codes.add(&d, ord_of);
        table.push(d, ord_of).map(|_| ())
    })?;
    table.write(&generation.join(CITED_FILE))?;
    put_citations(&mut built.records, citations)?;
    codes.sort();
    drop(ords);
    let to_index = recode(built, &codes, first_new);
    save_json(&generation.join(ABBREVIATIONS_FILE), &abbreviations(built))?;
    Ok((to_index, codes, summary))
}

/// Every record's citations, decoded, by ord; the records let their serialized bytes go
/// meanwhile ([`Serialized::take`]).
fn take_citations(records: &mut [Option<Record>]) -> Result<Vec<Vec<Located>>> {
    records
        .par_iter_mut()
        .map(|r| r.as_mut().map_or(Ok(Vec::new()), |r| r.citations.take()))
        .collect()
}

/// Gives the records their citations back, serialized, for the next build.
fn put_citations(records: &mut [Option<Record>], citations: Vec<Vec<Located>>) -> Result<()> {
    let pairs = records.par_iter_mut().zip(&citations);
    pairs.try_for_each(|(r, c)| r.as_mut().map_or(Ok(()), |r| r.citations.put(c)))
}

/// Saves the records of a build on their own thread, while tantivy's writer starts, then
/// lets them go and gives their memory back.
fn save_and_let_go(path: &Path, records: Vec<Option<Record>>) -> Result<()> {
    save_items(path, &records)?;
    drop(records);
    give_back_freed_memory();
    Ok(())
}

/// The result of a build step run on a thread of its own.
fn joined(step: std::thread::ScopedJoinHandle<'_, Result<()>>) -> Result<()> {
    step.join()
        .unwrap_or_else(|_| Err(anyhow::anyhow!("một bước lập chỉ mục bị dừng đột ngột")))
}

/// Returns the memory freed so far (the registry, the records) to the system as tantivy's
/// writer starts. glibc keeps what the reading and registry threads freed in their
/// arenas, where the writer does not reuse it: on 100 MB of documents the build held 30-40
/// MB more through the whole writing phase, on a gigabyte hundreds.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_freed_memory() {
    // SAFETY: malloc_trim only walks the allocator's own free lists; it touches no memory
    // this program holds.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators return freed memory on their own.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_freed_memory() {}

/// Keeps the documents of the generation before whose file has not changed (their places,
/// heads, records and store chunks); returns the files to read and how many documents of
/// the generation before lost their file.
fn carry_over(
    input: &Path,
    files: &[PathBuf],
    previous: Option<&mut Previous>,
    generation: &Path,
) -> Result<(Built, Vec<PathBuf>, usize)> {
    let Some(previous) = previous else {
        return Ok((Built::default(), files.to_vec(), 0));
    };
    let named = previous.catalog.heads.iter().enumerate();
    let recorded = changes::by_file(
        &previous.records,
        named.filter_map(|(ord, h)| Some((ord, h.as_ref()?.file.as_str()))),
    );
    let decisions: Vec<Change> = files
        .par_iter()
        .map(|path| {
            let name = ingest::relative_name(input, path);
            changes::classify(path, recorded.get(name.as_str()).copied())
        })
        .collect();
    let slots = previous.catalog.heads.len();
    let mut built = Built {
        catalog: Catalog {
            chunks: previous.catalog.chunks.clone(),
            heads: vec![None; slots],
        },
        records: vec![None; slots],
    };
    for name in &built.catalog.chunks {
        docstore::carry_over(&previous.generation, generation, name)?;
    }
    let listed: HashSet<String> = files
        .iter()
        .map(|path| ingest::relative_name(input, path))
        .collect();
    let removed = recorded.keys().filter(|f| !listed.contains(**f)).count();
    let mut to_read = Vec::new();
    for (path, decision) in files.iter().zip(decisions) {
        match decision {
            Change::Keep(ord, stamp) => {
                built.catalog.heads[ord] = previous.catalog.heads[ord].take();
                built.records[ord] = previous.records[ord].take().map(|r| Record { stamp, ..r });
            }
            Change::Read => to_read.push(path.clone()),
        }
    }
    Ok((built, to_read, removed))
}

/// Reads files in parallel batches into a new chunk of the store, adding their heads and
/// records at new places. The chunk's dictionary is trained on the first files, read
/// first, while the batch after them is read; then they and every later batch are stored.
fn read_files(
    input: &Path,
    files: &[PathBuf],
    generation: &Path,
    built: &mut Built,
    skipped: &mut Vec<Skipped>,
    progress: bool,
) -> Result<()> {
    let name = docstore::chunk_name(generation);
    let (first, rest) = files.split_at(training_files(files.len()));
    let bar = progress_bar(files.len() as u64, progress);
    let first_read = read_batch(input, first);
    let mut batches = rest.chunks(BATCH);
    let docs = first_read.iter().filter_map(|r| r.as_ref().ok());
    let (dictionary, second) = rayon::join(
        || docstore::train(docs.map(|(r, _)| &r.doc)),
        || batches.next().map(|b| (b, read_batch(input, b))),
    );
    let chunk = built.catalog.chunks.len() as u32;
    let mut writer = ChunkWriter::create(&generation.join(&name), chunk, dictionary)?;
    built.catalog.chunks.push(name);
    let read = std::iter::once((first, first_read))
        .chain(second)
        .chain(batches.map(|b| (b, read_batch(input, b))));
    for (batch, read) in read {
        bar.inc(batch.len() as u64);
        let dictionary = writer.dictionary();
        let fresh: Vec<_> = read
            .into_par_iter()
            .map(|r| r.and_then(|(doc, note)| Ok((doc.fresh(input, dictionary)?, note))))
            .collect();
        for result in fresh {
            match result {
                Ok((mut fresh, note)) => {
                    fresh.head.at = writer.append(&fresh.packed)?;
                    built.catalog.heads.push(Some(fresh.head));
                    built.records.push(Some(fresh.record));
                    skipped.extend(note);
                }
                Err(skip) => skipped.push(skip),
            }
        }
    }
    bar.finish_and_clear();
    writer.finish()
}

/// How many of `files` files the store's dictionary is trained on: a quarter, and at most
/// [`TRAINING_DOCUMENTS`]. Training takes about a second per thousand documents on one
/// core; on a large corpus the next batch is read meanwhile, but a corpus of a single
/// batch has nothing to read meanwhile, and training on all of it would make its build a
/// third slower.
fn training_files(files: usize) -> usize {
    (files / TRAINING_SHARE).min(TRAINING_DOCUMENTS)
}

/// The files of a batch read in parallel, in order.
fn read_batch(
    input: &Path,
    batch: &[PathBuf],
) -> Vec<Result<(ReadFile, Option<Skipped>), Skipped>> {
    batch.par_iter().map(|path| read_one(input, path)).collect()
}

/// One file read, not yet stored.
struct ReadFile {
    path: PathBuf,
    stamp: Stamp,
    doc: Document,
}

/// Reads the file at `path` and stamps it, with a note when it was read only in part.
fn read_one(input: &Path, path: &Path) -> Result<(ReadFile, Option<Skipped>), Skipped> {
    let stamp =
        changes::stamp(path).map_err(|e| skipped(input, path, format!("không đọc được: {e:#}")))?;
    let (doc, note) = ingest::read_file(input, path)?;
    let read = ReadFile {
        path: path.to_owned(),
        stamp,
        doc,
    };
    Ok((read, note))
}

impl ReadFile {
    /// The document compressed with the chunk's `dictionary`, its head and its record.
    fn fresh(self, input: &Path, dictionary: Option<&Dictionary>) -> Result<Fresh, Skipped> {
        let (doc, path) = (&self.doc, &self.path);
        let unstored = |e: anyhow::Error| skipped(input, path, format!("không lưu được: {e:#}"));
        let packed = Packed::of(doc, dictionary).map_err(unstored)?;
        let citations = Serialized::of(&citations_of(doc)).map_err(unstored)?;
        Ok(Fresh {
            head: Head::of(doc, docstore::Location::default()),
            packed,
            record: Record {
                stamp: self.stamp,
                citations,
                defines: defines(doc),
                codes: 0,
            },
        })
    }
}

/// A file left out of the index, and why.
fn skipped(input: &Path, path: &Path, reason: String) -> Skipped {
    Skipped {
        file: ingest::relative_name(input, path),
        reason,
    }
}

/// The abbreviations a document defines (`Mặt trận Tổ quốc (MTTQ)`).
fn defines(doc: &Document) -> Vec<(String, String)> {
    let texts = doc.paragraphs.iter().map(|p| p.text.as_str());
    texts
        .filter(|t| t.contains('('))
        .flat_map(defined_in)
        .collect()
}

/// Every document with the citations its record holds, in file order: what the registry
/// is made from. `citations` are those of the records, decoded, by ord.
fn citing<'a>(built: &'a Built, citations: &'a [Vec<Located>]) -> Vec<Citing<'a>> {
    let read = built.records.iter().map(Option::is_some);
    let mut citing: Vec<Citing> = built
        .catalog
        .heads
        .iter()
        .zip(read.zip(citations))
        .filter_map(|(head, (read, citations))| {
            let h = head.as_ref().filter(|_| read)?;
            Some(Citing {
                doc_id: &h.doc_id,
                file: &h.file,
                meta: &h.meta,
                citations,
            })
        })
        .collect();
    citing.sort_by_key(|c| c.file);
    citing
}

/// Records each document's code fingerprint and returns the ords to index: those read now
/// and those kept whose code keys changed.
fn recode(built: &mut Built, codes: &ParagraphCodes, first_new: usize) -> Vec<usize> {
    let heads = built.catalog.heads.par_iter();
    heads
        .zip(built.records.par_iter_mut())
        .enumerate()
        .filter_map(|(ord, (head, record))| {
            let record = record.as_mut().filter(|_| head.is_some())?;
            let print = codes.of(ord).fingerprint();
            let changed = ord >= first_new || record.codes != print;
            record.codes = print;
            changed.then_some(ord)
        })
        .collect()
}

/// Every abbreviation the documents define.
fn abbreviations(built: &Built) -> Abbreviations {
    let mut table = Abbreviations::default();
    for (short, long) in built.records.iter().flatten().flat_map(|r| &r.defines) {
        table.add(short, long);
    }
    table
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

/// Writes the paragraphs of the documents at `to_index` into the tantivy index at `path`:
/// a new index, or the one of the generation before (`previous`) with the paragraphs of
/// removed, changed and re-coded documents deleted first.
fn write_tantivy(
    path: &Path,
    previous: Option<PathBuf>,
    store: &DocStore,
    catalog: &Catalog,
    to_index: &[usize],
    codes: &ParagraphCodes,
) -> Result<()> {
    std::fs::create_dir_all(path)?;
    let (schema, fields) = schema();
    let index = match &previous {
        Some(old) => {
            link_index(old, path)?;
            Index::open_in_dir(path)
                .context("chỉ mục trước bị hỏng: hãy chạy tracuu index --full")?
        }
        None => Index::builder()
            .schema(schema)
            .create_in_dir(path)
            .context("không tạo được chỉ mục")?,
    };
    analyzer::register(&index);
    let mut writer: IndexWriter = index.writer(WRITER_BUDGET)?;
    let added = to_index.iter().flat_map(|&ord| &catalog.heads[ord]);
    let added = added.map(|h| h.paragraphs as u64).sum();
    let bound = merge_bound(previous.is_some(), added);
    writer.set_merge_policy(Box::new(BoundedMerges::new(bound)));
    if previous.is_some() {
        let live: HashSet<usize> = to_index.iter().copied().collect();
        for ord in 0..catalog.heads.len() {
            let gone = catalog.heads[ord].is_none() || live.contains(&ord);
            if gone {
                writer.delete_term(Term::from_field_u64(fields.doc_ord, ord as u64));
            }
        }
    }
    for batch in to_index.chunks(BATCH) {
        let docs: Vec<Vec<TantivyDocument>> = batch
            .par_iter()
            .map(|&ord| entries_of(store, catalog, ord, &fields, codes))
            .collect::<Result<_>>()?;
        for t in docs.into_iter().flatten() {
            writer.add_document(t)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    merge_tail(&index, bound)
}

/// Memory of the writer that only merges: the least tantivy takes for one indexing thread,
/// which merging never fills.
const MERGING_BUDGET: usize = 15_000_000;

/// Merges the small segments the writer's policy left (see [`tail_merges`]), one merge per
/// core at once.
fn merge_tail(index: &Index, bound: u32) -> Result<()> {
    // The segments' metas are let go at once: tantivy keeps the files of every meta alive.
    let merges = tail_merges(
        &index.searchable_segment_metas()?,
        bound,
        rayon::current_num_threads(),
    );
    if merges.is_empty() {
        return Ok(());
    }
    let mut writer: IndexWriter = index.writer_with_num_threads(1, MERGING_BUDGET)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let running: Vec<_> = merges.iter().map(|ids| writer.merge(ids)).collect();
    for merge in running {
        merge.wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(())
}

/// Links the files of a tantivy index into an empty folder: segments are never changed
/// once written, and tantivy replaces its meta files by renaming, so the old index stays
/// intact. Lock files are left behind.
fn link_index(from: &Path, to: &Path) -> Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(".lock") {
            continue;
        }
        docstore::carry_over(from, to, &name.to_string_lossy())?;
    }
    Ok(())
}

/// The tantivy documents of the document at `ord`: one per paragraph and footnote.
fn entries_of(
    store: &DocStore,
    catalog: &Catalog,
    ord: usize,
    fields: &Fields,
    codes: &ParagraphCodes,
) -> Result<Vec<TantivyDocument>> {
    let Some(head) = &catalog.heads[ord] else {
        return Ok(Vec::new());
    };
    let blocks = store.texts(head.at)?;
    let keys = codes.of(ord);
    let filters = DocumentFilters::of(&head.meta);
    Ok(record::entries_in(&blocks)?
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let mut t = indexed(e, fields, &filters, keys.at(e.paragraph, e.footnote));
            t.add_u64(fields.doc_ord, ord as u64);
            t.add_u64(fields.entry, n as u64);
            t
        })
        .collect())
}

/// What every paragraph of a document is indexed with besides its own text, worked out
/// once per document instead of once per paragraph.
struct DocumentFilters<'m> {
    title: &'m str,
    /// The folded kind name.
    kind: Option<String>,
    /// The issuer and locality, as the issuer field analyses them.
    issuer: String,
    year: Option<i32>,
}

impl<'m> DocumentFilters<'m> {
    fn of(m: &'m Metadata) -> DocumentFilters<'m> {
        let issuer = m.issuer.as_ref().map(ToString::to_string);
        DocumentFilters {
            title: m.title.as_deref().unwrap_or_default(),
            kind: m.kind.map(|k| fold(k.name())),
            issuer: format!(
                "{} {}",
                issuer.unwrap_or_default(),
                m.locality.as_deref().unwrap_or_default()
            ),
            year: m.year,
        }
    }
}

/// The tantivy document of a paragraph or footnote: its text in both analysed fields, its
/// codes, and the fields of its document that filter.
fn indexed<'k>(
    e: &Entry,
    f: &Fields,
    d: &DocumentFilters,
    codes: impl Iterator<Item = &'k str>,
) -> TantivyDocument {
    let mut t = TantivyDocument::default();
    let context = format!("{} {}", e.section, d.title);
    t.add_text(f.body, &e.text);
    t.add_text(f.body, &context);
    t.add_text(f.pairs, &e.text);
    t.add_text(f.pairs, context);
    for key in codes {
        t.add_text(f.codes, key);
    }
    if let Some(kind) = &d.kind {
        t.add_text(f.kind, kind);
    }
    t.add_text(f.issuer, &d.issuer);
    if let Some(year) = d.year {
        t.add_u64(f.year, year as u64);
    }
    t.add_u64(f.weight, ranking::weight(&e.text));
    t
}

#[cfg(test)]
mod tests {
    use super::super::segment_file::SEGMENT_ID;
    use super::*;

    /// The segments whose files are in the tantivy folder `dir`, by id.
    fn segments_on_disk(dir: &Path) -> HashSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|entry| {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                let (id, _) = name.split_once('.')?;
                (id.len() == SEGMENT_ID).then(|| id.to_owned())
            })
            .collect()
    }

    #[test]
    fn the_last_merges_leave_no_file_of_the_segments_they_merged() {
        let dir = tempfile::tempdir().unwrap();
        let (schema, fields) = schema();
        let index = Index::builder()
            .schema(schema)
            .create_in_dir(dir.path())
            .unwrap();
        analyzer::register(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, MERGING_BUDGET).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for ord in 0..6 {
            let mut paragraph = TantivyDocument::default();
            paragraph.add_text(fields.body, "nghị quyết về chuyển đổi số");
            paragraph.add_u64(fields.doc_ord, ord);
            writer.add_document(paragraph).unwrap();
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        merge_tail(&index, 100).unwrap();
        let merged: HashSet<String> = index
            .searchable_segment_metas()
            .unwrap()
            .iter()
            .map(|meta| meta.id().uuid_string())
            .collect();
        assert!(merged.len() < 6, "{merged:?}");
        assert_eq!(segments_on_disk(dir.path()), merged);
    }
}
