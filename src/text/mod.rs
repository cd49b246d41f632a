//! Vietnamese text normalisation: the forms words are compared and indexed in.

pub mod abbrev;
pub mod analysed;
pub mod analyzer;
mod composed;
pub mod senses;
mod spelling;
mod syllables;
mod tone;

pub use composed::is_nfc;
pub use spelling::could_be_syllable;
pub use syllables::{Syllables, syllables};
pub use tone::{canonical_tones, moved_tones};

use std::sync::LazyLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower-cases and removes every diacritic, `đ` included: `Đề Án` -> `de an`.
pub fn fold(text: &str) -> String {
    strip_marks(&text.to_lowercase())
}

/// Removes every diacritic of lower-case text, precomposed or combining, and turns `đ` into
/// `d`: `thuỷ` -> `thuy`. ASCII passes untouched, Vietnamese letters are looked up in
/// a table worked out once, anything else is decomposed.
pub fn strip_marks(lowered: &str) -> String {
    let mut out = String::with_capacity(lowered.len());
    strip_marks_into(lowered, &mut out);
    out
}

/// Appends [`strip_marks`] of `lowered` to `out`, which indexing reuses from one syllable
/// to the next.
pub fn strip_marks_into(lowered: &str, out: &mut String) {
    if lowered.is_ascii() {
        out.push_str(lowered);
        return;
    }
    for c in lowered.chars() {
        strip_char(c, |base| out.push(base));
    }
}

/// Whether `text` folds to `folded` as [`fold`] folds it, without building its folded
/// form: the highlighter asks this of every syllable of a hit that starts like a word of
/// the query, and most do not.
pub fn folds_to(text: &str, folded: &str) -> bool {
    let mut want = folded.chars();
    let mut same = true;
    for c in text.chars() {
        lower_each(c, |lower| {
            strip_char(lower, |base| same &= want.next() == Some(base));
        });
        if !same {
            return false;
        }
    }
    want.next().is_none()
}

/// The first letter `c` folds to as [`fold`] folds it (`Đ` -> `d`, `Ấ` -> `a`), without
/// building a string: `None` for a mark on its own.
pub fn fold_letter(c: char) -> Option<char> {
    let mut first = None;
    lower_each(c, |lower| {
        if first.is_none() {
            strip_char(lower, |base| {
                first.get_or_insert(base);
            });
        }
    });
    first
}

/// Hands `each` the lower case of `c`, one character or more (`İ`), looked up
/// ([`table_lower`]) before the Unicode tables of `char::to_lowercase` are.
fn lower_each(c: char, mut each: impl FnMut(char)) {
    match table_lower(c) {
        Some(lower) => each(lower),
        None => c.to_lowercase().for_each(each),
    }
}

/// Hands `each` what the lower-case character `c` is without its marks: nothing for a
/// combining mark, the base letter of a Vietnamese one (`đ` is `d`).
fn strip_char(c: char, mut each: impl FnMut(char)) {
    match c {
        _ if c.is_ascii() => each(c),
        'đ' => each('d'),
        '\u{300}'..='\u{36f}' => {}
        _ => match LATIN.get(c).map(|letter| letter.base) {
            Some(base) if base != '\0' => each(base),
            _ => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    each(part);
                }
            }),
        },
    }
}

/// Lower-cases `text` as `char::to_lowercase` does, with a lookup per Vietnamese letter;
/// `None` when that changes nothing.
pub fn lowercase(text: &str) -> Option<String> {
    if text.chars().all(|c| table_lower(c) == Some(c)) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        lower_each(c, |lower| out.push(lower));
    }
    (out != text).then_some(out)
}

/// The lower case of `c` looked up for ASCII and the letters of [`LATIN`]; `None` for any
/// other character, and for a letter whose lower case is more than one character.
fn table_lower(c: char) -> Option<char> {
    match c {
        _ if c.is_ascii() => Some(c.to_ascii_lowercase()),
        _ => LATIN.get(c).map(|letter| letter.lower),
    }
}

/// What tracuu needs to know of each letter of Latin-1, Latin Extended-A and -B and Latin
/// Extended Additional, where every Vietnamese letter is: worked out once from the Unicode
/// tables, so that folding or lower-casing a syllable is a lookup per letter.
static LATIN: LazyLock<LatinTable> = LazyLock::new(LatinTable::new);

/// One letter of [`LATIN`].
#[derive(Clone, Copy)]
struct Letter {
    /// Its lower case, `'\0'` where that is not one character (the letter is then left to
    /// `char::to_lowercase`).
    lower: char,
    /// The ASCII letter it decomposes into with marks (`ặ` -> `a`), or `'\0'`.
    base: char,
}

