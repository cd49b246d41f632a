//! Opens the index a command reads, building it from `seeds/` on first use.

use crate::index::{self, IndexDir, SearchIndex};
use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, UNIX_EPOCH};

/// The default corpus a new user searches.
pub const SEEDS: &str = "seeds";

/// The check that an index's corpus has not changed since it was built. It runs on another
/// thread while the command works and prints its warning when dropped, once the command is
/// done. It delays the answer by [`STALE_CHECK_GRACE`] at most: walking a corpus of fifty
/// thousand files costs more than a search, so when the check is not done by then it stops
/// where it is and says nothing; `tracuu index` finds every change in any case.
pub struct StaleCheck {
    found: Receiver<Option<String>>,
    done: Arc<AtomicBool>,
}

/// How long a finished command still waits for the check: a folder of a few hundred files
/// is walked well within it, even on a busy machine, so its warning is never lost.
const STALE_CHECK_GRACE: Duration = Duration::from_millis(10);

impl Drop for StaleCheck {
    fn drop(&mut self) {
        let newer = self.found.recv_timeout(STALE_CHECK_GRACE).ok().flatten();
        self.done.store(true, Ordering::Relaxed);
        if let Some(file) = newer {
            eprintln!(
                "tracuu: lưu ý: chỉ mục cũ hơn tệp {file}; hãy chạy tracuu index để cập nhật."
            );
        }
    }
}

/// Opens the index at `dir`; a missing index is built from `seeds/` first, with a progress
/// bar on stderr for a person. Warns, once the command is done, when a corpus file is newer
/// than the index.
pub fn open_index(dir: &Path) -> Result<(SearchIndex, StaleCheck)> {
    let index_dir = IndexDir::new(dir);
    if index_dir.current().is_none() {
        build_seeds(dir, &index_dir)?;
    }
    let index = SearchIndex::open(&index_dir)
        .with_context(|| format!("không mở được chỉ mục trong {}", dir.display()))?;
    let (input, built_at) = (index.manifest().input.clone(), index.manifest().built_at);
    let done = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&done);
    let (send, found) = mpsc::channel();
    std::thread::spawn(move || send.send(newer_file(&input, built_at, &stop)));
    let stale = StaleCheck { found, done };
    Ok((index, stale))
}

/// [`open_index`] for a command that answers once and exits: the index lives until the
/// process ends, as freeing the catalog of fifty thousand documents took a tenth of a search.
pub fn open_for_answer(dir: &Path) -> Result<(&'static SearchIndex, StaleCheck)> {
    let (index, stale) = open_index(dir)?;
    Ok((Box::leak(Box::new(index)), stale))
}

/// Builds the index of `seeds/`, the default corpus, into `dir`.
fn build_seeds(dir: &Path, index_dir: &IndexDir) -> Result<()> {
    let seeds = Path::new(SEEDS);
    if !seeds.is_dir() {
        bail!(
            "Chưa có chỉ mục trong {} và không có thư mục {SEEDS}/ để dựng: hãy chạy tracuu index --input THƯ_MỤC.",
            dir.display()
        );
    }
    let person = std::io::stderr().is_terminal();
    if person {
        eprintln!(
            "tracuu: chưa có chỉ mục trong {}; đang dựng từ {SEEDS}/",
            dir.display()
        );
    }
    let options = index::BuildOptions {
        full: true,
        progress: person,
    };
    index::build(seeds, index_dir, options)?;
    Ok(())
}

/// A corpus file modified after the index was built, if any is found before `stop` is set.
fn newer_file(input: &Path, built_at: u64, stop: &AtomicBool) -> Option<String> {
    let files = crate::ingest::walk_files(input).filter_map(Result::ok);
    let mut unstopped = files.take_while(|_| !stop.load(Ordering::Relaxed));
    unstopped.find_map(|f| {
        let modified = std::fs::metadata(&f).and_then(|m| m.modified()).ok()?;
        let secs = modified.duration_since(UNIX_EPOCH).ok()?.as_secs();
        (secs > built_at).then(|| f.display().to_string())
    })
}
