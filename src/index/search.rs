//! Answers queries: the parsed query becomes a tantivy query, hits come back ranked with
//! their document, section and a highlighted snippet.

use super::bounds::{BOUNDS_FILE, BlockBounds};
use super::cards::{self, Card, NUMBERS_FILE, NumberIndex};
use super::catalog::{CATALOG_FILE, Head, Heads};
use super::cited::{CITED_FILE, CitedTable, number_of};
use super::cores::{Running, Searches};
use super::docstore::DocStore;
use super::facets::{FACETS_FILE, FacetTable, Facets};
use super::highlight;
use super::plan::{self, Part, Plan};
use super::prune::{self, ScoreFactor};
use super::query::{ParsedQuery, QueryError, parse};
use super::rescore::{Columns, FinalScore, RUNS_FILE, Runs, TITLES_FILE, Titles};
use super::schema::{Fields, fields_of};
use super::segment_file::segment_ids;
use super::store::{IndexDir, Manifest, load_compact, load_json};
use super::tally::{self, Tally};
use crate::codes::CitedDocument;
use crate::ingest::Document;
use crate::text::abbrev::Abbreviations;
use crate::text::analyzer;
use crate::vocabulary::{DocCode, Kind};
use anyhow::{Context, Result};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{LazyLock, OnceLock};
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher};

/// Most hits one search returns.
pub const MAX_LIMIT: usize = 1000;

/// An opened index: the tantivy index, the documents' heads (mapped from disk and decoded
/// per hit; their text stays in the document store, read per hit too), the tables worked
/// out from the heads when the index was built, and the cited documents (on disk too, read
/// per lookup).
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    heads: Heads,
    store: DocStore,
    facet_table: FacetTable,
    cited: OnceLock<Cited>,
    abbreviations: Abbreviations,
    senses: plan::Senses,
    titles: Titles,
    /// Each segment's fast fields that scoring and counting read.
    columns: Columns,
    /// The runs of each document's paragraphs, by segment.
    runs: Runs,
    /// The common terms' block bounds, by segment.
    bounds: BlockBounds,
    /// The searches running, so that one takes a second core only while it is idle.
    searches: Searches,
    manifest: Manifest,
    generation: PathBuf,
}

/// The cited documents and the corpus documents by number, opened when first needed: a
/// search that names no document number does not pay for them.
struct Cited {
    table: CitedTable,
    numbers: NumberIndex,
}

/// The corpus documents by number of a query naming none.
static NO_NUMBERS: LazyLock<NumberIndex> = LazyLock::new(NumberIndex::default);

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

/// The answer to a search, as the index found it; `views::SearchView` is its JSON shape.
#[derive(Debug)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// How many paragraphs match in all: counted, or past 5,000 estimated.
    pub total: usize,
    /// Whether `total` and the facets are estimated: there are more than 5,000 matches,
    /// and the rest of the index past them was counted in windows and scaled.
    pub total_is_estimate: bool,
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

/// The fewest paragraphs the rarest required word of a query must stand in for its count
/// and its best hits to be worked out at once on two cores: counting then reads thousands
/// of matches ([`tally::COUNTED_EXACTLY`]), while a rarer query takes less time in all
/// than waking the second core does (tens of microseconds).
const CONCURRENT_FROM: u64 = tally::COUNTED_EXACTLY as u64;

/// The fewest paragraphs the rarest term every match of a query has must stand in for its
/// best hits to be looked for on every core too, each walking some segments
/// ([`prune::top`]): below, the walk is over before the cores have split it. `apatit`
/// (5,472 paragraphs at 1 GB) took 0.27 ms walked on one core and 0.28-0.37 on two.
const WALKED_ON_CORES_FROM: u64 = 4 * CONCURRENT_FROM;

/// How many of the best matches by BM25 a query the pruned walk cannot take (a date, a
/// number, an abbreviation with no other word required) re-ranks by weight and title:
/// enough that a paragraph weighing a tenth of the best still comes in, few enough to sort
/// in a fraction of a millisecond.
pub const RERANK_WINDOW: usize = 1000;

