//! Issuing bodies of Party and State documents, read from phrases like `của Ban Thường vụ
//! Tỉnh ủy` or `CỦA BAN CHẤP HÀNH ĐẢNG BỘ THÀNH PHỐ`, and resolved to the committee whose
//! numbering series a document belongs to.

use crate::text::{canonical_tones, fold};
use compact_str::CompactString;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::LazyLock;

/// The tier a body belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Bộ Chính trị, Ban Bí thư, Ban Chấp hành Trung ương: numbers ending in `/TW`.
    Central,
    /// A provincial Party committee (tỉnh ủy).
    Province,
    /// A city Party committee (thành ủy).
    City,
    /// A rural district Party committee (huyện ủy).
    District,
    /// An urban district Party committee (quận ủy).
    UrbanDistrict,
    /// A town Party committee (thị ủy).
    Town,
    /// A commune's Party committee (đảng ủy xã).
    Commune,
    /// A ward's Party committee (đảng ủy phường).
    Ward,
    /// A township's Party committee (đảng ủy thị trấn).
    Township,
    /// The Party committee of a bloc of agencies or enterprises (đảng ủy khối).
    Bloc,
    /// A national State body: Chính phủ, Thủ tướng, Quốc hội (an UBND has its local tier).
    State,
}

impl Level {
    /// The Vietnamese name users know the tier by.
    pub fn name(self) -> &'static str {
        match self {
            Level::Central => "trung ương",
            Level::Province => "tỉnh ủy",
            Level::City => "thành ủy",
            Level::District => "huyện ủy",
            Level::UrbanDistrict => "quận ủy",
            Level::Town => "thị ủy",
            Level::Commune => "đảng ủy xã",
            Level::Ward => "đảng ủy phường",
            Level::Township => "đảng ủy thị trấn",
            Level::Bloc => "đảng ủy khối",
            Level::State => "nhà nước",
        }
    }

    /// The issuer code the tier's Party documents carry (`16-NQ/TU`, `05-KH/HU`), with
    /// which a partial code cited in its documents (`17-ĐA`) is completed.
    pub fn party_code(self) -> &'static str {
        match self {
            Level::Central => "TW",
            Level::District => "HU",
            Level::UrbanDistrict => "QU",
            Level::Town => "ThU",
            Level::Commune | Level::Ward | Level::Township => "ĐU",
            Level::Bloc => "ĐUK",
            Level::Province | Level::City | Level::State => "TU",
        }
    }

    fn committee(self) -> &'static str {
        match self {
            Level::Province => "Tỉnh ủy",
            Level::City => "Thành ủy",
            Level::UrbanDistrict => "Quận ủy",
            Level::Town => "Thị ủy",
            Level::Commune => "Đảng ủy xã",
            Level::Ward => "Đảng ủy phường",
            Level::Township => "Đảng ủy thị trấn",
            Level::Bloc => "Đảng ủy Khối",
            _ => "Huyện ủy",
        }
    }

    /// The administrative unit's word (`tỉnh`, `thành phố`, `quận`), as People's Committees
    /// and Councils are named.
    fn unit(self) -> &'static str {
        match self {
            Level::Province => "tỉnh",
            Level::City => "thành phố",
            Level::UrbanDistrict => "quận",
            Level::Town => "thị xã",
            Level::Commune => "xã",
            Level::Ward => "phường",
            Level::Township => "thị trấn",
            _ => "huyện",
        }
    }

    fn from_word(word: &str) -> Level {
        match fold(word).as_str() {
            "tinh" => Level::Province,
            "thanh" | "thanh pho" => Level::City,
            "quan" => Level::UrbanDistrict,
            "thi" | "thi xa" => Level::Town,
            "xa" => Level::Commune,
            "phuong" => Level::Ward,
            "thi tran" => Level::Township,
            "khoi" => Level::Bloc,
            _ => Level::District,
        }
    }
}

