//! Abbreviations of Party and State writing (`UBND` for `Ủy ban nhân dân`), both ways: the
//! built-in table, and the ones a document defines itself (`Mặt trận Tổ quốc (MTTQ)`),
//! learnt when the index is built.

use super::fold;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The abbreviations every reader of Party and State documents knows, each with its senses.
/// `BCT` has two (Bộ Chính trị, Bộ Công Thương): a query is expanded to all of them.
pub const BUILT_IN: [(&str, &[&str]); 31] = [
    ("UBND", &["Ủy ban nhân dân"]),
    ("HĐND", &["Hội đồng nhân dân"]),
    ("MTTQ", &["Mặt trận Tổ quốc"]),
    ("BCH", &["Ban Chấp hành"]),
    ("BTV", &["Ban Thường vụ"]),
    ("BCT", &["Bộ Chính trị", "Bộ Công Thương"]),
    ("BBT", &["Ban Bí thư"]),
    ("TW", &["Trung ương"]),
    ("TU", &["Tỉnh ủy"]),
    ("HU", &["Huyện ủy"]),
    ("ĐBQH", &["đại biểu Quốc hội"]),
    ("BCĐ", &["Ban Chỉ đạo"]),
    ("KT-XH", &["kinh tế - xã hội"]),
    ("QP-AN", &["quốc phòng - an ninh"]),
    ("CNH-HĐH", &["công nghiệp hóa, hiện đại hóa"]),
    ("CCHC", &["cải cách hành chính"]),
    ("HTCT", &["hệ thống chính trị"]),
    ("CT-XH", &["chính trị - xã hội"]),
    ("ĐTM", &["đánh giá tác động môi trường"]),
    ("KCN", &["khu công nghiệp"]),
    ("CCN", &["cụm công nghiệp"]),
    ("DNNN", &["doanh nghiệp nhà nước"]),
    ("NSNN", &["ngân sách nhà nước"]),
    ("GPMB", &["giải phóng mặt bằng"]),
    ("XDCB", &["xây dựng cơ bản"]),
    ("NTM", &["nông thôn mới"]),
    ("THCS", &["trung học cơ sở"]),
    ("THPT", &["trung học phổ thông"]),
    ("CNTT", &["công nghệ thông tin"]),
    ("VPTU", &["Văn phòng Tỉnh ủy"]),
    ("TTg", &["Thủ tướng Chính phủ"]),
];

/// Abbreviations and their senses, keyed folded (`ubnd`), senses folded (`uy ban nhan dan`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abbreviations {
    /// Folded short form -> its spelling (`ĐBQH`) and folded senses.
    senses: BTreeMap<String, (String, Vec<String>)>,
}

impl Abbreviations {
    /// The built-in table.
    pub fn built_in() -> Abbreviations {
        let mut table = Abbreviations::default();
        for (short, longs) in BUILT_IN {
            for long in longs {
                table.add(short, long);
            }
        }
        table
    }

    /// Adds a sense; nothing happens if it is known already.
    pub fn add(&mut self, short: &str, long: &str) {
        let (_, senses) = self
            .senses
            .entry(fold(short))
            .or_insert_with(|| (short.to_owned(), Vec::new()));
        let long = fold(long);
        if !senses.contains(&long) {
            senses.push(long);
        }
    }

    /// Every sense of `other` added to this table.
    pub fn merge(&mut self, other: &Abbreviations) {
        for (short, longs) in other.senses.values() {
            for long in longs {
                self.add(short, long);
            }
        }
    }

    /// How many short forms the table knows.
    pub fn len(&self) -> usize {
        self.senses.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.senses.is_empty()
    }

    /// The spelling and folded senses of a short form typed in any case (`ubnd`, `KT-XH`).
    pub fn lookup(&self, short: &str) -> Option<(&str, &[String])> {
        self.senses
            .get(&fold(short))
            .map(|(spelling, senses)| (spelling.as_str(), senses.as_slice()))
    }

    /// The folded senses of a short form, empty when it is unknown.
    pub fn senses(&self, short: &str) -> &[String] {
        self.lookup(short).map_or(&[], |(_, senses)| senses)
    }

    /// Every (spelling of the short form, folded sense), for finding a sense spelled out in
    /// a query.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.senses
            .values()
            .flat_map(|(s, longs)| longs.iter().map(move |l| (s.as_str(), l.as_str())))
    }
}

/// A capitalised phrase followed by a bracketed short form: `Mặt trận Tổ quốc (MTTQ)`.
static DEFINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:\p{L}+[ \-]+){1,9})\(([A-ZĐ][A-ZĐa-z\-]{1,9})\)").expect("valid pattern")
});

/// Fewest letters a learnt short form has: `TU`-like two-letter forms are too ambiguous to
/// learn from one sentence.
const MIN_LEARNT_LETTERS: usize = 3;

/// The abbreviations `text` defines: a short form in brackets whose letters are the
/// initials of the words just before it (`Ủy ban nhân dân (UBND)`, `Mặt trận Tổ quốc
/// (MTTQ)`).
pub fn defined_in(text: &str) -> Vec<(String, String)> {
    DEFINED
        .captures_iter(text)
        .filter_map(|c| {
            let short = c.get(2)?.as_str();
            let letters: Vec<char> = fold(short)
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect();
            if letters.len() < MIN_LEARNT_LETTERS {
                return None;
            }
            let words: Vec<&str> = c[1].split([' ', '-']).filter(|w| !w.is_empty()).collect();
            let long = words.get(words.len().checked_sub(letters.len())?..)?;
            let initials = long.iter().filter_map(|w| fold(w).chars().next());
            initials
                .eq(letters.iter().copied())
                .then(|| (short.to_owned(), long.join(" ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_senses_are_found_in_any_case() {
        let table = Abbreviations::built_in();
        assert_eq!(table.senses("ubnd"), ["uy ban nhan dan"]);
        assert_eq!(table.senses("BCT").len(), 2);
        assert_eq!(table.senses("kt-xh"), ["kinh te - xa hoi"]);
        assert!(table.senses("XYZ").is_empty());
    }

    #[test]
    fn a_document_defines_an_abbreviation_by_initials() {
        let text = "phối hợp với Ủy ban Mặt trận Tổ quốc (MTTQ) tỉnh và các Sở Tài nguyên (STNMT)";
        assert_eq!(
            defined_in(text),
            [("MTTQ".to_owned(), "Mặt trận Tổ quốc".to_owned())]
        );
        assert_eq!(
            defined_in("Hội đồng nhân dân (HĐND) tỉnh"),
            [("HĐND".to_owned(), "Hội đồng nhân dân".to_owned())]
        );
        assert!(defined_in("Tỉnh ủy (TU)").is_empty());
    }

    #[test]
    fn merged_tables_keep_each_sense_once() {
        let mut table = Abbreviations::built_in();
        let mut learnt = Abbreviations::default();
        learnt.add("UBND", "Ủy ban nhân dân");
        learnt.add("BQLDA", "Ban quản lý dự án");
        table.merge(&learnt);
        assert_eq!(table.senses("UBND").len(), 1);
        assert_eq!(table.senses("bqlda"), ["ban quan ly du an"]);
    }
}