/// One matching paragraph (or footnote).
#[derive(Debug)]
pub struct Hit {
    /// The document it stands in.
    pub doc_id: String,
    /// That document's place in the catalog ([`SearchIndex::head_at`]): a view finds its
    /// head without the table of ids, which a one-off command would build for this alone.
    pub doc_ord: usize,
    /// The paragraph (for a footnote, the paragraph that points to it).
    pub paragraph: usize,
    /// The footnote, when the match is in one.
    pub footnote: Option<u32>,
    /// Where it stands: the section path, or for a footnote `Chú thích 1 của đoạn 55`.
    pub section: String,
    /// The whole paragraph or footnote.
    pub text: String,
    /// The byte ranges of `text` that matched, one per run of adjacent matched words.
    pub highlights: Vec<Range<usize>>,
    /// The ranking score.
    pub score: f32,
    /// The canonical numbers it cites.
    pub codes: Vec<String>,
}

impl SearchIndex {
    /// Opens the current generation of an index folder.
    pub fn open(dir: &IndexDir) -> Result<SearchIndex> {
        let generation = dir
            .current()
            .context("chưa có chỉ mục nào được dựng ở đây")?;
        let manifest: Manifest = load_json(&generation.join("manifest.json"))?;
        manifest.check_format()?;
        let index = Index::open_in_dir(generation.join("tantivy")).context("chỉ mục bị hỏng")?;
        analyzer::register(&index);
        let fields = fields_of(&index.schema())?;
        let heads = Heads::open(&generation.join(CATALOG_FILE))?;
        let store = DocStore::open(&generation, heads.chunks())?;
        let mut abbreviations = Abbreviations::built_in();
        abbreviations.merge(&load_json(&generation.join(ABBREVIATIONS_FILE))?);
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let ids = segment_ids(&searcher);
        Ok(SearchIndex {
            columns: Columns::of(&searcher, &fields)?,
            runs: Runs::open(&generation.join(RUNS_FILE), &ids)?,
            bounds: BlockBounds::open(&generation.join(BOUNDS_FILE), &ids)?,
            reader,
            fields,
            facet_table: load_compact(&generation.join(FACETS_FILE))?,
            titles: load_compact(&generation.join(TITLES_FILE))?,
            searches: Searches::new(),
            heads,
            store,
            cited: OnceLock::new(),
            senses: plan::Senses::of(&abbreviations),
            abbreviations,
            manifest,
            generation,
        })
    }

    /// Opens the table of cited documents now instead of at the first query that needs
    /// it: a server checks a generation whole before serving it.
    pub fn load_citations(&self) -> Result<()> {
        self.cited().map(|_| ())
    }

    fn cited(&self) -> Result<&Cited> {
        if let Some(cited) = self.cited.get() {
            return Ok(cited);
        }
        let table = CitedTable::open(&self.generation.join(CITED_FILE))?;
        let numbers = load_compact(&self.generation.join(NUMBERS_FILE))?;
        Ok(self.cited.get_or_init(|| Cited { table, numbers }))
    }

    /// What a query naming numbers plans with and shows: the cited documents it names
    /// ([`cards::names`]), read once, and the corpus documents by number. A query naming
    /// none opens neither.
    fn named(&self, q: &ParsedQuery) -> Result<(Vec<CitedDocument>, &NumberIndex)> {
        let asked = cards::asked(q);
        if asked.is_empty() {
            return Ok((Vec::new(), &NO_NUMBERS));
        }
        let cited = self.cited()?;
        let mut named = Vec::new();
        for number in asked {
            let found = cited.table.numbered_where(number, |d| cards::names(q, d))?;
            named.extend(found.into_iter().map(|(_, d)| d));
        }
        Ok((named, &cited.numbers))
    }

