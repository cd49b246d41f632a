//! The catalog of a generation: one compact head per document (its ids, metadata, number of
//! paragraphs and where its text lies in the document store), in a file mapped into memory
//! and decoded one head at a time: opening an index reads a few bytes, not every head, and
//! a server's memory does not grow with the documents it holds.
//!
//! A document's position in the catalog (its ord) is stable across incremental builds: a
//! removed or changed document leaves its place empty and a new version takes a new place,
//! so the ords the tantivy index holds stay right. `tracuu index --full` packs them again.

use super::docstore::{Location, map};
use super::store::{u32_at, u64_at};
use crate::ingest::{Document, Metadata};
use anyhow::{Context, Result};
use memmap2::Mmap;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

/// What a listing, a card, a facet and a hit's heading need of a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    /// The document's id. First, so that a lookup by id reads it alone.
    pub doc_id: String,
    /// Its source file below the corpus root.
    pub file: String,
    /// Its metadata, without the header lines as printed (`meta.header` is empty): only the
    /// view of the whole document shows them, and it reads them with the document.
    pub meta: Metadata,
    /// How many body paragraphs it has.
    pub paragraphs: usize,
    /// Where the whole document lies in the store.
    pub at: Location,
}

/// The leading field of a serialized [`Head`]: what finding a head by id compares, read
/// without decoding the rest (postcard writes a struct's fields in order, untagged).
#[derive(Deserialize)]
struct HeadId<'a> {
    doc_id: &'a str,
}

impl Head {
    /// The head of a document stored at `at`.
    pub fn of(doc: &Document, at: Location) -> Head {
        let meta = Metadata {
            header: Vec::new(),
            ..doc.meta.clone()
        };
        Head {
            doc_id: doc.doc_id.clone(),
            file: doc.file.clone(),
            meta,
            paragraphs: doc.paragraphs.len(),
            at,
        }
    }
}

/// The chunk files of the document store and every document's head, by ord: what a build
/// assembles and saves.
#[derive(Debug, Default)]
pub struct Catalog {
    /// The chunk files, in the order a [`Location`] numbers them.
    pub chunks: Vec<String>,
    /// The heads by ord; `None` where a document was removed or replaced.
    pub heads: Vec<Option<Head>>,
}

/// The file of a generation that holds its catalog.
pub const CATALOG_FILE: &str = "catalog.bin";

/// The start of a catalog file, after its length (a little-endian `u32`): what the fixed
/// tables after it are sized by.
#[derive(Serialize, Deserialize)]
struct Preamble {
    /// Places, empty ones included.
    slots: u64,
    /// Documents: the places that hold a head.
    documents: u64,
    chunks: Vec<String>,
}

/// Bytes of one entry of the offsets table.
const OFFSET: usize = 8;
/// Bytes of one entry of the table of ords sorted by id.
const ORD: usize = 4;

impl Catalog {
    /// Writes the catalog as [`Heads`] maps it: the preamble, then `slots + 1` offsets of
    /// each head in the heads' bytes (equal where a place is empty), then the ords of the
    /// documents sorted by id, then the heads, each serialized on its own.
    pub fn save(&self, path: &Path) -> Result<()> {
        let cannot = || format!("không ghi được {}", path.display());
        let mut body = Vec::new();
        let mut offsets = Vec::with_capacity((self.heads.len() + 1) * OFFSET);
        for head in &self.heads {
            offsets.extend((body.len() as u64).to_le_bytes());
            if let Some(head) = head {
                body = postcard::to_extend(head, body)?;
            }
        }
        offsets.extend((body.len() as u64).to_le_bytes());
        let mut by_id: Vec<(&str, u32)> = (0u32..)
            .zip(&self.heads)
            .filter_map(|(ord, h)| Some((h.as_ref()?.doc_id.as_str(), ord)))
            .collect();
        by_id.sort_unstable();
        let preamble = postcard::to_stdvec(&Preamble {
            slots: self.heads.len() as u64,
            documents: by_id.len() as u64,
            chunks: self.chunks.clone(),
        })?;
        let mut out = BufWriter::new(fs::File::create(path).with_context(cannot)?);
        out.write_all(&(preamble.len() as u32).to_le_bytes())?;
        out.write_all(&preamble)?;
        out.write_all(&offsets)?;
        for (_, ord) in by_id {
            out.write_all(&ord.to_le_bytes())?;
        }
        out.write_all(&body)?;
        out.flush().with_context(cannot)
    }

