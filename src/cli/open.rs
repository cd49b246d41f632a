//! Opens the index a command reads, building it from `seeds/` on first use.

use crate::index::{self, IndexDir, SearchIndex};
use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// The default corpus a new user searches.
pub const SEEDS: &str = "seeds";

/// Opens the index at `dir`; a missing index is built from `seeds/` first, with a progress
/// bar on stderr for a person. Warns when a corpus file is newer than the index.
pub fn open_index(dir: &Path) -> Result<SearchIndex> {
    let index_dir = IndexDir::new(dir);
    if index_dir.current().is_none() {
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
        index::build(seeds, &index_dir, options)?;
    }
    let opened = SearchIndex::open(&index_dir)
        .with_context(|| format!("không mở được chỉ mục trong {}", dir.display()))?;
    if let Some(file) = newer_file(&opened.manifest().input, opened.manifest().built_at) {
        eprintln!(
            "tracuu: lưu ý: chỉ mục cũ hơn tệp {}; hãy chạy tracuu index để cập nhật.",
            file
        );
    }
    Ok(opened)
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