/// Which organ of its tier issued the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// Ban Chấp hành (the full committee: Tỉnh ủy, Thành ủy).
    Committee,
    /// Ban Thường vụ.
    Standing,
    /// Thường trực.
    Permanent,
    /// Văn phòng (the committee's office).
    Office,
    /// Bộ Chính trị.
    Politburo,
    /// Ban Bí thư.
    Secretariat,
    /// Ban Chấp hành Trung ương.
    CentralCommittee,
    /// Ủy ban nhân dân.
    PeoplesCommittee,
    /// Hội đồng nhân dân.
    PeoplesCouncil,
    /// A board of the Central Committee (`Ban Tổ chức Trung ương`).
    CentralBoard(Board),
    /// Chính phủ.
    Government,
    /// Thủ tướng Chính phủ.
    PrimeMinister,
    /// Văn phòng Chính phủ.
    GovernmentOffice,
    /// Quốc hội.
    NationalAssembly,
}

/// An issuing body: organ, tier and place. Stored as this structure; shown to people as
/// its name (`Ban Thường vụ Tỉnh ủy Lào Cai`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Issuer {
    /// The organ (Ban Thường vụ, Bộ Chính trị...).
    pub body: Body,
    /// The tier (tỉnh ủy, thành ủy, trung ương...).
    pub level: Level,
    /// The province or city, when the tier is local.
    pub locality: Option<CompactString>,
}

/// An issuing-body phrase: one named group per organ, the tier word in it, and the place
/// after it.
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let committee = "Tỉnh|Thành|Huyện|Quận|Thị";
    let unit = "tỉnh|thành phố|huyện|quận|thị xã";
    let grassroots = "xã|phường|thị trấn|khối";
    let boards = BOARDS.map(|(_, name)| name).join("|");
    let alternatives = [
        "(?P<bct>Bộ Chính trị)".to_owned(),
        "(?P<bbt>Ban Bí thư)".to_owned(),
        format!("(?:Ban Chấp hành|BCH) Đảng bộ (?P<bch>{unit})"),
        format!(
            "(?:Ban Thường vụ|BTV) (?:(?P<btv>{committee}) ủy|Đảng ủy (?P<btvdu>{grassroots}))"
        ),
        format!("Thường trực (?:(?P<tt>{committee}) ủy|Đảng ủy (?P<ttdu>{grassroots}))"),
        format!("Văn phòng (?P<vp>{committee}) ủy"),
        format!("(?P<uy>{committee}) ủy"),
        format!("Đảng ủy (?P<du>{grassroots})"),
        format!("(?:UBND|Ủy ban nhân dân) (?P<ubnd>{unit}|{grassroots})"),
        format!("(?:HĐND|Hội đồng nhân dân) (?P<hdnd>{unit}|{grassroots})"),
        format!(
            "(?:Ban Chấp hành Trung ương(?: Đảng)? )?(?P<board>{boards})(?: Trung ương(?: Đảng)?|$)"
        ),
        "(?P<tw>Ban Chấp hành Trung ương(?: Đảng)?|BCH Trung ương)".to_owned(),
        "(?P<ttg>Thủ tướng Chính phủ)".to_owned(),
        "(?P<vpcp>Văn phòng Chính phủ)".to_owned(),
        "(?P<cp>Chính phủ)".to_owned(),
        "(?P<qh>Quốc hội)".to_owned(),
    ];
    let pattern = format!(
        r"^(?i:{})(?P<place>(?: \p{{Lu}}\p{{Ll}}*){{1,3}})?",
        alternatives.join("|")
    );
    Regex::new(&pattern).expect("issuer pattern is valid")
});

/// The boards of the Central Committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Board {
    /// Ban Tổ chức.
    Organisation,
    /// Ban Tuyên giáo và Dân vận (the two boards merged in 2025).
    PropagandaAndMobilisation,
    /// Ban Tuyên giáo.
    Propaganda,
    /// Ban Dân vận.
    Mobilisation,
    /// Ban Nội chính.
    InternalAffairs,
    /// Ban Kinh tế.
    Economy,
    /// Ban Đối ngoại.
    ExternalRelations,
    /// Ban Chính sách, chiến lược.
    Policy,
    /// Ủy ban Kiểm tra.
    Inspection,
    /// Văn phòng.
    Office,
}

