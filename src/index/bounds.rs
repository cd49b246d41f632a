//! Each common term's block maxima, kept beside tantivy's postings so that the ranking walk
//! ([`super::prune`]) passes over a long stretch of blocks that cannot reach the best found
//! without decoding them: tantivy moves along its own skip list only by decoding the block
//! it lands on, which was most of a common query's time on a gigabyte of documents.

use super::docstore::map;
use super::segment_file;
use super::store::u32_at;
use anyhow::{Context, Result};
use memmap2::Mmap;
use std::collections::HashMap;
use std::fs;
use std::ops::Range;
use std::path::Path;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Index, Score, SegmentReader, TERMINATED, Term};

/// The file of a generation that holds its [`BlockBounds`].
pub const BOUNDS_FILE: &str = "bounds.bin";

/// Paragraphs a term must stand in for its blocks to be bounded here: a shorter list is
/// walked in a few blocks, and its bounds would only make the file larger.
const BOUNDED_FROM: u32 = 16 * 128;

/// Bytes of one block's bound: its last paragraph, then the term frequency (little-endian
/// `u32` each) and the field-norm id (one byte) of the paragraph that scores most in it. A
/// group's bound is written the same way.
const BLOCK: usize = 9;

/// Blocks one group bound covers: a walk passing over a stretch that cannot enter steps
/// over sixteen blocks (2,048 paragraphs of the term) at once where the group's bound is too
/// low, and looks at each block of a group only where the group's could enter. On a
/// gigabyte of documents a multi-word query passed over some 25,000 block ends.
const GROUP: usize = 16;

/// Bytes of a term's entry in a segment's table: where its key starts and how long it is,
/// its first block and how many blocks it has, each a little-endian `u32`; its groups
/// follow its blocks.
const TERM_ENTRY: usize = 16;

/// The block bounds of every segment of a generation, mapped from [`BOUNDS_FILE`], a
/// [`segment_file`] whose parts are each segment's section ([`section_of`]).
pub struct BlockBounds {
    bytes: Option<Mmap>,
    /// Per segment of the searcher, in its order, where its section lies (empty when the
    /// file has none for it).
    segments: Vec<Range<usize>>,
}

/// One term's kept bounds in one segment: one per block, and one per [`GROUP`] of blocks.
#[derive(Clone, Copy)]
pub struct TermBounds<'a> {
    /// The bound of each block.
    pub blocks: Maxima<'a>,
    /// The bound of each group of blocks: the best of its blocks', and its last block's end.
    pub groups: Maxima<'a>,
}

/// Bounds of consecutive stretches of one term's paragraphs, in order.
#[derive(Clone, Copy)]
pub struct Maxima<'a> {
    rows: &'a [u8],
}

impl Maxima<'_> {
    /// How many stretches there are.
    pub fn len(&self) -> usize {
        self.rows.len() / BLOCK
    }

    /// The last paragraph of stretch `at` ([`TERMINATED`] past the last one).
    pub fn last(&self, at: usize) -> DocId {
        u32_at(self.rows, at * BLOCK).map_or(TERMINATED, |d| d as DocId)
    }

    /// The most a paragraph of stretch `at` scores with `weight`.
    pub fn max(&self, at: usize, weight: &Bm25Weight) -> Score {
        let row = self.row(at);
        let freq = u32_at(row, 4).unwrap_or_default() as u32;
        weight.score(row[8], freq)
    }

    /// The bytes of stretch `at`'s bound.
    fn row(&self, at: usize) -> &[u8] {
        &self.rows[at * BLOCK..(at + 1) * BLOCK]
    }

    /// The first stretch from `at` on whose last paragraph is `doc` or after it.
    pub fn first_from(&self, mut at: usize, doc: DocId) -> usize {
        while at < self.len() && self.last(at) < doc {
            at += 1;
        }
        at
    }
}

impl BlockBounds {
    /// No bounds at all: every walk decodes the blocks it passes, as tantivy alone does;
    /// what the tests compare a bounded walk with.
    #[cfg(test)]
    pub fn none(segments: usize) -> BlockBounds {
        BlockBounds {
            bytes: None,
            segments: vec![0..0; segments],
        }
    }

