//! The documents of a generation on disk: each document's record ([`super::record`]), one
//! after another in chunk files that are memory-mapped and read one entry per hit, so
//! opening an index reads none of them and a server's memory does not grow with the corpus.
//!
//! A chunk is never changed once written: an incremental build links the chunks of the
//! generation before it into its own folder and writes only its new documents to a new one.

use super::record::{self, Entry, Record, decompress, entry_in};
use crate::ingest::Document;
use anyhow::{Context, Result};
use lru::LruCache;
use memmap2::Mmap;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where one document's record lies: which chunk, at what byte, how long.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Position of the chunk in the generation's chunk list.
    pub chunk: u32,
    /// Byte offset in the chunk.
    pub offset: u64,
    /// Length in bytes.
    pub len: u32,
}

/// A document's record, ready to be appended to a chunk; made in parallel.
pub struct Packed(Vec<u8>);

impl Packed {
    /// The record of a document.
    pub fn of(doc: &Document) -> Result<Packed> {
        Ok(Packed(record::pack(doc)?))
    }
}

/// Appends documents to one new chunk file.
pub struct ChunkWriter {
    out: BufWriter<File>,
    chunk: u32,
    written: u64,
}

impl ChunkWriter {
    /// A new chunk at `path`, numbered `chunk` in its generation's list.
    pub fn create(path: &Path, chunk: u32) -> Result<ChunkWriter> {
        let file =
            File::create(path).with_context(|| format!("không ghi được {}", path.display()))?;
        Ok(ChunkWriter {
            out: BufWriter::new(file),
            chunk,
            written: 0,
        })
    }

    /// Appends one packed document and tells where it lies.
    pub fn append(&mut self, packed: &Packed) -> Result<Location> {
        self.out.write_all(&packed.0)?;
        let at = Location {
            chunk: self.chunk,
            offset: self.written,
            len: u32::try_from(packed.0.len()).context("văn bản quá lớn để lưu")?,
        };
        self.written += packed.0.len() as u64;
        Ok(at)
    }

    /// Flushes the chunk to disk.
    pub fn finish(mut self) -> Result<()> {
        self.out.flush()?;
        self.out.into_inner()?.sync_all()?;
        Ok(())
    }
}

/// The chunks of a generation, mapped into memory: the operating system pages in only the
/// documents read.
pub struct DocStore {
    chunks: Vec<Mmap>,
    /// The blocks read last, decompressed, by chunk and offset: the hits of a query asked
    /// again (a page reloaded, the next page, the same question from another desk) and
    /// neighbouring paragraphs cost no decompression.
    blocks: Mutex<Blocks>,
}

/// Decompressed blocks by the chunk and offset of their frame.
type Blocks = LruCache<(u32, u64), Arc<Vec<u8>>>;

/// Decompressed blocks the store keeps: at most about 2 MB of text.
const CACHED_BLOCKS: NonZeroUsize = NonZeroUsize::new(128).unwrap();

impl DocStore {
    /// Maps the chunks named `names` in the generation folder `dir`.
    pub fn open(dir: &Path, names: &[String]) -> Result<DocStore> {
        let chunks = names
            .iter()
            .map(|name| map(&dir.join(name)))
            .collect::<Result<_>>()?;
        Ok(DocStore {
            chunks,
            blocks: Mutex::new(LruCache::new(CACHED_BLOCKS)),
        })
    }

    /// The document stored at `at`.
    pub fn read(&self, at: Location) -> Result<Document> {
        self.record(at)?.document()
    }

    /// Every block of the text of the document stored at `at`, decompressed, without its
    /// head: what the build indexes, with the head the catalog already holds.
    pub fn texts(&self, at: Location) -> Result<Vec<Vec<u8>>> {
        self.record(at)?.texts()
    }

    /// Entry `n` (a paragraph or footnote, see [`record::entries`]) of the document stored
    /// at `at`, decompressing only the block that holds it, unless it was read lately.
    pub fn entry(&self, at: Location, n: usize) -> Result<Entry<'static>> {
        let record = self.record(at)?;
        let (first, range) = record.block_of(n)?;
        let key = (at.chunk, at.offset + range.start as u64);
        let cached = self.cache().get(&key).cloned();
        let block = match cached {
            Some(block) => block,
            None => {
                let block = Arc::new(decompress(record.frame(range))?);
                self.cache().put(key, Arc::clone(&block));
                block
            }
        };
        entry_in(&block, n - first)
    }

    /// The cache of blocks; a thread that panicked while holding it left it whole.
    fn cache(&self) -> std::sync::MutexGuard<'_, Blocks> {
        self.blocks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn record(&self, at: Location) -> Result<Record<'_>> {
        let bytes = self
            .chunks
            .get(at.chunk as usize)
            .and_then(|c| c.get(at.offset as usize..at.offset as usize + at.len as usize))
            .context("kho văn bản của chỉ mục bị hỏng: một văn bản nằm quá cuối tệp chứa nó")?;
        Record::of(bytes)
    }
}

/// Maps a file written once and never changed (see the safety note).
pub(super) fn map(path: &Path) -> Result<Mmap> {
    let file = File::open(path).with_context(|| format!("không đọc được {}", path.display()))?;
    // SAFETY: chunk files are written once, before the generation is published, and never
    // modified afterwards; a generation is removed only after a newer one is published, and
    // on Unix a removed file stays readable while it is mapped.
    unsafe { Mmap::map(&file) }.with_context(|| format!("không ánh xạ được {}", path.display()))
}

/// The file name of a new chunk, unique to the build that writes it.
pub fn chunk_name(generation: &Path) -> String {
    let name = generation
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    format!("documents-{name}.zst")
}

/// Links (or copies, where links are not possible) the chunk `name` of the generation
/// `from` into the generation `to`.
pub fn carry_over(from: &Path, to: &Path, name: &str) -> Result<PathBuf> {
    let (src, dst) = (from.join(name), to.join(name));
    if std::fs::hard_link(&src, &dst).is_err() {
        std::fs::copy(&src, &dst)
            .with_context(|| format!("không sao chép được {}", src.display()))?;
    }
    Ok(dst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_document_reads_back_from_its_location() {
        let dir = tempfile::tempdir().unwrap();
        let docs: Vec<Document> = ["một", "hai"]
            .iter()
            .map(|t| crate::ingest::parse_text(t, t, &format!("Đoạn văn {t} có nội dung.\n")))
            .collect();
        let mut writer = ChunkWriter::create(&dir.path().join("c"), 0).unwrap();
        let at: Vec<Location> = docs
            .iter()
            .map(|d| writer.append(&Packed::of(d).unwrap()).unwrap())
            .collect();
        writer.finish().unwrap();
        let store = DocStore::open(dir.path(), &["c".to_owned()]).unwrap();
        assert_eq!(store.read(at[1]).unwrap().doc_id, "hai");
        let first = store.read(at[0]).unwrap();
        assert_eq!(first.paragraphs[0].text, docs[0].paragraphs[0].text);
        let past = Location {
            offset: 1 << 20,
            ..at[0]
        };
        assert!(store.read(past).is_err());
    }
}
