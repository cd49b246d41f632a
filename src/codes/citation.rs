//! Finds the citations in a paragraph and reads what its sentence says about each cited
//! document: type word, date, issuing body and subject.

use super::relation::{Relation, classify};
use crate::text::canonical_tones;
use crate::vocabulary::{Date, DocCode, Issuer, Kind, NUMERIC_DATE, WORDED_DATE};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// One mention of a document number in running text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Citation {
    /// The code as read (a partial code stays partial).
    pub code: DocCode,
    /// The code as printed (`06/ĐA/TU`).
    pub surface: String,
    /// Byte range of `surface` in the paragraph or footnote text.
    pub span: Range<usize>,
    /// The word naming the document's kind before the code (`Nghị quyết số`).
    pub kind: Option<Kind>,
    /// The date the sentence gives (`ngày 01/10/2021`).
    pub date: Option<Date>,
    /// The issuing body the sentence names (`của Ban Thường vụ Tỉnh ủy`), as stated.
    pub issuer: Option<Issuer>,
    /// What the cited document is about (`về ...`, to the end of the clause).
    pub subject: Option<String>,
    /// What the sentence does to the cited document, read from the cue governing it.
    pub relation: Relation,
    /// The document the sentence says amends, replaces or repeals it, when another citation
    /// of the same clause does so (`Quyết định 122/2025/QĐ-UBND bãi bỏ Quyết định ...`);
    /// `None` when the citing document itself does, or for other relations.
    pub by: Option<String>,
}

static KIND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(r"(?i)({})(?:\s+số)?\s*:?\s*$", Kind::names_pattern());
    Regex::new(&pattern).expect("valid pattern")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s+{NUMERIC_DATE}|{WORDED_DATE})"
    ))
    .expect("valid pattern")
});
static OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s,.…]*của\s+").expect("valid pattern"));
static TERM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*,?\s*\(?khóa [IVXLC]+\)?").expect("valid pattern"));
static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:(?:quy định|hướng dẫn|kết luận)\s+)?về(?: việc)?\s+")
        .expect("valid pattern")
});
static LIST_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[\s,;.…]|và|các)*$").expect("valid pattern"));

/// Every citation in `text`, in order.
pub fn extract(text: &str) -> Vec<Citation> {
    let canonical = canonical_tones(text);
    let found = DocCode::find_all(text);
    let starts: Vec<usize> = found
        .iter()
        .map(|(_, span)| kind_word_start(&canonical, span.start))
        .collect();
    let mut citations: Vec<Citation> = found
        .iter()
        .enumerate()
        .map(|(i, (code, span))| {
            let limit = starts.get(i + 1).copied().unwrap_or(canonical.len());
            let after = &canonical[span.end..limit.max(span.end)];
            let mut citation = describe(code, span, after, &canonical[..span.start]);
            citation.surface = text[span.clone()].to_owned();
            citation
        })
        .collect();
    share_issuer_along_lists(&mut citations, &canonical);
    read_relations(&mut citations, &starts, &canonical);
    citations
}

/// A document's number as people say it: `Quy định số 383-QĐ/TW`, or the bare number when
/// the kind is not known.
pub fn display_number(kind: Option<Kind>, code: &DocCode) -> String {
    match kind {
        Some(kind) => format!("{} số {}", kind.name(), code.canonical()),
        None => code.canonical(),
    }
}

