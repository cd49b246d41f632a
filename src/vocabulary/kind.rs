//! Document kinds (Nghị quyết, Kết luận, Đề án…) and the one table that gives each its
//! Vietnamese name and its type code in Party and State document numbers.

use crate::text::fold;
use serde::{Deserialize, Serialize};

/// The kinds of Party documents (and news about them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    #[serde(rename = "Nghị quyết")]
    NghiQuyet,
    #[serde(rename = "Kết luận")]
    KetLuan,
    #[serde(rename = "Chỉ thị")]
    ChiThi,
    #[serde(rename = "Quyết định")]
    QuyetDinh,
    #[serde(rename = "Quy định")]
    QuyDinh,
    #[serde(rename = "Quy chế")]
    QuyChe,
    #[serde(rename = "Hướng dẫn")]
    HuongDan,
    #[serde(rename = "Kế hoạch")]
    KeHoach,
    #[serde(rename = "Chương trình")]
    ChuongTrinh,
    #[serde(rename = "Đề án")]
    DeAn,
    #[serde(rename = "Thông báo")]
    ThongBao,
    #[serde(rename = "Báo cáo")]
    BaoCao,
    #[serde(rename = "Công văn")]
    CongVan,
    #[serde(rename = "Tờ trình")]
    ToTrinh,
    #[serde(rename = "Thông tri")]
    ThongTri,
    #[serde(rename = "Nghị định")]
    NghiDinh,
    #[serde(rename = "Thông tư")]
    ThongTu,
    #[serde(rename = "Công điện")]
    CongDien,
    #[serde(rename = "Tin tức")]
    TinTuc,
}

/// Which numbering system a kind's type code appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Party numbers only (`17-ĐA/TU`).
    Party,
    /// State numbers only (`30/2020/NĐ-CP`).
    State,
    /// Both (`16-NQ/TU`, `71/NQ-CP`).
    Both,
    /// Neither: news is not numbered.
    Unnumbered,
}

impl Series {
    /// Whether a code of this series is read in numbers of `other` (`Party` or `State`).
    pub fn includes(self, other: Series) -> bool {
        self == Series::Both || self == other
    }
}

/// One row of the kind table.
#[derive(Debug, Clone, Copy)]
pub struct KindEntry {
    /// The kind.
    pub kind: Kind,
    /// Its Vietnamese name as printed in headers and sentences.
    pub name: &'static str,
    /// Its type code in canonical spelling (`NQ`, `QĐi`, `CTr`).
    pub code: &'static str,
    /// Where that code appears.
    pub series: Series,
}

const fn entry(kind: Kind, name: &'static str, code: &'static str, series: Series) -> KindEntry {
    KindEntry {
        kind,
        name,
        code,
        series,
    }
}

impl Kind {
    /// Every kind with its name, type code and series: the one source for kind names, the
    /// type codes the number parser knows and the `kind:` filter. `TT` is Thông tri in Party
    /// numbers and Thông tư in State numbers.
    pub const ALL: [KindEntry; 19] = [
        entry(Kind::NghiQuyet, "Nghị quyết", "NQ", Series::Both),
        entry(Kind::KetLuan, "Kết luận", "KL", Series::Party),
        entry(Kind::ChiThi, "Chỉ thị", "CT", Series::Both),
        entry(Kind::QuyetDinh, "Quyết định", "QĐ", Series::Both),
        entry(Kind::QuyDinh, "Quy định", "QĐi", Series::Party),
        entry(Kind::QuyChe, "Quy chế", "QC", Series::Party),
        entry(Kind::HuongDan, "Hướng dẫn", "HD", Series::Both),
        entry(Kind::KeHoach, "Kế hoạch", "KH", Series::Both),
        entry(Kind::ChuongTrinh, "Chương trình", "CTr", Series::Party),
        entry(Kind::DeAn, "Đề án", "ĐA", Series::Party),
        entry(Kind::ThongBao, "Thông báo", "TB", Series::Both),
        entry(Kind::BaoCao, "Báo cáo", "BC", Series::Both),
        entry(Kind::CongVan, "Công văn", "CV", Series::Both),
        entry(Kind::ToTrinh, "Tờ trình", "TTr", Series::Both),
        entry(Kind::ThongTri, "Thông tri", "TT", Series::Party),
        entry(Kind::NghiDinh, "Nghị định", "NĐ", Series::State),
        entry(Kind::ThongTu, "Thông tư", "TT", Series::State),
        entry(Kind::CongDien, "Công điện", "CĐ", Series::State),
        entry(Kind::TinTuc, "Tin tức", "TIN", Series::Unnumbered),
    ];

