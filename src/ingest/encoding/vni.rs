//! VNI: ASCII base letters followed by bytes that draw the marks over them (`a` + `ù` is
//! `á`), and a few letters of their own (`ñ` is `đ`, `ô` is `ơ`).

/// A lower-case VNI byte and what it draws: combining marks that follow a base letter, or a
/// whole letter. The capital form of each is the byte 0x20 lower (`Ù` for `ù`).
const LOWER: [(u8, &str); 26] = [
    (0xF9, "\u{301}"),
    (0xF8, "\u{300}"),
    (0xFB, "\u{309}"),
    (0xF5, "\u{303}"),
    (0xEF, "\u{323}"),
    (0xE2, "\u{302}"),
    (0xE1, "\u{302}\u{301}"),
    (0xE0, "\u{302}\u{300}"),
    (0xE5, "\u{302}\u{309}"),
    (0xE3, "\u{302}\u{303}"),
    (0xE4, "\u{302}\u{323}"),
    (0xEA, "\u{306}"),
    (0xE9, "\u{306}\u{301}"),
    (0xE8, "\u{306}\u{300}"),
    (0xFA, "\u{306}\u{309}"),
    (0xFC, "\u{306}\u{303}"),
    (0xEB, "\u{306}\u{323}"),
    (0xF4, "ơ"),
    (0xF6, "ư"),
    (0xF1, "đ"),
    (0xED, "í"),
    (0xEC, "ì"),
    (0xE6, "ỉ"),
    (0xF3, "ĩ"),
    (0xF2, "ị"),
    (0xEE, "ỵ"),
];

/// Distance from a lower-case VNI byte to its capital.
const CAPITAL_OFFSET: u8 = 0x20;

/// Appends what VNI byte `b` draws to `out`; `None` when `b` is not one of VNI's own.
pub fn push_byte(b: u8, out: &mut String) -> Option<()> {
    let (lower, capital) = match b {
        0xE0..=0xFF => (b, false),
        0xC0..=0xDF => (b + CAPITAL_OFFSET, true),
        _ => return None,
    };
    let (_, drawn) = LOWER.iter().find(|(byte, _)| *byte == lower)?;
    if capital {
        out.extend(drawn.chars().flat_map(char::to_uppercase));
    } else {
        out.push_str(drawn);
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn decode(bytes: &[u8]) -> String {
        let mut out = String::new();
        for &b in bytes {
            if push_byte(b, &mut out).is_none() {
                out.push(char::from(b));
            }
        }
        out.nfc().collect()
    }

    #[test]
    fn marks_compose_with_the_letter_before_them() {
        assert_eq!(decode(b"Ngh\xf2 quye\xe1t"), "Nghị quyết");
        assert_eq!(decode(b"\xd1A\xd9NG"), "ĐÁNG");
        assert_eq!(decode(b"A\xc9 a\xe9"), "Ắ ắ");
        assert_eq!(decode(b"\xf6\xf4\xf9"), "ướ");
    }
}