    /// The folder of the generation this index was opened from.
    pub fn generation(&self) -> &std::path::Path {
        &self.generation
    }

    /// What the index was built from.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Every document's head, in file order.
    pub fn documents(&self) -> Vec<Head> {
        let mut heads: Vec<Head> = self.heads.iter().collect();
        heads.sort_by(|a, b| a.file.cmp(&b.file));
        heads
    }

    /// How many documents the index holds.
    pub fn document_count(&self) -> usize {
        self.heads.count()
    }

    /// The head of a document by id, without reading its text.
    pub fn head(&self, doc_id: &str) -> Option<Head> {
        self.heads.by_id(doc_id)
    }

    /// The head of the document at catalog position `ord`, as a hit gives it.
    pub fn head_at(&self, ord: usize) -> Option<Head> {
        self.heads.get(ord)
    }

    /// A document by id, read whole from the store.
    pub fn document(&self, doc_id: &str) -> Result<Option<Document>> {
        self.heads
            .by_id(doc_id)
            .map(|h| self.store.read(h.at))
            .transpose()
    }

    /// The cited documents a code names (every meaning of the number).
    pub fn refs(&self, code: &DocCode) -> Result<Vec<CitedDocument>> {
        let found = self.cited()?.table.lookup(code)?;
        Ok(found.into_iter().map(|(_, d)| d).collect())
    }

    /// The cited documents of the corpus, for the map of links; opened at the first call.
    pub fn cited_table(&self) -> Result<&CitedTable> {
        Ok(&self.cited()?.table)
    }

    /// The ord of a corpus document: how the cited-document table names it.
    pub fn ord(&self, doc_id: &str) -> Option<usize> {
        self.heads.ord(doc_id)
    }

    /// The heads of the corpus documents bearing a number, in file order.
    pub fn heads_numbered(&self, code: &DocCode) -> Result<Vec<Head>> {
        let numbers = &self.cited()?.numbers;
        let mut heads: Vec<Head> = numbers
            .held(&self.heads, number_of(code))
            .filter(|h| {
                h.meta
                    .number
                    .as_ref()
                    .is_some_and(|n| crate::codes::same_number(n, code))
            })
            .collect();
        heads.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(heads)
    }

