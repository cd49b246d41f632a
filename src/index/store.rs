//! The index folder: generations built side by side and a `CURRENT` pointer swapped
//! atomically, so a reader never sees a half-built index.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{BufWriter, Read, Write};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// An index folder (`index/` by default).
#[derive(Debug, Clone)]
pub struct IndexDir {
    root: PathBuf,
}

/// What an index was built from, to tell when it is older than its corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The on-disk layout the index was written in (this tracuu writes and reads one).
    #[serde(default)]
    pub format: u32,
    /// The corpus folder.
    pub input: PathBuf,
    /// When the build started, in seconds since the Unix epoch.
    pub built_at: u64,
}

/// The on-disk layout this tracuu writes and reads. Raised whenever the schema, the files
/// of a generation or the terms the body is indexed under (the built-in abbreviations'
/// sense terms among them) change, so that an index built by another version is refused
/// with a clear sentence instead of a missing-field error or missing matches.
pub const FORMAT: u32 = 20;

impl Manifest {
    /// Fails unless the index was written in the layout this tracuu reads.
    pub fn check_format(&self) -> Result<()> {
        anyhow::ensure!(
            self.format == FORMAT,
            "Chỉ mục này do một phiên bản tracuu khác dựng (định dạng {}, phiên bản này đọc \
             định dạng {FORMAT}): hãy dựng lại bằng tracuu index --full --input {}.",
            self.format,
            self.input.display()
        );
        Ok(())
    }
}

const CURRENT: &str = "CURRENT";

impl IndexDir {
    /// The index folder at `root`.
    pub fn new(root: &Path) -> Self {
        IndexDir {
            root: root.to_owned(),
        }
    }

    /// The folder of the generation readers use, if an index was ever published.
    pub fn current(&self) -> Option<PathBuf> {
        let name = fs::read_to_string(self.root.join(CURRENT)).ok()?;
        let dir = self.root.join(name.trim());
        dir.is_dir().then_some(dir)
    }

    /// A fresh, empty folder for a new generation.
    pub fn new_generation(&self) -> Result<PathBuf> {
        let dir = self
            .root
            .join(format!("gen-{}-{}", now_nanos(), std::process::id()));
        fs::create_dir_all(&dir).with_context(|| format!("không tạo được {}", dir.display()))?;
        Ok(dir)
    }

    /// Points `CURRENT` at `generation` with one atomic rename, then removes the generations
    /// started before it: older published ones (a reader that still has one open keeps its
    /// files on Unix) and those left by builds that were killed. A build started later may
    /// still be writing its own, so that one is left alone.
    pub fn publish(&self, generation: &Path) -> Result<()> {
        let name = generation
            .file_name()
            .and_then(|n| n.to_str())
            .context("thế hệ chỉ mục không có tên")?;
        let tmp = self.root.join(format!("{CURRENT}.{}", std::process::id()));
        fs::write(&tmp, name)?;
        fs::rename(&tmp, self.root.join(CURRENT))?;
        let started = started_at(name);
        for entry in fs::read_dir(&self.root)?.flatten() {
            let other = started_at(&entry.file_name().to_string_lossy());
            let older = matches!((other, started), (Some(a), Some(b)) if a < b);
            if older {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        Ok(())
    }
}

/// When the build of a generation folder (`gen-NANOS-PID`) started; `None` for other names.
fn started_at(name: &str) -> Option<u128> {
    name.strip_prefix("gen-")?.split('-').next()?.parse().ok()
}

/// Seconds since the Unix epoch.
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn now_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// zstd level for the documents and the registry: their text shrinks about fourfold and
/// reads back at several hundred MB/s.
pub(super) const ZSTD_LEVEL: i32 = 3;

/// Writes a value as JSON, compressed with zstd when `path` ends in `.zst`.
pub fn save_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    if is_compressed(path) {
        return save_packed(path, |packer| Ok(serde_json::to_writer(packer, value)?));
    }
    let file =
        fs::File::create(path).with_context(|| format!("không ghi được {}", path.display()))?;
    let mut out = BufWriter::new(file);
    serde_json::to_writer(&mut out, value)?;
    Ok(out.flush()?)
}

/// Reads a value saved by [`save_json`]: the file is read whole and parsed from memory,
/// several times faster than parsing from a reader.
pub fn load_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let bytes = fs::read(path).with_context(|| format!("không đọc được {}", path.display()))?;
    let damaged = || format!("{} bị hỏng", path.display());
    let bytes = if is_compressed(path) {
        zstd::decode_all(bytes.as_slice()).with_context(damaged)?
    } else {
        bytes
    };
    serde_json::from_slice(&bytes).with_context(damaged)
}

/// Writes a value in a compact binary form (postcard, then zstd), for what the index reads
/// back at every opening (the catalog, the title words): it parses several times faster
/// than JSON. Only types without skipped or flattened fields can be written so. The value
/// is streamed through the compressor, never held serialized in memory.
pub fn save_compact<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    save_packed(path, |packer| {
        Ok(postcard::to_io(value, packer).map(|_| ())?)
    })
}

/// The little-endian `u32` at byte `at` of `bytes`, as a size, or `None` past their end:
/// how the mapped files of a generation (catalog, runs, records, cited documents) hold
/// their lengths, offsets and positions.
pub fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    let four = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(four.try_into().ok()?) as usize)
}

