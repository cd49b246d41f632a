//! The words of a question that say little about what is sought (`nghị quyết nào nói về
//! cao tốc`: `nào`, `nói về`): they weigh little in a query and are never required.

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

/// Marks the syllables of a query that belong to question words. `exact` are the
/// syllables lower-cased with diacritics as typed, `folded` without; a syllable typed
/// without diacritics is compared folded, so `noi ve` is a question word as `nói về` is.
pub fn marks(exact: &[&str], folded: &[&str]) -> Vec<bool> {
    let mut marked = vec![false; exact.len()];
    for start in 0..exact.len() {
        for (e, f) in LISTS.iter() {
            let end = start + e.len();
            if end > exact.len() || marked[start..end].iter().any(|m| *m) {
                continue;
            }
            let same = (start..end).all(|i| {
                let typed_plain = exact[i] == folded[i];
                let k = i - start;
                if typed_plain {
                    folded[i] == f[k]
                } else {
                    exact[i] == e[k]
                }
            });
            if same {
                marked[start..end].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(words: &[&str]) -> Vec<bool> {
        let folded: Vec<String> = words.iter().map(|w| crate::text::fold(w)).collect();
        let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
        marks(words, &folded)
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
    fn words_that_only_fold_to_a_question_word_are_content() {
        assert_eq!(marked(&["cơ", "nạo"]), [false, false]);
    }
}