    /// Reads a saved catalog whole: what an incremental build starts from.
    pub fn load(path: &Path) -> Result<Catalog> {
        let heads = Heads::open(path)?;
        let all: Result<Vec<_>> = (0..heads.slots()).map(|ord| heads.decode(ord)).collect();
        Ok(Catalog {
            chunks: heads.chunks,
            heads: all.with_context(|| format!("{} bị hỏng", path.display()))?,
        })
    }
}

/// A saved catalog, mapped: each head is decoded when asked for.
pub struct Heads {
    bytes: Mmap,
    chunks: Vec<String>,
    slots: usize,
    documents: usize,
    /// Where the offsets table starts.
    offsets: usize,
    /// Where the table of ords sorted by id starts.
    by_id: usize,
    /// Where the heads start.
    body: usize,
}

impl Heads {
    /// Maps a catalog saved by [`Catalog::save`], checking that its tables fit the file and
    /// its offsets run forward, so that a damaged file is refused here and not at a hit.
    pub fn open(path: &Path) -> Result<Heads> {
        let bytes = map(path)?;
        let damaged = || format!("{} bị hỏng: hãy chạy tracuu index --full", path.display());
        let heads = Self::laid_out(bytes).with_context(damaged)?;
        anyhow::ensure!(heads.offsets_run_forward(), damaged());
        Ok(heads)
    }

    fn laid_out(bytes: Mmap) -> Result<Heads> {
        let len = u32_at(&bytes, 0).context("tệp ngắn")?;
        let preamble: Preamble = postcard::from_bytes(bytes.get(4..4 + len).context("tệp ngắn")?)?;
        let slots = usize::try_from(preamble.slots)?;
        let documents = usize::try_from(preamble.documents)?;
        let offsets = 4 + len;
        let tables = slots.checked_add(1).and_then(|n| n.checked_mul(OFFSET));
        let by_id = tables.and_then(|t| t.checked_add(offsets));
        let body = by_id.and_then(|b| b.checked_add(documents.checked_mul(ORD)?));
        let (by_id, body) = by_id.zip(body).context("bảng vượt quá tệp")?;
        anyhow::ensure!(
            documents <= slots && body <= bytes.len(),
            "bảng vượt quá tệp"
        );
        Ok(Heads {
            bytes,
            chunks: preamble.chunks,
            slots,
            documents,
            offsets,
            by_id,
            body,
        })
    }

    fn offsets_run_forward(&self) -> bool {
        let ends = (0..=self.slots).map(|i| self.offset(i));
        let body_len = self.bytes.len() - self.body;
        ends.clone().zip(ends.skip(1)).all(|(a, b)| a <= b) && self.offset(self.slots) == body_len
    }

    /// The offset of place `i`'s head in the heads' bytes (`i` up to `slots`).
    fn offset(&self, i: usize) -> usize {
        u64_at(&self.bytes, self.offsets + i * OFFSET).unwrap_or_default()
    }

    /// The serialized head at a place; empty where the place is.
    fn raw(&self, ord: usize) -> &[u8] {
        if ord >= self.slots {
            return &[];
        }
        let (start, end) = (self.offset(ord), self.offset(ord + 1));
        &self.bytes[self.body + start..self.body + end]
    }

    /// The head at a place, or `None` where it is empty, with an error where it does not
    /// decode.
    fn decode(&self, ord: usize) -> Result<Option<Head>> {
        let raw = self.raw(ord);
        if raw.is_empty() {
            return Ok(None);
        }
        Ok(Some(postcard::from_bytes(raw)?))
    }

    /// The chunk files of the document store.
    pub fn chunks(&self) -> &[String] {
        &self.chunks
    }

    /// The head at an ord, unless that place is empty (or its bytes are damaged, which is
    /// logged).
    pub fn get(&self, ord: usize) -> Option<Head> {
        self.decode(ord).unwrap_or_else(|e| {
            tracing::warn!("đầu văn bản thứ {ord} trong danh mục bị hỏng: {e}");
            None
        })
    }

