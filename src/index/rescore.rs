//! The final score of a match: its BM25 score times its paragraph's weight (short and
//! list-like paragraphs weigh less), lifted when its document's title has every word the
//! query requires. Read from fast fields, so that scoring a match loads nothing stored.

use super::catalog::Head;
use super::docstore::map;
use super::prune::ScoreFactor;
use super::ranking::{self, FULL_WEIGHT, TITLE_LIFT};
use super::schema::Fields;
use super::segment_file::{self, segment_ids};
use super::store::u32_at;
use anyhow::{Context, Result};
use memmap2::Mmap;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::ops::{Range, RangeInclusive};
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
        }
        out
    }

    /// The positions of the documents whose title has every word of `words`, sorted (none
    /// when `words` is empty).
    fn having_all(&self, words: &[&str]) -> Vec<u32> {
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(words.len());
        for word in words {
            match self.by_word.get(*word) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let Some((first, rest)) = lists.split_first() else {
            return Vec::new();
        };
        let mut having = first.to_vec();
        for list in rest {
            having = intersection(&having, list);
        }
        having
    }
}

/// The positions of the sorted `few` that the sorted `many` has too. Each is sought from
/// where the one before was found, by leaps that double: a word as common in titles as
/// `phát` has tens of thousands of documents, and looking each up anew in the whole list
/// was a fifth of lifting their paragraphs (`phát triển` on a gigabyte's index).
fn intersection(few: &[u32], many: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(few.len());
    let mut rest = many;
    for &ord in few {
        let mut leap = 1;
        while leap < rest.len() && rest[leap] < ord {
            leap *= 2;
        }
        let window = &rest[..rest.len().min(leap + 1)];
        let at = window.partition_point(|&o| o < ord);
        rest = &rest[at..];
        if rest.first() == Some(&ord) {
            out.push(ord);
        }
    }
    out
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
/// segment has about as many runs as documents. Worked out when an index is built
/// ([`Runs::write`]) and mapped when it opens: reading every paragraph's document position
/// took a fifth of a search from the command line on the real corpus, and decoding them
/// all a sixth of opening a gigabyte's index.
pub struct Runs {
    bytes: Mmap,
    /// Per segment of the searcher, in its order, where its runs lie in `bytes`.
    segments: Vec<Range<usize>>,
}

/// The file of a generation that holds its [`Runs`].
pub const RUNS_FILE: &str = "runs.bin";

/// Bytes of one run: its first and last paragraph and its document's position, each a
/// little-endian `u32`.
const RUN: usize = 12;

impl Runs {
    /// Works out the runs of every segment of `searcher` and writes them to `path`, a
    /// [`segment_file`] whose parts are the runs of each segment.
    pub fn write(searcher: &Searcher, columns: &Columns, path: &Path) -> Result<()> {
        let segments = searcher.segment_readers().iter().zip(&columns.ords);
        let found: Vec<(String, Vec<[u32; 3]>)> = segment_ids(searcher)
            .into_iter()
            .zip(segments)
            .map(|(id, (reader, ords))| {
                let positions =
                    (0..reader.max_doc()).map(|doc| ords.first(doc).unwrap_or(u64::MAX) as u32);
                (id, runs_of(positions))
            })
            .collect();
        fs::write(path, encoded(&found))
            .with_context(|| format!("không ghi được {}", path.display()))
    }

    /// Maps the runs saved at `path`, in the order of the segments `ids` names; fails when
    /// a segment has none saved or the file does not add up.
    pub fn open(path: &Path, ids: &[String]) -> Result<Runs> {
        let bytes = map(path)?;
        let damaged = || format!("{} bị hỏng: hãy chạy tracuu index --full", path.display());
        let by_id = segment_file::parts(&bytes, RUN).with_context(damaged)?;
        let segments = ids.iter().map(|id| {
            let missing = || {
                format!(
                    "{} không có đoạn {id}: hãy chạy tracuu index --full",
                    path.display()
                )
            };
            by_id.get(id.as_str()).cloned().with_context(missing)
        });
        let segments = segments.collect::<Result<_>>()?;
        Ok(Runs { bytes, segments })
    }

    /// Per segment, the paragraphs of the documents at the positions `ords`, as sorted
    /// ranges; when there are none, no run is read (reading them all was a thirtieth of a
    /// search on a gigabyte's index, most of which lift no title).
    fn of_documents(&self, ords: &[u32]) -> Vec<Vec<RangeInclusive<DocId>>> {
        let Some(&most) = ords.iter().max() else {
            return vec![Vec::new(); self.segments.len()];
        };
        let mut having = vec![false; most as usize + 1];
        for &ord in ords {
            having[ord as usize] = true;
        }
        self.segments
            .iter()
            .map(|range| {
                let runs = self.bytes[range.clone()].chunks_exact(RUN);
                runs.filter_map(|run| {
                    let [first, last, ord] =
                        [0, 4, 8].map(|at| u32_at(run, at).unwrap_or_default());
                    let held = having.get(ord).copied().unwrap_or(false);
                    held.then_some(first as DocId..=last as DocId)
                })
                .collect()
            })
            .collect()
    }
}

/// The file's bytes for each segment's id and runs.
fn encoded(segments: &[(String, Vec<[u32; 3]>)]) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = segments
        .iter()
        .map(|(id, runs)| {
            let bytes = runs.iter().flatten().flat_map(|w| w.to_le_bytes());
            (id.clone(), bytes.collect())
        })
        .collect();
    segment_file::encode(&parts, RUN)
}

