//! What a citation does to the document it cites (is based on it, implements, amends,
//! replaces, repeals, guides or reviews it, or only mentions it), read from the cue words
//! that govern it in its sentence: the relation is what the sentence states of the cited
//! document, whoever acts (`Quyết định 84/2025/QĐ-UBND bãi bỏ Quyết định 10/2016/QĐ-UBND`
//! in a news item repeals the second; the first is only named).

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// The relation a citation states between the citing sentence and the cited document.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// `Căn cứ Nghị quyết số 57-NQ/TW`: the citing document rests on it.
    Basis,
    /// `Thực hiện Kết luận số 127-KL/TW`: carries it out.
    Implements,
    /// `sửa đổi, bổ sung Quy định số 47-QĐ/TW`: changes part of it.
    Amends,
    /// `thay thế Quy định số 338-QĐ/TW`: takes its place.
    Replaces,
    /// `bãi bỏ Quyết định số 42/2018/QĐ-UBND`: ends it.
    Repeals,
    /// `hướng dẫn thực hiện Quy định số 377-QĐ/TW`: explains how to apply it.
    Guides,
    /// `tổng kết Nghị quyết số 18-NQ/TW`: looks back on how it was carried out.
    Reviews,
    /// None of the above: the document is named.
    #[default]
    Mentions,
}

impl Relation {
    /// Every relation with its stable code and its Vietnamese label, in display order.
    pub const ALL: [(Relation, &'static str, &'static str); 8] = [
        (Relation::Basis, "basis", "Căn cứ"),
        (Relation::Implements, "implements", "Thực hiện"),
        (Relation::Amends, "amends", "Sửa đổi, bổ sung"),
        (Relation::Replaces, "replaces", "Thay thế"),
        (Relation::Repeals, "repeals", "Bãi bỏ"),
        (Relation::Guides, "guides", "Hướng dẫn"),
        (Relation::Reviews, "reviews", "Sơ kết/tổng kết"),
        (Relation::Mentions, "mentions", "Nhắc đến"),
    ];

    /// The stable code used in JSON (`replaces`).
    pub fn code(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(r, ..)| *r == self)
            .map_or("", |(_, code, _)| code)
    }

    /// The Vietnamese label shown to people (`Thay thế`).
    pub fn label(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(r, ..)| *r == self)
            .map_or("", |(.., label)| label)
    }

    /// Whether the relation changes the cited document's standing (the citing one amends,
    /// replaces or repeals it), so that the acting document is worth naming.
    pub fn acts_on(self) -> bool {
        matches!(
            self,
            Relation::Amends | Relation::Replaces | Relation::Repeals
        )
    }
}

/// The cue phrases before a citation, one source for every relation. Patterns are matched
/// case-insensitively on text with canonical tone marks, at word boundaries. Of the cues
/// before a citation the one ending nearest to it governs; of two ending at the same place
/// the longer wins, so `tổng kết việc thực hiện` is a review and `hướng dẫn thực hiện` a
/// guide, not an implementation.
const CUES: &[(Relation, &str)] = &[
    (Relation::Basis, r"căn cứ"),
    (Relation::Basis, r"căn cứ (?:theo|vào)"),
    (Relation::Basis, r"trên cơ sở"),
    (Relation::Implements, r"thực hiện"),
    (Relation::Implements, r"thực hiện theo"),
    (Relation::Implements, r"triển khai"),
    (Relation::Implements, r"cụ thể hóa"),
    (Relation::Implements, r"quán triệt"),
    (Relation::Implements, r"thi hành"),
    (Relation::Implements, r"theo hướng dẫn(?: tại| của)?"),
    (Relation::Amends, r"sửa đổi"),
    (Relation::Amends, r"bổ sung\s*$"),
    (
        Relation::Amends,
        r"bổ sung (?:một số|các) (?:điều|khoản|nội dung)[^;.]{0,40}?(?:của|tại)",
    ),
    (
        Relation::Amends,
        r"sửa đổi,? bổ sung(?: một số điều)?(?: của| tại)?",
    ),
    (Relation::Replaces, r"thay thế(?: cho)?"),
    (Relation::Repeals, r"bãi bỏ"),
    (Relation::Repeals, r"hủy bỏ"),
    (
        Relation::Guides,
        r"hướng dẫn(?: việc)?(?: thực hiện| triển khai| thi hành)?",
    ),
    (
        Relation::Guides,
        r"hướng dẫn (?:một số|các) (?:điều|nội dung|vấn đề)(?: của| trong| tại)?",
    ),
    (
        Relation::Reviews,
        r"(?:sơ|tổng) kết(?:[^;.]{0,60}?(?:thực hiện|triển khai))?",
    ),
    (
        Relation::Reviews,
        r"(?:đánh giá|báo cáo) (?:kết quả|việc|tình hình)[^;.]{0,40}?(?:thực hiện|triển khai)",
    ),
    (Relation::Mentions, r"theo"),
];

