//! PDF with a text layer, through `pdf-extract`; composed to NFC. Footnote markers (small
//! raised digits) become superscript digits, as the reconstruction expects them. A PDF whose
//! pages carry no text (a scan) is skipped with that reason.

use super::{Extracted, Reader};
use crate::ingest::encoding::Encoding;
use crate::ingest::source;
use pdf_extract::{MediaBox, OutputDev, OutputError, PlainTextOutput, Transform};

/// The skip reason of a PDF without text: the words first, for scripts, then the
/// sentence for people.
pub const SCANNED: &str = "bản quét, không có lớp chữ để đọc";

/// Reads `.pdf` files.
pub struct PdfReader;

impl Reader for PdfReader {
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let text = extract(bytes).map_err(|e| reason(&e))?;
        if !text.chars().any(char::is_alphanumeric) {
            return Err(SCANNED.into());
        }
        let text = text
            .lines()
            .map(join_spaced_letters)
            .collect::<Vec<_>>()
            .join("\n");
        let text = source::finish(text).map_err(|e| e.to_string())?;
        Ok(Extracted {
            text,
            encoding: Encoding::Utf8,
        })
    }
}

/// The text layer of a PDF, superscript digits marked.
fn extract(bytes: &[u8]) -> Result<String, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|_| "encrypted".to_owned())?;
    }
    let mut text = String::new();
    let mut output = Superscripts {
        inner: PlainTextOutput::new(&mut text),
        sizes: Vec::new(),
        last_y: f64::NAN,
        markers: Vec::new(),
    };
    pdf_extract::output_doc(&doc, &mut output).map_err(|e| format!("{e:?}"))?;
    Ok(text)
}

/// A digit this much smaller than the body text is a footnote marker (superscripts are
/// set at about 58% of the body size; small capitals and sub-headings are larger).
const SUPERSCRIPT_RATIO: f64 = 0.75;

/// A digit that opens a line in type this much smaller than the body text, and that was a
/// marker earlier, numbers the footnote itself (notes are set at about 10 pt under
/// 12-14 pt text).
const NOTE_RATIO: f64 = 0.9;

/// Passes characters on to `pdf-extract`'s plain-text writer, turning the small digits of
/// footnote markers into superscript digits (`2023¹`), and the number that opens the note
/// at the page foot too (`¹ Nghị quyết...`).
struct Superscripts<'a> {
    inner: PlainTextOutput<&'a mut String>,
    /// How many letters were set in each size (in tenths of a point) so far: the most
    /// frequent is the body text's.
    sizes: Vec<(u32, usize)>,
    /// The baseline of the last character.
    last_y: f64,
    /// The digits turned into markers so far.
    markers: Vec<u8>,
}

impl OutputDev for Superscripts<'_> {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.inner.begin_page(page, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let distance = (trm.m32 - self.last_y).abs();
        let line_start = distance.is_nan() || distance > size / 2.0;
        self.last_y = trm.m32;
        let body = self
            .sizes
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| f64::from(*s) / 10.0);
        let smaller = |ratio: f64| body.is_some_and(|body| size < body * ratio);
        let text = match *text.as_bytes() {
            [d] if d.is_ascii_digit() && smaller(SUPERSCRIPT_RATIO) => {
                self.markers.push(d);
                superscript(d)
            }
            [d] if line_start && self.markers.contains(&d) && smaller(NOTE_RATIO) => superscript(d),
            [d] if d.is_ascii_digit() => text,
            _ => {
                self.count_size(size);
                text
            }
        };
        self.inner
            .output_character(trm, width, spacing, font_size, text)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.inner.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}

impl Superscripts<'_> {
    fn count_size(&mut self, size: f64) {
        let key = (size * 10.0).round() as u32;
        match self.sizes.iter_mut().find(|(s, _)| *s == key) {
            Some((_, n)) => *n += 1,
            None => self.sizes.push((key, 1)),
        }
    }
}

fn superscript(digit: u8) -> &'static str {
    const SUPERSCRIPTS: [&str; 10] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];
    SUPERSCRIPTS[usize::from(digit - b'0')]
}

/// Fewest letters a letter-spaced line has: shorter runs of single letters (`a b c`) are
/// more likely an enumeration than a spaced-out title.
const MIN_SPACED_LETTERS: usize = 4;

/// A letter-spaced title (`N G H Ị   Q U Y Ế T`: one space between letters, several between
/// words) as words (`NGHỊ QUYẾT`). Other lines are returned as they are, leading spaces kept.
fn join_spaced_letters(line: &str) -> std::borrow::Cow<'_, str> {
    let body = line.trim();
    let words: Vec<&str> = body
        .split("  ")
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    let spaced = |word: &&str| word.split(' ').all(|t| t.chars().count() == 1);
    let letters: usize = words.iter().map(|w| w.split(' ').count()).sum();
    if letters < MIN_SPACED_LETTERS || !words.iter().all(spaced) {
        return line.into();
    }
    let lead = &line[..line.len() - line.trim_start().len()];
    let joined: Vec<String> = words.iter().map(|w| w.replace(' ', "")).collect();
    format!("{lead}{}", joined.join(" ")).into()
}

/// The skip reason for an extractor error: encrypted files said so plainly.
fn reason(error: &str) -> String {
    if error.to_ascii_lowercase().contains("encrypt") {
        "encrypted PDF — tệp PDF có mật khẩu, không đọc được".into()
    } else {
        format!("tệp PDF hỏng: {error}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spaced_titles_become_words() {
        assert_eq!(join_spaced_letters("N G H Ị   Q U Y Ế T"), "NGHỊ QUYẾT");
        assert_eq!(join_spaced_letters(" H Ộ I  N G H Ị"), " HỘI NGHỊ");
        assert_eq!(join_spaced_letters("a b c"), "a b c");
        assert_eq!(
            join_spaced_letters("Điều 1. Về  kinh tế"),
            "Điều 1. Về  kinh tế"
        );
    }

    #[test]
    fn a_pdf_without_text_is_a_scan_and_garbage_is_damaged() {
        let scan = std::fs::read("tests/fixtures/formats/scanned.pdf").unwrap();
        assert_eq!(PdfReader.read(&scan).unwrap_err(), SCANNED);
        assert!(
            PdfReader
                .read(b"%PDF-1.4 garbage")
                .unwrap_err()
                .starts_with("tệp PDF hỏng")
        );
    }
}