    fn entry(self) -> &'static KindEntry {
        Self::ALL
            .iter()
            .find(|e| e.kind == self)
            .expect("every kind has a row in Kind::ALL")
    }

    /// The names of the numbered kinds as a regex alternation (`Nghị quyết|Kết luận|...`),
    /// for the patterns that read a kind word in running text.
    pub fn names_pattern() -> String {
        let names = Self::ALL
            .iter()
            .filter(|e| e.series != Series::Unnumbered)
            .map(|e| e.name);
        names.collect::<Vec<_>>().join("|")
    }

    /// The Vietnamese name (`Nghị quyết`).
    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// The type code (`NQ`, `QĐi`).
    pub fn code(self) -> &'static str {
        self.entry().code
    }

    /// Reads a kind from its name in any case (`NGHỊ QUYẾT`, `nghị quyết`) or its type code;
    /// a code two kinds share (`TT`) reads as the first, the Party one.
    pub fn from_word(word: &str) -> Option<Kind> {
        let key = fold(word.trim());
        Self::ALL
            .iter()
            .find(|e| fold(e.name) == key || fold(e.code) == key)
            .map(|e| e.kind)
    }

    /// The kind a type code stands for in numbers of `series` (`TT` is Thông tư in
    /// `05/2020/TT-BNV`, Thông tri in `05-TT/TU`).
    pub fn from_code(code: &str, series: Series) -> Option<Kind> {
        let key = fold(code);
        Self::ALL
            .iter()
            .find(|e| e.series.includes(series) && fold(e.code) == key)
            .map(|e| e.kind)
    }
}

/// The type codes read in numbers of `series`, each once, longest first so that a regex
/// alternation built from them prefers `QĐi` to `QĐ` and `CTr` to `CT`.
pub fn type_codes(series: Series) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Kind::ALL
        .iter()
        .filter(|e| e.series.includes(series))
        .map(|e| e.code)
        .collect();
    codes.sort_by_key(|c| (std::cmp::Reverse(c.chars().count()), *c));
    codes.dedup();
    codes
}

/// The type codes of `series` as a regex alternation; `Đ` also matches the `D` people type
/// for it (`QD`, `DA`).
pub fn type_codes_pattern(series: Series) -> String {
    let codes: Vec<String> = type_codes(series)
        .into_iter()
        .map(|c| c.replace('Đ', "[ĐD]"))
        .collect();
    codes.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row() {
        for e in Kind::ALL {
            assert_eq!(Kind::ALL.iter().filter(|o| o.kind == e.kind).count(), 1);
        }
    }

    #[test]
    fn a_shared_code_reads_by_its_series() {
        assert_eq!(Kind::from_code("TT", Series::Party), Some(Kind::ThongTri));
        assert_eq!(Kind::from_code("TT", Series::State), Some(Kind::ThongTu));
        assert_eq!(Kind::from_code("ĐA", Series::State), None);
        assert_eq!(Kind::from_word("tt"), Some(Kind::ThongTri));
    }

    #[test]
    fn code_lists_come_longest_first_and_once() {
        let party = type_codes(Series::Party);
        let pos = |c| party.iter().position(|x| *x == c).unwrap();
        assert!(pos("QĐi") < pos("QĐ") && pos("CTr") < pos("CT") && pos("TTr") < pos("TT"));
        assert!(!party.contains(&"NĐ"));
        let state = type_codes(Series::State);
        assert_eq!(state.iter().filter(|c| **c == "TT").count(), 1);
        assert!(state.contains(&"CĐ") && !state.contains(&"ĐA"));
        assert!(type_codes_pattern(Series::Party).contains("[ĐD]A"));
    }
}