    /// Corpus documents bearing a number, read whole from the store.
    pub fn documents_numbered(&self, code: &DocCode) -> Result<Vec<Document>> {
        self.heads_numbered(code)?
            .into_iter()
            .map(|h| self.store.read(h.at))
            .collect()
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = self.parsed(request)?;
        let limit = request.limit.clamp(1, MAX_LIMIT);
        if !parsed.is_searchable() {
            let (documents_total, documents) = cards::filtered(&self.heads, &parsed, limit);
            return Ok(SearchResults {
                query: request.query.clone(),
                total: 0,
                total_is_estimate: false,
                hits: Vec::new(),
                facets: Facets::default(),
                dropped_terms: Vec::new(),
                documents,
                documents_total,
            });
        }
        let (named, numbers) = self.named(&parsed).map_err(SearchError::Index)?;
        let cx = self.context(&named);
        let parts = plan::parts(&cx, &parsed);
        let searcher = self.reader.searcher();
        let running = self.searches.start();
        let found = |dropped: &[bool]| {
            let plan = Plan::new(&cx, &parsed, &parts, dropped);
            self.found(&searcher, &plan, limit, required(&parts, dropped), &running)
        };
        let mut dropped = vec![false; parts.len()];
        let (mut tally, mut hits) = found(&dropped)?;
        if tally.total == 0
            && let Some(relaxed) = self.relax(&searcher, &cx, &parsed, &parts)?
        {
            dropped = relaxed;
            (tally, hits) = found(&dropped)?;
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total: tally.total,
            total_is_estimate: tally.is_estimate,
            hits,
            facets: self.facet_table.count(tally.documents.iter().copied()),
            dropped_terms: dropped_terms(&parts, &dropped),
            documents: cards::numbered(numbers, &named, &self.heads, &parsed),
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

    fn context<'a>(&'a self, named: &'a [CitedDocument]) -> plan::Context<'a> {
        plan::Context {
            fields: &self.fields,
            abbreviations: &self.abbreviations,
            senses: &self.senses,
            named,
        }
    }

    /// The matches of `plan` counted and its `limit` best read as hits: both at once on two
    /// cores when a core is idle and every term every match has is in at least
    /// [`CONCURRENT_FROM`] paragraphs, as neither needs the other and each is then about
    /// half of the search (counting the first 5,000 matches of `chuyển đổi số` on the real
    /// corpus takes as long as finding and reading its best ten); the best looked for on
    /// every core too past [`WALKED_ON_CORES_FROM`].
    fn found(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        limit: usize,
        required: Vec<&str>,
        running: &Running,
    ) -> Result<(Tally, Vec<Hit>), SearchError> {
        let rarest = if running.may_split() {
            self.rarest(searcher, plan, &required)
        } else {
            0
        };
        let (tally, hits) = if rarest >= CONCURRENT_FROM {
            let cores = if rarest >= WALKED_ON_CORES_FROM {
                rayon::current_num_threads()
            } else {
                1
            };
            rayon::join(
                || self.tally(searcher, plan),
                || self.hits(searcher, plan, limit, required, cores),
            )
        } else {
            (
                self.tally(searcher, plan),
                self.hits(searcher, plan, limit, required, 1),
            )
        };
        Ok((tally?, hits.map_err(SearchError::Index)?))
    }

    /// How many paragraphs the rarest term every match of `plan` has stands in: of the
    /// `required` syllables, and of the pairs and exact forms of its quoted phrases (0 for
    /// none). A phrase alone (`"cao tốc Nội Bài"`, 16,000 matches at 1 GB) was counted and
    /// walked one after the other, counting two thirds of its time.
    fn rarest(&self, searcher: &Searcher, plan: &Plan, required: &[&str]) -> u64 {
        let syllables = required
            .iter()
            .map(|s| plan::syllable_frequency(searcher, &self.fields, s));
        let phrases = plan.terms.iter().flat_map(|t| &t.checked);
        let phrase_terms = phrases
            .flat_map(|c| &c.terms)
            .map(|(term, _)| searcher.doc_freq(term).unwrap_or(0));
        syllables.chain(phrase_terms).min().unwrap_or(0)
    }

    /// The `limit` best matches of `plan` found on `cores` cores, read from the document
    /// store.
    fn hits(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        limit: usize,
        required: Vec<&str>,
        cores: usize,
    ) -> Result<Vec<Hit>> {
        self.best(searcher, plan, limit, required, cores)?
            .into_iter()
            .filter_map(|(score, addr)| self.hit(addr, score, plan).transpose())
            .collect()
    }

    /// The matches of `plan`: counted, or estimated past [`tally::COUNTED_EXACTLY`].
    fn tally(&self, searcher: &Searcher, plan: &Plan) -> Result<Tally, SearchError> {
        tally::count(searcher, plan.matches.as_ref(), &self.columns.ords)
            .map_err(|e| SearchError::Index(e.into()))
    }

    /// The `limit` best matches of `plan` by final score, best first: without scoring every
    /// match when the plan is made of terms alone, else from the [`RERANK_WINDOW`] best by
    /// BM25.
    fn best(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        limit: usize,
        required: Vec<&str>,
        cores: usize,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let scores = FinalScore::new(&self.columns, &self.titles, &self.runs, &required);
        if let Some(terms) = &plan.terms {
            let top = prune::top(searcher, terms, limit, &scores, &self.bounds, cores);
            return Ok(top?);
        }
        let window = TopDocs::with_limit(limit.max(RERANK_WINDOW)).order_by_score();
        let mut top = searcher.search(plan.query.as_ref(), &window)?;
        rerank(&mut top, limit, &scores);
        top.truncate(limit);
        Ok(top)
    }

    /// When no paragraph has every part of the query, the parts to leave out: first those
    /// no paragraph has at all, then the commonest (they tell least about what is sought),
    /// one at a time until something matches; then each left out part is taken back if
    /// something still matches with it. `None` when nothing can be left out.
    fn relax(
        &self,
        searcher: &Searcher,
        cx: &plan::Context,
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
                if self.matches_any(searcher, cx, q, parts, &dropped)? {
                    break;
                }
            }
        }
        if left_out.is_empty() || !self.matches_any(searcher, cx, q, parts, &dropped)? {
            return Ok(None);
        }
        for &i in left_out.iter().rev().skip(1).take(budget) {
            dropped[i] = false;
            if !self.matches_any(searcher, cx, q, parts, &dropped)? {
                dropped[i] = true;
            }
        }
        Ok(Some(dropped))
    }

