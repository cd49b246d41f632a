//! One body term for a built-in abbreviation wherever a text writes it, short or spelled out
//! (`UBND`, `Ủy ban nhân dân`): a query for either reads that one term, which the ranking
//! walk bounds block by block, instead of the phrases of every form at every paragraph
//! that could enter.

use super::abbrev::{Abbreviations, BUILT_IN};
use super::analysed::Analysed;
use super::fold;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Starts every sense term: no syllable has it, so a sense term never meets a word's.
const MARK: char = '~';

/// One way a text writes an abbreviation.
#[derive(Debug)]
struct Form {
    /// Its syllables: the exact terms of the short form (`=kt`, `=xh`), or the folded
    /// syllables of the sense (`kinh`, `te`, `xa`, `hoi`).
    terms: Vec<String>,
    /// Whether `terms` are exact terms (the short form) rather than folded syllables.
    exact: bool,
    /// The abbreviation's sense term.
    term: &'static str,
}

/// The forms of the built-in abbreviations that have one sense, by their first syllable.
/// `BCT` (Bộ Chính trị, Bộ Công Thương) has none: its one term would join two bodies.
/// The index holds these terms, so changing [`BUILT_IN`] needs a new index format.
struct Table {
    /// The forms, keyed by their first syllable folded (`kt` for `=kt`): every syllable
    /// indexed is looked up in it once, so its hash is the fast one of short keys.
    by_first: FxHashMap<String, Vec<Form>>,
    /// Folded short form -> (the sense's folded syllables, the sense term).
    by_short: FxHashMap<String, (Vec<String>, &'static str)>,
}

static TABLE: LazyLock<Table> = LazyLock::new(Table::built_in);

impl Table {
    fn built_in() -> Table {
        let mut table = Table {
            by_first: FxHashMap::default(),
            by_short: FxHashMap::default(),
        };
        for (short, senses) in BUILT_IN {
            let [sense] = senses else { continue };
            let term: &'static str = format!("{MARK}{}", fold(short)).leak();
            let (short_text, sense_text) = (Analysed::of(short), Analysed::of(sense));
            let (short_terms, sense_terms) = (terms(&short_text, true), terms(&sense_text, false));
            table
                .by_short
                .insert(fold(short), (sense_terms.clone(), term));
            for (text, terms, exact) in [
                (&short_text, short_terms, true),
                (&sense_text, sense_terms, false),
            ] {
                let form = Form { terms, exact, term };
                let first = text.folded(0).to_owned();
                table.by_first.entry(first).or_default().push(form);
            }
        }
        table
    }
}

/// The exact terms or the folded syllables of an analysed text.
fn terms(a: &Analysed, exact: bool) -> Vec<String> {
    (0..a.count())
        .map(|i| match a.exact(i) {
            Some(e) if exact => e.to_owned(),
            _ => a.folded(i).to_owned(),
        })
        .collect()
}

impl Form {
    /// Whether the text of `a` writes this form from syllable `at` on.
    fn stands_at(&self, a: &Analysed, at: usize) -> bool {
        at + self.terms.len() <= a.count()
            && self.terms.iter().enumerate().all(|(i, t)| {
                let here = if self.exact {
                    a.exact(at + i)
                } else {
                    Some(a.folded(at + i))
                };
                here == Some(t.as_str())
            })
    }
}

/// A sense term and the syllables that write it.
pub type Found = (&'static str, Range<usize>);

/// The sense term of every built-in abbreviation `a` writes, once per place it stands.
pub fn found(a: &Analysed) -> Vec<Found> {
    let mut out = Vec::new();
    for at in 0..a.count() {
        let Some(forms) = TABLE.by_first.get(a.folded(at)) else {
            continue;
        };
        let standing = forms.iter().filter(|f| f.stands_at(a, at));
        out.extend(standing.map(|f| (f.term, at..at + f.terms.len())));
    }
    out
}

/// The sense term the index holds for the short form `short` (`UBND`, `kt-xh`), when
/// `table` gives it the one built-in sense and no other (the abbreviations a corpus defines
/// may add senses to it, which only their phrases find). A sense is compared by its
/// syllables, cut as the table's own were.
pub fn term_of(table: &Abbreviations, short: &str) -> Option<&'static str> {
    let (sense, term) = TABLE.by_short.get(&fold(short))?;
    let senses = table.senses(short);
    let same = |s: &String| terms(&Analysed::of(s), false) == *sense;
    (!senses.is_empty() && senses.iter().all(same)).then_some(*term)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_in(text: &str) -> Vec<&'static str> {
        found(&Analysed::of(text))
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn a_short_form_and_its_sense_spelled_out_give_one_term() {
        assert_eq!(
            terms_in("UBND tỉnh và Ủy ban nhân dân huyện"),
            ["~ubnd", "~ubnd"]
        );
        assert_eq!(terms_in("phát triển KT-XH"), ["~kt-xh"]);
        assert_eq!(terms_in("phát triển kinh tế - xã hội"), ["~kt-xh"]);
        assert_eq!(terms_in("Phát Triển Kinh Tế Xã Hội"), ["~kt-xh"]);
    }

    #[test]
    fn a_short_form_matches_only_as_written_without_tone_marks() {
        assert!(terms_in("kinh tế xã").is_empty());
        assert!(terms_in("từ ngày").is_empty());
        assert_eq!(terms_in("Nghị quyết 16-NQ/TU"), ["~tu"]);
        assert_eq!(terms_in("ĐBQH khóa XV"), ["~dbqh"]);
    }

    #[test]
    fn each_term_says_which_syllables_write_it() {
        let found = found(&Analysed::of("các KCN và khu công nghiệp"));
        assert_eq!(found, [("~kcn", 1..2), ("~kcn", 3..6)]);
    }

    #[test]
    fn a_form_inside_another_gives_both_terms() {
        assert_eq!(terms_in("Văn phòng Tỉnh ủy"), ["~vptu", "~tu"]);
    }

    #[test]
    fn an_abbreviation_of_two_senses_has_no_term() {
        assert!(terms_in("Bộ Chính trị, BCT").is_empty());
        assert_eq!(term_of(&Abbreviations::built_in(), "BCT"), None);
    }

    #[test]
    fn the_terms_are_those_the_index_format_was_raised_for() {
        let mut terms: Vec<&str> = TABLE.by_short.values().map(|(_, t)| *t).collect();
        terms.sort_unstable();
        let forms: usize = TABLE.by_first.values().map(Vec::len).sum();
        let listed = "~bbt ~bcd ~bch ~btv ~cchc ~ccn ~cnh-hdh ~cntt ~ct-xh ~dbqh ~dnnn ~dtm \
                      ~gpmb ~hdnd ~htct ~hu ~kcn ~kt-xh ~mttq ~nsnn ~ntm ~qp-an ~thcs ~thpt ~ttg \
                      ~tu ~tw ~ubnd ~vptu ~xdcb";
        assert_eq!(
            (terms.join(" "), forms),
            (listed.into(), 2 * terms.len()),
            "the index holds these terms: raise index::store::FORMAT, then list them here"
        );
    }

    #[test]
    fn a_short_form_keeps_its_term_while_no_other_sense_is_learnt() {
        let mut table = Abbreviations::built_in();
        assert_eq!(term_of(&table, "ubnd"), Some("~ubnd"));
        let mut learnt = Abbreviations::default();
        learnt.add("KT-XH", "kinh tế xã hội");
        table.merge(&learnt);
        assert_eq!(term_of(&table, "KT-XH"), Some("~kt-xh"));
        learnt.add("UBND", "Ủy ban nông dân");
        table.merge(&learnt);
        assert_eq!(term_of(&table, "UBND"), None);
        assert_eq!(term_of(&table, "XYZ"), None);
    }
}
