//! One canonical tone-mark placement: the old style `hoà`, `thuỷ`, `uỷ` becomes `hòa`, `thủy`,
//! `ủy`, as the modern rule puts the mark on the main vowel.
//!
//! Moving a tone mark between two ASCII base letters keeps every byte offset, so text
//! matched in the canonical form can be highlighted in the original.

use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Rewrites syllables to the modern tone placement; NFC in, NFC out, same byte length, so
/// that a byte range found in the result is the same range of `text`. The two moves that
/// would change the length (`uỳ` -> `ùy`, `uỹ` -> `ũy`: `ù` and `ũ` take two bytes, `ỳ` and
/// `ỹ` three) are left to [`moved_tones`], which the analyzer uses token by token.
pub fn canonical_tones(text: &str) -> String {
    rewrite(text, true).unwrap_or_else(|| text.to_owned())
}

/// The text with its tone marks moved, or `None` when no syllable needs it (most text):
/// the analyzer calls this for every token and ingest for every paragraph, so the text is
/// scanned as bytes and only a marked vowel after `o` or `u` is decoded and looked at.
pub fn moved_tones(text: &str) -> Option<String> {
    rewrite(text, false)
}

/// The text with every old-style syllable rewritten (only those whose length stays, if
/// `same_length`), or `None` when none is. Only a marked vowel right after a plain `o` or
/// `u` (`oà`, `uỷ`) can be old-style, so `và`, `đã`, `có` are passed over at once.
fn rewrite(text: &str, same_length: bool) -> Option<String> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    for (i, c) in marked_after_glide(text) {
        let end = i + c.len_utf8();
        if text[end..].chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let start = syllable_start(text, i);
        let moved = canonical_syllable(&text[start..end])
            .filter(|moved| !same_length || moved.len() == end - start);
        if let Some(moved) = moved {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..start]);
            out.push_str(&moved);
            copied = end;
        }
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

/// Each marked vowel of [`is_marked_ending`] right after a plain `o` or `u`, with its byte
/// offset. Those vowels are all written with the lead byte `0xC3` (`à`, `ý`) or `0xE1` (`ả`,
/// `ỷ`), so only those bytes are looked for (with `memchr`, many bytes at a time: every
/// paragraph and every syllable indexed passes here) and the character decoded only where
/// a glide stands before one.
fn marked_after_glide(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC3, 0xE1, bytes)
        .filter(|&i| i > 0 && matches!(bytes[i - 1], b'o' | b'u' | b'O' | b'U'))
        .filter_map(|i| {
            let c = text[i..].chars().next()?;
            is_marked_ending(c).then_some((i, c))
        })
}

/// Where the run of letters ending at byte `last` starts.
fn syllable_start(text: &str, last: usize) -> usize {
    text[..last]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(last, |(j, _)| j)
}

/// Vowels that carry a tone mark at the end of an old-style syllable (`hoà`, `uỷ`, `khoẻ`).
fn is_marked_ending(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'è'
            | 'é'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'ỳ'
            | 'ý'
            | 'ỷ'
            | 'ỹ'
            | 'ỵ'
            | 'À'
            | 'Á'
            | 'Ả'
            | 'Ã'
            | 'Ạ'
            | 'È'
            | 'É'
            | 'Ẻ'
            | 'Ẽ'
            | 'Ẹ'
            | 'Ỳ'
            | 'Ý'
            | 'Ỷ'
            | 'Ỹ'
            | 'Ỵ'
    )
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
    fn text_with_nothing_to_move_is_not_copied() {
        assert_eq!(
            moved_tones("Đảng bộ xã lãnh đạo, quý, hoà"),
            Some("Đảng bộ xã lãnh đạo, quý, hòa".into())
        );
        assert_eq!(moved_tones("Đảng bộ xã lãnh đạo, quý"), None);
    }

    #[test]
    fn byte_length_is_kept() {
        let text = "Thành uỷ Lào Cai hoà, bà Thuỳ, luỹ kế";
        assert_eq!(
            moved_tones(text).unwrap(),
            "Thành ủy Lào Cai hòa, bà Thùy, lũy kế"
        );
        assert_eq!(canonical_tones(text).len(), text.len());
    }

    #[test]
    fn every_marked_ending_has_a_lead_byte_the_scan_looks_for() {
        let endings = ('\u{0}'..='\u{2FFF}').filter(|&c| is_marked_ending(c));
        for c in endings {
            let lead = c.to_string().as_bytes()[0];
            assert!(matches!(lead, 0xC3 | 0xE1), "{c} starts with {lead:#x}");
        }
    }
}
