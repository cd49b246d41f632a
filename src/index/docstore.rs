//! The documents of a generation on disk: each document's record ([`super::record`]), one
//! after another in chunk files that are memory-mapped and read one entry per hit, so
//! opening an index reads none of them and a server's memory does not grow with the corpus.
//!
//! Each chunk begins with the zstd dictionary its records are compressed with
//! ([`super::dictionary`]), trained on its first documents. A chunk is never changed once
//! written: an incremental build links the chunks of the generation before it into its own
//! folder and writes only its new documents to a new one.

use super::block_cache::BlockCache;
use super::dictionary::{BROKEN, DICTIONARY_BYTES, Dictionary};
use super::record::{self, Entry, Record, entry_in};
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
    /// The record of a document, compressed with its chunk's `dictionary`.
    pub fn of(doc: &Document, dictionary: Option<&Dictionary>) -> Result<Packed> {
        Ok(Packed(record::pack(doc, dictionary)?))
    }
}

/// The dictionary of a new chunk, trained on the records of `docs` (its first documents:
/// the build says how many); `None` for too few.
pub fn train<'d>(docs: impl Iterator<Item = &'d Document>) -> Option<Dictionary> {
    let mut samples = Vec::new();
    let mut documents = 0;
    for doc in docs {
        samples.extend(record::samples(doc).ok()?);
        documents += 1;
    }
    Dictionary::trained(&samples, documents)
}

/// Bytes of a chunk's header before its dictionary: the dictionary's length.
const HEADER: usize = 4;

/// Appends documents to one new chunk file, after its dictionary:
///
/// ```text
/// [dictionary length u32] [dictionary] [record] [record] …
/// ```
pub struct ChunkWriter {
    out: BufWriter<File>,
    chunk: u32,
    written: u64,
    dictionary: Option<Dictionary>,
}

impl ChunkWriter {
    /// A new chunk at `path`, numbered `chunk` in its generation's list, its records
    /// compressed with `dictionary`.
    pub fn create(path: &Path, chunk: u32, dictionary: Option<Dictionary>) -> Result<ChunkWriter> {
        let file =
            File::create(path).with_context(|| format!("không ghi được {}", path.display()))?;
        let mut out = BufWriter::new(file);
        let bytes = dictionary.as_ref().map_or(&[][..], Dictionary::bytes);
        out.write_all(&u32::try_from(bytes.len())?.to_le_bytes())?;
        out.write_all(bytes)?;
        Ok(ChunkWriter {
            out,
            chunk,
            written: (HEADER + bytes.len()) as u64,
            dictionary,
        })
    }

    /// The dictionary the chunk's records are compressed with.
    pub fn dictionary(&self) -> Option<&Dictionary> {
        self.dictionary.as_ref()
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

/// A chunk file as the store reads it, with its dictionary.
struct Chunk {
    file: ChunkFile,
    dictionary: Option<Dictionary>,
}

/// How a chunk file is read.
enum ChunkFile {
    /// Mapped: a search reads a few records here and there, without a system call each.
    Mapped(Mmap),
    /// Read record by record: a build reads every record once, and the pages of a mapped
    /// chunk would stay counted in its memory (400 MB of a gigabyte's build), where read
    /// ones stay only in the system's cache.
    Read(File),
}

impl ChunkFile {
    /// The `len` bytes at `offset`.
    fn bytes(&self, offset: u64, len: usize) -> Result<Cow<'_, [u8]>> {
        let past_end = || format!("{BROKEN}: một văn bản nằm quá cuối tệp chứa nó");
        match self {
            ChunkFile::Mapped(map) => {
                let range = offset as usize..offset as usize + len;
                Ok(Cow::Borrowed(map.get(range).with_context(past_end)?))
            }
            ChunkFile::Read(file) => {
                let mut bytes = vec![0; len];
                file.read_exact_at(&mut bytes, offset)
                    .with_context(past_end)?;
                Ok(Cow::Owned(bytes))
            }
        }
    }

    /// The chunk with the dictionary its header holds.
    fn with_dictionary(self) -> Result<Chunk> {
        let len = u32::from_le_bytes(self.bytes(0, HEADER)?.as_ref().try_into()?) as usize;
        anyhow::ensure!(
            len <= DICTIONARY_BYTES,
            "{BROKEN}: đầu một tệp chứa không đọc được"
        );
        let dictionary = match len {
            0 => None,
            _ => Some(Dictionary::of(self.bytes(HEADER as u64, len)?.into_owned())),
        };
        Ok(Chunk {
            file: self,
            dictionary,
        })
    }
}

/// Decompressed blocks the store keeps: at most about 2 MB of text.
const CACHED_BLOCKS: NonZeroUsize = NonZeroUsize::new(128).unwrap();

impl DocStore {
    /// Maps the chunks named `names` in the generation folder `dir`.
    pub fn open(dir: &Path, names: &[String]) -> Result<DocStore> {
        DocStore::of(dir, names, |path| Ok(ChunkFile::Mapped(map(path)?)))
    }

    /// Opens the chunks to read each record with a positioned read, for a reader of every
    /// record once (see [`ChunkFile::Read`]).
    pub fn open_unmapped(dir: &Path, names: &[String]) -> Result<DocStore> {
        DocStore::of(dir, names, |path| {
            let file = File::open(path);
            Ok(ChunkFile::Read(file.with_context(|| {
                format!("không đọc được {}", path.display())
            })?))
        })
    }