/// Passive cues after a citation, naming the document that acts on it next (`Nghị định
/// 123/2020/NĐ-CP được sửa đổi bởi ... Nghị định 70/2025/NĐ-CP`). The first gets the
/// relation; before the second, the acting one, the same words are no cue.
const PASSIVE: &[(Relation, &str)] = &[
    (
        Relation::Amends,
        r"(?:được )?(?:sửa đổi|bổ sung|sửa đổi,? bổ sung) (?:bởi|bằng)",
    ),
    (
        Relation::Amends,
        r"được (?:sửa đổi|bổ sung|sửa đổi,? bổ sung) (?:tại|theo)",
    ),
    (Relation::Replaces, r"(?:được )?thay thế (?:bởi|bằng)"),
    (Relation::Repeals, r"(?:bị|được) bãi bỏ (?:bởi|tại)"),
    (Relation::Guides, r"được hướng dẫn (?:bởi|tại)"),
];

/// Phrases holding a cue word that say nothing of the citation: `ban hành kèm theo` is no
/// `theo`. Their words are skipped like another citation's.
const NOT_CUES: &[(Relation, &str)] = &[(Relation::Mentions, r"(?:ban hành )?kèm theo")];

/// Cues after a citation that name no other document (`Nghị quyết số 18 hết hiệu lực`).
const AFTER_CUES: &[(Relation, &str)] = &[(Relation::Repeals, r"hết hiệu lực|(?:bị|được) bãi bỏ")];

struct Cue {
    relation: Relation,
    pattern: Regex,
}

fn compile(table: &[(Relation, &str)]) -> Vec<Cue> {
    table
        .iter()
        .map(|&(relation, phrase)| Cue {
            relation,
            pattern: Regex::new(&format!(r"(?i)(?:^|\W)({phrase})(?:\W|$)"))
                .expect("cue pattern is valid"),
        })
        .collect()
}

static BEFORE: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    let passive = PASSIVE.iter().map(|&(_, p)| (Relation::Mentions, p));
    compile(&CUES.iter().copied().chain(passive).collect::<Vec<_>>())
});
static PASSIVE_AFTER: LazyLock<Vec<Cue>> = LazyLock::new(|| compile(PASSIVE));
static AFTER: LazyLock<Vec<Cue>> = LazyLock::new(|| compile(AFTER_CUES));
static SKIPPED: LazyLock<Vec<Cue>> = LazyLock::new(|| compile(NOT_CUES));
static CLAUSE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[;!?\n]|\.(?:\s|$)").expect("valid pattern"));

/// The cue that governs a citation: its relation and where the cue stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Governing {
    /// What the cue says.
    pub relation: Relation,
    /// Byte range of the cue in the text; `None` when no cue was found.
    pub cue: Option<Range<usize>>,
    /// Where the clause holding the citation starts.
    pub clause_start: usize,
    /// Whether the cue is a passive one after the citation, so that the next citation
    /// names the document acting on it.
    pub passive: bool,
}

