//! The names people know a document by: its kind, number, date and issuer
//! (`Nghị quyết số 25-NQ/TU ngày 15/03/2024 của Thành ủy Lào Cai`), or for a document
//! without a number its kind, issuer and subject; never a file id.

use crate::codes::CitedDocument;
use crate::ingest::Metadata;
use crate::vocabulary::{Date, DocCode, Issuer, Kind};

/// The parts a name is made of, from a held document or from what citations say.
struct Parts<'a> {
    kind: Option<Kind>,
    number: Option<String>,
    date: Option<Date>,
    issuer: Option<String>,
    subject: Option<&'a str>,
}

/// The name of a held document; `file` only when its text names nothing else.
pub fn document_name(meta: &Metadata, file: &str) -> String {
    let parts = Parts {
        kind: meta.kind.filter(|k| *k != Kind::TinTuc),
        number: meta.number.as_ref().map(DocCode::canonical),
        date: meta.date.filter(|_| meta.number.is_some()),
        issuer: meta
            .issuer
            .as_ref()
            .map(Issuer::to_string)
            .or_else(|| meta.issuing_body.as_deref().map(sentence_case)),
        subject: meta.title.as_deref(),
    };
    parts.name().unwrap_or_else(|| file.to_owned())
}

/// The name of a cited document, from its number and what its citations say.
pub fn cited_name(cited: &CitedDocument) -> String {
    let parts = Parts {
        kind: cited.kind.or_else(|| cited.code.kind()),
        number: Some(cited.code.canonical()),
        date: cited.date,
        issuer: cited.issuer.as_ref().map(Issuer::to_string),
        subject: None,
    };
    parts.name().unwrap_or_else(|| cited.code.canonical())
}

impl Parts<'_> {
    fn name(&self) -> Option<String> {
        let of = self.issuer.as_deref().map(|i| format!(" của {i}"));
        match (&self.number, self.kind) {
            (Some(number), kind) => {
                let kind = kind.map_or("Văn bản", Kind::name);
                let date = self.date.map(|d| format!(" ngày {}", d.shown()));
                Some(format!(
                    "{kind} số {number}{}{}",
                    date.unwrap_or_default(),
                    of.unwrap_or_default()
                ))
            }
            (None, Some(kind)) if of.is_some() => {
                let about = self.subject.map(about).unwrap_or_default();
                Some(format!("{}{}{about}", kind.name(), of.unwrap_or_default()))
            }
            _ => self.subject.map(capitalised),
        }
    }
}

/// ` về …` for a subject: a title that already starts with `về` keeps its words, lower-cased
/// at the start; another gets `về` before it. A title that names its own kind first
/// (`Nghị quyết về …`) is not repeated.
fn about(subject: &str) -> String {
    let words = subject.trim();
    let rest = Kind::ALL
        .iter()
        .find_map(|e| strip_prefix_ci(words, e.name))
        .unwrap_or(words)
        .trim_start();
    let rest = strip_prefix_ci(rest, "về").map_or(rest, str::trim_start);
    if rest.is_empty() {
        return String::new();
    }
    format!(" về {}", lower_first(rest))
}

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    let next = text[prefix.len()..].chars().next();
    (head.to_lowercase() == prefix.to_lowercase() && next.is_none_or(|c| !c.is_alphanumeric()))
        .then(|| &text[prefix.len()..])
}

/// The text with a capital first letter (`về phương hướng…` becomes `Về phương hướng…`).
pub fn capitalised(text: &str) -> String {
    let mut chars = text.trim().chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let first: Option<char> = chars.next();
    let second_is_upper = text.chars().nth(1).is_some_and(char::is_uppercase);
    match first {
        Some(f) if !second_is_upper => f.to_lowercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

/// A printed upper-case body (`BAN THƯỜNG VỤ TỈNH ỦY`) as a name in a sentence: first
/// letter of each word capital; a body already in mixed case is kept.
fn sentence_case(body: &str) -> String {
    if body.chars().any(char::is_lowercase) {
        return body.to_owned();
    }
    body.split_whitespace()
        .map(|w| capitalised(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(
        kind: Option<Kind>,
        number: Option<&str>,
        issuer: Option<&str>,
        title: Option<&str>,
    ) -> Metadata {
        Metadata {
            kind,
            number: number.and_then(DocCode::parse),
            issuer: issuer.and_then(|i| Issuer::parse_phrase(i).map(|(i, _)| i)),
            title: title.map(str::to_owned),
            date: Date::parse_dmy("15/3/2024"),
            ..Metadata::default()
        }
    }

    #[test]
    fn a_numbered_document_is_named_by_kind_number_date_and_issuer() {
        let m = meta(
            Some(Kind::NghiQuyet),
            Some("25-NQ/TU"),
            Some("Thành ủy Lào Cai"),
            None,
        );
        assert_eq!(
            document_name(&m, "x.txt"),
            "Nghị quyết số 25-NQ/TU ngày 15/03/2024 của Thành ủy Lào Cai"
        );
    }

    #[test]
    fn a_document_without_number_is_named_by_issuer_and_subject() {
        let m = meta(
            Some(Kind::NghiQuyet),
            None,
            Some("Thành ủy Lào Cai"),
            Some("về phương hướng, nhiệm vụ năm 2023"),
        );
        assert_eq!(
            document_name(&m, "x.txt"),
            "Nghị quyết của Thành ủy Lào Cai về phương hướng, nhiệm vụ năm 2023"
        );
    }

    #[test]
    fn a_page_is_named_by_its_title_with_a_capital_and_never_by_its_file() {
        let m = meta(None, None, None, Some("đại hội Đảng bộ tỉnh"));
        assert_eq!(document_name(&m, "x.txt"), "Đại hội Đảng bộ tỉnh");
        assert_eq!(document_name(&Metadata::default(), "a/b.txt"), "a/b.txt");
    }

    #[test]
    fn a_printed_upper_case_body_reads_as_a_name() {
        assert_eq!(
            sentence_case("SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
            "Sở Giáo Dục Và Đào Tạo"
        );
        assert_eq!(about("Nghị quyết về phát triển"), " về phát triển");
        assert_eq!(about("Phát triển du lịch"), " về phát triển du lịch");
        assert_eq!(about("UBND tỉnh"), " về UBND tỉnh");
    }
}