/// Every board with its name as written: the one list the phrase pattern and the display
/// read.
const BOARDS: [(Board, &str); 10] = [
    (Board::Organisation, "Ban Tổ chức"),
    (
        Board::PropagandaAndMobilisation,
        "Ban Tuyên giáo và Dân vận",
    ),
    (Board::Propaganda, "Ban Tuyên giáo"),
    (Board::Mobilisation, "Ban Dân vận"),
    (Board::InternalAffairs, "Ban Nội chính"),
    (Board::Economy, "Ban Kinh tế"),
    (Board::ExternalRelations, "Ban Đối ngoại"),
    (Board::Policy, "Ban Chính sách, chiến lược"),
    (Board::Inspection, "Ủy ban Kiểm tra"),
    (Board::Office, "Văn phòng"),
];

impl Board {
    /// The board's name (`Ban Tổ chức`).
    pub fn name(self) -> &'static str {
        BOARDS
            .iter()
            .find(|(b, _)| *b == self)
            .map_or("", |(_, name)| name)
    }
}

/// Longest issuing-body phrase read, in bytes: enough for `Ban Chấp hành Đảng bộ thành phố`
/// and a three-word place, so reading at every word of a paragraph stays linear.
const PHRASE_BYTES: usize = 160;

/// The start of `text`, at most `bytes` long, cut at a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Capitalised words that start the next phrase, never a place name.
const NOT_PLACE: [&str; 16] = [
    "Quy", "Nghị", "Kết", "Chỉ", "Đề", "Kế", "Hướng", "Chương", "Thông", "Báo", "Công", "Tờ",
    "Ban", "Tại", "Về", "Đảng",
];

impl Issuer {
    /// Reads an issuing body at the start of `text` (what follows `của`), in any case and
    /// either tone style. Returns it with the number of bytes it covers.
    pub fn parse_phrase(text: &str) -> Option<(Issuer, usize)> {
        let canonical = canonical_tones(prefix(text, PHRASE_BYTES));
        let c = PHRASE.captures(&canonical)?;
        let (body, level) = Self::body_and_level(&c)?;
        let (place, place_len) = c
            .name("place")
            .map_or((None, 0), |m| place_words(m.as_str()));
        let end =
            c.get(0).map_or(0, |m| m.end()) - c.name("place").map_or(0, |m| m.len()) + place_len;
        let locality = match level {
            Level::Central | Level::Bloc => None,
            _ => place,
        };
        Some((
            Issuer {
                body,
                level,
                locality: locality.map(Into::into),
            },
            end,
        ))
    }

    fn body_and_level(c: &regex::Captures) -> Option<(Body, Level)> {
        let local = |name: &str| c.name(name).map(|m| Level::from_word(m.as_str()));
        let found = [
            ("tw", Body::CentralCommittee, Some(Level::Central)),
            ("bct", Body::Politburo, Some(Level::Central)),
            ("bbt", Body::Secretariat, Some(Level::Central)),
            ("bch", Body::Committee, local("bch")),
            ("btv", Body::Standing, local("btv")),
            ("btvdu", Body::Standing, local("btvdu")),
            ("tt", Body::Permanent, local("tt")),
            ("ttdu", Body::Permanent, local("ttdu")),
            ("vp", Body::Office, local("vp")),
            ("uy", Body::Committee, local("uy")),
            ("du", Body::Committee, local("du")),
            ("ubnd", Body::PeoplesCommittee, local("ubnd")),
            ("hdnd", Body::PeoplesCouncil, local("hdnd")),
            ("ttg", Body::PrimeMinister, Some(Level::State)),
            ("vpcp", Body::GovernmentOffice, Some(Level::State)),
            ("cp", Body::Government, Some(Level::State)),
            ("qh", Body::NationalAssembly, Some(Level::State)),
        ];
        if let Some(board) = c.name("board") {
            let key = fold(board.as_str());
            let (board, _) = BOARDS.iter().find(|(_, name)| fold(name) == key)?;
            return Some((Body::CentralBoard(*board), Level::Central));
        }
        found
            .into_iter()
            .find(|(name, ..)| c.name(name).is_some())
            .and_then(|(_, body, level)| Some((body, level?)))
    }

