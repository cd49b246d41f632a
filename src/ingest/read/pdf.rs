//! PDF with a text layer, through `pdf-extract`; composed to NFC. A PDF whose pages carry
//! no text (a scan) is skipped with that reason.

use super::{Extracted, Reader};
use crate::ingest::encoding::Encoding;
use crate::ingest::source;

/// Reads `.pdf` files.
pub struct PdfReader;

impl Reader for PdfReader {
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let text = pdf_extract::extract_text_from_mem(bytes).map_err(|e| reason(&e.to_string()))?;
        if !text.chars().any(char::is_alphanumeric) {
            return Err("scanned: no text layer".into());
        }
        let text = source::finish(text).map_err(|e| e.to_string())?;
        Ok(Extracted {
            text,
            encoding: Encoding::Utf8,
        })
    }
}

/// The skip reason for an extractor error: encrypted files said so plainly.
fn reason(error: &str) -> String {
    if error.to_ascii_lowercase().contains("encrypt") {
        "encrypted PDF: not read".into()
    } else {
        format!("damaged PDF: {error}")
    }
}
