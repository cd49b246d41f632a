//! Reads what a user typed: words, `"quoted phrases"`, `-excluded` words, document codes
//! anywhere (`16-NQ/TU`, `17-da/tu`, `16/NQ-TU`), numbers as people say them (`nghị quyết
//! 16`, `QĐ 441`), dates (`28/10/2020`, `tháng 10/2020`), and `kind:`, `year:`, `issuer:`
//! filters.

use super::dates::{self, DateQuery};
use super::shorthand::{self, NumberRef, Shorthand};
use crate::vocabulary::{DocCode, Kind, YEARS};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;

/// A query as the user meant it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Words every hit must contain (diacritics as typed).
    pub words: Vec<String>,
    /// Quoted phrases every hit must contain in sequence.
    pub phrases: Vec<String>,
    /// Words and phrases no hit may contain.
    pub excluded: Vec<String>,
    /// Document codes every hit must cite.
    pub codes: Vec<DocCode>,
    /// Kinds and numbers (`nghị quyết 16`): hits cite such a document, or have the words.
    pub numbers: Vec<NumberRef>,
    /// Dates and months, each matched in any of the ways documents print them.
    pub dates: Vec<DateQuery>,
    /// `kind:` filter.
    pub kind: Option<Kind>,
    /// `year:` filter.
    pub year: Option<i32>,
    /// `issuer:` filter.
    pub issuer: Option<String>,
}

/// Why a query cannot be run; each reads as one sentence for the user.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing to search for.
    #[error("Câu tìm đang trống: hãy gõ một từ, một \"cụm từ\" hoặc một số hiệu như 16-NQ/TU.")]
    Empty,
    /// Longer than [`MAX_QUERY_CHARS`].
    #[error("Câu tìm quá dài ({0} ký tự; tối đa {MAX_QUERY_CHARS}).")]
    TooLong(usize),
    /// A `kind:` value that names no kind.
    #[error(
        "Không có loại văn bản «{0}»: hãy dùng tên loại như Nghị quyết, Kết luận, Đề án hoặc mã loại (NQ, KL, ĐA)."
    )]
    UnknownKind(String),
    /// A `year:` value that is not a year.
    #[error("«{0}» không phải là năm: hãy viết bốn chữ số, ví dụ year:2023.")]
    BadYear(String),
}

/// Reads a query.
pub fn parse(input: &str) -> Result<ParsedQuery, QueryError> {
    let chars = input.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong(chars));
    }
    let text: String = input
        .nfc()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut query = ParsedQuery::default();
    let mut rest = text.clone();
    for (date, span) in dates::find(&rest).into_iter().rev() {
        rest.replace_range(span, " ");
        query.dates.insert(0, date);
    }
    for (code, span) in DocCode::find_typed(&rest).into_iter().rev() {
        rest.replace_range(span, " ");
        query.codes.insert(0, shorthand::party_order(code));
    }
    for (found, span) in shorthand::find(&rest).into_iter().rev() {
        rest.replace_range(span, " ");
        match found {
            Shorthand::Code(code) => query.codes.insert(0, code),
            Shorthand::Number(number) => query.numbers.insert(0, number),
        }
    }
    for token in tokens(&rest) {
        query.add(token)?;
    }
    if !query.is_searchable() && !query.has_filters() {
        return Err(QueryError::Empty);
    }
    Ok(query)
}

impl ParsedQuery {
    /// Whether the query asks for anything beyond its filters.
    pub fn is_searchable(&self) -> bool {
        !(self.words.is_empty()
            && self.phrases.is_empty()
            && self.codes.is_empty()
            && self.numbers.is_empty()
            && self.dates.is_empty())
    }

    /// Whether the query names a filter (`kind:`, `year:`, `issuer:`).
    pub fn has_filters(&self) -> bool {
        self.kind.is_some() || self.year.is_some() || self.issuer.is_some()
    }
}

