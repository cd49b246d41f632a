//! The legacy Vietnamese fonts named in Word and OpenDocument files, and the encoding their
//! text is in.

use super::Encoding;

/// What a font name says about the text set in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontEncoding {
    /// The encoding of the font's code points.
    pub encoding: Encoding,
    /// An upper-case font (`.VnTimeH`): it draws capitals at the lower-case code points, so
    /// the text must be upper-cased after conversion.
    pub capitals: bool,
}

/// The encoding of a font by its name: `.VnTime`, `.VnArialH` (TCVN3/ABC), `VNI-Times`
/// (VNI), `VPS Times` (VPS). `None` for a Unicode font.
pub fn font_encoding(name: &str) -> Option<FontEncoding> {
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    let encoding = if lower.starts_with(".vn") {
        Encoding::Tcvn3
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Encoding::Vni
    } else if lower.starts_with("vps ") || lower.starts_with("vps-") {
        Encoding::Vps
    } else {
        return None;
    };
    Some(FontEncoding {
        encoding,
        capitals: encoding == Encoding::Tcvn3 && name.ends_with('H'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_fonts_are_known_by_name() {
        let tcvn = font_encoding(".VnTime").unwrap();
        assert_eq!((tcvn.encoding, tcvn.capitals), (Encoding::Tcvn3, false));
        assert!(font_encoding(".VnTimeH").unwrap().capitals);
        assert_eq!(font_encoding("VNI-Times").unwrap().encoding, Encoding::Vni);
        assert_eq!(font_encoding("Times New Roman"), None);
    }
}
