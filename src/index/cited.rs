//! The cited documents of a generation on disk: the registry in compressed blocks of items,
//! with tables of them by number and by the corpus documents that cite them or are them.
//! The file is memory-mapped and read per lookup, so opening an index reads none of it and
//! a server's memory does not grow with the citations of its corpus: the registry of a
//! gigabyte of documents held whole took 195 MB, and half a second to read at every number
//! typed in the terminal.
//!
//! ```text
//! [zstd: items of block 0] … [zstd: items of block b-1]
//! [first item u32, end u64] × b
//! [number u32, item u32] × n        sorted: the items of each number
//! [citing doc u32, item u32] × c    sorted: the items each corpus document cites
//! [holding doc u32, item u32] × h   sorted: the items each corpus document is
//! [b u64] [n u64] [c u64] [h u64] [items u64]
//! ```
//!
//! A document is named in the tables by its ord in the catalog.

use super::block_cache::BlockCache;
use super::dictionary::decompress;
use super::docstore::map;
use super::store::{ZSTD_LEVEL, u32_at, u64_at};
use crate::codes::{CitedDocument, same_number};
use crate::vocabulary::DocCode;
use anyhow::{Context, Result, ensure};
use memmap2::Mmap;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// The file of a generation that holds its cited documents.
pub const CITED_FILE: &str = "cited.bin";

/// Serialized bytes of items a block holds before the next one starts: a lookup decodes
/// about this much, a few dozen cited documents, in tens of microseconds.
const BLOCK_BYTES: usize = 16 * 1024;

/// Decoded blocks kept: the cards of a number asked again, and the links of a map drawn
/// around one document, decode nothing twice.
const CACHED_BLOCKS: NonZeroUsize = NonZeroUsize::new(64).unwrap();

/// Bytes of the fixed end: the four table lengths and the number of items.
const FOOTER: usize = 5 * 8;

/// Bytes of a row of the block table.
const BLOCK_ROW: usize = 12;

/// Bytes of a row of the number and document tables.
const PAIR: usize = 8;

/// What a damaged table is told with.
const BROKEN: &str = "bảng văn bản được trích dẫn của chỉ mục bị hỏng";

/// The cited documents of a generation, read per lookup.
pub struct CitedTable {
    bytes: Mmap,
    /// Each block: its first item and where its frame lies.
    blocks: Vec<(usize, Range<usize>)>,
    by_number: Range<usize>,
    citing: Range<usize>,
    holding: Range<usize>,
    len: usize,
    cache: BlockCache<usize, Vec<CitedDocument>>,
}

/// Writes a table item by item, as the registry hands the cited documents over: it holds
/// one block of them and the tables of numbers, not the registry.
#[derive(Default)]
pub struct TableWriter {
    out: Vec<u8>,
    /// The items of the block being filled, serialized one after the other, and how many.
    pending: Vec<u8>,
    pending_items: usize,
    /// One compression context for every block, made at the first.
    packer: Option<zstd::bulk::Compressor<'static>>,
    /// Each block written: its first item and where it ends.
    blocks: Vec<(u32, usize)>,
    by_number: Vec<(u32, u32)>,
    citing: Vec<(u32, u32)>,
    holding: Vec<(u32, u32)>,
    len: u32,
}

impl TableWriter {
    /// Adds the next cited document; `ord_of` gives the catalog ord of a corpus document by
    /// its id. Returns its item.
    pub fn push(&mut self, d: CitedDocument, ord_of: impl Fn(&str) -> Option<u32>) -> Result<u32> {
        let item = self.len;
        self.by_number.push((number_of(&d.code), item));
        let citing = d.mentions.iter().filter_map(|m| ord_of(&m.doc_id));
        self.citing.extend(citing.map(|ord| (ord, item)));
        let holding = d.held_by.iter().filter_map(|id| ord_of(id));
        self.holding.extend(holding.map(|ord| (ord, item)));
        if self.pending.len() >= BLOCK_BYTES {
            self.flush()?;
        }
        self.pending = postcard::to_extend(&d, std::mem::take(&mut self.pending))?;
        self.pending_items += 1;
        self.len += 1;
        Ok(item)
    }

    /// Compresses the pending items into a block: the list of them as postcard writes a
    /// list, its length before its items.
    fn flush(&mut self) -> Result<()> {
        if self.pending_items == 0 {
            return Ok(());
        }
        let first = self.len - self.pending_items as u32;
        let mut block = postcard::to_stdvec(&self.pending_items)?;
        block.extend_from_slice(&self.pending);
        let packer = match &mut self.packer {
            Some(packer) => packer,
            None => self.packer.insert(zstd::bulk::Compressor::new(ZSTD_LEVEL)?),
        };
        let packed = packer.compress(&block)?;
        self.out.extend_from_slice(&packed);
        self.blocks.push((first, self.out.len()));
        self.pending.clear();
        self.pending_items = 0;
        Ok(())
    }