    /// Maps the bounds at `path` for the segments `ids` names, in their order; a segment
    /// the file lacks has none.
    pub fn open(path: &Path, ids: &[String]) -> Result<BlockBounds> {
        let bytes = map(path)?;
        let damaged = || format!("{} bị hỏng: hãy chạy tracuu index --full", path.display());
        let by_id = segment_file::parts(&bytes, 1).with_context(damaged)?;
        let segments = ids
            .iter()
            .map(|id| by_id.get(id.as_str()).cloned().unwrap_or(0..0))
            .collect();
        Ok(BlockBounds {
            bytes: Some(bytes),
            segments,
        })
    }

    /// The bounds of `term` in segment `segment`, when it has enough blocks to keep them.
    pub fn of(&self, segment: u32, term: &Term) -> Option<TermBounds<'_>> {
        let bytes = self.bytes.as_deref()?;
        let section = &bytes[self.segments.get(segment as usize)?.clone()];
        let key = (term.field().field_id(), term.serialized_value_bytes());
        let count = u32_at(section, 0)?;
        let entries = section.get(4..4 + count * TERM_ENTRY)?;
        let entry = |i: usize| -> Option<(u32, &[u8], usize, usize)> {
            let e = &entries[i * TERM_ENTRY..(i + 1) * TERM_ENTRY];
            let [key_at, key_len, first, blocks] =
                [0, 4, 8, 12].map(|at| u32_at(e, at).unwrap_or(0));
            let stored = section.get(key_at..key_at + key_len)?;
            let field = u32::from_le_bytes(stored.get(..4)?.try_into().ok()?);
            Some((field, &stored[4..], first, blocks))
        };
        let (mut low, mut high) = (0, count);
        while low < high {
            let middle = (low + high) / 2;
            let (field, text, first, blocks) = entry(middle)?;
            match (field, text).cmp(&key) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => {
                    let groups = first + blocks * BLOCK;
                    return Some(TermBounds {
                        blocks: Maxima {
                            rows: section.get(first..groups)?,
                        },
                        groups: Maxima {
                            rows: section.get(groups..groups + blocks.div_ceil(GROUP) * BLOCK)?,
                        },
                    });
                }
            }
        }
        None
    }

    /// Works out the bounds of the terms of `fields` in every segment of `index` and
    /// writes them to `path`; a segment the bounds file `previous` (of the generation
    /// before) already bounds is copied from it. The
    /// segments are read one at a time, each let go before the next, so that the postings
    /// read stay mapped no longer than their segment is read: all at once, they held
    /// 400 MB of a gigabyte's build.
    pub fn write(
        index: &Index,
        fields: &[Field],
        previous: Option<&Path>,
        path: &Path,
    ) -> Result<()> {
        Self::write_from(index, fields, previous, path, BOUNDED_FROM)
    }

    /// [`BlockBounds::write`] for the terms in at least `from` paragraphs.
    pub(super) fn write_from(
        index: &Index,
        fields: &[Field],
        previous: Option<&Path>,
        path: &Path,
        from: u32,
    ) -> Result<()> {
        let old = previous.map(map).transpose()?;
        let kept = match &old {
            Some(bytes) => segment_file::parts(bytes, 1)?,
            None => HashMap::new(),
        };
        let mut parts = Vec::new();
        for segment in index.searchable_segments()? {
            let id = segment.id().uuid_string();
            let section = match (&old, kept.get(id.as_str())) {
                (Some(bytes), Some(range)) => bytes[range.clone()].to_vec(),
                _ => section_of(&SegmentReader::open(&segment)?, fields, from)?,
            };
            parts.push((id, section));
        }
        fs::write(path, segment_file::encode(&parts, 1))
            .with_context(|| format!("không ghi được {}", path.display()))
    }
}

