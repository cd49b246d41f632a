//! Finds the matched words of a paragraph, also where the match ignored diacritics, as byte
//! ranges: one range per run of adjacent matched words (`cao tốc`, not `cao` and `tốc`).

use crate::text::{fold_letter, folds_to, syllables};
use crate::vocabulary::DocCode;
use std::collections::HashSet;
use std::ops::Range;

/// Byte ranges of `text` to mark. Where the query's words stand together in sequence, only
/// those runs are marked (`chuyển đổi số`, not every `sở`); otherwise each matching word of
/// the first sequence (the words typed) or of a one-word sequence. The other sequences (an
/// abbreviation's senses, a date's printed forms) are marked only where they run whole, so
/// that `MTTQ` never marks every `tổ`. Codes (`cited`: the codes of `text` and their spans)
/// are marked whole when their key or partial key was asked for.
pub fn matches(
    text: &str,
    sequences: &[Vec<String>],
    code_keys: &HashSet<String>,
    cited: &[(DocCode, Range<usize>)],
) -> Vec<Range<usize>> {
    let words: Vec<&str> = sequences.iter().flatten().map(String::as_str).collect();
    let found = query_words_in(text, &words);
    let mut ranges: Vec<Range<usize>> =
        sequences.iter().flat_map(|seq| runs(&found, seq)).collect();
    if ranges.is_empty() {
        let loose: Vec<&str> = sequences
            .iter()
            .enumerate()
            .filter(|(i, seq)| *i == 0 || seq.len() == 1)
            .flat_map(|(_, seq)| seq.iter().map(String::as_str))
            .collect();
        ranges = found
            .into_iter()
            .filter(|w| loose.contains(&w.folded))
            .map(|w| w.range)
            .collect();
    }
    for (code, span) in cited {
        if code_keys.contains(&code.key()) || code_keys.contains(&code.partial_key()) {
            ranges.retain(|r| r.end <= span.start || span.end <= r.start);
            ranges.push(span.clone());
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges.dedup();
    runs_joined(text, ranges)
}

/// Joins ranges that only spaces separate, so that a phrase is marked as one run.
fn runs_joined(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match joined.last_mut() {
            Some(last) if last.end <= r.start && text[last.end..r.start].trim().is_empty() => {
                last.end = last.end.max(r.end);
            }
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => joined.push(r),
        }
    }
    joined
}

/// A syllable of the text that is one of the query's words.
struct FoundWord<'q> {
    /// Its place among all the syllables of the text, to tell runs from scattered words.
    position: usize,
    /// Its folded form: the query word it is.
    folded: &'q str,
    /// Where it stands in the text.
    range: Range<usize>,
}

/// The syllables of `text` whose folded form is one of `words`, in order. Only these are
/// kept: a paragraph has hundreds of syllables and a query a handful, so a syllable is
/// compared only when its first letter folds to the first letter of a query word, and
/// folded as it is compared. Positions count syllables as the folded analyzer does (one
/// per word of [`syllables`]). A query has a handful of words, so they are looked through
/// in a list rather than hashed.
fn query_words_in<'q>(text: &str, words: &[&'q str]) -> Vec<FoundWord<'q>> {
    let firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
    let mut found = Vec::new();
    for (position, (start, word)) in syllables(text).enumerate() {
        let Some(first) = word.chars().next().map(|c| fold_letter(c).unwrap_or(c)) else {
            continue;
        };
        if !firsts.contains(&first) {
            continue;
        }
        if let Some(folded) = words.iter().find(|w| folds_to(word, w)) {
            found.push(FoundWord {
                position,
                folded,
                range: start..start + word.len(),
            });
        }
    }
    found
}

/// The ranges of every run of consecutive syllables that spells `seq` (two words or more).
fn runs(found: &[FoundWord], seq: &[String]) -> Vec<Range<usize>> {
    if seq.len() < 2 {
        return Vec::new();
    }
    found
        .windows(seq.len())
        .filter(|w| {
            w.iter().zip(seq).all(|(word, s)| word.folded == *s)
                && w.last().unwrap().position - w[0].position == seq.len() - 1
        })
        .flat_map(|w| w.iter().map(|word| word.range.clone()).collect::<Vec<_>>())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with each range in brackets.
    fn shown(text: &str, ranges: &[Range<usize>]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in ranges {
            out.push_str(&text[at..r.start]);
            out.push_str(&format!("[{}]", &text[r.clone()]));
            at = r.end;
        }
        out + &text[at..]
    }

    /// `text` with the folded sequence `words` marked.
    fn marked(text: &str, words: &[&str]) -> String {
        let sequence = words.iter().map(|w| (*w).to_owned()).collect();
        shown(text, &matches(text, &[sequence], &HashSet::new(), &[]))
    }

    fn set(items: &[&str]) -> HashSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn folded_matches_are_marked_in_the_original_words() {
        let text = "nút giao cao tốc Nội Bài - Lào Cai <IC19>";
        assert_eq!(
            marked(text, &["noi", "bai"]),
            "nút giao cao tốc [Nội Bài] - Lào Cai <IC19>"
        );
    }

    #[test]
    fn words_in_sequence_are_marked_rather_than_scattered_ones() {
        let text = "cơ sở dữ liệu, chuyển đổi số";
        assert_eq!(
            marked(text, &["chuyen", "doi", "so"]),
            "cơ sở dữ liệu, [chuyển đổi số]"
        );
    }

    #[test]
    fn the_words_of_a_sequence_apart_are_each_marked() {
        let text = "số hoá và chuyển đổi dữ liệu";
        assert_eq!(
            marked(text, &["chuyen", "doi", "so"]),
            "[số] hoá và [chuyển đổi] dữ liệu"
        );
    }

    #[test]
    fn a_sense_is_marked_only_where_it_runs_whole() {
        let sequences = vec![
            Vec::new(),
            vec!["mttq".to_owned()],
            ["mat", "tran", "to", "quoc"].map(String::from).to_vec(),
        ];
        let text = "chính quyền, MTTQ và các tổ chức";
        let ranges = matches(text, &sequences, &HashSet::new(), &[]);
        assert_eq!(shown(text, &ranges), "chính quyền, [MTTQ] và các tổ chức");
    }

    #[test]
    fn codes_are_marked_whole() {
        let text = "Đề án số 06/ĐA/TU, ngày 28/10/2020";
        let ranges = matches(text, &[], &set(&["06-da/tu"]), &DocCode::find_all(text));
        assert_eq!(shown(text, &ranges), "Đề án số [06/ĐA/TU], ngày 28/10/2020");
    }
}
