//! Readers: one per file format, each turning a file's bytes into text for the paragraph
//! reconstruction. Structure the format knows (headings, bold, footnotes) is passed on as
//! the light Markdown the reconstruction already reads (`##`, `**`, `<sup>1</sup>`).

mod html;
mod markdown;
mod office;
mod pdf;
mod text;

use super::encoding::Encoding;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The formats tracuu tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text or Markdown (`.txt`, `.md`).
    #[default]
    Text,
    /// A web page (`.html`, `.htm`).
    Html,
    /// Word 2007 and later (`.docx`).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
    /// PDF with a text layer.
    Pdf,
    /// Word 97-2003 (`.doc`): recognised, not read.
    Doc,
}

/// Where a document's text came from, as `parse --json` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    /// The file's format.
    pub format: Format,
    /// The encoding its text was found in.
    pub encoding: Encoding,
}

/// Reads `bytes` of `format`. A reader that panics (a third-party extractor meeting a file
/// it does not expect) costs that file only: it is skipped with the reason.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, String> {
    guarded(format.reader(), bytes)
}

fn guarded(reader: &dyn Reader, bytes: &[u8]) -> Result<Extracted, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.read(bytes))).unwrap_or_else(
        |panic| {
            Err(format!(
                "bộ đọc gặp lỗi với tệp này: {}",
                panic_message(&panic)
            ))
        },
    )
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "lỗi không rõ".into())
}

/// What a reader made of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text, in NFC with LF line ends, structure marked as light Markdown.
    pub text: String,
    /// The encoding the text was found in.
    pub encoding: Encoding,
}

/// Turns the bytes of one format into text. A reader never panics on hostile input: it
/// returns a sentence saying why the file cannot be read.
pub trait Reader {
    /// Reads `bytes`, or says why not.
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String>;
}

/// The file extensions tracuu reads, for help texts and listings.
pub const READ_EXTENSIONS: &str = ".txt, .md, .html, .htm, .docx, .odt, .pdf";

impl Format {
    /// The format of a file by its extension, `None` for a type tracuu does not read.
    pub fn by_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "pdf" => Format::Pdf,
            "doc" => Format::Doc,
            _ => return None,
        })
    }

    /// The format of a file: its magic bytes first (a `.doc` that is really a `.docx`, a
    /// PDF saved as `.txt`), then `by_extension`.
    pub fn detect(path: &Path, bytes: &[u8]) -> Option<Format> {
        const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
        let by_name = Format::by_extension(path);
        if bytes.starts_with(b"%PDF-") {
            Some(Format::Pdf)
        } else if bytes.starts_with(OLE) {
            Some(Format::Doc)
        } else if bytes.starts_with(b"PK\x03\x04") {
            office::zip_format(bytes).or(by_name)
        } else {
            by_name
        }
    }

    /// The reader of this format.
    pub fn reader(self) -> &'static dyn Reader {
        match self {
            Format::Text => &text::TextReader,
            Format::Html => &html::HtmlReader,
            Format::Docx => &office::DocxReader,
            Format::Odt => &office::OdtReader,
            Format::Pdf => &pdf::PdfReader,
            Format::Doc => &office::DocReader,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_win_over_the_extension() {
        let pdf = Format::detect(Path::new("a.txt"), b"%PDF-1.7\n...");
        assert_eq!(pdf, Some(Format::Pdf));
        let doc = Format::detect(Path::new("a.docx"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..");
        assert_eq!(doc, Some(Format::Doc));
        assert_eq!(
            Format::detect(Path::new("a.HTM"), b"<p>"),
            Some(Format::Html)
        );
        assert_eq!(Format::detect(Path::new("a.xlsx"), b"PK\x03\x04"), None);
    }

    struct Panicking;

    impl Reader for Panicking {
        fn read(&self, _: &[u8]) -> Result<Extracted, String> {
            panic!("unexpected operator")
        }
    }

    #[test]
    fn a_panicking_reader_costs_only_its_file() {
        let err = guarded(&Panicking, b"").unwrap_err();
        assert_eq!(err, "bộ đọc gặp lỗi với tệp này: unexpected operator");
    }
}