/// One segment's section: its table of terms, sorted by field and text, their keys, then
/// each term's blocks followed by its groups.
fn section_of(reader: &SegmentReader, fields: &[Field], from: u32) -> Result<Vec<u8>> {
    let mut fields = fields.to_vec();
    fields.sort_by_key(|f| f.field_id());
    let mut terms: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = Vec::new();
    for field in fields {
        let index = reader.inverted_index(field)?;
        let norms = reader
            .fieldnorms_readers()
            .get_field(field)?
            .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        let average = index.total_num_tokens() as Score / reader.max_doc().max(1) as Score;
        let mut stream = index.terms().stream()?;
        while stream.advance() {
            let info = stream.value();
            if info.doc_freq < from {
                continue;
            }
            let mut postings =
                index.read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
            let weight = Bm25Weight::for_one_term_without_explain(
                info.doc_freq.into(),
                reader.max_doc().into(),
                average,
            );
            let key = [&field.field_id().to_le_bytes()[..], stream.key()].concat();
            let blocks = blocks(&mut postings, &norms, &weight);
            let groups = groups(&blocks, &weight);
            terms.push((key, blocks, groups));
        }
    }
    let head = 4 + terms.len() * TERM_ENTRY;
    let keys: usize = terms.iter().map(|(k, ..)| k.len()).sum();
    let (mut entries, mut key_bytes, mut block_bytes) = (Vec::new(), Vec::new(), Vec::new());
    for (key, blocks, groups) in &terms {
        let key_at = head + key_bytes.len();
        let first = head + keys + block_bytes.len();
        for n in [key_at, key.len(), first, blocks.len() / BLOCK] {
            entries.extend((n as u32).to_le_bytes());
        }
        key_bytes.extend_from_slice(key);
        block_bytes.extend_from_slice(blocks);
        block_bytes.extend_from_slice(groups);
    }
    let count = (terms.len() as u32).to_le_bytes();
    Ok([&count[..], &entries, &key_bytes, &block_bytes].concat())
}

/// The bound of every block of `postings`: its last paragraph, and the frequency and
/// field norm of its paragraph that scores most with `weight`, as tantivy picks it for its
/// own skip list.
fn blocks(
    postings: &mut BlockSegmentPostings,
    norms: &FieldNormReader,
    weight: &Bm25Weight,
) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(&last) = postings.docs().last() {
        let (norm, freq) = best_in_block(postings, norms, weight);
        out.extend(last.to_le_bytes());
        out.extend(freq.to_le_bytes());
        out.push(norm);
        postings.advance();
    }
    out
}

/// The bound of each [`GROUP`] of the rows of `blocks`: its last block's end, and the row
/// of its block that scores most with `weight`.
fn groups(blocks: &[u8], weight: &Bm25Weight) -> Vec<u8> {
    let rows = Maxima { rows: blocks };
    let mut out = Vec::with_capacity(rows.len().div_ceil(GROUP) * BLOCK);
    for first in (0..rows.len()).step_by(GROUP) {
        let members = first..(first + GROUP).min(rows.len());
        let score = |at: &usize| rows.max(*at, weight);
        if let Some(best) = members.clone().max_by(|a, b| score(a).total_cmp(&score(b))) {
            out.extend(rows.last(members.end - 1).to_le_bytes());
            out.extend_from_slice(&rows.row(best)[4..]);
        }
    }
    out
}

/// The field-norm id and frequency of the loaded block's paragraph that scores most. A
/// paragraph outscores another only with a higher frequency or a shorter field, so most
/// are passed over without working out a score.
fn best_in_block(
    postings: &BlockSegmentPostings,
    norms: &FieldNormReader,
    weight: &Bm25Weight,
) -> (u8, u32) {
    let mut best = (u8::MAX, 0, Score::NEG_INFINITY);
    for (&doc, &freq) in postings.docs().iter().zip(postings.freqs()) {
        let norm = norms.fieldnorm_id(doc);
        if freq > best.1 || norm < best.0 {
            let score = weight.score(norm, freq);
            if score > best.2 {
                best = (norm, freq, score);
            }
        }
    }
    (best.0, best.1)
}

#[cfg(test)]
mod tests {
    use super::super::segment_file::{SEGMENT_ID, segment_ids};
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{IndexWriter, TantivyDocument};