/// Gives each citation its relation and, for a change made by another cited document of
/// the clause, that document.
fn read_relations(citations: &mut [Citation], starts: &[usize], text: &str) {
    let whole: Vec<Range<usize>> = citations
        .iter()
        .zip(starts)
        .map(|(c, &start)| start.min(c.span.start)..c.span.end)
        .collect();
    for i in 0..citations.len() {
        let others: Vec<Range<usize>> = (0..whole.len())
            .filter(|&j| j != i)
            .map(|j| whole[j].clone())
            .collect();
        let after_limit = whole.get(i + 1).map_or(text.len(), |w| w.start);
        let governing = classify(text, whole[i].clone(), &others, after_limit);
        citations[i].relation = governing.relation;
        let actor = match governing.cue.filter(|_| governing.relation.acts_on()) {
            Some(_) if governing.passive => Some(i + 1).filter(|&j| j < whole.len()),
            Some(cue) => (0..i)
                .rev()
                .find(|&j| whole[j].end <= cue.start && whole[j].start >= governing.clause_start),
            None => None,
        };
        let itself = |j: &usize| citations[*j].code.key() == citations[i].code.key();
        citations[i].by = actor
            .filter(|j| !itself(j))
            .map(|j| display_number(citations[j].kind, &citations[j].code));
    }
}

fn kind_word_start(text: &str, code_start: usize) -> usize {
    KIND_WORD
        .find(&text[..code_start])
        .map_or(code_start, |m| m.start())
}

fn describe(code: &DocCode, span: &Range<usize>, after: &str, before: &str) -> Citation {
    let kind = KIND_WORD
        .captures(before)
        .and_then(|c| Kind::from_word(&c[1]));
    let mut rest = after;
    let date = DATE.captures(rest).and_then(|c| {
        rest = &rest[c.get(0).map_or(0, |m| m.end())..];
        Date::from_groups(&c, 1).or_else(|| Date::from_groups(&c, 4))
    });
    let issuer = OF.find(rest).and_then(|of| {
        let (issuer, len) = Issuer::parse_phrase(&rest[of.end()..])?;
        rest = &rest[of.end() + len..];
        Some(issuer)
    });
    if let Some(term) = TERM.find(rest) {
        rest = &rest[term.end()..];
    }
    let subject = ABOUT
        .find(rest)
        .and_then(|about| clause(&rest[about.end()..]));
    Citation {
        code: code.clone(),
        surface: String::new(),
        span: span.clone(),
        kind,
        date,
        issuer,
        subject,
        relation: Relation::Mentions,
        by: None,
    }
}

/// The subject runs to the end of its clause: `;`, a sentence-ending `.`, or the closing
/// quote of a quoted title.
fn clause(text: &str) -> Option<String> {
    let quoted = text.starts_with('“') || text.starts_with('"');
    let mut end = text.len();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let sentence_end = c == '.' && next.is_none_or(char::is_whitespace);
        let closing = quoted && i > 0 && (c == '”' || c == '"');
        if c == ';' || sentence_end || c == '¹' {
            end = i;
            break;
        }
        if closing {
            end = i + c.len_utf8();
            break;
        }
    }
    let subject = text[..end]
        .trim()
        .trim_matches(|c: char| matches!(c, '“' | '”' | '"' | ',' | ' ' | '…'))
        .trim_end_matches(" và")
        .trim();
    (!subject.is_empty()).then(|| subject.to_owned())
}

