//! The encodings older Vietnamese documents are in (TCVN3/ABC, VNI, VISCII, VPS,
//! Windows-1258): told apart by their bytes or their fonts, and converted to Unicode.

mod fonts;
mod guess;
mod tables;
mod vni;

pub use fonts::{FontEncoding, font_encoding};
pub use guess::{guess, repair};

use crate::text::is_nfc;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The encoding a document's text was found in, as `parse --json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Encoding {
    /// Unicode in UTF-8 (or text the format itself keeps in Unicode).
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    /// Unicode in UTF-16 with a byte-order mark.
    #[serde(rename = "utf-16")]
    Utf16,
    /// TCVN 5712:1993 VN3, the ABC fonts (`.VnTime`).
    #[serde(rename = "tcvn3")]
    Tcvn3,
    /// VNI for Windows (`VNI-Times`): base letters followed by mark bytes.
    #[serde(rename = "vni")]
    Vni,
    /// VISCII (RFC 1456).
    #[serde(rename = "viscii")]
    Viscii,
    /// VPS.
    #[serde(rename = "vps")]
    Vps,
    /// Microsoft's code page 1258: letters followed by combining tone marks.
    #[serde(rename = "windows-1258")]
    Windows1258,
}

impl Encoding {
    /// The legacy encodings, most common first: the order breaks ties when guessing.
    pub const LEGACY: [Encoding; 5] = [
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Windows1258,
        Encoding::Viscii,
        Encoding::Vps,
    ];

    /// Converts bytes in this encoding to Unicode text in NFC. UTF-8 and UTF-16 are decoded
    /// lossily: the caller has checked them already.
    pub fn decode(self, bytes: &[u8]) -> String {
        let text = match self {
            Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Utf16 => encoding_rs::UTF_16LE.decode(bytes).0.into_owned(),
            Encoding::Windows1258 => encoding_rs::WINDOWS_1258
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Tcvn3 => single_byte(bytes, &tables::TCVN3_HIGH, tables::TCVN3_LOW),
            Encoding::Viscii => single_byte(bytes, &tables::VISCII_HIGH, tables::VISCII_LOW),
            Encoding::Vps => single_byte(bytes, &tables::VPS_HIGH, tables::VPS_LOW),
            Encoding::Vni => vni_bytes(bytes),
        };
        if is_nfc(&text) {
            text
        } else {
            text.nfc().collect()
        }
    }

    /// Converts text set in a legacy font: Word and OpenDocument store the font's code
    /// points as Windows-1252 characters (`NghÞ quyÕt` for `Nghị quyết` in `.VnTime`).
    pub fn decode_font_text(font: FontEncoding, text: &str) -> String {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let decoded = font.encoding.decode(&bytes);
        if font.capitals {
            decoded.to_uppercase()
        } else {
            decoded
        }
    }
}

/// Bytes from here to 0x7F are ASCII in every single-byte Vietnamese encoding; only control
/// bytes may hold capital letters.
const FIRST_PRINTABLE: u8 = 0x20;

fn single_byte(bytes: &[u8], high: &[char; 128], low: &[(u8, char)]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80.. => high[usize::from(b - 0x80)],
            FIRST_PRINTABLE.. => char::from(b),
            _ => low
                .iter()
                .find(|(byte, _)| *byte == b)
                .map_or(char::from(b), |(_, c)| *c),
        })
        .collect()
}

/// VNI bytes: its own bytes drawn as marks or letters, the rest read as Windows-1252 (VNI
/// fonts keep its quotes and dashes).
fn vni_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if vni::push_byte(b, &mut out).is_none() {
            let one = [b];
            out.push_str(
                &encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(&one)
                    .0,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_legacy_encoding_reads_its_own_bytes() {
        let cases: [(Encoding, &[u8]); 5] = [
            (Encoding::Tcvn3, b"Ngh\xde quy\xd5t"),
            (Encoding::Vni, b"Ngh\xf2 quye\xe1t"),
            (Encoding::Viscii, b"Ngh\xb8 quy\xaat"),
            (Encoding::Vps, b"Ngh\xce quy\x89t"),
            (Encoding::Windows1258, b"Nghi\xf2 quy\xea\xect"),
        ];
        for (encoding, bytes) in cases {
            assert_eq!(encoding.decode(bytes), "Nghị quyết", "{encoding:?}");
        }
    }

    #[test]
    fn text_in_an_upper_case_font_is_restored_to_capitals() {
        let font = font_encoding(".VnTimeH").unwrap();
        assert_eq!(
            Encoding::decode_font_text(font, "ngh\u{DE} quy\u{D5}t"),
            "NGHỊ QUYẾT"
        );
    }
}
