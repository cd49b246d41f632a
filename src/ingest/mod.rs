//! Ingest: files -> `Document { meta, paragraphs, footnotes }`, every quirk of the real
//! documents undone on the way.

mod backmatter;
mod block;
mod chrome;
mod document;
pub mod encoding;
mod footnotes;
mod layout;
mod lines;
mod markup;
mod metadata;
mod noise;
mod paragraphs;
mod portal;
pub mod read;
mod sidecar;
pub mod source;
mod structure;
mod tables;

pub use document::{
    DateBasis, Document, DropReason, Dropped, Footnote, Metadata, Paragraph, Role, Signer, TableRow,
};
pub use layout::Layout;
pub use read::{Format, Source};

use serde::Serialize;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file that was not indexed (or only partly), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file's path below the corpus root.
    pub file: String,
    /// One sentence a person can act on.
    pub reason: String,
}

/// Every document read from a folder, and every file that could not be.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Documents in file order.
    pub documents: Vec<Document>,
    /// Files skipped, with their reason.
    pub skipped: Vec<Skipped>,
}

/// Reads one document from text. `doc_id` and `file` name it; nothing is read from disk.
pub fn parse_text(doc_id: &str, file: &str, text: &str) -> Document {
    let (text, panel, panel_dropped) = portal::take_panel(text)
        .unwrap_or_else(|| (text.to_owned(), portal::Panel::default(), Vec::new()));
    let layout = Layout::detect(&text);
    let (text, mut notes) = match layout {
        Layout::Pdf => footnotes::take_from_pdf(&text),
        _ => (text, Vec::new()),
    };
    let split = lines::split(&text, layout);
    let (content, marked) = footnotes::take_marked(tables::arrange(split.lines));
    notes.extend(marked);
    let (content, back) = backmatter::split(content, layout);
    let (mut header, content) = metadata::take_header(content, layout);
    let header_dropped = std::mem::take(&mut header.dropped);
    let placed = structure::place(&paragraphs::reconstruct(&content, layout));
    let mut meta = metadata::extract(header, &placed, &back);
    panel.fill(&mut meta);
    let known: Vec<u32> = notes.iter().map(|n| n.n).collect();
    let paragraphs = placed
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let (text, links) = footnotes::strip_markers(&p.text, &known);
            Paragraph {
                n: i + 1,
                section: p.section,
                text,
                role: p.role,
                footnotes: links,
                row: p.row,
            }
        })
        .collect::<Vec<_>>();
    let paragraphs = if paragraphs.is_empty() {
        title_only(&meta)
    } else {
        paragraphs
    };
    for note in &mut notes {
        note.paragraph = paragraphs
            .iter()
            .find(|p| p.footnotes.contains(&note.n))
            .map(|p| p.n);
    }
    Document {
        doc_id: doc_id.to_owned(),
        file: file.to_owned(),
        layout,
        meta,
        paragraphs,
        footnotes: notes,
        recipients: back.recipients,
        addressees: back.addressees,
        dropped: [panel_dropped, split.dropped, header_dropped, back.dropped].concat(),
        source: Source::default(),
    }
}

/// A document that is only a header still has its subject as a paragraph, so that it is
/// found by it.
fn title_only(meta: &Metadata) -> Vec<Paragraph> {
    let Some(title) = meta.title.clone() else {
        return Vec::new();
    };
    vec![Paragraph {
        n: 1,
        section: String::new(),
        text: title,
        role: Role::Heading,
        footnotes: Vec::new(),
        row: None,
    }]
}

/// The sidecar file (`NAME.meta.toml`) whose metadata overrides what `file` says of itself.
pub fn sidecar_path(file: &Path) -> PathBuf {
    sidecar::path_for(file)
}

/// Reads one file. `root` is the corpus folder the ids are relative to. A sidecar problem
/// does not lose the document: it comes back as a `Skipped` note beside it.
pub fn read_file(root: &Path, path: &Path) -> Result<(Document, Option<Skipped>), Skipped> {
    let file = relative_name(root, path);
    let skip = |reason: String| Skipped {
        file: file.clone(),
        reason,
    };
    let bytes = read_bounded(path, max_bytes(path)).map_err(skip)?;
    let format = Format::detect(path, &bytes).ok_or_else(|| skip(unknown_type(path)))?;
    let extracted = read::extract(format, &bytes).map_err(skip)?;
    let doc_id = match format {
        Format::Text => file
            .rsplit_once('.')
            .map_or(file.as_str(), |(stem, _)| stem)
            .to_owned(),
        _ => file.clone(),
    };
    let mut doc = parse_text(&doc_id, &file, &extracted.text);
    doc.source = Source {
        format,
        encoding: extracted.encoding,
    };
    let note = sidecar::apply(path, &mut doc.meta)
        .err()
        .map(|reason| Skipped {
            file: relative_name(root, &sidecar::path_for(path)),
            reason,
        });
    Ok((doc, note))
}

/// Files larger than this are skipped with their size as the reason: the longest Party
/// documents are well under 1 MB of text, and one file is parsed whole in memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The limit for Word, OpenDocument and PDF files: they carry their photos and scanned
/// signatures, so a file of a few pages of text often weighs several MB.
pub const MAX_PACKED_BYTES: u64 = 64 * 1024 * 1024;

fn max_bytes(path: &Path) -> u64 {
    match Format::by_extension(path) {
        Some(Format::Docx | Format::Odt | Format::Pdf) => MAX_PACKED_BYTES,
        _ => MAX_FILE_BYTES,
    }
}

