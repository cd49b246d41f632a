//! Answers queries: the parsed query becomes a tantivy query, hits come back ranked with
//! their document, section and a highlighted snippet.

use super::facets::{FacetTable, Facets};
use super::highlight;
use super::query::{ParsedQuery, QueryError, parse};
use super::schema::{Fields, fields_of};
use super::store::{IndexDir, Manifest, load_json};
use crate::codes::{CitedDocument, DocCode, Registry};
use crate::ingest::{Document, Kind};
use crate::text::{analyzer, fold};
use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

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
}

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
        Ok(SearchIndex {
            reader: index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?,
            fields,
            by_id,
            facet_table,
            documents,
            registry: load_json(&generation.join("registry.json.zst"))?,
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
        let mut parsed = parse(&request.query)?;
        if let Some(kind) = &request.kind {
            parsed.kind =
                Some(Kind::from_word(kind).ok_or_else(|| QueryError::UnknownKind(kind.clone()))?);
        }
        parsed.year = request.year.or(parsed.year);
        parsed.issuer = request.issuer.clone().or(parsed.issuer);
        let plan = Plan::new(&self.fields, &parsed);
        let searcher = self.reader.searcher();
        let limit = request.limit.clamp(1, MAX_LIMIT);
        let window = TopDocs::with_limit(limit.max(FACET_WINDOW)).order_by_score();
        let (top, total) = searcher
            .search(&plan.query, &(window, Count))
            .map_err(|e| SearchError::Index(e.into()))?;
        let facets = self.facets(&searcher, &top).map_err(SearchError::Index)?;
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
        })
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

/// The tantivy query for a parsed query, and what to highlight.
struct Plan {
    query: Box<dyn Query>,
    sequences: Vec<Vec<String>>,
    code_keys: HashSet<String>,
}

/// Boosts: exact diacritics over folded matches, adjacent syllables over scattered ones.
const EXACT_BOOST: f32 = 10.0;
const PAIR_BOOST: f32 = 10.0;

impl Plan {
    fn new(f: &Fields, q: &ParsedQuery) -> Plan {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let words: Vec<(String, String)> = q.words.iter().flat_map(|w| analyse(w)).collect();
        for (exact, folded) in &words {
            clauses.push((Occur::Must, term(f.body, folded)));
            if exact != folded {
                clauses.push((Occur::Should, boost(term(f.body, exact), EXACT_BOOST)));
            }
        }
        let folded: Vec<&str> = words.iter().map(|(_, f)| f.as_str()).collect();
        let mut sequences = vec![folded.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()];
        for pair in folded.windows(2) {
            let adjacent = term(f.body, &analyzer::bigram(pair[0], pair[1]));
            clauses.push((Occur::Should, boost(adjacent, PAIR_BOOST)));
        }
        for p in &q.phrases {
            clauses.push((Occur::Must, phrase_query(f, p)));
            sequences.push(analyse(p).into_iter().map(|(_, f)| f).collect());
        }
        for x in &q.excluded {
            clauses.push((Occur::MustNot, phrase_query(f, x)));
        }
        let code_keys: HashSet<String> = q.codes.iter().map(code_key).collect();
        for key in &code_keys {
            clauses.push((Occur::Must, term(f.codes, key)));
        }
        Self::filters(f, q, &mut clauses);
        Plan {
            query: Box::new(BooleanQuery::new(clauses)),
            sequences,
            code_keys,
        }
    }

    fn filters(f: &Fields, q: &ParsedQuery, clauses: &mut Vec<(Occur, Box<dyn Query>)>) {
        if let Some(kind) = q.kind {
            clauses.push((Occur::Must, term(f.kind, &fold(kind.name()))));
        }
        if let Some(year) = q.year {
            let t = Term::from_field_u64(f.year, year.max(0) as u64);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            ));
        }
        for (_, folded) in q.issuer.as_deref().map(analyse).unwrap_or_default() {
            clauses.push((Occur::Must, term(f.issuer, &folded)));
        }
    }
}

/// The key a code is indexed under: complete codes by their key, partial ones by number
/// and type.
fn code_key(code: &DocCode) -> String {
    if code.is_partial() {
        code.partial_key()
    } else {
        code.key()
    }
}

/// Each syllable of `text` as (exact form, folded form).
fn analyse(text: &str) -> Vec<(String, String)> {
    let exact = analyzer::tokens(&mut analyzer::exact(), text);
    let folded = analyzer::tokens(&mut analyzer::folded(), text);
    exact
        .into_iter()
        .zip(folded)
        .map(|((e, _), (f, _))| (e, f))
        .collect()
}

/// An exact sequence: with diacritics when the user typed any, else folded.
fn phrase_query(f: &Fields, text: &str) -> Box<dyn Query> {
    let tokens = analyse(text);
    let typed_diacritics = tokens.iter().any(|(e, fo)| e != fo);
    let words: Vec<String> = tokens
        .iter()
        .map(|(e, fo)| {
            if typed_diacritics {
                analyzer::exact_term(e.clone(), fo)
            } else {
                fo.clone()
            }
        })
        .collect();
    phrase(f.body, &words)
}

fn term(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqsAndPositions,
    ))
}

fn phrase(field: tantivy::schema::Field, words: &[String]) -> Box<dyn Query> {
    match words {
        [] => Box::new(BooleanQuery::new(Vec::new())),
        [one] => term(field, one),
        _ => Box::new(PhraseQuery::new(
            words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect(),
        )),
    }
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, by))
}