    /// Whether any paragraph matches the query with the `dropped` parts left out.
    fn matches_any(
        &self,
        searcher: &Searcher,
        cx: &plan::Context,
        q: &ParsedQuery,
        parts: &[Part],
        dropped: &[bool],
    ) -> Result<bool, SearchError> {
        let plan = Plan::new(cx, q, parts, dropped);
        tally::any(searcher, plan.matches.as_ref(), &self.columns.ords)
            .map_err(|e| SearchError::Index(e.into()))
    }

    /// The hit at `addr`: its document by the catalog, its text, section and numbers by
    /// the document store. `None` when the paragraph's document is gone from the catalog.
    fn hit(&self, addr: DocAddress, score: f32, plan: &Plan) -> Result<Option<Hit>> {
        let value = |columns: &[Column<u64>]| {
            columns
                .get(addr.segment_ord as usize)
                .and_then(|c| c.first(addr.doc_id))
        };
        let (Some(ord), Some(n)) = (value(&self.columns.ords), value(&self.columns.entries)) else {
            return Ok(None);
        };
        let Some(doc) = self.heads.get(ord as usize) else {
            return Ok(None);
        };
        let entry = self.store.entry(doc.at, n as usize)?;
        let section = match entry.footnote {
            Some(n) => format!("Chú thích {n} của đoạn {}", entry.paragraph),
            None => entry.section.into_owned(),
        };
        let text = entry.text.into_owned();
        let cited = DocCode::find_all(&text);
        let ranges = highlight::matches(&text, &plan.sequences, &plan.code_keys, &cited);
        let mut codes: Vec<String> = cited.iter().map(|(c, _)| c.canonical()).collect();
        codes.dedup();
        Ok(Some(Hit {
            doc_id: doc.doc_id.clone(),
            doc_ord: ord as usize,
            section,
            paragraph: entry.paragraph,
            footnote: entry.footnote,
            highlights: ranges,
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
    #[error("không đọc được chỉ mục: {0}")]
    Index(anyhow::Error),
}

/// Re-ranks matches found by BM25 by their final score, so that the first `shown` are in
/// their final order. A match is looked at only while it could still enter those: a weight
/// never raises a score, and the lift raises it at most [`ScoreFactor::lift`] times.
fn rerank(top: &mut [(f32, DocAddress)], shown: usize, scores: &FinalScore) {
    let mut best: BinaryHeap<Reverse<u32>> = BinaryHeap::with_capacity(shown + 1);
    let mut looked_at = top.len();
    for (i, (score, addr)) in top.iter_mut().enumerate() {
        let floor = best
            .peek()
            .map_or(0.0, |Reverse(bits)| f32::from_bits(*bits));
        if best.len() >= shown && *score * scores.lift() < floor {
            looked_at = i;
            break;
        }
        *score *= scores.factor(addr.segment_ord, addr.doc_id);
        best.push(Reverse(score.max(0.0).to_bits()));
        if best.len() > shown {
            best.pop();
        }
    }
    top[..looked_at].sort_by(|a, b| b.0.total_cmp(&a.0));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{BuildOptions, build};
    use std::fmt::Write;

    /// Paragraphs of the corpus the test builds: more than [`CONCURRENT_FROM`], so that a
    /// search for their words is split.
    const PARAGRAPHS: usize = 6_000;

    /// Files of the corpus: enough that the quarter of them the document store trains its
    /// dictionary on reaches the 64 it needs.
    const FILES: usize = 300;

    /// A corpus whose every paragraph has `chuyển đổi số`, in documents of several years.
    fn corpus(dir: &std::path::Path) {
        let per_file = PARAGRAPHS / FILES;
        for file in 0..FILES {
            let mut text = format!(
                "ĐẢNG BỘ TỈNH BẮC NINH\n\nKẾ HOẠCH\nvề chuyển đổi số năm {}\n\n",
                2005 + file % 20
            );
            for p in 0..per_file {
                let filler = "hạ tầng dữ liệu ".repeat(1 + (file * per_file + p) % 7);
                writeln!(
                    text,
                    "{p}. Đẩy mạnh chuyển đổi số trong {filler}cơ quan số {p}.\n"
                )
                .unwrap();
            }
            std::fs::write(dir.join(format!("ke_hoach_{file}.txt")), text).unwrap();
        }
    }

    /// What a search answers, in a form two answers compare in.
    fn answer(index: &SearchIndex, query: &str) -> String {
        let request = SearchRequest {
            query: query.to_owned(),
            limit: 20,
            ..SearchRequest::default()
        };
        let r = index.search(&request).unwrap();
        let hits: Vec<_> = r
            .hits
            .iter()
            .map(|h| (&h.doc_id, h.paragraph, h.score, &h.highlights))
            .collect();
        format!(
            "{} {} {hits:?} {:?}",
            r.total,
            r.total_is_estimate,
            serde_json::to_string(&r.facets).unwrap()
        )
    }

    /// The corpus of [`corpus`] indexed: its folders (kept while the index is used) and
    /// the opened index.
    fn built() -> (tempfile::TempDir, tempfile::TempDir, SearchIndex) {
        let input = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        corpus(input.path());
        let dir = IndexDir::new(root.path());
        build(input.path(), &dir, BuildOptions::default()).unwrap();
        let index = SearchIndex::open(&dir).unwrap();
        (input, root, index)
    }

    #[test]
    fn a_search_split_over_two_cores_answers_as_one_on_one_core() {
        let (_input, _root, mut index) = built();
        index.searches = Searches::on(2);
        for query in [
            "chuyển đổi số",
            "chuyen doi so",
            "cơ quan",
            "\"hạ tầng dữ liệu\"",
        ] {
            let alone = answer(&index, query);
            let busy = index.searches.start();
            assert!(
                !index.searches.start().may_split(),
                "what the search below sees"
            );
            let crowded = answer(&index, query);
            drop(busy);
            assert_eq!(alone, crowded, "{query}");
            let total: usize = alone.split(' ').next().unwrap().parse().unwrap();
            assert!(total >= PARAGRAPHS, "{query}: {alone}");
        }
    }

    #[test]
    fn documents_stored_with_a_trained_dictionary_read_back() {
        let (input, _root, index) = built();
        let chunk = std::fs::read_dir(index.generation())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("documents-")
            })
            .unwrap();
        let header = std::fs::read(chunk).unwrap()[..4].to_vec();
        assert_ne!(header, [0; 4], "the store's chunk has a trained dictionary");
        let json = |d: &Document| serde_json::to_value(&d.paragraphs).unwrap();
        for file in ["ke_hoach_0", "ke_hoach_299"] {
            let stored = index.document(file).unwrap().unwrap();
            let text = std::fs::read_to_string(input.path().join(format!("{file}.txt"))).unwrap();
            let parsed = crate::ingest::parse_text(file, &format!("{file}.txt"), &text);
            assert_eq!(json(&stored), json(&parsed));
        }
    }
}
