//! The words of a question that say little about what is sought (`nghị quyết nào nói về
//! cao tốc`: `nào`, `nói về`): they weigh little in a query and are never required.

use std::ops::Range;
use std::sync::LazyLock;

/// Question and linking words, as typed with diacritics; longest first so that `nói về` is
/// taken whole before `về`.
const QUESTION_WORDS: &[&str] = &[
    "liên quan đến",
    "liên quan tới",
    "như thế nào",
    "có liên quan",
    "nói về",
    "nhắc đến",
    "nhắc tới",
    "đề cập",
    "văn bản",
    "tài liệu",
    "thế nào",
    "bao nhiêu",
    "ở đâu",
    "tìm kiếm",
    "những",
    "nào",
    "gì",
    "các",
    "về",
    "có",
    "không",
    "là",
    "của",
    "và",
    "với",
    "cho",
    "tìm",
    "hãy",
    "đâu",
    "mọi",
    "được",
    "đã",
    "trong",
];

/// [`QUESTION_WORDS`] cut into syllables, with diacritics and folded, worked out once.
static LISTS: LazyLock<Vec<(Vec<String>, Vec<String>)>> = LazyLock::new(|| {
    QUESTION_WORDS
        .iter()
        .map(|q| {
            let e: Vec<String> = q.split(' ').map(str::to_owned).collect();
            let f = e.iter().map(|s| crate::text::fold(s)).collect();
            (e, f)
        })
        .collect()
});

/// The question words of a query, as ranges of its syllables (`nói về` is one range of
/// two). `exact` are the syllables lower-cased with diacritics as typed, `folded` without; a
/// syllable typed without diacritics is compared folded, so `noi ve` is a question word as
/// `nói về` is.
pub fn spans(exact: &[&str], folded: &[&str]) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    while start < exact.len() {
        let matching = LISTS.iter().find(|(e, f)| {
            let end = start + e.len();
            end <= exact.len()
                && (start..end).all(|i| {
                    let k = i - start;
                    if exact[i] == folded[i] {
                        folded[i] == f[k]
                    } else {
                        exact[i] == e[k]
                    }
                })
        });
        match matching {
            Some((e, _)) => {
                found.push(start..start + e.len());
                start += e.len();
            }
            None => start += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(words: &[&str]) -> Vec<bool> {
        let folded: Vec<String> = words.iter().map(|w| crate::text::fold(w)).collect();
        let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
        let mut marked = vec![false; words.len()];
        for span in spans(words, &folded) {
            marked[span].iter_mut().for_each(|m| *m = true);
        }
        marked
    }

    #[test]
    fn question_words_are_marked_with_or_without_diacritics() {
        assert_eq!(
            marked(&["nghị", "quyết", "nào", "nói", "về", "cao", "tốc"]),
            [false, false, true, true, true, false, false]
        );
        assert_eq!(
            marked(&["nao", "noi", "ve", "cao"]),
            [true, true, true, false]
        );
    }

    #[test]
    fn a_question_phrase_is_one_span() {
        let words = ["văn", "bản", "nào", "nói", "về", "đất"];
        let folded: Vec<String> = words.iter().map(|w| crate::text::fold(w)).collect();
        let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
        assert_eq!(spans(&words, &folded), [0..2, 2..3, 3..5]);
    }

    #[test]
    fn words_that_only_fold_to_a_question_word_are_content() {
        assert_eq!(marked(&["cơ", "nạo"]), [false, false]);
    }
}
