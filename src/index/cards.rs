//! Document cards: what a search shows before the paragraphs when the query names document
//! numbers (one card per document the number names, cited or held), and the document
//! listing of a query that is only filters (`kind:NQ year:2023`).

use super::catalog::{Head, Heads};
use super::cited::number_of;
use super::query::ParsedQuery;
use super::shorthand::NumberRef;
use crate::codes::{CitedDocument, same_number};
use crate::text::fold;
use crate::vocabulary::{DocCode, Kind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Most cards a number query shows.
pub const MAX_NUMBER_CARDS: usize = 20;

/// One document: what the corpus tells about it and where to go next.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Its number (`16-NQ/TU`), the key of its citations view (`/api/refs/{code}`).
    pub code: Option<String>,
    /// Its kind (`Nghị quyết`), from its own metadata or its number's type code.
    pub kind: Option<&'static str>,
    /// The issuing body.
    pub issuer: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// What it is about: its title if held, else the fullest subject its citations give.
    pub subject: Option<String>,
    /// Whether the corpus holds the document itself.
    pub in_corpus: bool,
    /// The corpus documents that are this document.
    pub doc_ids: Vec<String>,
    /// How many paragraphs cite it.
    pub citations: usize,
}

/// The corpus documents that state a number, by that number, so that a number query looks
/// at a handful of documents instead of every one. (The cited documents have their own
/// table on disk, [`super::cited::CitedTable`].) Made when an index is built and saved
/// with it ([`NUMBERS_FILE`]), so that opening it decodes no head.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct NumberIndex {
    held: HashMap<u32, Vec<usize>>,
}

/// The file of a generation that holds its [`NumberIndex`].
pub const NUMBERS_FILE: &str = "numbers.bin.zst";

impl NumberIndex {
    /// Numbers the corpus documents that state a number, from every place of a catalog.
    pub fn of<'a>(slots: impl Iterator<Item = Option<&'a Head>>) -> NumberIndex {
        let mut index = NumberIndex::default();
        for (i, d) in slots.enumerate() {
            if let Some(code) = d.and_then(|d| d.meta.number.as_ref()) {
                index.held.entry(number_of(code)).or_default().push(i);
            }
        }
        index
    }

    /// The corpus documents that state `number`, whatever its type and issuer.
    pub fn held<'a>(&'a self, heads: &'a Heads, number: u32) -> impl Iterator<Item = Head> + 'a {
        let at = self.held.get(&number).map_or(&[][..], Vec::as_slice);
        at.iter().filter_map(|&i| heads.get(i))
    }
}

/// The numbers a query names, each once, in the order typed: those of its codes
/// (`16-NQ/TU`), then those of its kinds with numbers (`nghị quyết 16`).
pub fn asked(q: &ParsedQuery) -> Vec<u32> {
    let mut asked: Vec<u32> = Vec::new();
    let typed = q.codes.iter().map(number_of);
    for number in typed.chain(q.numbers.iter().map(|n| n.number)) {
        if !asked.contains(&number) {
            asked.push(number);
        }
    }
    asked
}

/// Whether a cited document is one the query's numbers name: its code asked for (`17-ĐA`
/// names every `17-ĐA/...`), or its kind and number (`nghị quyết 16`).
pub fn names(q: &ParsedQuery, d: &CitedDocument) -> bool {
    q.codes.iter().any(|c| same_number(&d.code, c)) || q.numbers.iter().any(|n| n.names(d))
}

/// The cards of every document the query's numbers name: cited documents first (most cited
/// first), then held documents no citation names. `named` are the cited documents the
/// query names ([`names`]), in the order of the numbers [`asked`] gives.
pub fn numbered(
    numbers: &NumberIndex,
    named: &[CitedDocument],
    heads: &Heads,
    q: &ParsedQuery,
) -> Vec<Card> {
    let names_held = |number: &DocCode| {
        q.codes.iter().any(|c| same_number(number, c)) || q.numbers.iter().any(|n| holds(n, number))
    };
    let mut cards: Vec<Card> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for d in named {
        shown.extend(d.held_by.iter().map(String::as_str));
        cards.push(of_cited(d, heads));
    }
    for number in asked(q) {
        let held = numbers.held(heads, number).filter(|d| {
            d.meta.number.as_ref().is_some_and(names_held) && !shown.contains(&d.doc_id.as_str())
        });
        cards.extend(held.map(|d| of_document(&d)));
    }
    cards.dedup_by(|a, b| a.code == b.code && a.date == b.date && a.issuer == b.issuer);
    cards.sort_by_key(|c| std::cmp::Reverse((c.citations, c.in_corpus)));
    cards.truncate(MAX_NUMBER_CARDS);
    cards
}

/// The corpus documents a query of filters alone names, newest first.
pub fn filtered(heads: &Heads, q: &ParsedQuery, limit: usize) -> (usize, Vec<Card>) {
    let issuer_words: Vec<String> = q
        .issuer
        .as_deref()
        .map(|i| fold(i).split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let mut matching: Vec<Head> = heads
        .iter()
        .filter(|d| q.kind.is_none() || d.meta.kind == q.kind)
        .filter(|d| q.year.is_none() || d.meta.year == q.year)
        .filter(|d| {
            let m = &d.meta;
            let issuer = m
                .issuer
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            let place = fold(&format!(
                "{issuer} {}",
                m.locality.as_deref().unwrap_or_default()
            ));
            let words: Vec<&str> = place.split_whitespace().collect();
            issuer_words.iter().all(|w| words.contains(&w.as_str()))
        })
        .collect();
    matching.sort_by_key(|d| std::cmp::Reverse((d.meta.date, d.meta.year)));
    let total = matching.len();
    (
        total,
        matching.iter().take(limit).map(of_document).collect(),
    )
}

/// Whether a held document's own number is of a kind and number asked for.
fn holds(n: &NumberRef, number: &DocCode) -> bool {
    let (found, doc_type) = match number {
        DocCode::Party {
            number, doc_type, ..
        } => (*number, Some(*doc_type)),
        DocCode::State {
            number, doc_type, ..
        } => (*number, *doc_type),
    };
    found == n.number && doc_type.is_some_and(|t| fold(t) == fold(n.type_code()))
}

fn of_cited(d: &CitedDocument, heads: &Heads) -> Card {
    let held_title = d
        .held_by
        .first()
        .and_then(|id| heads.by_id(id))
        .and_then(|doc| doc.meta.title.clone());
    Card {
        code: Some(d.code.canonical()),
        kind: d.code.kind().map(Kind::name),
        issuer: d.issuer.as_ref().map(ToString::to_string),
        date: d.date.map(|x| x.to_string()),
        subject: held_title.or_else(|| d.subject.clone()),
        in_corpus: d.in_corpus(),
        doc_ids: d.held_by.clone(),
        citations: d.mentions.len(),
    }
}

fn of_document(d: &Head) -> Card {
    let m = &d.meta;
    Card {
        code: m.number.as_ref().map(DocCode::canonical),
        kind: m.kind.map(Kind::name),
        issuer: m.issuer.as_ref().map(ToString::to_string),
        date: m.date.map(|x| x.to_string()),
        subject: m.title.clone(),
        in_corpus: true,
        doc_ids: vec![d.doc_id.clone()],
        citations: 0,
    }
}
