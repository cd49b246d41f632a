//! The final score of a match: its BM25 score times its paragraph's weight (short and
//! list-like paragraphs weigh less), lifted when its document's title has every word the
//! query requires. Read from fast fields, so that scoring a match loads nothing stored.

use super::catalog::Head;
use super::docstore::map;
use super::prune::ScoreFactor;
use super::ranking::{self, FULL_WEIGHT, TITLE_LIFT};
use super::schema::Fields;
use super::segment_file::{SEGMENT_ID, segment_ids};
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

/// The runs of consecutive paragraphs of one document in every segment, found by document
/// position: a query looks up the runs of the documents it lifts, a few thousand of a
/// gigabyte's 90,000, instead of reading every run (a third of a common word's search
/// there, and a cost that grew with the archive). A document's paragraphs are written one
/// after another, so a segment has about as many runs as documents. Worked out when an
/// index is built ([`Runs::write`]) and mapped when it opens: reading every paragraph's
/// document position took a fifth of a search from the command line on the real corpus,
/// and decoding them all a sixth of opening a gigabyte's index.
///
/// ```text
/// [segments u32] [segment id: 32 bytes, its runs u32] × segments
/// [positions u32] [first entry of the document at each position u32] × (positions + 1)
/// [segment u32, run u32] × runs, by document position
/// [first paragraph u32, last paragraph u32] × runs, by segment, then in the segment's order
/// ```
pub struct Runs {
    bytes: Mmap,
    /// Per segment of the file: its place among the searcher's segments (`None` when the
    /// searcher has no such segment), its number of runs, and where its runs start.
    segments: Vec<(Option<usize>, usize, usize)>,
    /// Where the table of each position's first entry starts, and how many positions it has.
    starts: usize,
    positions: usize,
    /// Where the entries (segment, run) start, and how many there are.
    entries: usize,
    runs: usize,
    /// How many segments the searcher has.
    searched: usize,
}

/// The file of a generation that holds its [`Runs`].
pub const RUNS_FILE: &str = "runs.bin";

/// Bytes of a segment in the file's table: its id and its number of runs.
const SEGMENT: usize = SEGMENT_ID + 4;

/// Bytes of an entry of the table by document position: a run's segment and its place in
/// the segment.
const ENTRY: usize = 8;

/// Bytes of a run's paragraphs: the first and the last.
const PARAGRAPHS: usize = 8;

impl Runs {
    /// Works out the runs of every segment of `searcher` and writes them to `path`.
    pub fn write(searcher: &Searcher, columns: &Columns, path: &Path) -> Result<()> {
        let segments = searcher.segment_readers().iter().zip(&columns.ords);
        let runs: Vec<Vec<[u32; 3]>> = segments
            .map(|(reader, ords)| {
                let positions = (0..reader.max_doc())
                    .map(|doc| ords.first(doc).map_or(u32::MAX, |ord| ord as u32));
                runs_of(positions)
            })
            .collect();
        fs::write(path, encoded(&segment_ids(searcher), &runs))
            .with_context(|| format!("không ghi được {}", path.display()))
    }

    /// Maps the runs saved at `path` for the segments `ids` names, in the searcher's order;
    /// fails when a segment has none saved or the file does not add up.
    pub fn open(path: &Path, ids: &[String]) -> Result<Runs> {
        let bytes = map(path)?;
        let damaged = || format!("{} bị hỏng: hãy chạy tracuu index --full", path.display());
        let count = u32_at(&bytes, 0).with_context(damaged)?;
        let table = bytes
            .get(4..4 + SEGMENT.saturating_mul(count).min(bytes.len()))
            .filter(|t| t.len() == SEGMENT * count)
            .with_context(damaged)?;
        let mut segments = Vec::with_capacity(count);
        let mut runs = 0usize;
        for entry in table.chunks_exact(SEGMENT) {
            let searched = ids
                .iter()
                .position(|id| id.as_bytes() == &entry[..SEGMENT_ID]);
            let own = u32_at(entry, SEGMENT_ID).with_context(damaged)?;
            segments.push((searched, own, runs));
            runs += own;
        }
        if let Some(missing) = (0..ids.len()).find(|i| !segments.iter().any(|s| s.0 == Some(*i))) {
            anyhow::bail!(
                "{} không có đoạn {}: hãy chạy tracuu index --full",
                path.display(),
                ids[missing]
            );
        }
        let at = 4 + table.len();
        let positions = u32_at(&bytes, at).with_context(damaged)?;
        let entries = at + 4 + 4 * (positions + 1);
        anyhow::ensure!(
            entries + (ENTRY + PARAGRAPHS) * runs == bytes.len(),
            damaged()
        );
        Ok(Runs {
            bytes,
            segments,
            starts: at + 4,
            positions,
            entries,
            runs,
            searched: ids.len(),
        })
    }

    /// The entries of the document at position `ord`.
    fn of_document(&self, ord: u32) -> Range<usize> {
        let ord = ord as usize;
        if ord >= self.positions {
            return 0..0;
        }
        let start = |ord: usize| self.u32_at(self.starts + 4 * ord).min(self.runs);
        start(ord)..start(ord + 1)
    }

