//! One document's record in the document store: the document without its text, then its
//! paragraphs' and footnotes' text in blocks compressed one by one (all with the chunk's
//! [`Dictionary`]), then a table of the blocks. A hit reads one entry by decompressing one block of at most [`BLOCK_BYTES`]; the
//! document view reads the whole record back. tantivy's own store then holds no text: the
//! paragraphs were stored twice before, a third of the index.
//!
//! ```text
//! [zstd: document JSON, texts emptied] [zstd: block 0] … [zstd: block n-1]
//! [first entry u32, length u32] × n   [head length u32] [n u32]
//! ```

use super::dictionary::{BROKEN, Dictionary, compressor, decompress};
use super::store::u32_at;
use crate::ingest::Document;
use anyhow::{Context, Result, ensure};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text bytes a block holds before the next one starts: a hit decompresses at most about
/// this much, a few microseconds, and most documents (7.6 KB of text at the median) are
/// one block that compresses as well as the whole text would.
pub const BLOCK_BYTES: usize = 16 * 1024;

/// Bytes of the fixed end of a record: the head's length and the number of blocks.
const END: usize = 8;

/// Bytes per block in the table: its first entry and its length.
const ROW: usize = 8;

/// A paragraph or footnote as a hit shows it: the unit tantivy indexes, numbered in its
/// document's record (paragraphs in order, then footnotes). Its text is borrowed where it
/// can be: from the document while packing, from the decompressed block while reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry<'a> {
    /// The paragraph's number, or for a footnote the paragraph pointing to it (0 if none).
    pub paragraph: usize,
    /// The footnote's number, for a footnote.
    pub footnote: Option<u32>,
    /// The section path the paragraph stands under (empty for a footnote).
    #[serde(borrow)]
    pub section: Cow<'a, str>,
    /// Its text.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
}

/// The entries of `doc` in record order: its paragraphs, then its footnotes.
pub fn entries(doc: &Document) -> Vec<Entry<'_>> {
    let paragraphs = doc.paragraphs.iter().map(|p| Entry {
        paragraph: p.n,
        footnote: None,
        section: Cow::Borrowed(&p.section),
        text: Cow::Borrowed(&p.text),
    });
    let footnotes = doc.footnotes.iter().map(|f| Entry {
        paragraph: f.paragraph.unwrap_or(0),
        footnote: Some(f.n),
        section: Cow::Borrowed(""),
        text: Cow::Borrowed(&f.text),
    });
    paragraphs.chain(footnotes).collect()
}

/// A record before compression.
struct Parts {
    /// The document as JSON, its texts emptied.
    head: Vec<u8>,
    /// Each block of its entries, with the number of the block's first entry.
    blocks: Vec<(usize, Vec<u8>)>,
}

/// The parts of `doc`'s record before compression.
fn parts(doc: &Document) -> Result<Parts> {
    let entries = entries(doc);
    let mut head = doc.clone();
    head.paragraphs.iter_mut().for_each(|p| {
        p.text.clear();
        p.section.clear();
    });
    head.footnotes.iter_mut().for_each(|f| f.text.clear());
    let blocks = blocks(&entries)
        .into_iter()
        .map(|(first, block)| Ok((first, postcard::to_stdvec(block)?)))
        .collect::<Result<_>>()?;
    Ok(Parts {
        head: serde_json::to_vec(&head)?,
        blocks,
    })
}

/// The parts of `doc`'s record as they are compressed, for training a [`Dictionary`].
pub fn samples(doc: &Document) -> Result<Vec<Vec<u8>>> {
    let Parts { head, blocks } = parts(doc)?;
    Ok(std::iter::once(head)
        .chain(blocks.into_iter().map(|(_, block)| block))
        .collect())
}

/// The record of `doc`, compressed with `dictionary` when there is one.
pub fn pack(doc: &Document, dictionary: Option<&Dictionary>) -> Result<Vec<u8>> {
    let Parts { head, blocks } = parts(doc)?;
    let mut compressor = compressor(dictionary)?;
    let mut out = compressor.compress(&head)?;
    let head_len = out.len();
    let mut table = Vec::new();
    for (first, block) in blocks {
        let packed = compressor.compress(&block)?;
        table.push((first, packed.len()));
        out.extend_from_slice(&packed);
    }
    for (first, len) in &table {
        out.extend_from_slice(&u32::try_from(*first)?.to_le_bytes());
        out.extend_from_slice(&u32::try_from(*len)?.to_le_bytes());
    }
    out.extend_from_slice(&u32::try_from(head_len)?.to_le_bytes());
    out.extend_from_slice(&u32::try_from(table.len())?.to_le_bytes());
    Ok(out)
}

/// The entries cut into blocks of about [`BLOCK_BYTES`] of text, each with the number of
/// its first entry.
fn blocks<'e>(entries: &'e [Entry<'_>]) -> Vec<(usize, &'e [Entry<'e>])> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        if bytes >= BLOCK_BYTES {
            out.push((start, &entries[start..i]));
            (start, bytes) = (i, 0);
        }
        bytes += e.text.len() + e.section.len();
    }
    if start < entries.len() {
        out.push((start, &entries[start..]));
    }
    out
}

/// A record read from the store, its parts located but not decompressed.
pub struct Record<'a> {
    bytes: &'a [u8],
    /// The dictionary of the chunk the record is in.
    dictionary: Option<&'a Dictionary>,
    head_len: usize,
    /// Each block: its first entry, where it starts and ends in `bytes`.
    blocks: Vec<(usize, std::ops::Range<usize>)>,
}