    /// The same body placed in `locality` when the phrase named none.
    pub fn located(mut self, locality: Option<&str>) -> Issuer {
        let local = !matches!(self.level, Level::Central)
            && !matches!(
                self.body,
                Body::Government
                    | Body::PrimeMinister
                    | Body::GovernmentOffice
                    | Body::NationalAssembly
            );
        if local && self.locality.is_none() {
            self.locality = locality.map(Into::into);
        }
        self
    }

    /// Whose numbering series the body's documents belong to: a committee's Ban Chấp hành,
    /// Ban Thường vụ and Thường trực number in one series; all central bodies in `/TW`.
    pub fn series_key(&self) -> String {
        let place = self.locality.as_deref().map(fold).unwrap_or_default();
        match (self.level, self.body) {
            (Level::Central, _) => "tw".to_owned(),
            (level, Body::PeoplesCommittee) => format!("ubnd:{}:{place}", fold(level.name())),
            (Level::State, body) => format!("{body:?}:{place}").to_lowercase(),
            (level, _) => format!("{}:{place}", fold(level.name())),
        }
    }
}

/// The place name at the start of ` Lào Cai Quy định...` (words after a space): the
/// capitalised words that can be a place, without the phrase that follows.
pub fn place_name(words: &str) -> Option<String> {
    place_words(words).0
}

/// Keeps the leading capitalised words that can be a place name; returns them and their
/// length in bytes (with the space before them).
fn place_words(words: &str) -> (Option<String>, usize) {
    let kept: Vec<&str> = words
        .split(' ')
        .skip(1)
        .take_while(|w| !NOT_PLACE.contains(w) && w.chars().skip(1).all(|c| !c.is_uppercase()))
        .collect();
    if kept.is_empty() {
        return (None, 0);
    }
    let place = kept.join(" ");
    let len = place.len() + 1;
    (Some(place), len)
}