/// The file's bytes, or a sentence saying why not. Never reads more than `limit`, even if
/// the file grows while it is read.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| io_reason(&e);
    let file = File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(format!(
            "tệp quá lớn: {} MB (chỉ đọc tệp đến {} MB)",
            size / (1024 * 1024),
            limit / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// The document files below `root` (see [`read::READ_EXTENSIONS`]), sorted, and the entries
/// that could not be listed or are of a type tracuu does not read. Sidecar `.meta.toml`
/// files are neither: they are read with their document.
pub fn list_files(root: &Path) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in walk_files(root) {
        match entry {
            Ok(file) => files.push(file),
            Err(skip) => skipped.push(skip),
        }
    }
    files.sort_unstable();
    skipped.sort_unstable_by(|a, b| a.file.cmp(&b.file));
    (files, skipped)
}

/// The entries of [`list_files`] one at a time, in the order the file system lists them,
/// as the folder is walked: a caller that may stop early (the check that an index is stale)
/// walks only what it needs, and does not wait for a folder of fifty thousand files to be
/// read whole and sorted before its first file.
pub fn walk_files(root: &Path) -> impl Iterator<Item = Result<PathBuf, Skipped>> + '_ {
    let walk = WalkDir::new(root).follow_links(true);
    walk.into_iter().filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_file() && is_sidecar(e.path()) => None,
        Ok(e) if e.file_type().is_file() && Format::by_extension(e.path()).is_some() => {
            Some(Ok(e.into_path()))
        }
        Ok(e) if e.file_type().is_file() => Some(Err(Skipped {
            file: relative_name(root, e.path()),
            reason: unknown_type(e.path()),
        })),
        Ok(_) => None,
        Err(e) => Some(Err(Skipped {
            file: e
                .path()
                .map_or_else(|| root.display().to_string(), |p| relative_name(root, p)),
            reason: walk_error(&e),
        })),
    })
}

fn walk_error(e: &walkdir::Error) -> String {
    match (e.loop_ancestor(), e.io_error()) {
        (Some(ancestor), _) => format!("liên kết tượng trưng vòng lại {}", ancestor.display()),
        (_, Some(io)) => io_reason(io),
        _ => e.to_string(),
    }
}

/// Why a file could not be read, in a sentence for people: the common causes in Vietnamese,
/// any other with the system's own words.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không có tệp này".to_owned(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp này".to_owned(),
        std::io::ErrorKind::IsADirectory => "đây là thư mục, không phải tệp".to_owned(),
        _ => format!("không đọc được tệp: {e}"),
    }
}

fn is_sidecar(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".meta.toml")
}

/// The skip reason of a file whose type tracuu does not read.
fn unknown_type(path: &Path) -> String {
    let kind = path.extension().map_or_else(
        || "không có phần mở rộng".to_owned(),
        |e| format!(".{}", e.to_string_lossy()),
    );
    format!(
        "loại tệp không đọc được ({kind}): tracuu chỉ đọc {}",
        read::READ_EXTENSIONS
    )
}

/// A file's path below the corpus root, with `/` between folders: the `file` of its document.
pub fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

/// Reads every document below `root`; bad files are skipped with their reason.
pub fn read_corpus(root: &Path) -> Corpus {
    let (files, mut skipped) = list_files(root);
    let mut documents = Vec::with_capacity(files.len());
    for path in files {
        match read_file(root, &path) {
            Ok((doc, note)) => {
                documents.push(doc);
                skipped.extend(note);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    Corpus { documents, skipped }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const WORDS: [&str; 16] = [
        "đảng", "bộ", "tỉnh", "lãnh", "đạo", "phát", "triển", "kinh", "tế", "xã", "hội", "chuyển",
        "đổi", "số", "năm", "2024",
    ];

    /// A sentence of 3-12 words, capitalised, ending in a period.
    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(&WORDS[..]), 3..12).prop_map(|words| {
            let text = words.join(" ");
            let mut chars = text.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            format!("{}{}.", first.unwrap_or_default(), chars.as_str())
        })
    }

    /// Paragraphs of sentences, wrapped at random points the way extractors break lines.
    fn document() -> impl Strategy<Value = String> {
        let paragraph = (prop::collection::vec(sentence(), 1..5), 20usize..90).prop_map(
            |(sentences, width)| {
                let mut out = String::new();
                let mut line = 0;
                for word in sentences.join(" ").split(' ') {
                    let wrap = line > 0 && line + word.len() > width;
                    out.push_str(if wrap {
                        "\n"
                    } else if line > 0 {
                        " "
                    } else {
                        ""
                    });
                    line = if wrap { 0 } else { line + 1 } + word.len();
                    out.push_str(word);
                }
                out
            },
        );
        prop::collection::vec(paragraph, 1..8).prop_map(|ps| ps.join("\n\n"))
    }

    fn letters_and_digits(text: &str) -> String {
        text.chars().filter(|c| c.is_alphanumeric()).collect()
    }

    proptest! {
        #[test]
        fn reconstruction_keeps_every_content_character(text in document()) {
            let doc = parse_text("p", "p.txt", &text);
            let kept: String = doc.paragraphs.iter().map(|p| letters_and_digits(&p.text)).collect();
            prop_assert_eq!(kept, letters_and_digits(&text));
        }
    }
}
