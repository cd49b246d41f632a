//! Reads what a document says about itself: kind, title, issuing body, locality, date,
//! number. Nothing is guessed: a field the text does not state stays empty.

use super::backmatter::BackMatter;
use super::document::{DateBasis, Kind, Metadata};
use super::layout::Layout;
use super::lines::Line;
use super::structure::Placed;
use crate::codes::DocCode;
use crate::date::Date;
use crate::issuer::{Issuer, Level};
use crate::text::canonical_tones;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The title block at the top of a document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// `NGHỊ QUYẾT`, `KẾT LUẬN`...
    pub kind: Option<Kind>,
    /// `CỦA BAN THƯỜNG VỤ TỈNH ỦY`.
    pub issuer: Option<Issuer>,
    /// `về ...`, or a news headline.
    pub title: Option<String>,
    /// `Số 25-NQ/TU`.
    pub number: Option<DocCode>,
    /// `Lào Cai, ngày 10 tháng 12 năm 2022`.
    pub date: Option<Date>,
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:số)\s*:?\s*(\S+)").expect("valid pattern"));
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})").expect("valid pattern")
});
static SELF_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("({}) này", Kind::names_pattern())).expect("valid pattern")
});
static MEETING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:hội nghị|phiên họp|kỳ họp|cuộc họp)[^.;]{0,80}?ngày\s+(\d{1,2}/\d{1,2}/\d{4})",
    )
    .expect("valid pattern")
});
static ANY_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ngày\s+(\d{1,2}/\d{1,2}/\d{4})").expect("valid pattern"));
static TITLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"năm (\d{4})").expect("valid pattern"));
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(thành phố|tỉnh|Tỉnh ủy|Thành ủy)((?: \p{Lu}\p{Ll}*){1,3})")
        .expect("valid pattern")
});

/// Takes the title block off the top of the body.
pub fn take_header(mut lines: Vec<Line>, layout: Layout) -> (Header, Vec<Line>) {
    let mut header = Header::default();
    if layout == Layout::Web {
        if lines.len() > 1 && lines[0].text.chars().count() <= 200 && !lines[0].text.ends_with('.')
        {
            header.kind = Some(Kind::TinTuc);
            header.title = Some(lines.remove(0).text);
        }
        return (header, lines);
    }
    let mut i = 0;
    while i < lines.len() && i < 16 && read_header_line(&lines, &mut i, &mut header) {}
    (header, lines.split_off(i))
}

/// Reads the header line at `*i` into `header`; false when the body begins there.
fn read_header_line(lines: &[Line], i: &mut usize, header: &mut Header) -> bool {
    let text = canonical_tones(&lines[*i].text);
    let upper = !text.chars().any(char::is_lowercase);
    if let Some(kind) = Kind::from_word(&text).filter(|_| upper) {
        header.kind = Some(kind);
    } else if let Some(rest) = text
        .strip_prefix("CỦA ")
        .or_else(|| text.strip_prefix("của "))
    {
        header.issuer = Issuer::parse_phrase(rest).map(|(issuer, _)| issuer);
    } else if text.starts_with("về ") || text.starts_with("Về ") && header.kind.is_some() {
        let mut title = vec![lines[*i].text.clone()];
        while lines.get(*i + 1).is_some_and(|l| !l.gap_before) {
            *i += 1;
            title.push(lines[*i].text.clone());
        }
        header.title = Some(title.join(" "));
    } else if let Some(number) = NUMBER
        .captures(&text)
        .filter(|_| text.chars().count() < 40)
        .and_then(|c| DocCode::parse(c[1].trim_end_matches([',', '.'])))
    {
        header.number = Some(number);
    } else if let Some(c) = PLACE_DATE
        .captures(&text)
        .filter(|_| text.chars().count() < 80)
    {
        header.date = Date::new(
            c[3].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[1].parse().unwrap_or(0),
        );
    } else if !(upper && text.chars().count() <= 80) {
        return false;
    }
    *i += 1;
    true
}

/// Everything the document states about itself.
pub fn extract(header: Header, paragraphs: &[Placed], back: &BackMatter) -> Metadata {
    let body: String = paragraphs
        .iter()
        .map(|p| canonical_tones(&p.text))
        .collect::<Vec<_>>()
        .join("\n");
    let issuer = header
        .issuer
        .clone()
        .or_else(|| signing_body(back))
        .or_else(|| header.title.as_deref().and_then(first_body_named))
        .or_else(|| paragraphs.first().and_then(|p| first_body_named(&p.text)))
        .or_else(|| most_named_committee(&body));
    let (locality, province) = localities(&body, issuer.as_ref().map(|i| i.level));
    let issuer = issuer.map(|i| {
        let place = if i.level == Level::Province {
            province.as_deref()
        } else {
            locality.as_deref()
        };
        i.located(place)
    });
    let (date, date_basis) = dated(&header, paragraphs);
    let year = date
        .map(Date::year)
        .or_else(|| title_year(header.title.as_deref()));
    Metadata {
        kind: header.kind.or_else(|| self_named_kind(paragraphs)),
        date_basis: date_basis.or(year.map(|_| DateBasis::Title)),
        title: header.title,
        issuer,
        locality,
        province,
        date,
        year,
        number: header.number,
        signer: back.signer.clone(),
        author: back.author.clone(),
    }
}

fn signing_body(back: &BackMatter) -> Option<Issuer> {
    let capacity = back.signer.as_ref()?.capacity.as_deref()?;
    let body = capacity
        .split_once(['/', '.'])
        .map_or(capacity, |(_, rest)| rest);
    let body = body.trim_start_matches(['M', 'L', '/', ' ', '.']);
    Issuer::parse_phrase(body.trim()).map(|(issuer, _)| issuer)
}