/// The runs of equal document positions among a segment's paragraphs, in order:
/// (first paragraph, last paragraph, position).
fn runs_of(positions: impl Iterator<Item = u32>) -> Vec<[u32; 3]> {
    let mut runs: Vec<[u32; 3]> = Vec::new();
    for (doc, ord) in (0u32..).zip(positions) {
        match runs.last_mut() {
            Some(run) if run[2] == ord => run[1] = doc,
            _ => runs.push([doc, doc, ord]),
        }
    }
    runs
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

#[cfg(test)]
mod tests {
    use super::super::segment_file::SEGMENT_ID;
    use super::*;

    #[test]
    fn the_titles_having_every_word_are_found_in_order() {
        let title = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
        let titles = Titles::new(
            [
                title(&["nghi", "quyet", "dat"]),
                title(&["dat"]),
                HashSet::new(),
                title(&["quyet", "dat", "nghi"]),
            ]
            .into_iter(),
        );
        assert_eq!(titles.having_all(&["dat", "nghi"]), [0, 3]);
        assert_eq!(titles.having_all(&["dat"]), [0, 1, 3]);
        assert!(titles.having_all(&["dat", "bien"]).is_empty());
        assert!(titles.having_all(&[]).is_empty());
    }

    #[test]
    fn an_intersection_keeps_what_both_lists_have() {
        let many: Vec<u32> = (0..1000).map(|n| n * 3).collect();
        assert_eq!(
            intersection(&[0, 2, 3, 600, 2997, 3000], &many),
            [0, 3, 600, 2997]
        );
        assert_eq!(intersection(&[5], &[]), [] as [u32; 0]);
        assert_eq!(intersection(&[], &many), [] as [u32; 0]);
        assert_eq!(intersection(&[1, 9, 10], &[1, 9]), [1, 9]);
    }

    #[test]
    fn runs_are_the_stretches_of_one_document() {
        let runs = runs_of([4, 4, 4, 7, 2, 2, 4].into_iter());
        assert_eq!(runs, [[0, 2, 4], [3, 3, 7], [4, 5, 2], [6, 6, 4]]);
        assert!(runs_of(std::iter::empty()).is_empty());
    }

    fn saved(segments: &[(String, Vec<[u32; 3]>)]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(RUNS_FILE);
        fs::write(&path, encoded(segments)).unwrap();
        (dir, path)
    }

    #[test]
    fn mapped_runs_follow_the_searcher_s_segments() {
        let (a, b) = ("a".repeat(SEGMENT_ID), "b".repeat(SEGMENT_ID));
        let (_dir, path) = saved(&[
            (a.clone(), runs_of([0, 0, 0, 1, 2, 1, 1].into_iter())),
            (b.clone(), runs_of([1, 1, 1, 1, 1].into_iter())),
        ]);
        let runs = Runs::open(&path, &[b.clone(), a.clone()]).unwrap();
        assert_eq!(runs.of_documents(&[1]), [vec![0..=4], vec![3..=3, 5..=6]]);
        assert_eq!(runs.of_documents(&[0]), [vec![], vec![0..=2]]);
        assert_eq!(runs.of_documents(&[0, 2, 9]), [vec![], vec![0..=2, 4..=4]]);
        assert_eq!(runs.of_documents(&[]), [vec![], vec![]]);
        assert!(Runs::open(&path, &["c".repeat(SEGMENT_ID)]).is_err());
    }

    #[test]
    fn a_cut_runs_file_is_refused() {
        let a = "a".repeat(SEGMENT_ID);
        let (_dir, path) = saved(&[(a.clone(), vec![[0, 2, 0], [3, 9, 1]])]);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(Runs::open(&path, std::slice::from_ref(&a)).is_err());
        fs::write(&path, &bytes[..3]).unwrap();
        assert!(Runs::open(&path, &[a]).is_err());
    }
}
