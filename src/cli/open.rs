//! Opens the index a command reads, building it from `seeds/` on first use.

use crate::index::{self, IndexDir, SearchIndex};
use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::UNIX_EPOCH;

/// The default corpus a new user searches.
pub const SEEDS: &str = "seeds";

/// The check that an index's corpus has not changed since it was built. It runs on another
/// thread while the command works (walking a large corpus costs tens of milliseconds) and
/// prints its warning when dropped, once the command is done.
pub struct StaleCheck(Option<JoinHandle<Option<String>>>);

impl Drop for StaleCheck {
    fn drop(&mut self) {
        let newer = self.0.take().and_then(|check| check.join().ok().flatten());
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
    let stale = std::thread::spawn(move || newer_file(&input, built_at));
    Ok((index, StaleCheck(Some(stale))))
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

/// A corpus file modified after the index was built, if any.
fn newer_file(input: &Path, built_at: u64) -> Option<String> {
    let (files, _) = crate::ingest::list_files(input);
    files.into_iter().find_map(|f| {
        let modified = std::fs::metadata(&f).and_then(|m| m.modified()).ok()?;
        let secs = modified.duration_since(UNIX_EPOCH).ok()?.as_secs();
        (secs > built_at).then(|| f.display().to_string())
    })
}
