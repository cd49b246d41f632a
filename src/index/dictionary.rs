//! The zstd dictionary a chunk of the document store is compressed with, trained on the
//! chunk's first documents. Each document is compressed on its own, so that a hit reads
//! one; alone, a frame of a few kilobytes cannot draw on what every document repeats (the
//! JSON keys of its head, `Điều`, `Ủy ban nhân dân`, `Nơi nhận`), and a dictionary holds
//! those for all of them: on the real corpus the store shrinks by about a fifth.

use super::store::ZSTD_LEVEL;
use anyhow::{Context, Result};
use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use zstd::bulk::{Compressor, Decompressor};
use zstd::dict::EncoderDictionary;

/// Largest dictionary trained: zstd's own advice is about a hundred times less than the
/// samples, and 112 KiB trained on a thousand documents of the real corpus did best of
/// those tried (64 KiB on 256 documents saved 15%, 112 KiB on 1,024 saved 22%).
pub const DICTIONARY_BYTES: usize = 112 * 1024;

/// Documents a dictionary is trained on: the first of a chunk, read together.
pub const TRAINING_DOCUMENTS: usize = 1024;

/// Fewest documents worth training a dictionary on: for fewer (a file or two added to an
/// index) the dictionary would be larger than what it saves.
pub const FEWEST_DOCUMENTS: usize = 64;

/// What a damaged document store is told with.
pub const BROKEN: &str = "kho văn bản của chỉ mục bị hỏng";

/// The most bytes one frame may decompress to: far past any document, so that a damaged
/// store is refused instead of asking for all the memory there is.
const MAX_FRAME: usize = 1 << 30;

/// Numbers every dictionary opened in this process, so that a thread's decompressor knows
/// which one it has loaded.
static SERIAL: AtomicU64 = AtomicU64::new(1);

/// A trained dictionary, with what compressing with it needs prepared once.
pub struct Dictionary {
    bytes: Vec<u8>,
    /// Prepared the first time a record is compressed with it: an index opened to be
    /// searched only decompresses, and preparing the dictionaries of a gigabyte's store was
    /// a fourteenth of opening it.
    encoder: OnceLock<EncoderDictionary<'static>>,
    serial: u64,
}

impl Dictionary {
    /// Trains a dictionary on `samples` (the parts of documents as they are compressed);
    /// `None` when they are too few, or zstd finds nothing to learn from them.
    pub fn trained(samples: &[Vec<u8>], documents: usize) -> Option<Dictionary> {
        if documents < FEWEST_DOCUMENTS {
            return None;
        }
        let bytes = zstd::dict::from_samples(samples, DICTIONARY_BYTES).ok()?;
        Some(Dictionary::of(bytes))
    }

    /// The dictionary `bytes`, as written in a chunk.
    pub fn of(bytes: Vec<u8>) -> Dictionary {
        Dictionary {
            encoder: OnceLock::new(),
            bytes,
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The dictionary prepared for compressing.
    fn encoder(&self) -> &EncoderDictionary<'static> {
        self.encoder
            .get_or_init(|| EncoderDictionary::copy(&self.bytes, ZSTD_LEVEL))
    }

    /// The dictionary as written in a chunk.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// A compressor at the store's level, with `dictionary` when there is one: one serves
/// every part of a record.
pub fn compressor(dictionary: Option<&Dictionary>) -> Result<Compressor<'_>> {
    Ok(match dictionary {
        Some(d) => Compressor::with_prepared_dictionary(d.encoder())?,
        None => Compressor::new(ZSTD_LEVEL)?,
    })
}

thread_local! {
    /// Each thread's decompressor, with the serial of the dictionary it has loaded (0 for
    /// none): a search reads most of its hits from one chunk, so the dictionary is loaded
    /// again only when a thread moves to another.
    static DECOMPRESSOR: RefCell<Option<(Decompressor<'static>, u64)>> =
        const { RefCell::new(None) };
}

/// Decompresses one frame compressed by a [`compressor`] with the same `dictionary`.
pub fn decompress(frame: &[u8], dictionary: Option<&Dictionary>) -> Result<Vec<u8>> {
    let size = Decompressor::upper_bound(frame).context(BROKEN)?;
    anyhow::ensure!(size <= MAX_FRAME, BROKEN);
    let (bytes, serial) = dictionary.map_or((&[][..], 0), |d| (&d.bytes[..], d.serial));
    DECOMPRESSOR.with_borrow_mut(|slot| {
        let (decompressor, loaded) = match slot {
            Some(held) => held,
            None => slot.insert((Decompressor::new()?, 0)),
        };
        if *loaded != serial {
            decompressor.set_dictionary(bytes)?;
            *loaded = serial;
        }
        decompressor.decompress(frame, size).context(BROKEN)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Vec<u8>> {
        (0..400)
            .map(|i| {
                format!(
                    "{{\"doc_id\":\"{i:x}\",\"meta\":{{\"kind\":\"Nghị quyết\"}}}} Điều {i}. \
                     Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Nghị quyết số {i}/NQ-HĐND."
                )
                .into_bytes()
            })
            .collect()
    }

    #[test]
    fn parts_read_back_with_their_dictionary_and_shrink() {
        let samples = samples();
        let dictionary = Dictionary::trained(&samples, samples.len()).unwrap();
        let part = &samples[7];
        let with = compressor(Some(&dictionary))
            .unwrap()
            .compress(part)
            .unwrap();
        let without = compressor(None).unwrap().compress(part).unwrap();
        assert!(
            with.len() < without.len(),
            "{} {}",
            with.len(),
            without.len()
        );
        assert_eq!(&decompress(&with, Some(&dictionary)).unwrap(), part);
        assert_eq!(&decompress(&without, None).unwrap(), part);
        let again = Dictionary::of(dictionary.bytes().to_vec());
        assert_eq!(&decompress(&with, Some(&again)).unwrap(), part);
        assert!(decompress(&with, None).is_err());
    }

    #[test]
    fn too_few_documents_train_nothing() {
        assert!(Dictionary::trained(&samples(), FEWEST_DOCUMENTS - 1).is_none());
    }
}
