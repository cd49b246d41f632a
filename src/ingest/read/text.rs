//! Plain text and Markdown: UTF-8 or UTF-16 as before, else a legacy Vietnamese encoding
//! told by its bytes; UTF-8 text still in a legacy font's code points is converted too.

use super::{Extracted, Reader};
use crate::ingest::encoding::{self, Encoding};
use crate::ingest::source::{self, SourceError};

/// Reads `.txt` and `.md` files.
pub struct TextReader;

impl Reader for TextReader {
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String> {
        match source::decode(bytes) {
            Ok(text) => Ok(match encoding::repair(&text) {
                Some((text, encoding)) => Extracted { text, encoding },
                None => Extracted {
                    text,
                    encoding: unicode_encoding(bytes),
                },
            }),
            Err(SourceError::InvalidUtf8(at)) => legacy(bytes, at),
            Err(e) => Err(e.to_string()),
        }
    }
}

fn unicode_encoding(bytes: &[u8]) -> Encoding {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Encoding::Utf16,
        _ => Encoding::Utf8,
    }
}

/// Bytes that are not UTF-8: decoded in the legacy encoding they look most like.
fn legacy(bytes: &[u8], bad_at: usize) -> Result<Extracted, String> {
    let Some(encoding) = encoding::guess(bytes) else {
        return Err(format!(
            "{} và không thuộc bảng mã tiếng Việt nào đã biết (TCVN3, VNI, VISCII, VPS, Windows-1258)",
            SourceError::InvalidUtf8(bad_at)
        ));
    };
    let text = source::finish(encoding.decode(bytes)).map_err(|e| e.to_string())?;
    Ok(Extracted { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_as_before_and_legacy_bytes_are_converted() {
        let utf8 = TextReader.read("Nghị quyết\r\n".as_bytes()).unwrap();
        assert_eq!(
            (utf8.text.as_str(), utf8.encoding),
            ("Nghị quyết\n", Encoding::Utf8)
        );
        let tcvn = TextReader
            .read(b"Ngh\xde quy\xd5t c\xf1a T\xd8nh \xf1y")
            .unwrap();
        assert_eq!(
            (tcvn.text.as_str(), tcvn.encoding),
            ("Nghị quyết của Tỉnh ủy", Encoding::Tcvn3)
        );
    }

    #[test]
    fn bytes_in_no_known_encoding_say_so() {
        let err = TextReader.read(b"abc\xff\xfe\xfd").unwrap_err();
        assert!(
            err.starts_with("không phải UTF-8 hợp lệ (byte lỗi đầu tiên ở vị trí 3)"),
            "{err}"
        );
    }
}