/// A piece of the query: `word`, `"phrase"`, with an optional `-` before it.
#[derive(Debug, PartialEq, Eq)]
struct Token {
    text: String,
    quoted: bool,
    negated: bool,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negated = c == '-' && chars.clone().nth(1).is_some_and(|n| !n.is_whitespace());
        if negated {
            chars.next();
        }
        let quoted = chars.peek() == Some(&'"');
        let text: String = if quoted {
            chars.next();
            chars.by_ref().take_while(|&c| c != '"').collect()
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
                word.push(c);
                chars.next();
                if c == ':' && chars.peek() == Some(&'"') {
                    chars.next();
                    word.extend(chars.by_ref().take_while(|&c| c != '"'));
                    break;
                }
            }
            word
        };
        out.push(Token {
            text,
            quoted,
            negated,
        });
    }
    out
}

impl ParsedQuery {
    fn add(&mut self, token: Token) -> Result<(), QueryError> {
        if !token.quoted
            && let Some((field, value)) = token.text.split_once(':')
            && self.filter(field, value)?
        {
            return Ok(());
        }
        let has_words = token.text.chars().any(char::is_alphanumeric);
        match (has_words, token.negated, token.quoted) {
            (false, ..) => {}
            (true, true, _) => self.excluded.push(token.text),
            (true, false, true) => self.phrases.push(token.text),
            (true, false, false) => self.words.push(token.text),
        }
        Ok(())
    }

    /// Applies `field:value`; false if `field` is not a filter name.
    fn filter(&mut self, field: &str, value: &str) -> Result<bool, QueryError> {
        match field.to_lowercase().as_str() {
            "kind" | "loai" | "loại" => {
                self.kind = Some(
                    Kind::from_word(value)
                        .ok_or_else(|| QueryError::UnknownKind(value.to_owned()))?,
                );
            }
            "year" | "nam" | "năm" => {
                let year = value.parse().ok().filter(|y| YEARS.contains(y));
                self.year = Some(year.ok_or_else(|| QueryError::BadYear(value.to_owned()))?);
            }
            "issuer" => self.issuer = Some(value.to_owned()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_exclusions_and_codes_are_told_apart() {
        let q = parse(r#"cao tốc "Nội Bài" -Sa 17-da/tu"#).unwrap();
        assert_eq!(q.words, ["cao", "tốc"]);
        assert_eq!(q.phrases, ["Nội Bài"]);
        assert_eq!(q.excluded, ["Sa"]);
        assert_eq!(q.codes[0].canonical(), "17-ĐA/TU");
    }

    #[test]
    fn numbers_dates_and_state_ordered_party_codes_are_read() {
        let q = parse("nghị quyết 16 ngày 28/10/2020 tháng 3/2021 16/NQ-TU cao tốc").unwrap();
        assert_eq!(q.words, ["cao", "tốc"]);
        assert_eq!(
            (q.numbers[0].kind, q.numbers[0].number),
            (Kind::NghiQuyet, 16)
        );
        assert_eq!(q.dates.len(), 2);
        assert_eq!(q.codes[0].canonical(), "16-NQ/TU");
        assert_eq!(parse("NQ16/TU").unwrap().codes[0].canonical(), "16-NQ/TU");
    }

    #[test]
    fn a_filter_alone_is_a_query() {
        let q = parse("kind:NQ year:2023").unwrap();
        assert!(!q.is_searchable() && q.has_filters());
    }

    #[test]
    fn filters_inside_the_query_are_read() {
        let q = parse("chuyển đổi số kind:NQ year:2023 issuer:\"Tỉnh ủy\"").unwrap();
        assert_eq!(
            (q.kind, q.year, q.issuer.as_deref()),
            (Some(Kind::NghiQuyet), Some(2023), Some("Tỉnh ủy"))
        );
        assert_eq!(parse("a year:abc"), Err(QueryError::BadYear("abc".into())));
    }

    #[test]
    fn empty_punctuation_and_oversized_queries_are_refused() {
        assert_eq!(parse("   "), Err(QueryError::Empty));
        assert_eq!(parse("*** ,,, \"\""), Err(QueryError::Empty));
        assert_eq!(parse(&"a".repeat(2000)), Err(QueryError::TooLong(2000)));
        assert!(parse("\"unbalanced quote").is_ok());
    }
}