/// The first issuing body named in a headline or sentence
/// (`Hội nghị Ban Chấp hành Đảng bộ thành phố lần thứ 25`).
fn first_body_named(text: &str) -> Option<Issuer> {
    text.char_indices()
        .filter(|&(i, _)| i == 0 || text[..i].ends_with(' '))
        .find_map(|(i, _)| Issuer::parse_phrase(&text[i..]))
        .map(|(issuer, _)| issuer)
}

fn most_named_committee(body: &str) -> Option<Issuer> {
    let province = body.matches("Tỉnh ủy").count();
    let city = body.matches("Thành ủy").count();
    let phrase = match (province, city) {
        (0, 0) => return None,
        (p, c) if c > p => "Thành ủy",
        _ => "Tỉnh ủy",
    };
    Issuer::parse_phrase(phrase).map(|(issuer, _)| issuer)
}

/// The city and the province the text names most often.
fn localities(body: &str, level: Option<Level>) -> (Option<String>, Option<String>) {
    let mut cities: HashMap<String, usize> = HashMap::new();
    let mut provinces: HashMap<String, usize> = HashMap::new();
    for c in PLACE.captures_iter(body) {
        let Some(place) = crate::issuer::place_name(&c[2]) else {
            continue;
        };
        let province = matches!(&c[1], "tỉnh" | "Tỉnh ủy");
        let counts = if province {
            &mut provinces
        } else {
            &mut cities
        };
        *counts.entry(place).or_default() += 1;
    }
    let top = |counts: HashMap<String, usize>| {
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(p, _)| p)
    };
    let (city, province) = (top(cities), top(provinces));
    match level {
        Some(Level::Province) => (province.clone(), province),
        Some(Level::City) | None => (city.or(province.clone()), province),
        _ => (city, province),
    }
}

fn dated(header: &Header, paragraphs: &[Placed]) -> (Option<Date>, Option<DateBasis>) {
    if header.date.is_some() {
        return (header.date, Some(DateBasis::Printed));
    }
    let opening: String = paragraphs
        .iter()
        .take(3)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if header.kind == Some(Kind::TinTuc) {
        let first = paragraphs.first().map_or("", |p| p.text.as_str());
        if let Some(date) = ANY_DATE
            .captures(first)
            .and_then(|c| Date::parse_dmy(&c[1]))
        {
            return (Some(date), Some(DateBasis::Event));
        }
    }
    match MEETING_DATE
        .captures(&opening)
        .and_then(|c| Date::parse_dmy(&c[1]))
    {
        Some(date) => (Some(date), Some(DateBasis::Meeting)),
        None => (None, None),
    }
}

fn title_year(title: Option<&str>) -> Option<i32> {
    TITLE_YEAR
        .captures_iter(title?)
        .last()
        .and_then(|c| c[1].parse().ok())
}

/// `Nghị quyết này được phổ biến...`: the document names its own kind near its end.
fn self_named_kind(paragraphs: &[Placed]) -> Option<Kind> {
    paragraphs
        .iter()
        .rev()
        .take(5)
        .find_map(|p| SELF_KIND.captures(&p.text))
        .and_then(|c| Kind::from_word(&c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[(&str, bool)]) -> Vec<Line> {
        texts
            .iter()
            .map(|(t, gap)| Line {
                text: (*t).into(),
                gap_before: *gap,
                ..Line::default()
            })
            .collect()
    }

    #[test]
    fn the_title_block_gives_kind_issuer_title_and_number() {
        let doc = lines(&[
            ("NGHỊ QUYẾT", false),
            ("Số 25-NQ/TU", true),
            ("CỦA BAN CHẤP HÀNH ĐẢNG BỘ THÀNH PHỐ", true),
            ("về một số chỉ tiêu, nhiệm vụ,", true),
            ("quốc phòng - an ninh năm 2023", false),
            ("Năm 2023 là năm giữa nhiệm kỳ.", true),
        ]);
        let (header, body) = take_header(doc, Layout::Markdown);
        assert_eq!(header.kind, Some(Kind::NghiQuyet));
        assert_eq!(header.number.unwrap().canonical(), "25-NQ/TU");
        assert_eq!(header.issuer.unwrap().to_string(), "Thành ủy");
        assert_eq!(
            header.title.as_deref(),
            Some("về một số chỉ tiêu, nhiệm vụ, quốc phòng - an ninh năm 2023")
        );
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn a_meeting_date_is_the_date_when_none_is_printed() {
        let p = Placed { section: String::new(), text: "Tại Hội nghị thường kỳ lần thứ 10, ngày 11/5/2026, sau khi xem xét Báo cáo số 50-BC/VPTU ngày 10/5/2026".into(), role: super::super::document::Role::Body, row: None };
        let (date, basis) = dated(&Header::default(), &[p]);
        assert_eq!(date.unwrap().to_string(), "2026-05-11");
        assert_eq!(basis, Some(DateBasis::Meeting));
    }

    #[test]
    fn the_most_named_city_and_province_are_the_locality() {
        let body = "thành phố Long Khánh, thành phố Long Khánh, thành phố Biên Hòa, tỉnh Đồng Nai";
        let (city, province) = localities(body, Some(Level::City));
        assert_eq!(
            (city.as_deref(), province.as_deref()),
            (Some("Long Khánh"), Some("Đồng Nai"))
        );
    }
}
