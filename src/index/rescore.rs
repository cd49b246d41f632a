//! The final score of a match: its BM25 score times its paragraph's weight (short and
//! list-like paragraphs weigh less), lifted when its document's title has every word the
//! query requires. Read from fast fields, so that scoring a match loads nothing stored.

use super::catalog::Head;
use super::prune::ScoreFactor;
use super::ranking::{self, FULL_WEIGHT, TITLE_LIFT};
use super::schema::Fields;
use super::store::load_compact;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;
use std::path::Path;
use tantivy::columnar::Column;
use tantivy::{DocId, Score, Searcher};

/// The documents whose title has each word, for finding at once those a query lifts. Made
/// when an index is built and saved with it ([`TITLES_FILE`]): splitting fifty thousand
/// titles into words took a third of opening a large index.
#[derive(Default, Serialize, Deserialize)]
pub struct Titles {
    /// Folded title syllable -> the positions of the documents whose title has it, sorted.
    by_word: HashMap<String, Vec<u32>>,
    documents: usize,
}

/// The file of a generation that holds its [`Titles`].
pub const TITLES_FILE: &str = "titles.bin.zst";

impl Titles {
    /// Indexes the title words of each document of a catalog, by position.
    pub fn of<'a>(slots: impl Iterator<Item = Option<&'a Head>>) -> Titles {
        let words = slots.map(|h| h.map(|h| ranking::title_words(ranking::subject(&h.meta))));
        Titles::new(words.map(Option::unwrap_or_default))
    }

    /// Indexes the title words of each document, by position.
    fn new(titles: impl Iterator<Item = HashSet<String>>) -> Titles {
        let mut out = Titles::default();
        for (ord, words) in titles.enumerate() {
            for word in words {
                out.by_word.entry(word).or_default().push(ord as u32);
            }
            out.documents = ord + 1;
        }
        out
    }

    /// Per document position, whether its title has every word of `words` (none when
    /// `words` is empty).
    fn having_all(&self, words: &[&str]) -> Vec<bool> {
        let mut having = vec![false; self.documents];
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(words.len());
        for word in words {
            match self.by_word.get(*word) {
                Some(list) => lists.push(list),
                None => return having,
            }
        }
        lists.sort_by_key(|l| l.len());
        let Some((first, rest)) = lists.split_first() else {
            return having;
        };
        for &ord in first.iter() {
            if rest.iter().all(|l| l.binary_search(&ord).is_ok()) {
                having[ord as usize] = true;
            }
        }
        having
    }
}

/// Each segment's fast fields that scoring and counting a match read: its document's
/// position and its weight. Opened once with the index: opening a column reads its header.
pub struct Columns {
    /// Per segment, each paragraph's document position.
    pub ords: Vec<Column<u64>>,
    /// Per segment, each paragraph's weight.
    weights: Vec<Column<u64>>,
    /// Per segment, each paragraph's place in its document's record in the store.
    pub entries: Vec<Column<u64>>,
}

impl Columns {
    /// Opens the columns of every segment of `searcher`.
    pub fn of(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Columns> {
        let schema = searcher.schema();
        let column = |field| {
            let name = schema.get_field_name(field);
            searcher
                .segment_readers()
                .iter()
                .map(|s| s.fast_fields().u64(name))
                .collect::<tantivy::Result<Vec<_>>>()
        };
        Ok(Columns {
            ords: column(fields.doc_ord)?,
            weights: column(fields.weight)?,
            entries: column(fields.entry)?,
        })
    }
}

/// Per segment, the runs of consecutive paragraphs of one document: (its paragraphs,
/// document position). A document's paragraphs are written one after another, so a
/// segment has about as many runs as documents. Made when an index is built and saved with
/// it ([`RUNS_FILE`]): reading every paragraph's document position took a fifth of a
/// search from the command line on the real corpus.
#[derive(Serialize, Deserialize)]
pub struct Runs(Vec<SegmentRuns>);

/// The runs of one segment, named by the segment's id.
type SegmentRuns = (String, Vec<(RangeInclusive<DocId>, u32)>);

/// The file of a generation that holds its [`Runs`].
pub const RUNS_FILE: &str = "runs.bin.zst";

impl Runs {
    /// Reads the runs from each segment's document positions.
    pub fn of(searcher: &Searcher, columns: &Columns) -> Runs {
        let segments = searcher.segment_readers().iter().zip(&columns.ords);
        Runs(
            segments
                .map(|(reader, ords)| {
                    let mut runs: Vec<(RangeInclusive<DocId>, u32)> = Vec::new();
                    for doc in 0..reader.max_doc() {
                        let ord = ords.first(doc).unwrap_or(u64::MAX) as u32;
                        match runs.last_mut() {
                            Some((run, last)) if *last == ord => *run = *run.start()..=doc,
                            _ => runs.push((doc..=doc, ord)),
                        }
                    }
                    (reader.segment_id().uuid_string(), runs)
                })
                .collect(),
        )
    }

    /// The runs saved at `path`, in the order of the segments of `searcher`; fails when a
    /// segment has none saved.
    pub fn load(path: &Path, searcher: &Searcher) -> Result<Runs> {
        let saved: Runs = load_compact(path)?;
        let mut by_segment: HashMap<String, Vec<_>> = saved.0.into_iter().collect();
        let ordered = searcher.segment_readers().iter().map(|reader| {
            let id = reader.segment_id().uuid_string();
            let missing = || {
                format!(
                    "{} không có đoạn {id}: hãy chạy tracuu index --full",
                    path.display()
                )
            };
            let runs = by_segment.remove(&id).with_context(missing)?;
            Ok((id, runs))
        });
        Ok(Runs(ordered.collect::<Result<_>>()?))
    }

    /// Per segment, the paragraphs of the documents `having` marks, as sorted ranges.
    fn of_documents(&self, having: &[bool]) -> Vec<Vec<RangeInclusive<DocId>>> {
        self.0
            .iter()
            .map(|(_, runs)| {
                runs.iter()
                    .filter(|(_, ord)| having.get(*ord as usize).copied().unwrap_or(false))
                    .map(|(run, _)| run.clone())
                    .collect()
            })
            .collect()
    }
}

/// The final scores of the matches of one query.
pub struct FinalScore<'a> {
    columns: &'a Columns,
    /// Per segment, the paragraphs of those documents, as sorted ranges.
    lifted: Vec<Vec<RangeInclusive<DocId>>>,
    /// The most a factor lifts a score: [`TITLE_LIFT`] when some title has every word.
    lift: Score,
}

impl<'a> FinalScore<'a> {
    /// The final scores of a query requiring the folded syllables `required`.
    pub fn new(
        columns: &'a Columns,
        titles: &Titles,
        runs: &Runs,
        required: &[&str],
    ) -> FinalScore<'a> {
        let lifted = runs.of_documents(&titles.having_all(required));
        let lift = if lifted.iter().any(|ranges| !ranges.is_empty()) {
            TITLE_LIFT
        } else {
            1.0
        };
        FinalScore {
            columns,
            lifted,
            lift,
        }
    }
}

impl ScoreFactor for FinalScore<'_> {
    fn weight(&self, segment: u32, doc: DocId) -> Score {
        let weights = &self.columns.weights[segment as usize];
        let weight = weights.first(doc).unwrap_or(FULL_WEIGHT).min(FULL_WEIGHT);
        weight as Score / FULL_WEIGHT as Score
    }

    fn lifted(&self, segment: u32) -> &[RangeInclusive<DocId>] {
        &self.lifted[segment as usize]
    }

    fn lift(&self) -> Score {
        self.lift
    }
}