/// In `Nghị quyết số 28-NQ/TW, Nghị quyết số 24-NQ/TW ... của Bộ Chính trị`, the body named
/// after the last code issued every code of the list.
fn share_issuer_along_lists(citations: &mut [Citation], text: &str) {
    for i in (0..citations.len().saturating_sub(1)).rev() {
        let gap_start = citations[i].span.end;
        let gap_end = kind_word_start(text, citations[i + 1].span.start);
        let in_list = gap_start <= gap_end && LIST_GAP.is_match(&text[gap_start..gap_end]);
        if citations[i].issuer.is_none() && in_list {
            citations[i].issuer = citations[i + 1].issuer.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syllable_whose_tone_move_changes_its_length_does_not_shift_the_citation() {
        let c = one("Theo Kết luận số 05-KL/TU của Tỉnh ủy về luỹ kế vốn, bà Thuỳ báo cáo");
        assert_eq!(c.surface, "05-KL/TU");
        assert_eq!(c.subject.as_deref(), Some("luỹ kế vốn, bà Thuỳ báo cáo"));
    }

    /// From bd72020e54c368d6.md of the development corpus: the same number twice in a clause
    /// does not act on itself.
    #[test]
    fn a_document_never_amends_itself() {
        let text = "Đảng ủy Chính phủ chủ trì đánh giá 3 năm thực hiện Nghị quyết số 18-NQ/TW, trên cơ sở đó đề xuất điều chỉnh, bổ sung Nghị quyết số 18-NQ/TW làm cơ sở sửa đổi Luật Đất đai.";
        let all = extract(text);
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(|c| c.by.is_none()), "{all:#?}");
    }

    fn one(text: &str) -> Citation {
        let mut all = extract(text);
        assert_eq!(all.len(), 1, "{text}");
        all.remove(0)
    }

    #[test]
    fn a_full_citation_gives_type_date_issuer_and_subject() {
        let c = one(
            "Nghị quyết số 16-NQ/TU, ngày 01/10/2021 của Tỉnh ủy về phát triển thành phố Lào Cai đến năm 2030, tầm nhìn đến năm 2050. Vì vậy",
        );
        assert_eq!(c.code.canonical(), "16-NQ/TU");
        assert_eq!(c.kind, Some(Kind::NghiQuyet));
        assert_eq!(c.date.unwrap().to_string(), "2021-10-01");
        assert_eq!(c.issuer.unwrap().to_string(), "Tỉnh ủy");
        assert_eq!(
            c.subject.unwrap(),
            "phát triển thành phố Lào Cai đến năm 2030, tầm nhìn đến năm 2050"
        );
    }

    #[test]
    fn quoted_subjects_and_named_places_are_read() {
        let c = one(
            "Đề án 16-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy Lào Cai về “nâng cao chất lượng công tác kiểm tra”; tăng số lượng",
        );
        assert_eq!(c.issuer.unwrap().to_string(), "Tỉnh ủy Lào Cai");
        assert_eq!(c.subject.unwrap(), "nâng cao chất lượng công tác kiểm tra");
    }

    #[test]
    fn a_list_of_codes_yields_one_citation_each_sharing_the_issuer() {
        let all = extract(
            "nhất là các Nghị quyết số 28-NQ/TW, Nghị quyết số 24-NQ/TW, các Kết luận số 13-KL/TW, Kết luận số 15-KL/TW... của Bộ Chính trị; đặc biệt",
        );
        let codes: Vec<String> = all.iter().map(|c| c.code.canonical()).collect();
        assert_eq!(codes, ["28-NQ/TW", "24-NQ/TW", "13-KL/TW", "15-KL/TW"]);
        assert!(all.iter().all(|c| {
            c.issuer
                .as_ref()
                .is_some_and(|i| i.to_string() == "Bộ Chính trị")
        }));
    }

    #[test]
    fn the_subject_of_one_citation_stops_at_the_next() {
        let all = extract(
            "Đề án số 17-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy và Nghị quyết số 04-NQ/TU, ngày 28/10/2020 của Ban Chấp hành Đảng bộ thành phố khóa XXIII về tiếp tục đổi mới công tác tư tưởng.",
        );
        assert_eq!(all[0].subject, None);
        assert_eq!(all[1].issuer.as_ref().unwrap().to_string(), "Thành ủy");
        assert_eq!(
            all[1].subject.as_deref(),
            Some("tiếp tục đổi mới công tác tư tưởng")
        );
    }

    #[test]
    fn a_body_named_after_the_date_without_comma_is_read() {
        let c = one(
            "Nghị quyết số 16-NQ/TU ngày 19/5/2020 của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo; Chỉ",
        );
        assert_eq!(c.date.unwrap().to_string(), "2020-05-19");
        assert_eq!(c.issuer.unwrap().to_string(), "Ban Thường vụ Tỉnh ủy");
    }
}
