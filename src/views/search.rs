//! The JSON shape of a search: each hit with the name of its document, its place and an
//! excerpt with the found words marked.

use super::excerpt::{HIT_CHARS, marked_excerpt};
use super::name::{capitalised, document_name};
use crate::index::{Card, Facets, Hit, SearchIndex, SearchResults};
use crate::vocabulary::Kind;
use serde::Serialize;

/// The answer to a search, as the CLI's `--json` and `/api/search` give it.
#[derive(Debug, Serialize)]
pub struct SearchView<'a> {
    /// The query as typed.
    pub query: &'a str,
    /// How many paragraphs match in all.
    pub total: usize,
    /// Whether `total` and the facets are estimated: past 5,000 matches the rest of the
    /// index is counted in windows spread over it, and scaled.
    pub total_is_estimate: bool,
    /// The best of them, best first.
    pub hits: Vec<HitView>,
    /// How the matches spread over kinds, issuers and years.
    pub facets: &'a Facets,
    /// The words not required of the hits, as typed.
    pub dropped_terms: &'a [String],
    /// The documents the query's numbers name, shown before the paragraphs.
    pub documents: &'a [Card],
    /// For a query of filters alone, how many documents they select.
    pub documents_total: usize,
}

/// One matching paragraph or footnote, with its document.
#[derive(Debug, Serialize)]
pub struct HitView {
    /// The document's name as people know it (`Nghị quyết số 25-NQ/TU ngày … của …`).
    pub name: String,
    /// The document's source file.
    pub file: String,
    /// The document's id, the key of `/api/docs/{doc_id}`.
    pub doc_id: String,
    /// The document's title, with a capital first letter.
    pub title: Option<String>,
    /// The document's kind (`Nghị quyết`).
    pub kind: Option<&'static str>,
    /// The issuing body.
    pub issuer: Option<String>,
    /// The document's date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The document's year.
    pub year: Option<i32>,
    /// Where the match stands: the section path, or `Chú thích 1 của đoạn 55`.
    pub section: String,
    /// The paragraph (for a footnote, the one pointing to it).
    pub paragraph: usize,
    /// The footnote the match is in, if any.
    pub footnote: Option<u32>,
    /// The whole paragraph or footnote.
    pub text: String,
    /// An excerpt around the match, HTML-escaped, found words in `<mark>`.
    pub snippet: String,
    /// Byte ranges of `text` found, one per run of adjacent words.
    pub highlights: Vec<[usize; 2]>,
    /// The ranking score.
    pub score: f32,
    /// The canonical numbers the paragraph cites.
    pub codes: Vec<String>,
}

impl<'a> SearchView<'a> {
    /// The view of `results`, naming each hit's document from `index`.
    pub fn of(index: &SearchIndex, results: &'a SearchResults) -> Self {
        SearchView {
            query: &results.query,
            total: results.total,
            total_is_estimate: results.total_is_estimate,
            hits: results
                .hits
                .iter()
                .filter_map(|h| HitView::of(index, h))
                .collect(),
            facets: &results.facets,
            dropped_terms: &results.dropped_terms,
            documents: &results.documents,
            documents_total: results.documents_total,
        }
    }
}

impl HitView {
    fn of(index: &SearchIndex, hit: &Hit) -> Option<Self> {
        let doc = index.head_at(hit.doc_ord)?;
        let m = &doc.meta;
        Some(HitView {
            name: document_name(m, &doc.file),
            file: doc.file.clone(),
            doc_id: hit.doc_id.clone(),
            title: m.title.as_deref().map(capitalised),
            kind: m.kind.map(Kind::name),
            issuer: m.issuer.as_ref().map(ToString::to_string),
            date: m.date.map(|d| d.to_string()),
            year: m.year,
            section: hit.section.clone(),
            paragraph: hit.paragraph,
            footnote: hit.footnote,
            snippet: marked_excerpt(&hit.text, &hit.highlights, HIT_CHARS),
            highlights: hit.highlights.iter().map(|r| [r.start, r.end]).collect(),
            text: hit.text.clone(),
            score: hit.score,
            codes: hit.codes.clone(),
        })
    }
}
