//! Files that keep something for each tantivy segment of a generation, found by the
//! segment's id: the number of segments, each segment's id and the length of its part, then
//! the parts one after another. The block bounds ([`super::bounds::BlockBounds`]) are kept
//! so.

use super::store::u32_at;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::ops::Range;
use tantivy::Searcher;

/// Bytes of a segment's id as tantivy names it (hexadecimal).
pub const SEGMENT_ID: usize = 32;

/// Bytes of a segment's entry in the file's table: its id and its part's length.
const ENTRY: usize = SEGMENT_ID + 4;

/// The ids of the segments of `searcher`, in its order, as the files name them.
pub fn segment_ids(searcher: &Searcher) -> Vec<String> {
    let readers = searcher.segment_readers().iter();
    readers.map(|r| r.segment_id().uuid_string()).collect()
}

/// The file's bytes for `parts`: each segment's id, its part's length counted in units of
/// `unit` bytes, and its part.
pub fn encode(parts: &[(String, Vec<u8>)], unit: usize) -> Vec<u8> {
    let mut table = Vec::new();
    for (id, part) in parts {
        table.extend_from_slice(id.as_bytes());
        table.extend(((part.len() / unit) as u32).to_le_bytes());
    }
    let count = (parts.len() as u32).to_le_bytes();
    let mut out = [&count[..], &table].concat();
    parts
        .iter()
        .for_each(|(_, part)| out.extend_from_slice(part));
    out
}

/// Each segment's id in the file's `bytes` and where its part lies, its length counted in
/// units of `unit` bytes; fails when the file does not add up.
pub fn parts(bytes: &[u8], unit: usize) -> Result<HashMap<&str, Range<usize>>> {
    let count = u32_at(bytes, 0).context("tệp ngắn")?;
    let table = bytes.get(4..4 + count * ENTRY).context("tệp ngắn")?;
    let mut at = 4 + table.len();
    let mut by_id = HashMap::new();
    for entry in table.chunks_exact(ENTRY) {
        let id = std::str::from_utf8(&entry[..SEGMENT_ID])?;
        let len = u32_at(entry, SEGMENT_ID).context("tệp ngắn")? * unit;
        anyhow::ensure!(at + len <= bytes.len(), "tệp ngắn");
        by_id.insert(id, at..at + len);
        at += len;
    }
    Ok(by_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_by_id_and_a_cut_file_is_refused() {
        let (a, b) = ("a".repeat(SEGMENT_ID), "b".repeat(SEGMENT_ID));
        let bytes = encode(&[(a.clone(), vec![1, 2, 3, 4]), (b.clone(), vec![5, 6])], 2);
        let by_id = parts(&bytes, 2).unwrap();
        assert_eq!(&bytes[by_id[a.as_str()].clone()], [1, 2, 3, 4]);
        assert_eq!(&bytes[by_id[b.as_str()].clone()], [5, 6]);
        assert!(parts(&bytes[..bytes.len() - 1], 2).is_err());
        assert!(parts(&bytes[..3], 2).is_err());
    }
}
