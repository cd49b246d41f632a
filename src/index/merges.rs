//! Which segments the tantivy writer merges: tantivy's logarithmic policy, with no merge
//! producing a segment past a bound.
//!
//! A merge maps every segment it reads. tantivy's own policy merges a level of eight
//! segments whatever their sum, so the build of a gigabyte of documents ended merging the
//! whole index into one segment, holding 1.7 GB of mapped files. Bounded merges keep that
//! memory, and the time of a merge after adding one file, independent of the archive.

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Paragraphs past which a merge is not made: about 300 MB of index. The writer's flushes of
/// about 18,000 paragraphs merge eight at a time once, and no further. On a gigabyte of
/// documents (1.3 million paragraphs) the build then peaked at 1,071 MB instead of 2,282 and
/// took 134 s instead of 180, for 14 segments instead of 7 and queries 5-15% slower.
pub const MERGED_PARAGRAPHS: u32 = 250_000;

/// Paragraphs past which an incremental build that adds little makes no merge: its new
/// segments merge among themselves, never with the segments of the full build. One added
/// file on a gigabyte of documents waited 10 s for a merge of 120,000 paragraphs.
pub const ADDED_PARAGRAPHS_MERGED: u32 = 20_000;

/// The bound of a build's merges. A full build merges up to [`MERGED_PARAGRAPHS`]; an
/// incremental one as far as it adds, between [`ADDED_PARAGRAPHS_MERGED`] and that: adding
/// one file stays cheap, and adding a province's year of documents at once does not leave
/// it in a hundred small segments.
pub fn merge_bound(incremental: bool, added_paragraphs: u64) -> u32 {
    if !incremental {
        return MERGED_PARAGRAPHS;
    }
    let added = u32::try_from(added_paragraphs).unwrap_or(u32::MAX);
    added.clamp(ADDED_PARAGRAPHS_MERGED, MERGED_PARAGRAPHS)
}

/// tantivy's [`LogMergePolicy`], whose merges are split so that none passes a bound.
#[derive(Debug)]
pub struct BoundedMerges {
    log: LogMergePolicy,
    bound: u32,
}

impl BoundedMerges {
    /// Merges bounded by `bound` documents.
    pub fn new(bound: u32) -> BoundedMerges {
        let mut log = LogMergePolicy::default();
        log.set_max_docs_before_merge(bound as usize);
        BoundedMerges { log, bound }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id: &SegmentId| {
            let meta = segments.iter().find(|s| s.id() == *id);
            meta.map_or(0, SegmentMeta::num_docs)
        };
        self.log
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|c| split(c.0.iter().map(|id| (*id, docs(id))), self.bound))
            .map(MergeCandidate)
            .collect()
    }
}

/// The merges that leave a build with few segments: its segments under half the bound, in
/// groups of at most the bound, largest first. tantivy's policy merges only eight segments
/// of a size at once, so a build's last flushes stay apart: the real corpus ended in nine
/// segments, two of them full, and its queries were a third slower than on three.
pub fn tail_merges(segments: &[SegmentMeta], bound: u32) -> Vec<Vec<SegmentId>> {
    let mut small: Vec<(SegmentId, u32)> = segments
        .iter()
        .map(|s| (s.id(), s.num_docs()))
        .filter(|(_, docs)| *docs < bound / 2)
        .collect();
    small.sort_by_key(|(_, docs)| std::cmp::Reverse(*docs));
    split(small.into_iter(), bound)
}

/// Splits a merge into consecutive ones of at most `bound` documents each, keeping only
/// those that still merge two segments or more.
fn split(segments: impl Iterator<Item = (SegmentId, u32)>, bound: u32) -> Vec<Vec<SegmentId>> {
    let mut merges = vec![Vec::new()];
    let mut sum = 0u32;
    for (id, docs) in segments {
        let current = merges
            .last_mut()
            .filter(|m| sum + docs <= bound || m.is_empty());
        match current {
            Some(merge) => {
                merge.push(id);
                sum += docs;
            }
            None => {
                merges.push(vec![id]);
                sum = docs;
            }
        }
    }
    merges.retain(|m| m.len() >= 2);
    merges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(merges: &[Vec<SegmentId>], of: &[(SegmentId, u32)]) -> Vec<Vec<u32>> {
        let docs = |id: &SegmentId| of.iter().find(|(s, _)| s == id).map_or(0, |(_, d)| *d);
        merges
            .iter()
            .map(|m| m.iter().map(docs).collect())
            .collect()
    }

    #[test]
    fn a_merge_past_the_bound_is_split_into_merges_within_it() {
        let segments: Vec<(SegmentId, u32)> = [90, 80, 70, 60, 50, 40, 30, 20]
            .into_iter()
            .map(|d| (SegmentId::generate_random(), d))
            .collect();
        let merges = split(segments.iter().copied(), 200);
        assert_eq!(
            sizes(&merges, &segments),
            vec![vec![90, 80], vec![70, 60, 50], vec![40, 30, 20]]
        );
    }

    #[test]
    fn an_incremental_build_merges_as_far_as_it_adds() {
        assert_eq!(merge_bound(false, 12), MERGED_PARAGRAPHS);
        assert_eq!(merge_bound(true, 12), ADDED_PARAGRAPHS_MERGED);
        assert_eq!(merge_bound(true, 90_000), 90_000);
        assert_eq!(merge_bound(true, 5_000_000), MERGED_PARAGRAPHS);
    }

    #[test]
    fn the_small_segments_left_are_merged_largest_first_within_the_bound() {
        let small = |docs: u32| (SegmentId::generate_random(), docs);
        let segments: Vec<(SegmentId, u32)> = vec![
            small(240),
            small(20),
            small(75),
            small(110),
            small(77),
            small(38),
        ];
        let metas: Vec<SegmentMeta> = segments
            .iter()
            .map(|(id, docs)| {
                tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build())
                    .new_segment_meta(*id, *docs)
            })
            .collect();
        let merges = tail_merges(&metas, 250);
        assert_eq!(
            sizes(&merges, &segments),
            vec![vec![110, 77], vec![75, 38, 20]]
        );
    }

    #[test]
    fn a_segment_left_alone_is_not_a_merge() {
        let segments: Vec<(SegmentId, u32)> = [150, 120, 30]
            .into_iter()
            .map(|d| (SegmentId::generate_random(), d))
            .collect();
        let merges = split(segments.iter().copied(), 160);
        assert_eq!(sizes(&merges, &segments), vec![vec![120, 30]]);
    }
}