    /// The `u32` at byte `at` of the file; 0 past its end, which [`Runs::open`] checked
    /// no row reaches.
    fn u32_at(&self, at: usize) -> usize {
        u32_at(&self.bytes, at).unwrap_or_default()
    }

    /// Per segment, the paragraphs of the documents at the positions `ords`, as sorted
    /// ranges: each document's runs are marked, then each segment's marked runs read in
    /// its order. When there are none, no run is read.
    fn of_documents(&self, ords: &[u32]) -> Vec<Vec<RangeInclusive<DocId>>> {
        let mut marked: Vec<Vec<u64>> = self
            .segments
            .iter()
            .map(|&(_, own, _)| {
                if ords.is_empty() {
                    Vec::new()
                } else {
                    vec![0; own.div_ceil(64)]
                }
            })
            .collect();
        for &ord in ords {
            for entry in self.of_document(ord) {
                let at = self.entries + ENTRY * entry;
                let (segment, run) = (self.u32_at(at), self.u32_at(at + 4));
                if let Some(bits) = marked.get_mut(segment).and_then(|m| m.get_mut(run / 64)) {
                    *bits |= 1 << (run % 64);
                }
            }
        }
        let mut found = vec![Vec::new(); self.searched];
        for (&(searched, _, first_run), bits) in self.segments.iter().zip(&marked) {
            let Some(searched) = searched else { continue };
            found[searched] = set_bits(bits)
                .map(|run| {
                    let at = self.entries + ENTRY * self.runs + PARAGRAPHS * (first_run + run);
                    self.u32_at(at) as DocId..=self.u32_at(at + 4) as DocId
                })
                .collect();
        }
        found
    }
}

/// The places of the bits set in `words`, in order.
fn set_bits(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    words.iter().enumerate().flat_map(|(at, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                at * 64 + bit
            })
        })
    })
}

/// The file's bytes for the segments `ids` and the runs of each (first and last paragraph,
/// document position), in the segment's order. Runs of paragraphs without a document are
/// left out.
fn encoded(ids: &[String], segments: &[Vec<[u32; 3]>]) -> Vec<u8> {
    let mut entries: Vec<[u32; 3]> = segments
        .iter()
        .enumerate()
        .flat_map(|(segment, runs)| {
            let placed = runs.iter().enumerate().filter(|(_, r)| r[2] != u32::MAX);
            placed.map(move |(run, r)| [r[2], segment as u32, run as u32])
        })
        .collect();
    entries.sort_unstable();
    let positions = entries.last().map_or(0, |e| e[0] as usize + 1);
    let mut starts = vec![0u32; positions + 1];
    for entry in &entries {
        starts[entry[0] as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out = (ids.len() as u32).to_le_bytes().to_vec();
    for (id, runs) in ids.iter().zip(segments) {
        out.extend_from_slice(id.as_bytes());
        out.extend((runs.len() as u32).to_le_bytes());
    }
    out.extend((positions as u32).to_le_bytes());
    let words = starts.iter().copied();
    let words = words.chain(entries.iter().flat_map(|&[_, segment, run]| [segment, run]));
    let words = words.chain(
        segments
            .iter()
            .flatten()
            .flat_map(|&[first, last, _]| [first, last]),
    );
    words.for_each(|w| out.extend(w.to_le_bytes()));
    out
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
        let ids: Vec<String> = segments.iter().map(|(id, _)| id.clone()).collect();
        let runs: Vec<Vec<[u32; 3]>> = segments.iter().map(|(_, runs)| runs.clone()).collect();
        fs::write(&path, encoded(&ids, &runs)).unwrap();
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
        assert_eq!(
            Runs::open(&path, &[a]).unwrap().of_documents(&[1]),
            [vec![3..=3, 5..=6]]
        );
        assert!(Runs::open(&path, &["c".repeat(SEGMENT_ID)]).is_err());
    }

    #[test]
    fn the_runs_of_documents_are_those_a_scan_finds() {
        let ids = ["a", "b", "c"].map(|c| c.repeat(SEGMENT_ID));
        let segments: Vec<(String, Vec<[u32; 3]>)> = ids
            .iter()
            .zip([7919, 104729, 15485863])
            .map(|(id, prime)| {
                let positions = (0..2000u32).map(move |p| (p * prime % 613) / 3);
                (id.clone(), runs_of(positions))
            })
            .collect();
        let (_dir, path) = saved(&segments);
        let mapped = Runs::open(&path, &ids).unwrap();
        for ords in [
            vec![0],
            vec![1, 2, 3],
            (0..300).step_by(7).collect(),
            vec![204, 999],
        ] {
            let scanned: Vec<Vec<_>> = segments
                .iter()
                .map(|(_, runs)| {
                    let having = runs.iter().filter(|run| ords.contains(&run[2]));
                    having.map(|run| run[0]..=run[1]).collect()
                })
                .collect();
            assert!(scanned.iter().all(|ranges| !ranges.is_empty()));
            assert_eq!(mapped.of_documents(&ords), scanned, "{ords:?}");
        }
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