impl fmt::Display for Issuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self
            .locality
            .as_deref()
            .filter(|_| self.level != Level::Bloc)
            .map(|p| format!(" {p}"))
            .unwrap_or_default();
        let unit = self.level.unit();
        match self.body {
            Body::Committee => write!(f, "{}{place}", self.level.committee()),
            Body::Standing => write!(f, "Ban Thường vụ {}{place}", self.level.committee()),
            Body::Permanent => write!(f, "Thường trực {}{place}", self.level.committee()),
            Body::Office => write!(f, "Văn phòng {}{place}", self.level.committee()),
            Body::Politburo => f.write_str("Bộ Chính trị"),
            Body::Secretariat => f.write_str("Ban Bí thư"),
            Body::CentralCommittee => f.write_str("Ban Chấp hành Trung ương"),
            Body::PeoplesCommittee => write!(f, "UBND {unit}{place}"),
            Body::PeoplesCouncil => write!(f, "HĐND {unit}{place}"),
            Body::CentralBoard(board) => write!(f, "{} Trung ương", board.name()),
            Body::Government => f.write_str("Chính phủ"),
            Body::PrimeMinister => f.write_str("Thủ tướng Chính phủ"),
            Body::GovernmentOffice => f.write_str("Văn phòng Chính phủ"),
            Body::NationalAssembly => f.write_str("Quốc hội"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (String, usize) {
        let (issuer, len) = Issuer::parse_phrase(text).expect(text);
        (issuer.to_string(), len)
    }

    #[test]
    fn party_bodies_are_read_with_their_place() {
        assert_eq!(read("Tỉnh ủy Lào Cai Quy định về").0, "Tỉnh ủy Lào Cai");
        assert_eq!(
            read("Tỉnh ủy Lào Cai Quy định về").1,
            "Tỉnh ủy Lào Cai".len()
        );
        assert_eq!(
            read("Ban Thường vụ Tỉnh ủy về tăng cường").0,
            "Ban Thường vụ Tỉnh ủy"
        );
        assert_eq!(
            read("Ban Chấp hành Đảng bộ tỉnh về phát triển").0,
            "Tỉnh ủy"
        );
        assert_eq!(
            read("Ban Chấp hành Đảng bộ thành phố khóa XXIII").0,
            "Thành ủy"
        );
        assert_eq!(read("Thành uỷ về").0, "Thành ủy");
    }

    #[test]
    fn central_and_state_bodies_are_read() {
        assert_eq!(read("Bộ Chính trị quy định").0, "Bộ Chính trị");
        assert_eq!(
            read("Ban Chấp hành Trung ương Đảng về").0,
            "Ban Chấp hành Trung ương"
        );
        assert_eq!(read("UBND tỉnh Lào Cai về việc").0, "UBND tỉnh Lào Cai");
        assert_eq!(read("Thủ tướng Chính phủ").0, "Thủ tướng Chính phủ");
        assert_eq!(read("BAN THƯỜNG VỤ TỈNH ỦY").0, "Ban Thường vụ Tỉnh ủy");
        assert_eq!(
            read("Hội đồng nhân dân thành phố Hà Nội").0,
            "HĐND thành phố Hà Nội"
        );
        assert_eq!(read("Ban Tổ chức Trung ương").0, "Ban Tổ chức Trung ương");
        assert_eq!(
            read("Ban Chấp Hành Trung Ương Ban Tuyên Giáo Và Dân Vận").0,
            "Ban Tuyên giáo và Dân vận Trung ương"
        );
    }

    /// Quận ủy and Thị ủy keep their names (they were once all read as Huyện ủy).
    #[test]
    fn district_committees_keep_their_names() {
        assert_eq!(read("Quận ủy Ba Đình").0, "Quận ủy Ba Đình");
        assert_eq!(read("Thị ủy Sa Pa").0, "Thị ủy Sa Pa");
        assert_eq!(read("UBND quận Ba Đình").0, "UBND quận Ba Đình");
        for text in [
            "Quận ủy Ba Đình",
            "HĐND tỉnh Lào Cai",
            "Ban Tổ chức Trung ương",
        ] {
            let issuer = Issuer::parse_phrase(text).unwrap().0;
            assert_eq!(
                Issuer::parse_phrase(&issuer.to_string()).unwrap().0,
                issuer,
                "round trip"
            );
        }
    }

    #[test]
    fn grassroots_committees_are_read() {
        assert_eq!(read("Đảng ủy xã Tây Giang về").0, "Đảng ủy xã Tây Giang");
        assert_eq!(
            read("Ban Thường vụ Đảng ủy phường Bến Thành").0,
            "Ban Thường vụ Đảng ủy phường Bến Thành"
        );
        assert_eq!(read("Đảng ủy khối Doanh nghiệp tỉnh").0, "Đảng ủy Khối");
        let commune = Issuer::parse_phrase("Đảng ủy xã Tam Anh").unwrap().0;
        assert_eq!(
            (commune.level, commune.level.party_code()),
            (Level::Commune, "ĐU")
        );
    }

    #[test]
    fn an_issuer_is_stored_as_structure() {
        let issuer = Issuer::parse_phrase("Ban Tổ chức Trung ương").unwrap().0;
        let json = serde_json::to_string(&issuer).unwrap();
        assert!(json.contains("\"organisation\""), "{json}");
        assert_eq!(serde_json::from_str::<Issuer>(&json).unwrap(), issuer);
    }

    #[test]
    fn standing_committee_and_committee_share_a_series() {
        let btv = Issuer::parse_phrase("Ban Thường vụ Tỉnh ủy")
            .unwrap()
            .0
            .located(Some("Đồng Nai"));
        let bch = Issuer::parse_phrase("Tỉnh ủy Đồng Nai").unwrap().0;
        assert_eq!(btv.series_key(), bch.series_key());
        let city = Issuer::parse_phrase("Thành ủy")
            .unwrap()
            .0
            .located(Some("Đồng Nai"));
        assert_ne!(city.series_key(), bch.series_key());
    }
}
