//! Vietnamese text normalisation: the forms words are compared and indexed in.

pub mod analyzer;
mod tone;

pub use tone::{canonical_tones, moved_tones};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases and removes every diacritic, `đ` included: `Đề Án` -> `de an`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_tones_and_the_bar_of_d() {
        assert_eq!(fold("Đề Án chuyển đổi số"), "de an chuyen doi so");
        assert_eq!(fold("Thành uỷ"), fold("Thành ủy"));
    }
}