impl<'a> Record<'a> {
    /// Locates the parts of `bytes`, compressed with `dictionary`; an error when they do
    /// not add up.
    pub fn of(bytes: &'a [u8], dictionary: Option<&'a Dictionary>) -> Result<Record<'a>> {
        let broken = || format!("{BROKEN}: một văn bản bị cắt");
        let word = |at: usize| u32_at(bytes, at).with_context(broken);
        let end = bytes.len().checked_sub(END).with_context(broken)?;
        let (head_len, count) = (word(end)?, word(end + 4)?);
        let table = end.checked_sub(count * ROW).with_context(broken)?;
        let mut at = head_len;
        let mut blocks = Vec::with_capacity(count);
        for row in 0..count {
            let (first, len) = (word(table + row * ROW)?, word(table + row * ROW + 4)?);
            blocks.push((first, at..at + len));
            at += len;
        }
        ensure!(at == table, broken());
        Ok(Record {
            bytes,
            dictionary,
            head_len,
            blocks,
        })
    }

    /// The whole document.
    pub fn document(&self) -> Result<Document> {
        let mut doc: Document = serde_json::from_slice(&self.decompress(0..self.head_len)?)?;
        let blocks = self.texts()?;
        let mut entries = entries_in(&blocks)?.into_iter();
        let mut next = || entries.next().context(BROKEN);
        for p in &mut doc.paragraphs {
            let e = next()?;
            (p.section, p.text) = (e.section.into_owned(), e.text.into_owned());
        }
        for f in &mut doc.footnotes {
            f.text = next()?.text.into_owned();
        }
        Ok(doc)
    }

    /// Every block of the document's text, decompressed, for [`entries_in`].
    pub fn texts(&self) -> Result<Vec<Vec<u8>>> {
        self.blocks
            .iter()
            .map(|(_, range)| self.decompress(range.clone()))
            .collect()
    }

    /// The block holding entry `n` (see [`entries`]): the number of its first entry and
    /// where its frame lies in the record.
    pub fn block_of(&self, n: usize) -> Result<(usize, std::ops::Range<usize>)> {
        let block = self.blocks.partition_point(|(first, _)| *first <= n);
        block
            .checked_sub(1)
            .and_then(|b| self.blocks.get(b))
            .cloned()
            .with_context(|| format!("{BROKEN}: không có đoạn này"))
    }

    /// The frame of the record at `range` (a block from [`Record::block_of`]), decompressed.
    pub fn decompress(&self, range: std::ops::Range<usize>) -> Result<Vec<u8>> {
        decompress(&self.bytes[range], self.dictionary)
    }
}

/// The entries of decompressed blocks ([`Record::texts`]), in order, their text borrowed
/// from the blocks.
pub fn entries_in(blocks: &[Vec<u8>]) -> Result<Vec<Entry<'_>>> {
    let mut entries = Vec::new();
    for block in blocks {
        entries.extend(postcard::from_bytes::<Vec<Entry>>(block)?);
    }
    Ok(entries)
}

/// Entry `k` of a decompressed block: the entries before it are read past, not kept.
pub fn entry_in(block: &[u8], k: usize) -> Result<Entry<'static>> {
    let (len, mut rest) = postcard::take_from_bytes::<usize>(block)?;
    ensure!(k < len, "{BROKEN}: không có đoạn này");
    for _ in 0..k {
        rest = postcard::take_from_bytes::<RawEntry>(rest)?.1;
    }
    let raw: RawEntry = postcard::take_from_bytes(rest)?.0;
    let text = |bytes: &[u8]| -> Result<Cow<'static, str>> {
        Ok(Cow::Owned(
            std::str::from_utf8(bytes).context(BROKEN)?.to_owned(),
        ))
    };
    Ok(Entry {
        paragraph: raw.paragraph,
        footnote: raw.footnote,
        section: text(raw.section)?,
        text: text(raw.text)?,
    })
}

/// An [`Entry`] as its block holds it, its text not yet checked to be UTF-8: a hit checks
/// only the entry it shows, not every entry of the block before it.
#[derive(Deserialize)]
struct RawEntry<'a> {
    paragraph: usize,
    footnote: Option<u32>,
    section: &'a [u8],
    text: &'a [u8],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(paragraphs: usize) -> Document {
        let text: String = (1..=paragraphs)
            .map(|i| format!("Đoạn thứ {i} của văn bản, đủ dài để các khối được chia ra.\n\n"))
            .collect();
        crate::ingest::parse_text("x", "x.md", &text)
    }

    #[test]
    fn a_record_reads_back_whole_and_entry_by_entry() {
        let doc = document(2_000);
        let record = pack(&doc, None).unwrap();
        let read = Record::of(&record, None).unwrap();
        assert!(read.blocks.len() > 4, "{} blocks", read.blocks.len());
        let back = read.document().unwrap();
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&doc).unwrap()
        );
        let all = entries(&doc);
        let entry = |n: usize| -> Result<Entry<'static>> {
            let (first, range) = read.block_of(n)?;
            entry_in(&read.decompress(range)?, n - first)
        };
        for n in [0, 1, 500, 1_999] {
            assert_eq!(entry(n).unwrap(), all[n]);
        }
        assert!(entry(all.len()).is_err());
        let block = read.decompress(read.block_of(0).unwrap().1).unwrap();
        let held = postcard::take_from_bytes::<usize>(&block).unwrap().0;
        assert_eq!(entry_in(&block, held - 1).unwrap(), all[held - 1]);
        assert!(entry_in(&block, held).is_err());
    }

    #[test]
    fn a_cut_record_is_refused() {
        let record = pack(&document(3), None).unwrap();
        for cut in [0, 5, record.len() - 1] {
            assert!(Record::of(&record[..cut], None).is_err(), "cut at {cut}");
        }
    }
}
