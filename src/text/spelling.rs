//! Whether a word, typed without diacritics, could be a Vietnamese syllable: `doi`, `nam`,
//! `the` could (`đổi`, `Nam`, `thế`), `ubnd`, `cntt`, `who` could not. A query word that
//! could be a syllable is read as one, not as a short form a document happened to define
//! (`DOI`, `NAM`, `THE`), since people type Vietnamese without marks all the time.

use super::fold;
use std::sync::LazyLock;

/// The initial consonants, folded (`đ` is `d`), longest first so that `ngh` wins over `ng`.
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// The vowel nuclei, folded (`ươu` is `uou`, `iê` and `yê` are `ie` and `ye`), with the
/// glides `i`, `y`, `o`, `u` that end an open syllable.
const NUCLEI: [&str; 37] = [
    "a", "ai", "ao", "au", "ay", "e", "eo", "eu", "i", "ia", "ie", "ieu", "iu", "o", "oa", "oai",
    "oao", "oay", "oe", "oeo", "oi", "oo", "u", "ua", "uai", "uay", "ue", "ui", "uo", "uoi", "uou",
    "uu", "uy", "uya", "uye", "uyu", "y",
];

/// Nuclei only `y` starts (`yên`, `yêu`), beside [`NUCLEI`].
const Y_NUCLEI: [&str; 2] = ["ye", "yeu"];

/// The final consonants.
const CODAS: [&str; 9] = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];

/// Every folded syllable shape, as one anchored pattern built from the lists above.
static SHAPE: LazyLock<regex::Regex> = LazyLock::new(|| {
    let group = |items: &[&str]| {
        let mut sorted: Vec<&str> = items.to_vec();
        sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
        sorted.join("|")
    };
    let nuclei: Vec<&str> = NUCLEI.iter().chain(&Y_NUCLEI).copied().collect();
    regex::Regex::new(&format!(
        "^(?:{})(?:{})(?:{})$",
        group(&ONSETS),
        group(&nuclei),
        group(&CODAS)
    ))
    .expect("the syllable pattern is valid")
});

/// Whether `word` (any case, with or without marks) has the shape of one Vietnamese
/// syllable once folded.
pub fn could_be_syllable(word: &str) -> bool {
    SHAPE.is_match(&fold(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_typed_without_marks_are_syllables() {
        for word in [
            "doi", "so", "chuyen", "nam", "the", "nghieng", "quyet", "khuyen", "gi", "uy", "yeu",
            "huong", "ruou", "oanh", "Nam", "đổi",
        ] {
            assert!(could_be_syllable(word), "{word}");
        }
    }

    #[test]
    fn short_forms_are_not() {
        for word in [
            "ubnd", "cntt", "who", "bar", "hdnd", "mttq", "apec", "gdp", "tphcm",
        ] {
            assert!(!could_be_syllable(word), "{word}");
        }
    }
}