    fn of(
        dir: &Path,
        names: &[String],
        open: impl Fn(&Path) -> Result<ChunkFile>,
    ) -> Result<DocStore> {
        let chunks = names
            .iter()
            .map(|name| open(&dir.join(name))?.with_dictionary())
            .collect::<Result<_>>()?;
        Ok(DocStore {
            chunks,
            blocks: BlockCache::new(CACHED_BLOCKS),
        })
    }

    /// The document stored at `at`.
    pub fn read(&self, at: Location) -> Result<Document> {
        let (chunk, bytes) = self.bytes(at)?;
        Record::of(&bytes, chunk.dictionary.as_ref())?.document()
    }

    /// Every block of the text of the document stored at `at`, decompressed, without its
    /// head: what the build indexes, with the head the catalog already holds.
    pub fn texts(&self, at: Location) -> Result<Vec<Vec<u8>>> {
        let (chunk, bytes) = self.bytes(at)?;
        Record::of(&bytes, chunk.dictionary.as_ref())?.texts()
    }

    /// Entry `n` (a paragraph or footnote, see [`record::entries`]) of the document stored
    /// at `at`, decompressing only the block that holds it, unless it was read lately.
    pub fn entry(&self, at: Location, n: usize) -> Result<Entry<'static>> {
        let (chunk, bytes) = self.bytes(at)?;
        let record = Record::of(&bytes, chunk.dictionary.as_ref())?;
        let (first, range) = record.block_of(n)?;
        let key = (at.chunk, at.offset + range.start as u64);
        let block = self.blocks.get_or_read(key, || record.decompress(range))?;
        entry_in(&block, n - first)
    }

    /// The chunk of the record stored at `at`, and the record's bytes.
    fn bytes(&self, at: Location) -> Result<(&Chunk, Cow<'_, [u8]>)> {
        let chunk = self
            .chunks
            .get(at.chunk as usize)
            .with_context(|| format!("{BROKEN}: thiếu một tệp chứa"))?;
        Ok((chunk, chunk.file.bytes(at.offset, at.len as usize)?))
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

    /// Documents of a few paragraphs each, as many as `n`.
    fn documents(n: usize) -> Vec<Document> {
        (0..n)
            .map(|i| {
                let text = format!(
                    "ỦY BAN NHÂN DÂN TỈNH\n\nQUYẾT ĐỊNH số {i}/QĐ-UBND\n\nĐiều {i}. Giao Sở Nội vụ \
                     chủ trì, phối hợp với các sở, ngành thực hiện Quyết định này.\n"
                );
                crate::ingest::parse_text(&i.to_string(), "x.txt", &text)
            })
            .collect()
    }

    /// Writes `docs` to a new chunk `name`, numbered `chunk`, with `dictionary`.
    fn write(
        dir: &Path,
        name: &str,
        chunk: u32,
        docs: &[Document],
        dictionary: Option<Dictionary>,
    ) -> Vec<Location> {
        let mut writer = ChunkWriter::create(&dir.join(name), chunk, dictionary).unwrap();
        let at = docs
            .iter()
            .map(|d| {
                writer
                    .append(&Packed::of(d, writer.dictionary()).unwrap())
                    .unwrap()
            })
            .collect();
        writer.finish().unwrap();
        at
    }

    #[test]
    fn a_stored_document_reads_back_from_its_location() {
        let dir = tempfile::tempdir().unwrap();
        let docs = documents(2);
        let at = write(dir.path(), "c", 0, &docs, None);
        let store = DocStore::open(dir.path(), &["c".to_owned()]).unwrap();
        assert_eq!(store.read(at[1]).unwrap().doc_id, "1");
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

    #[test]
    fn chunks_with_and_without_a_dictionary_read_back_side_by_side() {
        let dir = tempfile::tempdir().unwrap();
        let docs = documents(200);
        let dictionary = train(docs.iter()).expect("enough documents to train on");
        let trained = write(dir.path(), "c", 0, &docs, Some(dictionary));
        let plain = write(dir.path(), "d", 1, &docs, None);
        let size = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().len();
        let records = |at: &[Location]| at.iter().map(|l| u64::from(l.len)).sum::<u64>();
        assert!(
            records(&trained) * 2 < records(&plain),
            "{} {}",
            records(&trained),
            records(&plain)
        );
        assert!(size("c") > size("d") - records(&plain) + records(&trained));
        let names = ["c".to_owned(), "d".to_owned()];
        for store in [
            DocStore::open(dir.path(), &names),
            DocStore::open_unmapped(dir.path(), &names),
        ] {
            let store = store.unwrap();
            for i in [0, 199, 57] {
                for at in [trained[i], plain[i]] {
                    let doc = store.read(at).unwrap();
                    assert_eq!(
                        serde_json::to_value(&doc).unwrap(),
                        serde_json::to_value(&docs[i]).unwrap()
                    );
                    assert_eq!(store.entry(at, 1).unwrap().text, docs[i].paragraphs[1].text);
                }
            }
        }
        assert!(train(docs.iter().take(10)).is_none());
        let mut broken = std::fs::read(dir.path().join("d")).unwrap();
        broken[..HEADER].copy_from_slice(&u32::MAX.to_le_bytes());
        std::fs::write(dir.path().join("e"), broken).unwrap();
        let names = ["e".to_owned()];
        assert!(DocStore::open(dir.path(), &names).is_err());
        assert!(DocStore::open_unmapped(dir.path(), &names).is_err());
    }
}
