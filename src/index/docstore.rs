//! The documents of a generation on disk: each document's record ([`super::record`]), one
//! after another in chunk files that are memory-mapped and read one entry per hit, so
//! opening an index reads none of them and a server's memory does not grow with the corpus.
//!
//! A chunk is never changed once written: an incremental build links the chunks of the
//! generation before it into its own folder and writes only its new documents to a new one.

use super::block_cache::BlockCache;
use super::record::{self, Entry, Record, decompress, entry_in};
use crate::ingest::Document;
use anyhow::{Context, Result};
use memmap2::Mmap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::num::NonZeroUsize;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

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
    chunks: Vec<Chunk>,
    /// The blocks read last, decompressed, by chunk and offset: the hits of a query asked
    /// again (a page reloaded, the next page, the same question from another desk) and
    /// neighbouring paragraphs cost no decompression.
    blocks: BlockCache<(u32, u64), Vec<u8>>,
}

/// A chunk file as the store reads it.
enum Chunk {
    /// Mapped: a search reads a few records here and there, without a system call each.
    Mapped(Mmap),
    /// Read record by record: a build reads every record once, and the pages of a mapped
    /// chunk would stay counted in its memory (400 MB of a gigabyte's build), where read
    /// ones stay only in the system's cache.
    Read(File),
}

/// Decompressed blocks the store keeps: at most about 2 MB of text.
const CACHED_BLOCKS: NonZeroUsize = NonZeroUsize::new(128).unwrap();

impl DocStore {
    /// Maps the chunks named `names` in the generation folder `dir`.
    pub fn open(dir: &Path, names: &[String]) -> Result<DocStore> {
        DocStore::of(dir, names, |path| Ok(Chunk::Mapped(map(path)?)))
    }

    /// Opens the chunks to read each record with a positioned read, for a reader of every
    /// record once (see [`Chunk::Read`]).
    pub fn open_unmapped(dir: &Path, names: &[String]) -> Result<DocStore> {
        DocStore::of(dir, names, |path| {
            let file = File::open(path);
            Ok(Chunk::Read(file.with_context(|| {
                format!("không đọc được {}", path.display())
            })?))
        })
    }

    fn of(dir: &Path, names: &[String], open: impl Fn(&Path) -> Result<Chunk>) -> Result<DocStore> {
        let chunks = names
            .iter()
            .map(|name| open(&dir.join(name)))
            .collect::<Result<_>>()?;
        Ok(DocStore {
            chunks,
            blocks: BlockCache::new(CACHED_BLOCKS),
        })
    }

    /// The document stored at `at`.
    pub fn read(&self, at: Location) -> Result<Document> {
        Record::of(&self.bytes(at)?)?.document()
    }

    /// Every block of the text of the document stored at `at`, decompressed, without its
    /// head: what the build indexes, with the head the catalog already holds.
    pub fn texts(&self, at: Location) -> Result<Vec<Vec<u8>>> {
        Record::of(&self.bytes(at)?)?.texts()
    }

    /// Entry `n` (a paragraph or footnote, see [`record::entries`]) of the document stored
    /// at `at`, decompressing only the block that holds it, unless it was read lately.
    pub fn entry(&self, at: Location, n: usize) -> Result<Entry<'static>> {
        let bytes = self.bytes(at)?;
        let record = Record::of(&bytes)?;
        let (first, range) = record.block_of(n)?;
        let key = (at.chunk, at.offset + range.start as u64);
        let block = self
            .blocks
            .get_or_read(key, || decompress(record.frame(range)))?;
        entry_in(&block, n - first)
    }

    /// The bytes of the record stored at `at`.
    fn bytes(&self, at: Location) -> Result<Cow<'_, [u8]>> {
        let past_end = "kho văn bản của chỉ mục bị hỏng: một văn bản nằm quá cuối tệp chứa nó";
        let range = at.offset as usize..at.offset as usize + at.len as usize;
        match self.chunks.get(at.chunk as usize).context(past_end)? {
            Chunk::Mapped(map) => Ok(Cow::Borrowed(map.get(range).context(past_end)?)),
            Chunk::Read(file) => {
                let mut bytes = vec![0; at.len as usize];
                file.read_exact_at(&mut bytes, at.offset)
                    .context(past_end)?;
                Ok(Cow::Owned(bytes))
            }
        }
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
        let unmapped = DocStore::open_unmapped(dir.path(), &["c".to_owned()]).unwrap();
        assert_eq!(unmapped.texts(at[0]).unwrap(), store.texts(at[0]).unwrap());
        assert!(unmapped.texts(past).is_err());
    }
}
