//! Cuts text into syllables and numbers at Unicode word boundaries, with a fast path for
//! text written only in Latin letters, digits and common punctuation, as Vietnamese is.
//!
//! The fast path applies the rules of Unicode word segmentation (UAX #29) that can occur in
//! such text: letters and digits run together, `.` `:` `'` `’` join two letters (`TP.HCM`),
//! `.` `,` `;` `'` join two digits (`2,5`, `1.000`), `_` joins anything, combining marks
//! stay with the letter before them. Text with any other character goes to the general
//! segmenter, so the words are the same either way; the fast path is several times faster.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// The words of `text` with their byte offsets, as `unicode_word_indices` cuts them.
pub fn syllables(text: &str) -> Syllables<'_> {
    if fast_path_knows(text) {
        Syllables::Latin(LatinWords { text, at: 0 })
    } else {
        Syllables::Unicode(text.unicode_word_indices())
    }
}

/// Whether the fast path knows every character of `text`. It knows every ASCII character,
/// so runs of ASCII (most bytes of Vietnamese text) are skipped without decoding.
fn fast_path_knows(text: &str) -> bool {
    super::first_unknown(text, |c| class_of(c).is_some()).is_none()
}

/// Whether `c` is a precomposed letter of the blocks Vietnamese letters are in (Latin-1,
/// Latin Extended-A and -B, Latin Extended Additional), as most characters past ASCII in
/// Vietnamese text are: told apart with two comparisons, before the other classes.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(c, '\u{1e00}'..='\u{1eff}' | '\u{c0}'..='\u{24f}') && c != '\u{d7}' && c != '\u{f7}'
}

/// The iterator of [`syllables`].
pub enum Syllables<'a> {
    /// Text the fast path reads.
    Latin(LatinWords<'a>),
    /// Any other text.
    Unicode(UnicodeWordIndices<'a>),
}

impl<'a> Iterator for Syllables<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Syllables::Latin(words) => words.next(),
            Syllables::Unicode(words) => words.next(),
        }
    }
}

/// The word-break class of a character the fast path knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `:` `·`: joins two letters.
    MidLetter,
    /// `.` `'` `‘` `’`: joins two letters or two digits.
    MidNumLet,
    /// `,` `;`: joins two digits.
    MidNum,
    /// `_`: joins whatever stands beside it.
    Connector,
    /// A combining mark: belongs to the character before it.
    Mark,
    /// A line break: takes no mark.
    Newline,
    /// Spaces and other punctuation: never part of a word.
    Other,
}

/// The class of `c`, `None` when the fast path does not know it.
fn class_of(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        'a'..='z' | 'A'..='Z' => Letter,
        '0'..='9' => Digit,
        ' ' => Other,
        ':' | '\u{b7}' => MidLetter,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => MidNumLet,
        ',' | ';' => MidNum,
        '_' => Connector,
        '\n' | '\r' | '\u{b}' | '\u{c}' => Newline,
        '\u{0}'..='\u{7f}' => Other,
        _ if is_vietnamese_letter(c) => Letter,
        '\u{300}'..='\u{344}' | '\u{346}'..='\u{36f}' => Mark,
        '\u{a0}' | '\u{a7}' | '\u{ab}' | '\u{b0}' | '\u{bb}' => Other,
        '\u{2010}'..='\u{2015}' | '\u{201c}' | '\u{201d}' | '\u{2022}' | '\u{2026}' => Other,
        _ => return None,
    })
}

/// Whether a combining mark (U+0300 to U+036F) may start at byte `at`: such marks are
/// encoded from byte 0xCC or 0xCD, so any other byte rules one out without decoding.
fn mark_may_start(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at), Some(0xcc | 0xcd))
}

/// The words of text whose every character the fast path knows.
pub struct LatinWords<'a> {
    text: &'a str,
    at: usize,
}

