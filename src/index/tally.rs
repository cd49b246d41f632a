//! How many paragraphs match, and which documents they stand in (for the facets). A query
//! with up to [`COUNTED_EXACTLY`] matches has them all counted; past that they are counted
//! in [`STRATA`] evenly spread stretches of the index, each up to its share, and each
//! stretch's count is scaled to its length. A common word then costs the same on a
//! national archive as on a province's, and the estimate does not lean on whichever
//! documents happened to be indexed first.

use tantivy::columnar::Column;
use tantivy::fastfield::AliveBitSet;
use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED};

/// Matches counted one by one before the rest are estimated: enough for a count and facets
/// right to a few percent, few enough that counting takes a fraction of a millisecond
/// whatever the size of the index.
pub const COUNTED_EXACTLY: usize = 5_000;

/// Stretches of the index the count is spread over: each is counted up to its share of
/// [`COUNTED_EXACTLY`], so that every part of the corpus (each source, each year of
/// indexing) has its say in an estimate.
pub const STRATA: u32 = 32;

/// The matches of a query: how many, and the documents of those counted.
#[derive(Debug, Default)]
pub struct Tally {
    /// How many paragraphs match, counted or estimated.
    pub total: usize,
    /// Whether `total` is an estimate: some stretch had more matches than its share.
    pub is_estimate: bool,
    /// The catalog position of the document of each match counted, with how many matches
    /// it stands for (1 where its stretch was counted whole).
    pub documents: Vec<(usize, f64)>,
}

/// Counts the matches of `query`; `ord_field` names the fast field of each paragraph's
/// document position. The spread count comes first: when no stretch has more matches than
/// its share it is exact; when it estimates no more than [`COUNTED_EXACTLY`] (the
/// matches stand close together) they are counted again one by one.
pub fn count(searcher: &Searcher, query: &dyn Query, ord_field: &str) -> tantivy::Result<Tally> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let spread = estimate(searcher, weight.as_ref(), ord_field)?;
    if !spread.is_estimate || spread.total > COUNTED_EXACTLY {
        return Ok(spread);
    }
    let mut documents = Vec::new();
    for reader in searcher.segment_readers() {
        let mut matches = SegmentMatches::new(reader, weight.as_ref(), ord_field)?;
        let counted = matches.stretch(0, reader.max_doc(), usize::MAX);
        documents.extend(counted.documents.into_iter().map(|d| (d, 1.0)));
    }
    Ok(Tally {
        total: documents.len(),
        is_estimate: false,
        documents,
    })
}

/// The matches of a query counted in [`STRATA`] stretches, each up to its share of
/// [`COUNTED_EXACTLY`] and scaled to its length.
fn estimate(searcher: &Searcher, weight: &dyn Weight, ord_field: &str) -> tantivy::Result<Tally> {
    let all_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    let mut tally = Tally::default();
    let mut estimate = 0.0;
    for reader in searcher.segment_readers() {
        let mut matches = SegmentMatches::new(reader, weight, ord_field)?;
        for (from, to, share) in Stretches::new(reader, all_docs) {
            let counted = matches.stretch(from, to, share);
            let scale = counted.scale(from, to);
            tally.is_estimate |= scale > 1.0;
            estimate += counted.documents.len() as f64 * scale;
            let documents = counted.documents.into_iter().map(|d| (d, scale));
            tally.documents.extend(documents);
        }
    }
    tally.total = estimate.round() as usize;
    Ok(tally)
}

/// Whether anything matches `query`, looking no further than the first match.
pub fn any(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<bool> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for reader in searcher.segment_readers() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                return Ok(true);
            }
            doc = scorer.advance();
        }
    }
    Ok(false)
}

/// The stretches of one segment: `from..to` and the matches to count in it.
struct Stretches {
    max_doc: DocId,
    length: DocId,
    share: usize,
    next: DocId,
}

impl Stretches {
    fn new(reader: &SegmentReader, all_docs: u64) -> Stretches {
        let max_doc = reader.max_doc();
        let length = (all_docs / u64::from(STRATA))
            .max(1)
            .min(u64::from(max_doc.max(1))) as DocId;
        let share = (COUNTED_EXACTLY as u64 * u64::from(length)).div_ceil(all_docs.max(1));
        Stretches {
            max_doc,
            length,
            share: share.max(1) as usize,
            next: 0,
        }
    }
}

