//! Answers queries: the parsed query becomes a tantivy query, hits come back ranked with
//! their document, section and a highlighted snippet.

use super::cards::{self, Card, NumberIndex};
use super::facets::{FacetTable, Facets};
use super::highlight;
use super::plan::{self, Part, Plan};
use super::query::{ParsedQuery, QueryError, parse};
use super::ranking::{self, FULL_WEIGHT, TITLE_LIFT};
use super::schema::{Fields, fields_of};
use super::store::{IndexDir, Manifest, load_json};
use crate::codes::{CitedDocument, DocCode, Registry};
use crate::ingest::{Document, Kind};
use crate::text::abbrev::Abbreviations;
use crate::text::analyzer;
use anyhow::{Context, Result};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::path::PathBuf;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument};

/// Most hits one search returns.
pub const MAX_LIMIT: usize = 1000;

/// An opened index: the tantivy index, the documents and the cited-document registry.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    documents: Vec<Document>,
    facet_table: FacetTable,
    by_id: HashMap<String, usize>,
    registry: Registry,
    numbers: NumberIndex,
    abbreviations: Abbreviations,
    senses: plan::Senses,
    title_words: Vec<HashSet<String>>,
    manifest: Manifest,
    generation: PathBuf,
}

/// What to search for, with the filters of the CLI and the HTTP API.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query as typed.
    pub query: String,
    /// Most hits to return.
    pub limit: usize,
    /// Only this kind (`Nghị quyết`, `NQ`).
    pub kind: Option<String>,
    /// Only documents whose issuer or locality has these words.
    pub issuer: Option<String>,
    /// Only this year.
    pub year: Option<i32>,
}

/// The answer to a search.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// How many paragraphs match in all.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
    /// How the matches spread over kinds, issuers and years.
    pub facets: Facets,
    /// The words not required of the hits, as typed: question words (`nào`, `nói về`), and
    /// the words left out because no paragraph has every word.
    pub dropped_terms: Vec<String>,
    /// The documents the query's numbers name (`16-NQ/TU`, `nghị quyết 16`), or for a
    /// query of filters alone the documents they select; shown before the paragraphs.
    pub documents: Vec<Card>,
    /// For a query of filters alone, how many documents they select.
    pub documents_total: usize,
}

/// Most counting queries one search may run to find which words to leave out: a long
/// query that nothing matches leaves out its commonest words without counting after each.
const MAX_RELAX_COUNTS: usize = 32;

/// How many of the best matches the facet counts look at.
pub const FACET_WINDOW: usize = 1000;

/// One matching paragraph (or footnote) with its document.
#[derive(Debug, Serialize)]
pub struct Hit {
    pub file: String,
    pub doc_id: String,
    pub title: Option<String>,
    pub kind: Option<&'static str>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub section: String,
    pub paragraph: usize,
    pub footnote: Option<u32>,
    pub text: String,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
    pub score: f32,
    pub codes: Vec<String>,
}