    /// The head of a document by id.
    pub fn by_id(&self, doc_id: &str) -> Option<Head> {
        self.get(self.ord(doc_id)?)
    }

    /// The ord of a document by id: a binary search of the ords sorted by id, reading only
    /// the id of each head it passes.
    pub fn ord(&self, doc_id: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.documents);
        while low < high {
            let middle = (low + high) / 2;
            let ord = self.sorted_ord(middle);
            let id = postcard::take_from_bytes::<HeadId>(self.raw(ord))
                .ok()?
                .0
                .doc_id;
            match id.cmp(doc_id) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(ord),
            }
        }
        None
    }

    fn sorted_ord(&self, i: usize) -> usize {
        u32_at(&self.bytes, self.by_id + i * ORD).unwrap_or_default()
    }

    /// How many places the catalog has, empty ones included.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// Every document, in ord order, each decoded as it comes.
    pub fn iter(&self) -> impl Iterator<Item = Head> + '_ {
        (0..self.slots).filter_map(|ord| self.get(ord))
    }

    /// How many documents the index holds.
    pub fn count(&self) -> usize {
        self.documents
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(id: &str) -> Head {
        Head {
            doc_id: id.to_owned(),
            file: format!("{id}.md"),
            meta: Metadata {
                title: Some(format!("Về {id}")),
                ..Metadata::default()
            },
            paragraphs: id.len(),
            at: Location::default(),
        }
    }

    fn saved(catalog: &Catalog) -> (tempfile::TempDir, Heads) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CATALOG_FILE);
        catalog.save(&path).unwrap();
        let heads = Heads::open(&path).unwrap();
        (dir, heads)
    }

    #[test]
    fn a_saved_catalog_gives_back_each_head_by_ord_and_by_id() {
        let catalog = Catalog {
            chunks: vec!["documents-a.zst".into()],
            heads: vec![
                Some(head("nq-16")),
                None,
                Some(head("ct-05")),
                Some(head("kl-01")),
            ],
        };
        let (_dir, heads) = saved(&catalog);
        assert_eq!(heads.chunks(), ["documents-a.zst"]);
        assert_eq!((heads.slots(), heads.count()), (4, 3));
        assert_eq!(heads.get(0).unwrap().doc_id, "nq-16");
        assert!(heads.get(1).is_none());
        assert!(heads.get(9).is_none());
        assert_eq!(
            heads.by_id("ct-05").unwrap().meta.title.as_deref(),
            Some("Về ct-05")
        );
        assert_eq!(heads.ord("kl-01"), Some(3));
        assert_eq!(heads.ord("nq-17"), None);
        let ids: Vec<String> = heads.iter().map(|h| h.doc_id).collect();
        assert_eq!(ids, ["nq-16", "ct-05", "kl-01"]);
    }

    #[test]
    fn a_loaded_catalog_keeps_its_empty_places() {
        let catalog = Catalog {
            chunks: vec!["a".into(), "b".into()],
            heads: vec![None, Some(head("x")), None],
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CATALOG_FILE);
        catalog.save(&path).unwrap();
        let loaded = Catalog::load(&path).unwrap();
        assert_eq!(loaded.chunks, catalog.chunks);
        let ids: Vec<Option<String>> = loaded
            .heads
            .iter()
            .map(|h| Some(h.as_ref()?.doc_id.clone()))
            .collect();
        assert_eq!(ids, [None, Some("x".to_owned()), None]);
    }

    #[test]
    fn an_empty_catalog_opens() {
        let (_dir, heads) = saved(&Catalog::default());
        assert_eq!((heads.slots(), heads.count()), (0, 0));
        assert_eq!(heads.ord("x"), None);
    }

    #[test]
    fn a_cut_catalog_is_refused() {
        let catalog = Catalog {
            chunks: Vec::new(),
            heads: vec![Some(head("nq-16")), Some(head("ct-05"))],
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CATALOG_FILE);
        catalog.save(&path).unwrap();
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert!(Heads::open(&path).is_err());
        fs::write(&path, &bytes[..2]).unwrap();
        assert!(Heads::open(&path).is_err());
    }
}