    /// The table's bytes.
    fn finish(mut self) -> Result<Vec<u8>> {
        self.flush()?;
        let mut out = self.out;
        for (first, end) in &self.blocks {
            out.extend_from_slice(&first.to_le_bytes());
            out.extend_from_slice(&(*end as u64).to_le_bytes());
        }
        for rows in [&mut self.by_number, &mut self.citing, &mut self.holding] {
            rows.sort_unstable();
            rows.dedup();
            for (key, item) in rows.iter() {
                out.extend_from_slice(&key.to_le_bytes());
                out.extend_from_slice(&item.to_le_bytes());
            }
        }
        let lengths = [self.blocks.len(), self.by_number.len(), self.citing.len()];
        for n in lengths
            .into_iter()
            .chain([self.holding.len(), self.len as usize])
        {
            out.extend_from_slice(&(n as u64).to_le_bytes());
        }
        Ok(out)
    }

    /// Writes the table to `path`.
    pub fn write(self, path: &Path) -> Result<()> {
        let bytes = self.finish()?;
        std::fs::write(path, bytes).with_context(|| format!("không ghi được {}", path.display()))
    }
}

/// The number of a code: what the number table is keyed by.
pub fn number_of(code: &DocCode) -> u32 {
    match code {
        DocCode::Party { number, .. } | DocCode::State { number, .. } => *number,
    }
}

impl CitedTable {
    /// Maps the table at `path`; an error when its parts do not add up.
    pub fn open(path: &Path) -> Result<CitedTable> {
        let bytes = map(path)?;
        let word = |at: usize| u64_at(&bytes, at).context(BROKEN);
        let end = bytes.len().checked_sub(FOOTER).context(BROKEN)?;
        let [b, n, c, h, len] = [0, 1, 2, 3, 4].map(|k| word(end + k * 8));
        let (b, n, c, h, len) = (b?, n?, c?, h?, len?);
        let holding = end.checked_sub(h * PAIR).context(BROKEN)?..end;
        let citing = holding.start.checked_sub(c * PAIR).context(BROKEN)?..holding.start;
        let by_number = citing.start.checked_sub(n * PAIR).context(BROKEN)?..citing.start;
        let table = by_number.start.checked_sub(b * BLOCK_ROW).context(BROKEN)?;
        let mut blocks = Vec::with_capacity(b);
        let mut at = 0;
        for row in 0..b {
            let row = &bytes[table + row * BLOCK_ROW..table + (row + 1) * BLOCK_ROW];
            let first = u32_at(row, 0).context(BROKEN)?;
            let end = u64_at(row, 4).context(BROKEN)?;
            ensure!(at <= end && end <= table, BROKEN);
            blocks.push((first, at..end));
            at = end;
        }
        ensure!(at == table, BROKEN);
        Ok(CitedTable {
            bytes,
            blocks,
            by_number,
            citing,
            holding,
            len,
            cache: BlockCache::new(CACHED_BLOCKS),
        })
    }

    /// How many cited documents there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no document is cited.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Cited document `item`.
    pub fn get(&self, item: usize) -> Result<CitedDocument> {
        let (block, k) = self.place(item)?;
        self.block(block)?.get(k).cloned().context(BROKEN)
    }

    /// The block holding `item`, and where in it the item stands.
    fn place(&self, item: usize) -> Result<(usize, usize)> {
        ensure!(
            item < self.len,
            "{BROKEN}: không có văn bản được trích dẫn này"
        );
        let block = self.blocks.partition_point(|(first, _)| *first <= item);
        let block = block.checked_sub(1).context(BROKEN)?;
        Ok((block, item - self.blocks[block].0))
    }

    /// Block `block`, decoded.
    fn block(&self, block: usize) -> Result<Arc<Vec<CitedDocument>>> {
        let frame = self.blocks[block].1.clone();
        self.cache.get_or_read(block, || {
            let bytes = decompress(&self.bytes[frame], None).context(BROKEN)?;
            postcard::from_bytes(&bytes).context(BROKEN)
        })
    }

    /// The items bearing `number`, of any type and issuer.
    pub fn numbered(&self, number: u32) -> Vec<usize> {
        self.rows(&self.by_number, number)
    }

    /// The items the corpus document at `ord` cites.
    pub fn cited_by(&self, ord: usize) -> Vec<usize> {
        u32::try_from(ord).map_or_else(|_| Vec::new(), |o| self.rows(&self.citing, o))
    }

    /// The items the corpus document at `ord` is.
    pub fn held_as(&self, ord: usize) -> Vec<usize> {
        u32::try_from(ord).map_or_else(|_| Vec::new(), |o| self.rows(&self.holding, o))
    }

