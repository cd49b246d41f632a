//! PDF with a text layer, through `pdf-extract`; composed to NFC. A PDF whose pages carry
//! no text (a scan) is skipped with that reason.

use super::{Extracted, Reader};
use crate::ingest::encoding::Encoding;
use crate::ingest::source;

/// The skip reason of a PDF without text: the words first, for scripts, then the
/// sentence for people.
pub const SCANNED: &str = "scanned: no text layer — bản quét, không có lớp chữ để đọc";

/// Reads `.pdf` files.
pub struct PdfReader;

impl Reader for PdfReader {
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let text = pdf_extract::extract_text_from_mem(bytes).map_err(|e| reason(&e.to_string()))?;
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
        format!("damaged PDF — tệp PDF hỏng: {error}")
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
                .starts_with("damaged PDF")
        );
    }
}
