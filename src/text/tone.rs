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
    moved_tones(text).unwrap_or_else(|| text.to_owned())
}

/// The text with its tone marks moved, or `None` when no syllable needs it (most text):
/// the analyzer calls this for every token.
pub fn moved_tones(text: &str) -> Option<String> {
    if !text.chars().any(|c| MARKED_ENDINGS.contains(c)) {
        return None;
    }
    Some(rewrite(text))
}

fn rewrite(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_syllable(&mut out, &text[s..i]);
                start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(s) = start {
        push_syllable(&mut out, &text[s..]);
    }
    out
}

/// Vowels that carry a tone mark at the end of an old-style syllable (`hoà`, `uỷ`, `khoẻ`).
const MARKED_ENDINGS: &str = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ";

fn push_syllable(out: &mut String, syllable: &str) {
    let candidate = syllable
        .chars()
        .next_back()
        .is_some_and(|c| MARKED_ENDINGS.contains(c));
    match candidate.then(|| canonical_syllable(syllable)).flatten() {
        Some(moved) => out.push_str(&moved),
        None => out.push_str(syllable),
    }
}

/// `hoà` -> `hòa`, `thuỷ` -> `thủy`; `None` for syllables already canonical (`hoàn`, `quý`).
fn canonical_syllable(syllable: &str) -> Option<String> {
    let decomposed: Vec<char> = syllable.nfd().collect();
    let n = decomposed.len();
    if n < 3 || !TONES.contains(&decomposed[n - 1]) {
        return None;
    }
    let (first, second, tone) = (decomposed[n - 3], decomposed[n - 2], decomposed[n - 1]);
    let glide = matches!(first.to_ascii_lowercase(), 'o' | 'u');
    let main = match first.to_ascii_lowercase() {
        'o' => matches!(second.to_ascii_lowercase(), 'a' | 'e'),
        _ => second.eq_ignore_ascii_case(&'y'),
    };
    let after_q = n >= 4 && decomposed[n - 4].eq_ignore_ascii_case(&'q');
    if !(glide && main) || after_q {
        return None;
    }
    let mut moved: Vec<char> = decomposed[..n - 3].to_vec();
    moved.extend([first, tone, second]);
    Some(moved.into_iter().nfc().collect())
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