impl SearchIndex {
    /// Opens the current generation of an index folder.
    pub fn open(dir: &IndexDir) -> Result<SearchIndex> {
        let generation = dir.current().context("no index has been built here yet")?;
        let manifest: Manifest = load_json(&generation.join("manifest.json"))?;
        manifest.check_format()?;
        let index =
            Index::open_in_dir(generation.join("tantivy")).context("the index is damaged")?;
        analyzer::register(&index);
        let fields = fields_of(&index.schema())?;
        let documents: Vec<Document> = load_json(&generation.join("documents.json.zst"))?;
        let by_id = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.doc_id.clone(), i))
            .collect();
        let facet_table = FacetTable::new(documents.iter().map(|d| &d.meta));
        let registry: Registry = load_json(&generation.join("registry.json.zst"))?;
        let mut abbreviations = Abbreviations::built_in();
        abbreviations.merge(&load_json(&generation.join(ABBREVIATIONS_FILE))?);
        Ok(SearchIndex {
            reader: index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?,
            fields,
            by_id,
            facet_table,
            numbers: NumberIndex::new(&registry, &documents),
            title_words: documents
                .iter()
                .map(|d| ranking::title_words(ranking::subject(&d.meta)))
                .collect(),
            documents,
            registry,
            senses: plan::Senses::of(&abbreviations),
            abbreviations,
            manifest,
            generation,
        })
    }

    /// The folder of the generation this index was opened from.
    pub fn generation(&self) -> &std::path::Path {
        &self.generation
    }

    /// What the index was built from.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Every document, in file order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// A document by id.
    pub fn document(&self, doc_id: &str) -> Option<&Document> {
        self.by_id.get(doc_id).map(|&i| &self.documents[i])
    }

    /// The cited documents a code names (every meaning of the number).
    pub fn refs(&self, code: &DocCode) -> Vec<&CitedDocument> {
        self.registry.lookup(code)
    }

    /// Every cited document of the corpus, for the map of links.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Corpus documents bearing a number.
    pub fn documents_numbered(&self, code: &DocCode) -> Vec<&Document> {
        self.documents
            .iter()
            .filter(|d| {
                d.meta
                    .number
                    .as_ref()
                    .is_some_and(|n| crate::codes::same_number(n, code))
            })
            .collect()
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = self.parsed(request)?;
        let limit = request.limit.clamp(1, MAX_LIMIT);
        if !parsed.is_searchable() {
            let (documents_total, documents) = cards::filtered(&self.documents, &parsed, limit);
            return Ok(SearchResults {
                query: request.query.clone(),
                total: 0,
                hits: Vec::new(),
                facets: Facets::default(),
                dropped_terms: Vec::new(),
                documents,
                documents_total,
            });
        }
        let cx = self.context();
        let parts = plan::parts(&cx, &parsed);
        let searcher = self.reader.searcher();
        let mut dropped = vec![false; parts.len()];
        let mut plan = Plan::new(&cx, &parsed, &parts, &dropped);
        let window = limit.max(FACET_WINDOW);
        let (mut top, mut total) = self.run(&searcher, &plan.query, window)?;
        if total == 0
            && let Some(relaxed) = self.relax(&searcher, &parsed, &parts)?
        {
            dropped = relaxed;
            plan = Plan::new(&cx, &parsed, &parts, &dropped);
            (top, total) = self.run(&searcher, &plan.query, window)?;
        }
        let lifted = self.rerank(&searcher, &mut top, limit, &required(&parts, &dropped));
        let facets = lifted
            .and_then(|()| self.facets(&searcher, &top))
            .map_err(SearchError::Index)?;
        let hits = top
            .into_iter()
            .take(limit)
            .filter_map(|(score, addr)| self.hit(&searcher, addr, score, &plan).transpose())
            .collect::<Result<Vec<_>>>()
            .map_err(SearchError::Index)?;
        Ok(SearchResults {
            query: request.query.clone(),
            total,
            hits,
            facets,
            dropped_terms: dropped_terms(&parts, &dropped),
            documents: cards::numbered(&self.numbers, &self.registry, &self.documents, &parsed),
            documents_total: 0,
        })
    }

    /// The query with the request's own filters applied over those typed in it.
    fn parsed(&self, request: &SearchRequest) -> Result<ParsedQuery, QueryError> {
        let filtered = request.kind.is_some() || request.year.is_some() || request.issuer.is_some();
        let mut parsed = match parse(&request.query) {
            Err(QueryError::Empty) if filtered => ParsedQuery::default(),
            other => other?,
        };
        if let Some(kind) = &request.kind {
            parsed.kind =
                Some(Kind::from_word(kind).ok_or_else(|| QueryError::UnknownKind(kind.clone()))?);
        }
        parsed.year = request.year.or(parsed.year);
        parsed.issuer = request.issuer.clone().or(parsed.issuer);
        Ok(parsed)
    }

    fn context(&self) -> plan::Context<'_> {
        plan::Context {
            fields: &self.fields,
            abbreviations: &self.abbreviations,
            senses: &self.senses,
            registry: &self.registry,
            numbers: &self.numbers,
        }
    }

    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        window: usize,
    ) -> Result<(Vec<(f32, DocAddress)>, usize), SearchError> {
        let top = TopDocs::with_limit(window).order_by_score();
        searcher
            .search(query, &(top, Count))
            .map_err(|e| SearchError::Index(e.into()))
    }

    /// When no paragraph has every part of the query, the parts to leave out: first those
    /// no paragraph has at all, then the commonest (they tell least about what is sought),
    /// one at a time until something matches; then each left out part is taken back if
    /// something still matches with it. `None` when nothing can be left out.
    fn relax(
        &self,
        searcher: &Searcher,
        q: &ParsedQuery,
        parts: &[Part],
    ) -> Result<Option<Vec<bool>>, SearchError> {
        let mut order: Vec<(u64, usize)> = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.question)
            .map(|(i, p)| (plan::frequency(searcher, &self.fields, p), i))
            .collect();
        order.sort_by_key(|&(df, i)| (df != 0, std::cmp::Reverse(df), i));
        let mut dropped = vec![false; parts.len()];
        let mut left_out = Vec::new();
        let mut budget = MAX_RELAX_COUNTS;
        for &(_, i) in order.iter().take(order.len().saturating_sub(1)) {
            dropped[i] = true;
            left_out.push(i);
            if budget > 0 {
                budget -= 1;
                if self.count(searcher, q, parts, &dropped)? > 0 {
                    break;
                }
            }
        }
        if left_out.is_empty() || self.count(searcher, q, parts, &dropped)? == 0 {
            return Ok(None);
        }
        for &i in left_out.iter().rev().skip(1).take(budget) {
            dropped[i] = false;
            if self.count(searcher, q, parts, &dropped)? == 0 {
                dropped[i] = true;
            }
        }
        Ok(Some(dropped))
    }

    /// How many paragraphs match the query with the `dropped` parts left out.
    fn count(
        &self,
        searcher: &Searcher,
        q: &ParsedQuery,
        parts: &[Part],
        dropped: &[bool],
    ) -> Result<usize, SearchError> {
        let plan = Plan::new(&self.context(), q, parts, dropped);
        searcher
            .search(&plan.query, &Count)
            .map_err(|e| SearchError::Index(e.into()))
    }

    /// Re-ranks the best matches by each paragraph's weight (short and list-like paragraphs
    /// weigh less) and lifts those of documents whose title has every word required, so
    /// that the first `shown` are in their final order. A match is looked at only while it
    /// could still enter those: a weight never raises a score, and the lift raises it at
    /// most [`TITLE_LIFT`] times.
    fn rerank(
        &self,
        searcher: &Searcher,
        top: &mut [(f32, DocAddress)],
        shown: usize,
        required: &[&str],
    ) -> Result<()> {
        let schema = searcher.schema();
        let (ord_name, weight_name) = (
            schema.get_field_name(self.fields.doc_ord),
            schema.get_field_name(self.fields.weight),
        );
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                Ok((
                    s.fast_fields().u64(ord_name)?,
                    s.fast_fields().u64(weight_name)?,
                ))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut best: BinaryHeap<Reverse<u32>> = BinaryHeap::with_capacity(shown + 1);
        let mut looked_at = top.len();
        for (i, (score, addr)) in top.iter_mut().enumerate() {
            let floor = best
                .peek()
                .map_or(0.0, |Reverse(bits)| f32::from_bits(*bits));
            if best.len() >= shown && *score * TITLE_LIFT < floor {
                looked_at = i;
                break;
            }
            let (ords, weights) = &columns[addr.segment_ord as usize];
            let weight = weights.first(addr.doc_id).unwrap_or(FULL_WEIGHT);
            *score *= weight as f32 / FULL_WEIGHT as f32;
            let titled = ords
                .first(addr.doc_id)
                .and_then(|o| self.title_words.get(o as usize));
            if !required.is_empty()
                && titled.is_some_and(|words| required.iter().all(|w| words.contains(*w)))
            {
                *score *= TITLE_LIFT;
            }
            best.push(Reverse(score.max(0.0).to_bits()));
            if best.len() > shown {
                best.pop();
            }
        }
        top[..looked_at].sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(())
    }

    fn facets(&self, searcher: &tantivy::Searcher, top: &[(f32, DocAddress)]) -> Result<Facets> {
        let name = searcher.schema().get_field_name(self.fields.doc_ord);
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64(name))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let documents = top.iter().filter_map(|(_, addr)| {
            let ord = columns[addr.segment_ord as usize].first(addr.doc_id)?;
            Some(ord as usize)
        });
        Ok(self.facet_table.count(documents))
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
        score: f32,
        plan: &Plan,
    ) -> Result<Option<Hit>> {
        let stored: TantivyDocument = searcher.doc(addr)?;
        let number = |f| stored.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0);
        let doc_id = stored
            .get_first(self.fields.doc_id)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let Some(doc) = self.document(doc_id) else {
            return Ok(None);
        };
        let (paragraph, footnote) = (
            number(self.fields.paragraph) as usize,
            number(self.fields.footnote) as u32,
        );
        let footnote = (footnote > 0).then_some(footnote);
        let text = doc
            .passage(paragraph, footnote)
            .unwrap_or_default()
            .to_owned();
        let section = match footnote {
            Some(n) => format!("Chú thích {n}"),
            None => doc
                .paragraphs
                .get(paragraph.wrapping_sub(1))
                .map(|p| p.section.clone())
                .unwrap_or_default(),
        };
        let cited = DocCode::find_all(&text);
        let ranges = highlight::matches(&text, &plan.sequences, &plan.code_keys, &cited);
        let mut codes: Vec<String> = cited.iter().map(|(c, _)| c.canonical()).collect();
        codes.dedup();
        let m = &doc.meta;
        Ok(Some(Hit {
            file: doc.file.clone(),
            doc_id: doc.doc_id.clone(),
            title: m.title.clone(),
            kind: m.kind.map(Kind::name),
            issuer: m.issuer.as_ref().map(ToString::to_string),
            date: m.date.map(|d| d.to_string()),
            year: m.year,
            section,
            paragraph,
            footnote,
            snippet: highlight::snippet(&text, &ranges),
            highlights: ranges.iter().map(|r| [r.start, r.end]).collect(),
            text,
            score,
            codes,
        }))
    }
}

/// Why a search failed: the user's query (a 4xx), or the index (a 5xx).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query cannot be run as typed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The index could not be read.
    #[error("the index could not be read: {0}")]
    Index(anyhow::Error),
}

/// The folded syllables every hit must have, for the title lift.
fn required<'a>(parts: &'a [Part], dropped: &[bool]) -> Vec<&'a str> {
    parts
        .iter()
        .zip(dropped)
        .filter(|(p, d)| !p.question && !**d)
        .filter_map(|(p, _)| match &p.unit {
            plan::Unit::Syllable(_, folded) => Some(folded.as_str()),
            _ => None,
        })
        .collect()
}

/// The words of the query that were not required of the hits, as typed.
fn dropped_terms(parts: &[Part], dropped: &[bool]) -> Vec<String> {
    let content = parts.iter().zip(dropped).any(|(p, d)| !p.question && !d);
    parts
        .iter()
        .zip(dropped)
        .filter(|(p, d)| **d || (p.question && content))
        .map(|(p, _)| p.label.clone())
        .collect()
}

/// The file of a generation that holds the abbreviations its documents define.
pub const ABBREVIATIONS_FILE: &str = "abbreviations.json.zst";