/// The table behind [`LATIN`].
struct LatinTable(Vec<Letter>);

impl LatinTable {
    const RANGES: [(u32, u32); 2] = [(0xc0, 0x24f), (0x1e00, 0x1eff)];

    fn new() -> LatinTable {
        let letters = Self::RANGES.iter().flat_map(|&(from, to)| from..=to);
        LatinTable(
            letters
                .map(|code| {
                    char::from_u32(code).map_or(
                        Letter {
                            lower: '\0',
                            base: '\0',
                        },
                        Self::letter,
                    )
                })
                .collect(),
        )
    }

    fn letter(c: char) -> Letter {
        let mut lower = c.to_lowercase();
        let lower = match (lower.next(), lower.next()) {
            (Some(one), None) => one,
            _ => '\0',
        };
        let mut parts = Vec::new();
        decompose_canonical(c, |part| parts.push(part));
        let base = match parts.as_slice() {
            [base, marks @ ..]
                if base.is_ascii_alphabetic()
                    && !marks.is_empty()
                    && marks.iter().all(|m| is_combining_mark(*m)) =>
            {
                *base
            }
            _ => '\0',
        };
        Letter { lower, base }
    }

    /// The letter `c`, if it is in the table and lower-cases to one character.
    fn get(&self, c: char) -> Option<Letter> {
        let code = c as u32;
        let mut offset = 0;
        for (from, to) in Self::RANGES {
            if (from..=to).contains(&code) {
                return Some(self.0[offset + (code - from) as usize]).filter(|l| l.lower != '\0');
            }
            offset += (to - from + 1) as usize;
        }
        None
    }
}

/// Where the first character of `text` that `known` refuses stands, `None` when it knows
/// them all. `known` must accept every ASCII character: runs of ASCII (most bytes of
/// Vietnamese text) are passed over a byte at a time without being decoded.
fn first_unknown(text: &str, known: impl Fn(char) -> bool) -> Option<usize> {
    let mut at = 0;
    loop {
        at += text[at..].bytes().take_while(u8::is_ascii).count();
        let c = text[at..].chars().next()?;
        if !known(c) {
            return Some(at);
        }
        at += c.len_utf8();
    }
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

    #[test]
    fn a_word_folds_to_what_fold_makes_of_it() {
        let words = [
            "Đổi",
            "đôi",
            "DOI",
            "doi",
            "dọi",
            "Thuy\u{0309}",
            "thuy",
            "İ",
            "i",
            "ǅ",
            "dž",
            "đ",
            "",
            "chuyển",
            "chuyen",
            "chuye",
        ];
        for word in words {
            for other in words {
                let folded = fold(other);
                assert_eq!(
                    folds_to(word, &folded),
                    fold(word) == folded,
                    "{word} {other}"
                );
            }
        }
    }

    #[test]
    fn a_letter_folds_to_the_first_letter_of_its_fold() {
        let latin = (0..=0x24f)
            .chain(0x1e00..=0x1eff)
            .filter_map(char::from_u32);
        for c in "İǅ\u{0301}Ω".chars().chain(latin) {
            assert_eq!(fold_letter(c), fold(&c.to_string()).chars().next(), "{c}");
            let folded = fold(&format!("{c}a"));
            assert!(folds_to(&format!("{c}A"), &folded), "{c}");
        }
    }

    #[test]
    fn the_lookup_table_folds_as_decomposition_does() {
        let slow = |c: char| {
            let mut out = String::new();
            decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    out.push(part);
                }
            });
            out
        };
        let letters = (0xc0..=0x24f)
            .chain(0x1e00..=0x1eff)
            .filter_map(char::from_u32);
        for c in letters.filter(|c| *c != 'đ') {
            assert_eq!(strip_marks(&c.to_string()), slow(c), "{c}");
        }
        assert_eq!(strip_marks("ặ ỵ ữ ờ é"), "a y u o e");
    }

    #[test]
    fn lowercase_is_char_to_lowercase() {
        let letters = (0..=0x24f)
            .chain(0x1e00..=0x1eff)
            .chain([0x130, 0x1e9e, 0x3a3]);
        for c in letters.filter_map(char::from_u32) {
            let expected: String = c.to_lowercase().collect();
            let ours = lowercase(&c.to_string()).unwrap_or_else(|| c.to_string());
            assert_eq!(ours, expected, "{c}");
        }
        assert_eq!(lowercase("ĐẢNG Ủy").as_deref(), Some("đảng ủy"));
        assert_eq!(lowercase("đảng"), None);
    }
}
