//! How many paragraphs match, and which documents they stand in (for the facets): counted
//! one by one up to [`COUNTED_EXACTLY`], then estimated from how much of the index the count
//! had read, so that a common word costs the same on a national archive as on a province's.

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocSet, Searcher, TERMINATED};

/// Matches counted one by one before the rest are estimated: enough for a count and facets
/// that are right to a few percent, and few enough that counting takes well under a
/// millisecond whatever the size of the index.
pub const COUNTED_EXACTLY: usize = 5_000;

/// The matches of a query: how many, and the catalog position of the document of each one
/// counted.
#[derive(Debug, Default)]
pub struct Tally {
    /// How many paragraphs match, counted or estimated.
    pub total: usize,
    /// Whether `total` is an estimate (the matches were counted up to [`COUNTED_EXACTLY`]).
    pub is_estimate: bool,
    /// The catalog position of the document of every match counted, in index order.
    pub documents: Vec<usize>,
}

impl Tally {
    /// How many matches each counted one stands for: 1 when every match was counted.
    pub fn scale(&self) -> f64 {
        if self.documents.is_empty() {
            1.0
        } else {
            self.total as f64 / self.documents.len() as f64
        }
    }
}

/// Counts the matches of `query`; `ord_field` names the fast field of each paragraph's
/// document position.
pub fn count(
    searcher: &Searcher,
    query: &dyn Query,
    ord_field: &str,
    exactly: usize,
) -> tantivy::Result<Tally> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let all_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    let mut tally = Tally::default();
    let mut read_before: u64 = 0;
    for reader in searcher.segment_readers() {
        let ords = reader.fast_fields().u64(ord_field)?;
        let alive = reader.alive_bitset();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                tally.documents.extend(ords.first(doc).map(|o| o as usize));
                tally.total += 1;
                if tally.total >= exactly {
                    let read = read_before + u64::from(doc) + 1;
                    if scorer.advance() != TERMINATED || read < all_docs {
                        tally.total = estimate(tally.total, read, all_docs);
                        tally.is_estimate = true;
                    }
                    return Ok(tally);
                }
            }
            doc = scorer.advance();
        }
        read_before += u64::from(reader.max_doc());
    }
    Ok(tally)
}

/// `counted` matches in the first `read` of `all` paragraphs, scaled to all of them.
fn estimate(counted: usize, read: u64, all: u64) -> usize {
    (counted as f64 * all as f64 / read.max(1) as f64).round() as usize
}
