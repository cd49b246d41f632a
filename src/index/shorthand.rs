//! Document numbers as people say them: a kind word or type code and a number
//! (`nghị quyết 16`, `NQ 16`, `NQ16`, `chỉ thị số 26`, `QĐ 441`), with an issuer when one
//! follows (`NQ16/TU`), and Party numbers typed in the State order (`16/NQ-TU`).

use crate::codes::CitedDocument;
use crate::text::fold;
use crate::vocabulary::{DocCode, Kind, Series};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A kind and a number, without the issuer: every document of that kind and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberRef {
    /// The kind named.
    pub kind: Kind,
    /// The number.
    pub number: u32,
    /// The words as typed, for telling the user what was understood.
    pub typed: String,
}

/// `KIND [số] NUMBER [/ ISSUER]`, the kind as a name (with or without diacritics) or a code.
static SHORTHAND: LazyLock<Regex> = LazyLock::new(|| {
    let mut kinds: Vec<String> = Kind::ALL
        .iter()
        .filter(|e| e.series != Series::Unnumbered)
        .flat_map(|e| {
            [
                e.name.to_string(),
                fold(e.name),
                e.code.to_string(),
                fold(e.code),
            ]
        })
        .map(|k| regex::escape(&k).replace(' ', r"\s+"))
        .collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.len()));
    kinds.dedup();
    let pattern = format!(
        r"(?i)(?P<kind>{})\s*(?:(?:số|so)\s*)?(?P<num>\d{{1,5}})(?:\s*/\s*(?P<iss>[A-ZĐ]{{2,8}}))?",
        kinds.join("|")
    );
    Regex::new(&pattern).expect("shorthand pattern is valid")
});

/// What a shorthand names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shorthand {
    /// A whole code (`NQ16/TU` is `16-NQ/TU`).
    Code(DocCode),
    /// A kind and a number.
    Number(NumberRef),
}

/// Every shorthand in `text` with its byte range; kind words glued to letters before or
/// after (`CTr` inside a word) are not shorthands.
pub fn find(text: &str) -> Vec<(Shorthand, Range<usize>)> {
    SHORTHAND
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let glued_before = text[..whole.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let glued_after = text[whole.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '-');
            if glued_before || glued_after {
                return None;
            }
            let kind =
                Kind::from_word(&c["kind"].split_whitespace().collect::<Vec<_>>().join(" "))?;
            let number: u32 = c["num"].parse().ok()?;
            let code = kind.code();
            let found = match c.name("iss") {
                Some(iss) => Shorthand::Code(DocCode::parse(&format!(
                    "{number}-{code}/{}",
                    iss.as_str()
                ))?),
                None => Shorthand::Number(NumberRef {
                    kind,
                    number,
                    typed: whole.as_str().to_owned(),
                }),
            };
            Some((found, whole.range()))
        })
        .collect()
}

/// A Party number typed in the order of State numbers (`16/NQ-TU` for `16-NQ/TU`): the
/// issuer is a Party committee (its code ends in `U`, as `TU`, `HU`, `ĐU`, `VPTU`, or is
/// `TW`), so the Party reading is what was meant.
pub fn party_order(code: DocCode) -> DocCode {
    let DocCode::State {
        number,
        part: None,
        year: None,
        doc_type: Some(doc_type),
        issuer,
    } = &code
    else {
        return code;
    };
    let folded = fold(issuer);
    let party = folded == "tw" || folded.ends_with('u');
    party
        .then(|| DocCode::parse(&format!("{number}-{doc_type}/{issuer}")))
        .flatten()
        .unwrap_or(code)
}

impl NumberRef {
    /// The partial Party code (`16-NQ`), when the kind has a Party type code.
    pub fn party_code(&self) -> Option<DocCode> {
        DocCode::parse(&format!("{}-{}", self.number, self.type_code())).filter(DocCode::is_partial)
    }

    /// The kind's type code (`NQ`, `QĐ`).
    pub fn type_code(&self) -> &'static str {
        self.kind.code()
    }

    /// Whether a cited document is of this kind and number, in the Party or the State
    /// series (`Quyết định 441` names `441/QĐ-UBND` as well as `441-QĐ/TU`).
    pub fn names(&self, cited: &CitedDocument) -> bool {
        let wanted = fold(self.type_code());
        match &cited.code {
            DocCode::Party {
                number, doc_type, ..
            } => *number == self.number && fold(doc_type) == wanted,
            DocCode::State {
                number, doc_type, ..
            } => *number == self.number && doc_type.is_some_and(|t| fold(t) == wanted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(Kind, u32)> {
        find(text)
            .into_iter()
            .filter_map(|(s, _)| match s {
                Shorthand::Number(n) => Some((n.kind, n.number)),
                Shorthand::Code(_) => None,
            })
            .collect()
    }

    #[test]
    fn kind_words_and_codes_with_a_number_are_read() {
        assert_eq!(numbers("nghị quyết 16"), [(Kind::NghiQuyet, 16)]);
        assert_eq!(numbers("NQ 16"), [(Kind::NghiQuyet, 16)]);
        assert_eq!(numbers("nq16"), [(Kind::NghiQuyet, 16)]);
        assert_eq!(numbers("đề án 17"), [(Kind::DeAn, 17)]);
        assert_eq!(numbers("chỉ thị số 26"), [(Kind::ChiThi, 26)]);
        assert_eq!(numbers("Kết luận 42 về"), [(Kind::KetLuan, 42)]);
        assert_eq!(numbers("Quyết định 441"), [(Kind::QuyetDinh, 441)]);
        assert_eq!(numbers("QĐ 441"), [(Kind::QuyetDinh, 441)]);
        assert_eq!(numbers("nghi quyet so 16"), [(Kind::NghiQuyet, 16)]);
    }

    #[test]
    fn words_that_only_contain_a_code_are_left_alone() {
        assert!(numbers("SNQ 16").is_empty());
        assert!(numbers("nghị quyết 16-NQ/TU").is_empty());
        assert!(numbers("phát triển 2025").is_empty());
    }

    #[test]
    fn an_issuer_after_the_number_makes_a_whole_code() {
        let found = find("NQ16/TU");
        assert!(matches!(&found[0].0, Shorthand::Code(c) if c.canonical() == "16-NQ/TU"));
    }

    #[test]
    fn party_numbers_in_the_state_order_are_read_as_party_numbers() {
        let typed = DocCode::parse("16/NQ-TU").unwrap();
        assert_eq!(party_order(typed).canonical(), "16-NQ/TU");
        let state = DocCode::parse("441/QĐ-UBND").unwrap();
        assert_eq!(party_order(state).canonical(), "441/QĐ-UBND");
    }

    #[test]
    fn a_number_names_party_and_state_documents_of_its_kind() {
        let n = NumberRef {
            kind: Kind::QuyetDinh,
            number: 441,
            typed: String::new(),
        };
        assert_eq!(n.party_code().unwrap().canonical(), "441-QĐ");
        assert_eq!(n.type_code(), "QĐ");
    }
}
