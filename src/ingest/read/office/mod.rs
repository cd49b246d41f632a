//! Office documents: Word (`.docx`) and OpenDocument (`.odt`) are zip archives of XML parts;
//! Word 97-2003 (`.doc`) is recognised and skipped with its reason.

mod docx;
mod numbering;
mod odt;
mod styles;
mod xml;

pub use docx::DocxReader;
pub use odt::OdtReader;

use super::{Extracted, Format, Reader};
use crate::ingest::encoding::{Encoding, FontEncoding, font_encoding};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The largest XML part read: far above the text of any Party document, and a guard
/// against an archive that inflates to gigabytes.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Word 97-2003 files: no maintained crate reads their text with its Vietnamese intact, so
/// they are listed as skipped with what to do.
pub struct DocReader;

impl Reader for DocReader {
    fn read(&self, _: &[u8]) -> Result<Extracted, String> {
        Err(
            "Word 97-2003 (.doc) or encrypted Office file: not read; save it as .docx or PDF"
                .into(),
        )
    }
}

/// The format of a zip archive by its parts, `None` when it is no document tracuu reads.
pub fn zip_format(bytes: &[u8]) -> Option<Format> {
    let archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") {
        Some(Format::Docx)
    } else if has("content.xml") && has("mimetype") {
        Some(Format::Odt)
    } else {
        None
    }
}

/// The parts of an office archive.
struct Parts<'a>(ZipArchive<Cursor<&'a [u8]>>);

impl<'a> Parts<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, String> {
        ZipArchive::new(Cursor::new(bytes))
            .map(Parts)
            .map_err(|e| format!("tệp nén hỏng: {e}"))
    }

    /// The text of part `name`, `None` when the archive has no such part.
    fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let file = match self.0.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("không đọc được {name}: {e}")),
        };
        let mut bytes = Vec::new();
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("không đọc được {name}: {e}"))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(format!(
                "{name} inflates beyond {} MB",
                MAX_PART_BYTES >> 20
            ));
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{name} is not UTF-8 XML"))
    }
}

/// Converts text set in legacy fonts, and counts what it converted, to say which encoding
/// the document was found in.
#[derive(Debug, Default)]
struct Fonts {
    converted: HashMap<Encoding, usize>,
}

impl Fonts {
    /// `text` as Unicode, given the name of the font it is set in.
    fn convert(&mut self, font: Option<&str>, text: &str) -> String {
        match font.and_then(font_encoding) {
            Some(legacy) => self.legacy(legacy, text),
            None => text.to_owned(),
        }
    }

    fn legacy(&mut self, font: FontEncoding, text: &str) -> String {
        *self.converted.entry(font.encoding).or_default() += text.len();
        Encoding::decode_font_text(font, text)
    }

    /// The encoding most of the converted text was in, else UTF-8.
    fn encoding(&self) -> Encoding {
        self.converted
            .iter()
            .max_by_key(|(_, n)| **n)
            .map_or(Encoding::Utf8, |(e, _)| *e)
    }
}

/// Finishes a reader's Markdown: refused when empty, composed to NFC.
fn extracted(text: String, encoding: Encoding) -> Result<Extracted, String> {
    let text = crate::ingest::source::finish(text).map_err(|e| e.to_string())?;
    Ok(Extracted { text, encoding })
}

/// The heading level a style names: `heading 2`, `Heading2` -> 2, `Title` -> 1.
fn heading_level(style: &str) -> Option<usize> {
    let lower = style.to_ascii_lowercase().replace(' ', "");
    if lower == "title" {
        return Some(1);
    }
    let level = lower.strip_prefix("heading")?;
    level.parse().ok().filter(|l| (1..=6).contains(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_styles_are_read_by_name() {
        assert_eq!(heading_level("Heading2"), Some(2));
        assert_eq!(heading_level("heading 1"), Some(1));
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("BodyText"), None);
    }

    #[test]
    fn a_doc_file_is_skipped_with_what_to_do() {
        assert!(DocReader.read(b"").unwrap_err().contains(".docx"));
    }
}