    /// Every cited document a code names, with its item: all meanings of the number. A
    /// partial code (`17-ĐA`) names every document of that number and type.
    pub fn lookup(&self, code: &DocCode) -> Result<Vec<(usize, CitedDocument)>> {
        self.numbered_where(number_of(code), |d| same_number(&d.code, code))
    }

    /// The cited documents bearing `number` that `keep` keeps, with their items. The items
    /// come in order, so each block is taken once however many of its items are looked at,
    /// and only those kept are cloned: a common number has thousands.
    pub fn numbered_where(
        &self,
        number: u32,
        keep: impl Fn(&CitedDocument) -> bool,
    ) -> Result<Vec<(usize, CitedDocument)>> {
        let mut found = Vec::new();
        let mut held: Option<(usize, Arc<Vec<CitedDocument>>)> = None;
        for item in self.numbered(number) {
            let (block, k) = self.place(item)?;
            let items = match &held {
                Some((b, items)) if *b == block => items,
                _ => &held.insert((block, self.block(block)?)).1,
            };
            let cited = items.get(k).context(BROKEN)?;
            if keep(cited) {
                found.push((item, cited.clone()));
            }
        }
        Ok(found)
    }

    /// The items of the rows of `table` keyed `key`.
    fn rows(&self, table: &Range<usize>, key: u32) -> Vec<usize> {
        let rows = &self.bytes[table.clone()];
        let row = |k: usize| {
            let at = k * PAIR;
            let word = |at: usize| u32_at(rows, at).unwrap_or_default();
            (word(at) as u32, word(at + 4))
        };
        let count = rows.len() / PAIR;
        let (mut lo, mut hi) = (0, count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if row(mid).0 < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..count)
            .map(row)
            .take_while(|&(k, _)| k == key)
            .map(|(_, item)| item)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Registry;
    use crate::ingest::parse_text;

    /// The bytes of the table of `registry`.
    fn encode(registry: &Registry, ord_of: impl Fn(&str) -> Option<u32>) -> Result<Vec<u8>> {
        let mut writer = TableWriter::default();
        for d in &registry.documents {
            writer.push(d.clone(), &ord_of)?;
        }
        writer.finish()
    }

    /// A corpus of `n` resolutions, each citing two numbers; the ord of `doc-i` is `i`.
    fn registry(n: usize) -> Registry {
        let docs: Vec<_> = (0..n)
            .map(|i| {
                let text = format!(
                    "TỈNH ỦY LÀO CAI\n\nSố {i}-NQ/TU\n\nNGHỊ QUYẾT\n\nVề công tác năm 2024\n\n\
                     Thực hiện Nghị quyết số {}-NQ/TU ngày 01/10/2021 của Tỉnh ủy Lào Cai và \
                     Kết luận số 57-KL/TW của Bộ Chính trị.\n",
                    i + 1
                );
                parse_text(&format!("doc-{i}"), &format!("doc-{i}.txt"), &text)
            })
            .collect();
        Registry::build(&docs)
    }

    fn ord_of(id: &str) -> Option<u32> {
        id.strip_prefix("doc-")?.parse().ok()
    }

    /// The table of `bytes`, through a file as an index has it.
    fn opened(bytes: &[u8]) -> Result<CitedTable> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CITED_FILE);
        std::fs::write(&path, bytes).unwrap();
        CitedTable::open(&path)
    }

    #[test]
    fn every_cited_document_reads_back_and_is_found_by_number_and_document() {
        let registry = registry(300);
        let table = opened(&encode(&registry, ord_of).unwrap()).unwrap();
        assert!(table.blocks.len() > 1, "{} blocks", table.blocks.len());
        assert_eq!(table.len(), registry.documents.len());
        for (i, d) in registry.documents.iter().enumerate() {
            assert_eq!(table.get(i).unwrap().code, d.code);
        }
        assert!(table.get(table.len()).is_err());
        let code = DocCode::parse("57-KL/TW").unwrap();
        let found = table.lookup(&code).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.mentions.len(), 300);
        let (item, _) = &found[0];
        assert!(table.cited_by(7).contains(item));
        let held = table.lookup(&DocCode::parse("8-NQ/TU").unwrap()).unwrap();
        assert_eq!(held[0].1.held_by, ["doc-8"]);
        assert_eq!(table.held_as(8), [held[0].0]);
        assert!(table.numbered(100_000).is_empty());
        assert!(
            opened(&encode(&Registry::default(), ord_of).unwrap())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_cut_table_is_refused() {
        let bytes = encode(&registry(40), ord_of).unwrap();
        for cut in [0, 7, bytes.len() / 2, bytes.len() - 1] {
            assert!(opened(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
