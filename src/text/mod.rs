//! Vietnamese text normalisation: the forms words are compared and indexed in.

pub mod analyzer;
mod tone;

pub use tone::{canonical_tones, moved_tones};

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower-cases and removes every diacritic, `đ` included: `Đề Án` -> `de an`.
pub fn fold(text: &str) -> String {
    strip_marks(&text.to_lowercase())
}

/// Removes every diacritic of lower-case text, precomposed or combining, and turns `đ` into
/// `d`: `thuỷ` -> `thuy`. ASCII letters pass untouched, the rest are decomposed one by one.
pub fn strip_marks(lowered: &str) -> String {
    let mut out = String::with_capacity(lowered.len());
    for c in lowered.chars() {
        match c {
            _ if c.is_ascii() => out.push(c),
            'đ' => out.push('d'),
            _ => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    out.push(part);
                }
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_tones_and_the_bar_of_d() {
        assert_eq!(fold("Đề Án chuyển đổi số"), "de an chuyen doi so");
        assert_eq!(fold("Thành uỷ"), fold("Thành ủy"));
        assert_eq!(fold("Thuy\u{0309} ĐẢNG"), "thuy dang");
    }
}
