//! Turns the bytes of a file into clean text: one encoding, one line ending, NFC.

use crate::text::is_nfc;
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// Why a file cannot be read as text; shown to the user next to the skipped file.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SourceError {
    /// The file contains NUL bytes: it is binary, not a document.
    #[error("tệp nhị phân (byte NUL ở vị trí {0})")]
    Binary(usize),
    /// The bytes are not valid UTF-8 (nor UTF-16 with a byte-order mark).
    #[error("không phải UTF-8 hợp lệ (byte lỗi đầu tiên ở vị trí {0})")]
    InvalidUtf8(usize),
    /// A UTF-16 file whose byte-order mark promised more than its content keeps.
    #[error("không phải UTF-16 hợp lệ dù có dấu thứ tự byte")]
    InvalidUtf16,
    /// Nothing but white space.
    #[error("tệp rỗng")]
    Empty,
}

/// Decodes a file's bytes: UTF-8 with or without BOM, or UTF-16 with BOM; CRLF and CR
/// become LF; the result is in NFC so that NFD input reads the same as NFC.
pub fn decode(bytes: &[u8]) -> Result<String, SourceError> {
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes)?,
        _ => utf8(bytes)?,
    };
    finish(text)
}

/// Finishes text a reader decoded: refuses it when empty, turns CRLF and CR into LF and
/// composes it to NFC.
pub fn finish(text: String) -> Result<String, SourceError> {
    if text.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(nfc(text))
}

/// `text` in NFC. A line break never composes nor reorders with what is around it, so only
/// the lines that are not already in NFC are recomposed: documents copied from a PDF or a Mac
/// often have a few decomposed letters, and composing whole files cost a seventh of a build.
fn nfc(text: String) -> String {
    if is_nfc(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_nfc(line) {
            out.push_str(line);
        } else {
            out.extend(line.nfc());
        }
    }
    out
}

fn utf8(bytes: &[u8]) -> Result<String, SourceError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(SourceError::Binary(at));
    }
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(SourceError::InvalidUtf8(e.valid_up_to())),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, SourceError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(SourceError::InvalidUtf16);
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let text: String = char::decode_utf16(units)
        .collect::<Result<_, _>>()
        .map_err(|_| SourceError::InvalidUtf16)?;
    if text.contains('\0') {
        return Err(SourceError::InvalidUtf16);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_nfd_read_like_plain_nfc() {
        let plain = decode("Thành ủy\nhọp".as_bytes()).unwrap();
        let nfd: String = "Thành ủy\r\nhọp".nfd().collect();
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(nfd.as_bytes());
        assert_eq!(decode(&with_bom).unwrap(), plain);
    }

    #[test]
    fn composing_line_by_line_is_composing_the_whole() {
        let mixed: String = [
            "Thành ủy".nfd().collect::<String>(),
            "họp".into(),
            "\u{301}a\u{323}\u{302}".into(),
            "e\u{302}\u{301}\u{323}".into(),
            String::new(),
        ]
        .join("\n");
        assert_eq!(nfc(mixed.clone()), mixed.nfc().collect::<String>());
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Đề án".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes).unwrap(), "Đề án");
    }

    #[test]
    fn binary_invalid_and_empty_files_are_refused_with_a_reason() {
        assert_eq!(decode(b"ab\0cd"), Err(SourceError::Binary(2)));
        assert_eq!(decode(b"ab\xFFcd"), Err(SourceError::InvalidUtf8(2)));
        assert_eq!(decode(b" \n \n"), Err(SourceError::Empty));
    }
}