/// The little-endian `u64` at byte `at` of `bytes`, as a size, or `None` past their end
/// or past what a size holds.
pub fn u64_at(bytes: &[u8], at: usize) -> Option<usize> {
    let eight = bytes.get(at..at.checked_add(8)?)?;
    usize::try_from(u64::from_le_bytes(eight.try_into().ok()?)).ok()
}

/// Creates `path` and writes through zstd what `write` gives it.
fn save_packed(
    path: &Path,
    write: impl FnOnce(&mut zstd::Encoder<'static, BufWriter<fs::File>>) -> Result<()>,
) -> Result<()> {
    let cannot = || format!("không ghi được {}", path.display());
    let file = fs::File::create(path).with_context(cannot)?;
    let mut packer = zstd::Encoder::new(BufWriter::new(file), ZSTD_LEVEL)?;
    write(&mut packer).with_context(cannot)?;
    packer.finish()?.flush().with_context(cannot)
}

/// Reads a value saved by [`save_compact`].
pub fn load_compact<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let packed = fs::read(path).with_context(|| format!("không đọc được {}", path.display()))?;
    let damaged = || format!("{} bị hỏng", path.display());
    let bytes = zstd::decode_all(packed.as_slice()).with_context(damaged)?;
    postcard::from_bytes(&bytes).with_context(damaged)
}

/// A value kept serialized (postcard) in one allocation until it is needed. A build holds
/// every document's citations from the first file read to the registry; held as values
/// they took 250 MB at a gigabyte of documents, scattered among the allocations of the
/// documents read, so that little of it went back to the system once let go.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Serialized<T> {
    bytes: Vec<u8>,
    #[serde(skip)]
    value: PhantomData<T>,
}

impl<T: Serialize + for<'de> Deserialize<'de>> Serialized<T> {
    /// `value`, serialized.
    pub fn of(value: &T) -> Result<Serialized<T>> {
        Ok(Serialized {
            bytes: postcard::to_stdvec(value)?,
            value: PhantomData,
        })
    }

    /// The value back, its serialized bytes let go until [`Serialized::put`] gives them
    /// again: a value is not held both ways at once.
    pub fn take(&mut self) -> Result<T> {
        let value = postcard::from_bytes(&self.bytes).context("một bản ghi của chỉ mục bị hỏng");
        self.bytes = Vec::new();
        value
    }

    /// Serializes `value` in place.
    pub fn put(&mut self, value: &T) -> Result<()> {
        *self = Serialized::of(value)?;
        Ok(())
    }
}

/// Writes a list item by item (its length, then each item in postcard behind its own length,
/// all through one zstd stream), for the lists too large to be read back whole:
/// [`load_items`] then holds one item's bytes at a time, not the whole list's (66 MB for the
/// registry of a gigabyte of documents, on top of the registry itself).
pub fn save_items<T: Serialize>(path: &Path, items: &[T]) -> Result<()> {
    save_packed(path, |packer| {
        packer.write_all(&(items.len() as u64).to_le_bytes())?;
        let mut bytes = Vec::new();
        for item in items {
            bytes.clear();
            bytes = postcard::to_extend(item, bytes)?;
            packer.write_all(&u32::try_from(bytes.len())?.to_le_bytes())?;
            packer.write_all(&bytes)?;
        }
        Ok(())
    })
}

/// Reads a list saved by [`save_items`].
pub fn load_items<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>> {
    let file =
        fs::File::open(path).with_context(|| format!("không đọc được {}", path.display()))?;
    let damaged = || format!("{} bị hỏng", path.display());
    let mut unpacker = zstd::Decoder::new(file).with_context(damaged)?;
    let mut count = [0u8; 8];
    unpacker.read_exact(&mut count).with_context(damaged)?;
    let count = u64::from_le_bytes(count) as usize;
    let (mut items, mut bytes, mut len) = (Vec::new(), Vec::new(), [0u8; 4]);
    for _ in 0..count {
        unpacker.read_exact(&mut len).with_context(damaged)?;
        bytes.resize(u32::from_le_bytes(len) as usize, 0);
        unpacker.read_exact(&mut bytes).with_context(damaged)?;
        items.push(postcard::from_bytes(&bytes).with_context(damaged)?);
    }
    Ok(items)
}

fn is_compressed(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "zst")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_removes_older_generations_and_keeps_a_later_build() {
        let root = tempfile::tempdir().unwrap();
        let dir = IndexDir::new(root.path());
        let [killed, published, later] = [(); 3].map(|()| dir.new_generation().unwrap());
        dir.publish(&published).unwrap();
        assert_eq!(dir.current().as_deref(), Some(published.as_path()));
        assert!(!killed.exists());
        assert!(
            later.exists(),
            "a build that started later is still writing"
        );
        assert!(root.path().join(CURRENT).exists());
    }

    #[test]
    fn a_list_saved_item_by_item_reads_back_whole_and_a_cut_one_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("items.bin.zst");
        let items: Vec<Option<String>> = (0..1000)
            .map(|i| (i % 3 != 0).then(|| format!("Nghị quyết số {i}-NQ/TU")))
            .collect();
        save_items(&path, &items).unwrap();
        assert_eq!(load_items::<Option<String>>(&path).unwrap(), items);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let cut = load_items::<Option<String>>(&path).unwrap_err();
        assert!(format!("{cut:#}").contains("bị hỏng"), "{cut:#}");
    }
}