/// The relation of the citation at `at` (its kind word, `Nghị quyết số`, included).
/// `others` are the other citations of the text, whose words are no cue (`Căn cứ Hướng
/// dẫn số 12-HD/TW, Nghị quyết số 5-NQ/TW`: the second is a basis too); `after_limit` is
/// where the text that may still speak of it ends. `text` must have canonical tone marks.
pub fn classify(
    text: &str,
    at: Range<usize>,
    others: &[Range<usize>],
    after_limit: usize,
) -> Governing {
    let clause_start = CLAUSE_END
        .find_iter(&text[..at.start])
        .last()
        .map_or(0, |m| m.end());
    let region = parenthesis_start(text, clause_start..at.start)..at.start;
    let mut skipped = others.to_vec();
    skipped.extend(
        SKIPPED
            .iter()
            .flat_map(|c| c.pattern.captures_iter(&text[region.clone()]))
            .filter_map(|m| m.get(1))
            .map(|g| g.start() + region.start..g.end() + region.start),
    );
    // A neutral cue (`theo`) nearest before the citation still lets a cue after it speak.
    let before = nearest_cue(&BEFORE, text, region, &skipped)
        .filter(|(relation, _)| *relation != Relation::Mentions);
    if let Some((relation, cue)) = before {
        return Governing {
            relation,
            cue: Some(cue),
            clause_start,
            passive: false,
        };
    }
    let rest = &text[at.end..after_limit.max(at.end)];
    let rest = CLAUSE_END.find(rest).map_or(rest, |m| &rest[..m.start()]);
    let after = at.end..at.end + rest.len();
    let passive = first_cue(&PASSIVE_AFTER, text, after.clone());
    let found = passive.clone().or_else(|| first_cue(&AFTER, text, after));
    Governing {
        relation: found.as_ref().map_or(Relation::Mentions, |(r, _)| *r),
        cue: found.map(|(_, cue)| cue),
        clause_start,
        passive: passive.is_some(),
    }
}

