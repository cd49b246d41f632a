//! How many searches of an index run at once, so that one search works on two cores only
//! while a core would otherwise stand idle: a lone search from the terminal or a quiet
//! desk is answered sooner, and a busy server, whose cores all have a search of their own,
//! does not pay for handing work between them.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The searches running on one index.
#[derive(Debug)]
pub struct Searches {
    running: AtomicUsize,
    cores: usize,
}

impl Searches {
    /// No search running yet, on as many cores as rayon's pool has.
    pub fn new() -> Searches {
        Searches::on(rayon::current_num_threads())
    }

    /// No search running yet, on `cores` cores.
    pub fn on(cores: usize) -> Searches {
        Searches {
            running: AtomicUsize::new(0),
            cores,
        }
    }

    /// Counts one more search running until the returned guard is dropped.
    pub fn start(&self) -> Running<'_> {
        self.running.fetch_add(1, Ordering::Relaxed);
        Running { searches: self }
    }
}

impl Default for Searches {
    fn default() -> Searches {
        Searches::new()
    }
}

/// One search running; counted until dropped.
#[derive(Debug)]
pub struct Running<'a> {
    searches: &'a Searches,
}

impl Running<'_> {
    /// Whether this search may take two cores: whether every search running now could.
    pub fn may_split(&self) -> bool {
        self.searches.running.load(Ordering::Relaxed) * 2 <= self.searches.cores
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.searches.running.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_search_splits_and_a_crowd_does_not() {
        let searches = Searches::on(2);
        let first = searches.start();
        assert!(first.may_split());
        let second = searches.start();
        assert!(!first.may_split() && !second.may_split());
        drop(second);
        assert!(first.may_split());
    }

    #[test]
    fn one_core_never_splits() {
        let searches = Searches::on(1);
        assert!(!searches.start().may_split());
    }
}