impl LatinWords<'_> {
    /// The character at byte `at` with the marks after it: its class and where it ends.
    /// A mark with no character to belong to counts as punctuation; a next byte that no
    /// mark starts with ([`mark_may_start`]) ends the unit without being decoded.
    fn unit(&self, at: usize) -> Option<(Class, usize)> {
        let bytes = self.text.as_bytes();
        let c = match *bytes.get(at)? {
            ascii @ 0..0x80 => char::from(ascii),
            _ => self.text[at..].chars().next()?,
        };
        let class = class_of(c).unwrap_or(Class::Other);
        let mut end = at + c.len_utf8();
        while class != Class::Newline && mark_may_start(bytes, end) {
            match self.text[end..].chars().next() {
                Some(mark) if class_of(mark) == Some(Class::Mark) => end += mark.len_utf8(),
                _ => break,
            }
        }
        let class = if class == Class::Mark {
            Class::Other
        } else {
            class
        };
        Some((class, end))
    }

    /// The unit at byte `at` when it is a lone letter or digit (no mark follows), ASCII or
    /// Vietnamese, that joins a `previous` letter, digit or connector, as most units of a
    /// word are: its class and end, without going through every class.
    fn plain_alphanumeric(&self, previous: Class, at: usize) -> Option<(Class, usize)> {
        use Class::*;
        if !matches!(previous, Letter | Digit | Connector) {
            return None;
        }
        let bytes = self.text.as_bytes();
        let (class, end) = match *bytes.get(at)? {
            b'a'..=b'z' | b'A'..=b'Z' => (Letter, at + 1),
            b'0'..=b'9' => (Digit, at + 1),
            0xc3.. => {
                let c = self.text[at..].chars().next()?;
                (
                    is_vietnamese_letter(c).then_some(Letter)?,
                    at + c.len_utf8(),
                )
            }
            _ => return None,
        };
        (!mark_may_start(bytes, end)).then_some((class, end))
    }

    /// Passes over the ASCII characters that cannot start a word (spaces, punctuation) a
    /// byte at a time: any combining mark after one is a unit of its own that cannot start
    /// a word either.
    fn skip_ascii_between_words(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            if !byte.is_ascii() || byte.is_ascii_alphanumeric() || byte == b'_' {
                return;
            }
            self.at += 1;
        }
    }

    /// Where the segment that starts with a unit of class `first` ending at `end` ends,
    /// and whether it holds a letter or digit.
    fn segment_end(&self, first: Class, mut end: usize) -> (usize, bool) {
        use Class::*;
        let mut alphanumeric = matches!(first, Letter | Digit);
        let mut previous = first;
        loop {
            if let Some((class, next_end)) = self.plain_alphanumeric(previous, end) {
                alphanumeric = true;
                previous = class;
                end = next_end;
                continue;
            }
            let Some((class, next_end)) = self.unit(end) else {
                break;
            };
            let after = || self.unit(next_end).map(|(c, _)| c);
            let joins = match (previous, class) {
                (Letter | Digit | Connector, Letter | Digit | Connector) => true,
                (Letter, MidLetter | MidNumLet) => after() == Some(Letter),
                (Digit, MidNum | MidNumLet) => after() == Some(Digit),
                (MidLetter | MidNumLet | MidNum, _) => true,
                _ => false,
            };
            if !joins {
                break;
            }
            alphanumeric |= matches!(class, Letter | Digit);
            previous = class;
            end = next_end;
        }
        (end, alphanumeric)
    }
}

impl<'a> Iterator for LatinWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            self.skip_ascii_between_words();
            let (class, end) = self.unit(self.at)?;
            let start = self.at;
            if !matches!(class, Class::Letter | Class::Digit | Class::Connector) {
                self.at = end;
                continue;
            }
            let (end, alphanumeric) = self.segment_end(class, end);
            self.at = end;
            if alphanumeric {
                return Some((start, &self.text[start..end]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn unicode(text: &str) -> Vec<(usize, &str)> {
        text.unicode_word_indices().collect()
    }

    #[test]
    fn vietnamese_is_cut_into_syllables_codes_and_numbers() {
        let text = "Đề án 17-ĐA/TU: tăng 2,5% ở TP.HCM, Nghị quyết số 1.000 của Thành uỷ’s";
        let ours: Vec<_> = syllables(text).collect();
        assert!(matches!(syllables(text), Syllables::Latin(_)));
        assert_eq!(ours, unicode(text));
        let words: Vec<&str> = ours.iter().map(|(_, w)| *w).collect();
        assert!(words.contains(&"2,5") && words.contains(&"TP.HCM") && words.contains(&"1.000"));
    }

    #[test]
    fn other_scripts_go_to_the_general_segmenter() {
        let text = "Hà Nội 河内 x² ½";
        assert!(matches!(syllables(text), Syllables::Unicode(_)));
        assert_eq!(syllables(text).collect::<Vec<_>>(), unicode(text));
    }

    #[test]
    fn the_seed_documents_are_cut_as_the_general_segmenter_cuts_them() {
        let (mut lines, mut fast) = (0, 0);
        for entry in std::fs::read_dir("seeds").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                assert_eq!(syllables(line).collect::<Vec<_>>(), unicode(line), "{line}");
                lines += 1;
                fast += usize::from(matches!(syllables(line), Syllables::Latin(_)));
            }
        }
        assert!(
            fast * 100 >= lines * 95,
            "{fast} of {lines} lines on the fast path"
        );
    }

    /// Characters of every class, and some the fast path does not know.
    const ALPHABET: &[char] = &[
        'a', 'Z', 'đ', 'Ư', 'ặ', 'é', '0', '7', ':', '·', '.', '\'', '‘', '’', ',', ';', '_',
        '\u{301}', '\u{323}', '\n', '\r', ' ', '-', '/', '(', '"', '“', '—', '…', '\u{a0}', '%',
        '²', '河', '\u{ad}', '\u{200d}', '\u{345}', 'ª',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn the_fast_path_cuts_as_the_general_segmenter(
            picks in prop::collection::vec(0..ALPHABET.len(), 0..24)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            prop_assert_eq!(syllables(&text).collect::<Vec<_>>(), unicode(&text));
            let known: String = text.chars().filter(|c| class_of(*c).is_some()).collect();
            prop_assert_eq!(latin_words(&known), unicode(&known));
        }
    }

    fn latin_words(text: &str) -> Vec<(usize, &str)> {
        LatinWords { text, at: 0 }.collect()
    }
}