    /// 3,000 paragraphs of two segments (the second of 19 blocks, more than a group): `common` in every one, once to eight times, in
    /// paragraphs of one to thirty words; `rare` in a few.
    fn corpus() -> (Index, Field) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for paragraph in 0..3000usize {
            let mut words = vec!["common"; 1 + paragraph * 7 % 8 / (1 + paragraph / 1500)];
            words.extend(std::iter::repeat_n("filler", paragraph * 13 % 30));
            if paragraph % 100 == 0 {
                words.push("rare");
            }
            let mut doc = TantivyDocument::new();
            doc.add_text(body, words.join(" "));
            writer.add_document(doc).unwrap();
            if paragraph == 599 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index, body)
    }

    fn written(
        index: &Index,
        body: Field,
        previous: Option<&Path>,
    ) -> (tempfile::TempDir, BlockBounds) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(BOUNDS_FILE);
        BlockBounds::write_from(index, &[body], previous, &path, 128).unwrap();
        let searcher = index.reader().unwrap().searcher();
        let bounds = BlockBounds::open(&path, &segment_ids(&searcher)).unwrap();
        (dir, bounds)
    }

    /// The corpus with its bounds written, and the term `common` with its weight.
    struct Common {
        body: Field,
        _dir: tempfile::TempDir,
        bounds: BlockBounds,
        searcher: tantivy::Searcher,
        term: Term,
        weight: Bm25Weight,
    }

    fn common() -> Common {
        let (index, body) = corpus();
        let (_dir, bounds) = written(&index, body, None);
        let searcher = index.reader().unwrap().searcher();
        let term = Term::from_field_text(body, "common");
        let weight = Bm25Weight::for_terms(&searcher, std::slice::from_ref(&term)).unwrap();
        Common {
            body,
            _dir,
            bounds,
            searcher,
            term,
            weight,
        }
    }

    #[test]
    fn each_block_bound_is_its_best_score_and_its_end_its_last_paragraph() {
        let c = common();
        let (body, term, weight) = (c.body, &c.term, &c.weight);
        for (ord, reader) in c.searcher.segment_readers().iter().enumerate() {
            let kept = c.bounds.of(ord as u32, term).unwrap().blocks;
            let norms = reader
                .fieldnorms_readers()
                .get_field(body)
                .unwrap()
                .unwrap();
            let index = reader.inverted_index(body).unwrap();
            let mut postings = index
                .read_block_postings(term, IndexRecordOption::WithFreqs)
                .unwrap()
                .unwrap();
            let mut at = 0;
            while let Some(&last) = postings.docs().last() {
                assert_eq!(kept.last(at), last);
                let scores = postings.docs().iter().zip(postings.freqs());
                let best = scores
                    .map(|(&d, &f)| weight.score(norms.fieldnorm_id(d), f))
                    .fold(0.0, Score::max);
                assert!(
                    (kept.max(at, weight) - best).abs() <= 1e-5 * best,
                    "block {at}"
                );
                postings.advance();
                at += 1;
            }
            assert_eq!((at, kept.last(at)), (kept.len(), TERMINATED));
            assert_eq!(kept.first_from(0, kept.last(1) + 1), 2);
            assert!(
                c.bounds
                    .of(ord as u32, &Term::from_field_text(body, "rare"))
                    .is_none()
            );
        }
    }

    #[test]
    fn each_group_bound_is_its_best_block_and_its_end_its_last_block() {
        let c = common();
        let kept = (0..2)
            .filter_map(|segment| c.bounds.of(segment, &c.term))
            .max_by_key(|kept| kept.blocks.len())
            .unwrap();
        let (blocks, groups) = (kept.blocks, kept.groups);
        assert!(
            blocks.len() > GROUP,
            "the corpus must fill more than one group"
        );
        assert_eq!(groups.len(), blocks.len().div_ceil(GROUP));
        for group in 0..groups.len() {
            let members = group * GROUP..((group + 1) * GROUP).min(blocks.len());
            assert_eq!(groups.last(group), blocks.last(members.end - 1));
            let best = members
                .map(|at| blocks.max(at, &c.weight))
                .fold(0.0, Score::max);
            assert_eq!(groups.max(group, &c.weight), best, "group {group}");
        }
    }

    #[test]
    fn kept_segments_are_copied_and_a_missing_file_is_refused() {
        let (index, body) = corpus();
        let (dir, first) = written(&index, body, None);
        let (_again, copied) = written(&index, body, Some(&dir.path().join(BOUNDS_FILE)));
        assert_eq!(first.bytes.as_deref(), copied.bytes.as_deref());
        let missing = Path::new("/nonexistent/bounds.bin");
        assert!(BlockBounds::open(missing, &["a".repeat(SEGMENT_ID)]).is_err());
    }

    #[test]
    fn a_cut_file_is_refused() {
        let (index, body) = corpus();
        let (dir, _) = written(&index, body, None);
        let path = dir.path().join(BOUNDS_FILE);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        let ids = segment_ids(&index.reader().unwrap().searcher());
        assert!(BlockBounds::open(&path, &ids).is_err());
    }
}