impl Iterator for Stretches {
    type Item = (DocId, DocId, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.max_doc {
            return None;
        }
        let from = self.next;
        let to = from.saturating_add(self.length).min(self.max_doc);
        self.next = to;
        let share = (self.share as u64 * u64::from(to - from)).div_ceil(u64::from(self.length));
        Some((from, to, share.max(1) as usize))
    }
}

/// The matches counted in one stretch, and where the count stopped.
struct Counted {
    documents: Vec<usize>,
    /// The last document read: `to - 1` when the stretch was counted whole.
    stopped_at: DocId,
    whole: bool,
}

impl Counted {
    /// How many matches each one counted stands for.
    fn scale(&self, from: DocId, to: DocId) -> f64 {
        if self.whole || self.documents.is_empty() {
            1.0
        } else {
            f64::from(to - from) / f64::from(self.stopped_at + 1 - from)
        }
    }
}

/// The matches of one segment, counted stretch by stretch in order.
struct SegmentMatches<'a> {
    scorer: Box<dyn Scorer>,
    ords: Column<u64>,
    alive: Option<&'a AliveBitSet>,
}

impl<'a> SegmentMatches<'a> {
    fn new(
        reader: &'a SegmentReader,
        weight: &dyn Weight,
        ord_field: &str,
    ) -> tantivy::Result<SegmentMatches<'a>> {
        Ok(SegmentMatches {
            scorer: weight.scorer(reader, 1.0)?,
            ords: reader.fast_fields().u64(ord_field)?,
            alive: reader.alive_bitset(),
        })
    }

    /// Counts the matches from `from` up to `to`, stopping at `share` of them.
    fn stretch(&mut self, from: DocId, to: DocId, share: usize) -> Counted {
        let mut counted = Counted {
            documents: Vec::new(),
            stopped_at: to - 1,
            whole: true,
        };
        let mut doc = match self.scorer.doc() {
            at if at < from => self.scorer.seek(from),
            at => at,
        };
        while doc < to {
            if self.alive.is_none_or(|a| a.is_alive(doc)) {
                counted
                    .documents
                    .extend(self.ords.first(doc).map(|o| o as usize));
                if counted.documents.len() >= share {
                    counted.stopped_at = doc;
                    counted.whole = self.scorer.advance() >= to;
                    return counted;
                }
            }
            doc = self.scorer.advance();
        }
        counted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::TermQuery;
    use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    /// 60,000 paragraphs of 600 documents in two segments: every third has `common`, the
    /// first 3,000 have `early`, every hundredth has `rare`.
    fn corpus() -> (Index, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let word = schema.add_text_field("word", STRING);
        let ord = schema.add_u64_field("doc_ord", FAST | INDEXED);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for paragraph in 0..60_000u64 {
            let mut doc = TantivyDocument::new();
            doc.add_u64(ord, paragraph / 100);
            for (name, has) in [
                ("common", paragraph % 3 == 0),
                ("early", paragraph < 3_000),
                ("rare", paragraph % 100 == 0),
            ] {
                if has {
                    doc.add_text(word, name);
                }
            }
            writer.add_document(doc).unwrap();
            if paragraph == 29_999 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index, word)
    }

    fn tally(index: &Index, word: tantivy::schema::Field, text: &str) -> Tally {
        let searcher = index.reader().unwrap().searcher();
        let query = TermQuery::new(Term::from_field_text(word, text), IndexRecordOption::Basic);
        count(&searcher, &query, "doc_ord").unwrap()
    }

    #[test]
    fn few_matches_are_counted_exactly_even_close_together() {
        let (index, word) = corpus();
        for (text, total) in [("rare", 600), ("early", 3_000), ("nothing", 0)] {
            let tally = tally(&index, word, text);
            assert_eq!((tally.total, tally.is_estimate), (total, false), "{text}");
            assert_eq!(tally.documents.len(), total);
        }
    }

    #[test]
    fn many_matches_are_estimated_from_every_part_of_the_index() {
        let (index, word) = corpus();
        let tally = tally(&index, word, "common");
        assert!(tally.is_estimate);
        assert!(tally.documents.len() <= COUNTED_EXACTLY + STRATA as usize);
        let error = (tally.total as f64 - 20_000.0).abs() / 20_000.0;
        assert!(error < 0.02, "{}", tally.total);
        let documents: std::collections::HashSet<usize> =
            tally.documents.iter().map(|(d, _)| *d).collect();
        assert!(documents.contains(&0) && documents.iter().any(|&d| d >= 580));
        let stands_for: f64 = tally.documents.iter().map(|(_, s)| s).sum();
        assert!((stands_for - tally.total as f64).abs() < 1.0);
    }
}
