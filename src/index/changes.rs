//! What changed in a corpus since the generation before: each file's stamp (size,
//! modification time, content hash) is compared with the one recorded when it was read, so
//! that an incremental build reads only new and changed files.

use super::store::Serialized;
use crate::codes::Located;
use crate::ingest;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// A file as it stood when it was read, and its sidecar's, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the Unix epoch.
    pub modified: u128,
    /// The sidecar's size and modification time.
    pub sidecar: Option<SizeAndTime>,
    /// SHA-256 of the content, in hex: a file touched but not changed is not read again.
    pub hash: String,
}

/// What the next build needs of a document besides its head, kept beside the catalog by ord.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// Its file as it stood when read.
    pub stamp: Stamp,
    /// The citations found in it: the registry is rebuilt from these, not from the text.
    pub citations: Serialized<Vec<Located>>,
    /// The abbreviations it defines (`Mặt trận Tổ quốc (MTTQ)`).
    pub defines: Vec<(String, String)>,
    /// A fingerprint of the code keys indexed with its paragraphs: when the registry
    /// completes its citations differently, its paragraphs are indexed again.
    pub codes: u64,
}

/// The file of a generation that holds its records.
pub const RECORDS_FILE: &str = "records.bin.zst";

/// A file's size and modification time in nanoseconds.
type SizeAndTime = (u64, u128);

/// Size, time and sidecar of a file, without reading it.
fn quick(path: &Path) -> Result<(u64, u128, Option<SizeAndTime>)> {
    let (size, modified) = size_and_time(path)?;
    let sidecar = size_and_time(&ingest::sidecar_path(path)).ok();
    Ok((size, modified, sidecar))
}

/// A plain I/O error, not an `anyhow` one: most files have no sidecar, and an `anyhow` error
/// for each would capture a backtrace whenever `RUST_BACKTRACE` is set.
fn size_and_time(path: &Path) -> std::io::Result<SizeAndTime> {
    let meta = std::fs::metadata(path)?;
    let since_epoch = meta.modified()?.duration_since(UNIX_EPOCH);
    let modified = since_epoch.map_err(std::io::Error::other)?.as_nanos();
    Ok((meta.len(), modified))
}

/// The stamp of a file, its content hashed.
pub fn stamp(path: &Path) -> Result<Stamp> {
    let (size, modified, sidecar) = quick(path)?;
    let bytes =
        std::fs::read(path).with_context(|| format!("không đọc được {}", path.display()))?;
    Ok(Stamp {
        size,
        modified,
        sidecar,
        hash: format!("{:x}", Sha256::digest(&bytes)),
    })
}

/// What a build does with one corpus file.
#[derive(Debug)]
pub enum Change {
    /// Unchanged since the generation before: its document at this ord is kept, with the
    /// stamp it has now.
    Keep(usize, Stamp),
    /// New or changed: read it.
    Read,
}

/// Decides for one file whether the document recorded for it (ord and record, by file
/// name) still stands: same size, time and sidecar, or else the same content.
pub fn classify(path: &Path, previous: Option<(usize, &Record)>) -> Change {
    let Some((ord, record)) = previous else {
        return Change::Read;
    };
    let Ok((size, modified, sidecar)) = quick(path) else {
        return Change::Read;
    };
    let old = &record.stamp;
    if (size, modified, sidecar) == (old.size, old.modified, old.sidecar) {
        return Change::Keep(ord, old.clone());
    }
    match stamp(path) {
        Ok(now) if now.hash == old.hash && now.sidecar == old.sidecar => Change::Keep(ord, now),
        _ => Change::Read,
    }
}

/// The records of a generation by file name, with their ord.
pub fn by_file<'a>(
    records: &'a [Option<Record>],
    files: impl Iterator<Item = (usize, &'a str)>,
) -> HashMap<&'a str, (usize, &'a Record)> {
    files
        .filter_map(|(ord, file)| Some((file, (ord, records.get(ord)?.as_ref()?))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    #[test]
    fn a_file_is_kept_while_its_content_stays_and_read_once_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Nội dung.").unwrap();
        let record = Record {
            stamp: stamp(&path).unwrap(),
            citations: Serialized::of(&Vec::new()).unwrap(),
            defines: Vec::new(),
            codes: 0,
        };
        assert!(matches!(
            classify(&path, Some((3, &record))),
            Change::Keep(3, _)
        ));
        std::fs::write(&path, "Nội dung.").unwrap();
        let touched = File::options().append(true).open(&path).unwrap();
        touched.set_modified(UNIX_EPOCH).unwrap();
        assert!(matches!(
            classify(&path, Some((3, &record))),
            Change::Keep(3, _)
        ));
        std::fs::write(&path, "Nội dung khác.").unwrap();
        assert!(matches!(classify(&path, Some((3, &record))), Change::Read));
        assert!(matches!(classify(&path, None), Change::Read));
    }
}
