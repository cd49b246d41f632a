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

/// The merges that leave a build with few segments: its segments under half the bound,
/// shared among as many merges as the bound needs and at least one per core, each taking
/// the largest segment left while it is the smallest merge, so that the merges end
/// together. tantivy's policy merges only eight segments of a size at once, so a build's
/// last flushes stay apart: the real corpus ended in nine segments, two of them full, and
/// its queries were a third slower than on three. Merged as one, those flushes kept one
/// core busy for the last 4.3 s of its 36 s build; as two merges on two cores, 2.6 s.
pub fn tail_merges(segments: &[SegmentMeta], bound: u32, cores: usize) -> Vec<Vec<SegmentId>> {
    let mut small: Vec<(SegmentId, u32)> = segments
        .iter()
        .map(|s| (s.id(), s.num_docs()))
        .filter(|(_, docs)| *docs < bound / 2)
        .collect();
    small.sort_by_key(|(_, docs)| std::cmp::Reverse(*docs));
    let sum: u64 = small.iter().map(|(_, docs)| u64::from(*docs)).sum();
    let needed = sum.div_ceil(u64::from(bound.max(1))) as usize;
    let fewest = needed.max(cores).min(small.len() / 2).max(1);
    let merges = (fewest..small.len())
        .map(|count| balanced(&small, count))
        .find(|merges| merges.iter().all(|(docs, _)| *docs <= u64::from(bound)))
        .unwrap_or_default();
    merges
        .into_iter()
        .map(|(_, ids)| ids)
        .filter(|ids| ids.len() >= 2)
        .collect()
}

/// `segments`, largest first, shared among `count` merges: each goes to the merge with the
/// fewest documents so far. Each merge comes with its documents.
fn balanced(segments: &[(SegmentId, u32)], count: usize) -> Vec<(u64, Vec<SegmentId>)> {
    let mut merges = vec![(0u64, Vec::new()); count];
    for &(id, docs) in segments {
        if let Some(smallest) = merges.iter_mut().min_by_key(|(sum, _)| *sum) {
            smallest.0 += u64::from(docs);
            smallest.1.push(id);
        }
    }
    merges
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

    fn metas(segments: &[(SegmentId, u32)]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        segments
            .iter()
            .map(|(id, docs)| index.new_segment_meta(*id, *docs))
            .collect()
    }

    fn segments_of(docs: &[u32]) -> Vec<(SegmentId, u32)> {
        docs.iter()
            .map(|&d| (SegmentId::generate_random(), d))
            .collect()
    }

    #[test]
    fn a_merge_past_the_bound_is_split_into_merges_within_it() {
        let segments = segments_of(&[90, 80, 70, 60, 50, 40, 30, 20]);
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
        let segments = segments_of(&[240, 20, 75, 110, 77, 38]);
        let merges = tail_merges(&metas(&segments), 250, 1);
        assert_eq!(
            sizes(&merges, &segments),
            vec![vec![110, 38, 20], vec![77, 75]]
        );
    }

    #[test]
    fn the_last_flushes_are_merged_on_every_core_in_merges_of_even_size() {
        let segments = segments_of(&[19, 40, 33, 30, 35, 19, 33, 32]);
        let merges = tail_merges(&metas(&segments), 250, 2);
        assert_eq!(
            sizes(&merges, &segments),
            vec![vec![40, 33, 30, 19], vec![35, 33, 32, 19]]
        );
    }

    #[test]
    fn more_merges_are_made_when_even_ones_would_pass_the_bound() {
        let segments = segments_of(&[100, 100, 100, 100, 100]);
        let merges = tail_merges(&metas(&segments), 250, 1);
        assert_eq!(
            sizes(&merges, &segments),
            vec![vec![100, 100], vec![100, 100]]
        );
    }

    #[test]
    fn a_segment_left_alone_is_not_a_merge() {
        let segments = segments_of(&[150, 120, 30]);
        let merges = split(segments.iter().copied(), 160);
        assert_eq!(sizes(&merges, &segments), vec![vec![120, 30]]);
    }
}