/// Where the citation's own parenthesis opens, when it stands in one that is still open:
/// a cue outside it speaks of what precedes it (`Thông tư hướng dẫn Luật Nhà ở (Thông tư
/// 05/2024/TT-BXD, ...)` guides the law, not the circulars in brackets).
fn parenthesis_start(text: &str, region: Range<usize>) -> usize {
    let mut open = Vec::new();
    for (i, c) in text[region.clone()].char_indices() {
        match c {
            '(' => open.push(region.start + i + 1),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().copied().unwrap_or(region.start)
}

/// The first cue in `region` of `text`.
fn first_cue(cues: &[Cue], text: &str, region: Range<usize>) -> Option<(Relation, Range<usize>)> {
    cues.iter()
        .filter_map(|c| {
            let m = c.pattern.captures(&text[region.clone()])?;
            Some((c.relation, m.get(1)?.range()))
        })
        .min_by_key(|(_, cue)| cue.start)
        .map(|(r, cue)| (r, cue.start + region.start..cue.end + region.start))
}

/// The cue in `region` of `text` ending nearest the region's end, outside `others`; of
/// cues ending together, the longest.
fn nearest_cue(
    cues: &[Cue],
    text: &str,
    region: Range<usize>,
    others: &[Range<usize>],
) -> Option<(Relation, Range<usize>)> {
    let inside = &text[region.clone()];
    let free = |cue: &Range<usize>| {
        !others
            .iter()
            .any(|o| o.start < cue.end + region.start && cue.start + region.start < o.end)
    };
    cues.iter()
        .flat_map(|c| {
            let mut at = 0;
            std::iter::from_fn(move || {
                let m = c.pattern.captures_at(inside, at)?;
                let cue = m.get(1)?.range();
                at = cue.end;
                Some((c.relation, cue))
            })
        })
        .filter(|(_, cue)| free(cue))
        .max_by_key(|(_, cue)| (cue.end, std::cmp::Reverse(cue.start)))
        .map(|(r, cue)| (r, cue.start + region.start..cue.end + region.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::extract;

    /// The relation of the citation of `code` in a real sentence.
    fn relation(sentence: &str, code: &str) -> Relation {
        let found = extract(sentence);
        let c = found
            .iter()
            .find(|c| c.surface == code)
            .unwrap_or_else(|| panic!("{code} not cited in: {sentence}"));
        c.relation
    }

    #[test]
    fn basis_is_read_after_can_cu_even_for_a_guide() {
        let s = "Căn cứ tại tiểu mục 7.12 Mục 7 Hướng dẫn 43-HD/BTCTW năm 2025 quy định như sau:";
        assert_eq!(relation(s, "43-HD/BTCTW"), Relation::Basis);
        let s =
            "Căn cứ Nghị quyết số 60-NQ/TW ngày 12 tháng 4 năm 2025 của Ban Chấp hành Trung ương";
        assert_eq!(relation(s, "60-NQ/TW"), Relation::Basis);
    }

    #[test]
    fn implements_after_thuc_hien_trien_khai_quan_triet() {
        let s = "Tiếp tục thực hiện hiệu quả Đề án số 17-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy";
        assert_eq!(relation(s, "17-ĐA/TU"), Relation::Implements);
        let s = "quán triệt và thực hiện nghiêm túc, có hiệu quả Kết luận số 127-KL/TW, ngày 28/02/2025 của Bộ Chính trị";
        assert_eq!(relation(s, "127-KL/TW"), Relation::Implements);
    }

    #[test]
    fn amends_replaces_and_repeals() {
        let s = "Quy định số 22-QĐ/TW sửa đổi, bổ sung Quy định số 47-QĐ/TW, ngày 01/11/2011 của Ban Chấp hành Trung ương";
        assert_eq!(relation(s, "47-QĐ/TW"), Relation::Amends);
        assert_eq!(relation(s, "22-QĐ/TW"), Relation::Mentions);
        let s = "Quy định này có hiệu lực thi hành kể từ ngày ký và thay thế Quy định số 338-QĐ/TW, ngày 26/11/2010 về chức năng, nhiệm vụ";
        assert_eq!(relation(s, "338-QĐ/TW"), Relation::Replaces);
        let s = "Quyết định 122/2025/QĐ-UBND ngày 24/11/2025 bãi bỏ Quyết định 42/2018/QĐ-UBND của UBND tỉnh";
        assert_eq!(relation(s, "42/2018/QĐ-UBND"), Relation::Repeals);
        let s = "Giấy chứng nhận quyền sử dụng đất ban hành kèm Quyết định 08/2006/QĐ-BTNMT (đã hết hiệu lực)";
        assert_eq!(relation(s, "08/2006/QĐ-BTNMT"), Relation::Repeals);
    }

    #[test]
    fn guides_after_huong_dan_but_not_after_theo_huong_dan() {
        let s = "Ban Tổ chức Trung ương ban hành Hướng dẫn 45/HD-BTCTW hướng dẫn một số nội dung Quy định 377-QĐ/TW của Bộ Chính trị";
        assert_eq!(relation(s, "377-QĐ/TW"), Relation::Guides);
        let s = "Thực hiện theo hướng dẫn tại Hướng dẫn số 25-HD/BTCTW, ngày 10/11/2023 của Ban Tổ chức Trung ương";
        assert_eq!(relation(s, "25-HD/BTCTW"), Relation::Implements);
    }

    #[test]
    fn reviews_win_over_the_thuc_hien_they_contain() {
        let s = "Hội nghị toàn quốc quán triệt, triển khai tổng kết việc thực hiện Nghị quyết số 18-NQ/TW và một số nội dung";
        assert_eq!(relation(s, "18-NQ/TW"), Relation::Reviews);
        let s =
            "Ban Thường vụ Tỉnh ủy sơ kết việc thực hiện Nghị quyết số 27-NQ/TW, ngày 09/11/2022";
        assert_eq!(relation(s, "27-NQ/TW"), Relation::Reviews);
    }

    #[test]
    fn a_cue_outside_an_open_parenthesis_or_inside_kem_theo_does_not_govern() {
        let s = "Theo Văn bản hợp nhất Thông tư hướng dẫn Luật Nhà ở (Thông tư 05/2024/TT-BXD, Thông tư 09/2025/TT-BXD và Thông tư 32/2025/TT-BXD).";
        assert_eq!(relation(s, "09/2025/TT-BXD"), Relation::Mentions);
        let s = "Căn cứ tại khoản 1 Điều 13 Quy chế tuyển sinh ban hành kèm theo Thông tư 30/2024/TT-BGDĐT quy định về mô hình";
        assert_eq!(relation(s, "30/2024/TT-BGDĐT"), Relation::Basis);
        let s = "Nghị quyết của Ủy ban Thường vụ Quốc hội về tiêu chuẩn của đơn vị hành chính (thay thế Nghị quyết 1211/2016/UBTVQH13)";
        assert_eq!(relation(s, "1211/2016/UBTVQH13"), Relation::Replaces);
    }

    #[test]
    fn the_cue_must_stand_in_the_same_clause() {
        let s = "Căn cứ Điều lệ Đảng; Kết luận số 150-KL/TW được ban hành năm 2025";
        assert_eq!(relation(s, "150-KL/TW"), Relation::Mentions);
        let s = "Thực hiện Kế hoạch năm 2025. Nghị quyết số 57-NQ/TW là đột phá";
        assert_eq!(relation(s, "57-NQ/TW"), Relation::Mentions);
    }

    #[test]
    fn codes_and_labels_come_from_one_table() {
        for (r, code, label) in Relation::ALL {
            assert_eq!(r.code(), code);
            assert_eq!(r.label(), label);
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{code}\""));
        }
    }
}
