//! One canonical tone-mark placement: the old style `hoà`, `thuỷ`, `uỷ` becomes `hòa`, `thủy`,
//! `ủy`, as the modern rule puts the mark on the main vowel.
//!
//! Moving a tone mark between two ASCII base letters keeps every byte offset, so text
//! matched in the canonical form can be highlighted in the original.

use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Rewrites every syllable to the modern tone placement; NFC in, NFC out, same byte length.
pub fn canonical_tones(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut syllable = String::new();
    for c in text.chars() {
        if c.is_alphabetic() {
            syllable.push(c);
        } else {
            out.push_str(&canonical_syllable(&syllable));
            syllable.clear();
            out.push(c);
        }
    }
    out.push_str(&canonical_syllable(&syllable));
    out
}

/// `hoà` -> `hòa`, `thuỷ` -> `thủy`; `hoàn`, `quý`, `khỏe` are left as they are.
fn canonical_syllable(syllable: &str) -> String {
    let decomposed: Vec<char> = syllable.nfd().collect();
    let n = decomposed.len();
    if n < 3 || !TONES.contains(&decomposed[n - 1]) {
        return syllable.to_owned();
    }
    let (first, second, tone) = (decomposed[n - 3], decomposed[n - 2], decomposed[n - 1]);
    let glide = matches!(first.to_ascii_lowercase(), 'o' | 'u');
    let main = match first.to_ascii_lowercase() {
        'o' => matches!(second.to_ascii_lowercase(), 'a' | 'e'),
        _ => second.eq_ignore_ascii_case(&'y'),
    };
    let after_q = n >= 4 && decomposed[n - 4].eq_ignore_ascii_case(&'q');
    if !(glide && main) || after_q {
        return syllable.to_owned();
    }
    let mut moved: Vec<char> = decomposed[..n - 3].to_vec();
    moved.extend([first, tone, second]);
    moved.into_iter().nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_style_tones_move_to_the_main_vowel() {
        assert_eq!(
            canonical_tones("Thành uỷ, hoà bình, thuỷ sản, hoá, khoẻ"),
            "Thành ủy, hòa bình, thủy sản, hóa, khỏe"
        );
        assert_eq!(canonical_tones("UỶ BAN"), "ỦY BAN");
    }

    #[test]
    fn syllables_already_canonical_or_closed_are_untouched() {
        for word in ["ủy", "hòa", "hoàn", "quý", "thuyền", "hoặc", "Nguyễn"] {
            assert_eq!(canonical_tones(word), word);
        }
    }

    #[test]
    fn byte_length_is_kept() {
        let text = "Thành uỷ Lào Cai hoà";
        assert_eq!(canonical_tones(text).len(), text.len());
    }
}
