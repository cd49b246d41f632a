//! The blocks a store read last, decoded and shared between threads: the hits of a query
//! asked again (a page reloaded, the next page, the same question from another desk) and
//! the neighbours of what was just read cost no decompression. The document store and the
//! table of cited documents each keep one.

use anyhow::Result;
use lru::LruCache;
use std::hash::Hash;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, MutexGuard};

/// The last `capacity` blocks read, by key.
pub struct BlockCache<K: Hash + Eq, V> {
    blocks: Mutex<LruCache<K, Arc<V>>>,
}

impl<K: Hash + Eq, V> BlockCache<K, V> {
    /// A cache of at most `capacity` blocks.
    pub fn new(capacity: NonZeroUsize) -> BlockCache<K, V> {
        BlockCache {
            blocks: Mutex::new(LruCache::new(capacity)),
        }
    }

    /// The block at `key`: kept, else made by `read` and kept. The lock is not held while
    /// reading, so two threads missing the same block may both read it.
    pub fn get_or_read(&self, key: K, read: impl FnOnce() -> Result<V>) -> Result<Arc<V>> {
        if let Some(block) = self.lock().get(&key) {
            return Ok(Arc::clone(block));
        }
        let block = Arc::new(read()?);
        self.lock().put(key, Arc::clone(&block));
        Ok(block)
    }

    /// The blocks; a thread that panicked while holding them left them whole.
    fn lock(&self) -> MutexGuard<'_, LruCache<K, Arc<V>>> {
        self.blocks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_block_is_not_read_again_and_the_oldest_goes_first() {
        let cache = BlockCache::new(NonZeroUsize::new(2).unwrap());
        let reads = std::cell::Cell::new(0);
        let read = |k: u32| {
            cache
                .get_or_read(k, || {
                    reads.set(reads.get() + 1);
                    Ok(k * 10)
                })
                .unwrap()
        };
        assert_eq!(*read(1), 10);
        assert_eq!(*read(1), 10);
        assert_eq!(reads.get(), 1);
        read(2);
        read(3);
        read(1);
        assert_eq!(reads.get(), 4);
        assert!(
            cache
                .get_or_read(9, || anyhow::bail!("unreadable"))
                .is_err()
        );
    }
}
