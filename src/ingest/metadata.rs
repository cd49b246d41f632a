//! Reads what a document says about itself: kind, title, issuing body, locality, date,
//! number. Nothing is guessed: a field the text does not state stays empty.

use super::backmatter::BackMatter;
use super::document::{DateBasis, DropReason, Dropped, Metadata};
use super::layout::Layout;
use super::lines::Line;
use super::noise;
use super::structure::{Placed, read_marker};
use crate::text::canonical_tones;
use crate::vocabulary::{
    Date, DocCode, Issuer, Kind, NUMERIC_DATE, WORDED_DATE, YEAR_PATTERN, issuer::Level,
};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The title block at the top of a document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// `NGHỊ QUYẾT`, `KẾT LUẬN`...
    pub kind: Option<Kind>,
    /// `CỦA BAN THƯỜNG VỤ TỈNH ỦY`, or the issuing body printed at the top left.
    pub issuer: Option<Issuer>,
    /// The issuing body as the header prints it (`ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP`).
    pub issuing_body: Option<String>,
    /// `về ...`, an upper-case subject under the kind, or a news headline.
    pub title: Option<String>,
    /// `Số 25-NQ/TU`.
    pub number: Option<DocCode>,
    /// `Lào Cai, ngày 10 tháng 12 năm 2022`.
    pub date: Option<Date>,
    /// The place before the date (`Lào Cai`).
    pub place: Option<String>,
    /// Header lines that are not content (the motto).
    pub dropped: Vec<Dropped>,
    /// Every other header line as printed.
    pub lines: Vec<String>,
    /// The title is a web page's headline: the page is not itself an official document, and
    /// a `Nghị định này...` it quotes does not name its kind.
    pub headline: bool,
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:số)\s*:?\s*(\S+)").expect("valid pattern"));
static NUMBER_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:số)\s*:?$").expect("valid pattern"));
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|([^,]{{2,40}}),\s*){WORDED_DATE}")).expect("valid pattern")
});
/// A place-and-date line or a piece of one wrapped over lines: `Lào Cai, ngày 10 tháng 12
/// năm 2022`, `Hà Nội, ngày 01` / `tháng 12 năm 2025`, `Thành phố Hồ Chí` / `Minh, ngày…`,
/// `Lào Cai, ngày 10/12/2022`. A sentence that goes on after its date (`…, ngày 11/12/2020
/// của Tỉnh ủy`) is body text.
static DATE_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|, )ngày(?:\s+\d{{1,2}}(?:\s+tháng|\s*$)|\s*$|\s+{NUMERIC_DATE}\s*$)|^(?:(?:ngày\s+)?\d{{1,2}}\s+)?tháng\s+\d{{1,2}}\s+năm\s+{YEAR_PATTERN}|^\p{{Lu}}[\p{{L}} .]{{1,40}},$"
    ))
    .expect("valid pattern")
});
static SELF_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("({}) này", Kind::names_pattern())).expect("valid pattern")
});
static MEETING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:hội nghị|phiên họp|kỳ họp|cuộc họp)[^.;]{{0,80}}?ngày\s+{NUMERIC_DATE}"
    ))
    .expect("valid pattern")
});
static MEETING_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tại\s+)?(?:hội nghị|phiên họp|kỳ họp)").expect("valid pattern")
});
static ANY_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"ngày\s+{NUMERIC_DATE}")).expect("valid pattern"));
static TITLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("năm ({YEAR_PATTERN})")).expect("valid pattern"));
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(thành phố|tỉnh|Tỉnh ủy|Thành ủy)((?: \p{Lu}\p{Ll}*){1,3})")
        .expect("valid pattern")
});

/// Most lines a header block spans: issuing body, motto, number, place and date, kind and
/// a subject wrapped over several lines.
const MAX_HEADER_LINES: usize = 24;
/// Longest first line of a scraped page that is its headline: two lines of a news site's
/// title; a longer one, or one that ends a sentence, is the article's first paragraph.
const MAX_HEADLINE: usize = 200;
/// Paragraphs at the start of a body where the meeting that adopted it is named
/// (`Tại Hội nghị lần thứ 10, ngày 11/5/2026…` stands in the first two or three).
const OPENING_PARAGRAPHS: usize = 3;
/// Paragraphs at the end of a body where a document names its own kind (`Nghị quyết này
/// được phổ biến…` stands before the signature, after at most a few closing clauses).
const CLOSING_PARAGRAPHS: usize = 5;
/// Longest line that can be an upper-case header line (issuing body, kind, subject).
const MAX_HEADER_LINE: usize = 160;
/// Longest `Số ...` line: a number and nothing else.
const MAX_NUMBER_LINE: usize = 40;
/// Longest place name, which may wrap before its date (`Thành phố Hồ Chí` / `Minh, ngày 21`).
const MAX_PLACE: usize = 40;
/// Longest place-and-date line (`Thành phố Hồ Chí Minh, ngày 20 tháng 11 năm 2025`).
const MAX_DATE_LINE: usize = 80;

/// What a header line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Kind(Kind),
    Number,
    /// A place and date, or a piece of one wrapped over two lines.
    Date,
    /// `CỦA BAN THƯỜNG VỤ TỈNH ỦY`: the issuing body under the kind.
    Of,
    /// `về ...`, `V/v ...`: the subject.
    Subject,
    /// Upper-case words: the issuing body before the kind, the subject after it.
    Upper,
    /// A lone `*` or `-` under the issuing body.
    Ornament,
}

/// Takes the title block off the top of the body. A page that opens with a Markdown heading
/// (`# Đồng Nai dự kiến khởi công...`) has that headline as its title and no official header.
pub fn take_header(mut lines: Vec<Line>, layout: Layout) -> (Header, Vec<Line>) {
    let mut header = Header::default();
    let headline = |l: &Line| l.hashes && part_of(&canonical_tones(&l.text)).is_none();
    if lines.first().is_some_and(headline) {
        header.title = Some(lines.remove(0).text);
        header.headline = true;
        return (header, lines);
    }
    if layout == Layout::Web {
        let first = &lines[0].text;
        if lines.len() > 1 && first.chars().count() <= MAX_HEADLINE && !first.ends_with('.') {
            header.kind = Some(Kind::TinTuc);
            header.title = Some(lines.remove(0).text);
        }
        return (header, lines);
    }
    let parts = header_parts(&lines);
    let body = lines.split_off(parts.len());
    read_parts(&lines, &parts, &mut header);
    (header, body)
}

/// What each of the leading header lines is; the body starts after the last.
fn header_parts(lines: &[Line]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(MAX_HEADER_LINES) {
        let text = canonical_tones(&line.text);
        let place_wraps = text.chars().count() <= MAX_PLACE
            && text.starts_with(char::is_uppercase)
            && lines
                .get(i + 1)
                .is_some_and(|next| next.text.contains(", ngày"));
        let kind_seen = parts.iter().any(|p| matches!(p, Part::Kind(_)));
        let subject_open = !line.gap_before || !parts.contains(&Part::Subject);
        let continues_subject = matches!(parts.last(), Some(Part::Subject))
            && !line.gap_before
            && text.starts_with(char::is_lowercase);
        let part = match part_of(&text) {
            _ if continues_subject => Some(Part::Subject),
            None if place_wraps => Some(Part::Date),
            Some(Part::Upper) if read_marker(&text).is_some() => None,
            Some(Part::Upper) if kind_seen && subject_open => Some(Part::Subject),
            Some(Part::Upper) if kind_seen => None,
            Some(Part::Ornament) if kind_seen => None,
            part => part,
        };
        match part {
            Some(part) => parts.push(part),
            None => break,
        }
    }
    parts
}

/// What a header line can be, read from its words alone.
fn part_of(text: &str) -> Option<Part> {
    let upper = !text.chars().any(char::is_lowercase) && text.chars().any(char::is_alphabetic);
    let len = text.chars().count();
    if let Some(kind) = Kind::from_word(text).filter(|_| upper) {
        Some(Part::Kind(kind))
    } else if len < MAX_NUMBER_LINE
        && (number_of(text).is_some()
            || NUMBER_LABEL.is_match(text)
            || DocCode::parse(text).is_some())
    {
        Some(Part::Number)
    } else if text.starts_with("CỦA ") || text.starts_with("của ") {
        Some(Part::Of)
    } else if DATE_PIECE.is_match(text) && len < MAX_DATE_LINE {
        Some(Part::Date)
    } else if text.starts_with("về ") || text.starts_with("Về ") || text.starts_with("V/v") {
        Some(Part::Subject)
    } else if upper && len <= MAX_HEADER_LINE {
        Some(Part::Upper)
    } else if matches!(text, "*" | "-" | "***") {
        Some(Part::Ornament)
    } else {
        None
    }
}

/// Reads the header lines into `header`.
fn read_parts(lines: &[Line], parts: &[Part], header: &mut Header) {
    let text = |i: usize| canonical_tones(&lines[i].text);
    let joined = |want: &dyn Fn(Part) -> bool| {
        let words: Vec<String> = (0..parts.len())
            .filter(|&i| want(parts[i]))
            .map(text)
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    };
    let kind_at = parts.iter().position(|p| matches!(p, Part::Kind(_)));
    let mut body = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Kind(kind) => header.kind = header.kind.or(Some(*kind)),
            Part::Upper if noise::is_motto_piece(&lines[i].text) => {
                header.dropped.push(Dropped {
                    line: lines[i].text.clone(),
                    reason: DropReason::Motto,
                });
                continue;
            }
            Part::Upper if kind_at.is_none_or(|k| i < k) => body.push(text(i)),
            _ => {}
        }
        header.lines.push(lines[i].text.clone());
    }
    if let Some(dateline) = joined(&|p| p == Part::Date) {
        (header.place, header.date) = place_and_date(&dateline);
    }
    header.number =
        joined(&|p| p == Part::Number).and_then(|n| number_of(&n).or_else(|| DocCode::parse(&n)));
    let body = body.join(" ");
    header.issuer = last_body_named(&title_case(&body));
    header.issuing_body = (!body.is_empty()).then_some(body);
    header.title = joined(&|p| p == Part::Subject);
    let of = joined(&|p| p == Part::Of);
    if let Some(issuer) = of.and_then(|t| {
        Issuer::parse_phrase(t[t.find(' ').unwrap_or(0)..].trim_start()).map(|(i, _)| i)
    }) {
        header.issuer = Some(issuer);
    }
}

/// The place and the date of a place-and-date line (`Đồng Tháp, ngày 01 tháng 12 năm 2025`).
fn place_and_date(dateline: &str) -> (Option<String>, Option<Date>) {
    let Some(c) = PLACE_DATE.captures(dateline) else {
        return (None, None);
    };
    let place = c.get(1).map(|m| m.as_str().trim().to_owned());
    let date = Date::from_groups(&c, 2);
    (place.filter(|p| !p.is_empty()), date)
}

/// The document number a `Số: 25-NQ/TU` line states.
fn number_of(text: &str) -> Option<DocCode> {
    let c = NUMBER.captures(text)?;
    DocCode::parse(c[1].trim_end_matches([',', '.']))
}

/// `ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP` as `Ủy Ban Nhân Dân Tỉnh Đồng Tháp`, so that the
/// issuing-body reader, which wants capitalised place names, can read it.
fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The issuing body a header names: the one that ends last, and of those the longest. A
/// header names the parent body first (`ĐẢNG BỘ TỈNH LÀO CAI` / `THÀNH ỦY LÀO CAI`), and
/// `Văn phòng Chính phủ` must not be read as `Chính phủ`.
fn last_body_named(text: &str) -> Option<Issuer> {
    text.char_indices()
        .filter(|&(i, _)| i == 0 || text[..i].ends_with(' '))
        .filter_map(|(i, _)| {
            Issuer::parse_phrase(&text[i..]).map(|(issuer, len)| (i, i + len, issuer))
        })
        .max_by_key(|&(start, end, _)| (end, std::cmp::Reverse(start)))
        .map(|(.., issuer)| issuer)
}

/// Everything the document states about itself.
pub fn extract(header: Header, paragraphs: &[Placed], back: &BackMatter) -> Metadata {
    let body: String = paragraphs
        .iter()
        .map(|p| canonical_tones(&p.text))
        .collect::<Vec<_>>()
        .join("\n");
    let official = header.kind.is_some_and(|k| k != Kind::TinTuc);
    let meeting_news = header.kind == Some(Kind::TinTuc)
        && header
            .title
            .as_deref()
            .is_some_and(|t| MEETING_OF.is_match(t));
    let issuer = header
        .issuer
        .clone()
        .or_else(|| signing_body(back))
        .or_else(|| adopting_body(paragraphs).filter(|_| official))
        .or_else(|| {
            let title = header.title.as_deref().filter(|_| meeting_news)?;
            first_body_named(title)
        });
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
        kind: header
            .kind
            .or_else(|| self_named_kind(paragraphs).filter(|_| !header.headline)),
        date_basis: date_basis.or(year.map(|_| DateBasis::Title)),
        title: header.title,
        issuer,
        issuing_body: header.issuing_body,
        place: header.place,
        header: header.lines,
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

/// The body whose meeting adopted an official document, named in its opening sentence
/// (`Hội nghị Ban Chấp hành Đảng bộ thành phố lần thứ 25 ...`).
fn adopting_body(paragraphs: &[Placed]) -> Option<Issuer> {
    let opening = &paragraphs.first()?.text;
    MEETING_OF
        .is_match(opening)
        .then(|| first_body_named(opening))?
}

/// The first issuing body named in a sentence: for a news report of a meeting
/// (`Hội nghị Ban Chấp hành Đảng bộ thành phố lần thứ 25`), the body that met.
fn first_body_named(text: &str) -> Option<Issuer> {
    text.char_indices()
        .filter(|&(i, _)| i == 0 || text[..i].ends_with(' '))
        .find_map(|(i, _)| Issuer::parse_phrase(&text[i..]))
        .map(|(issuer, _)| issuer)
}

/// The city and the province the text names most often.
fn localities(body: &str, level: Option<Level>) -> (Option<String>, Option<String>) {
    let mut cities: HashMap<String, usize> = HashMap::new();
    let mut provinces: HashMap<String, usize> = HashMap::new();
    for c in PLACE.captures_iter(body) {
        let Some(place) = crate::vocabulary::issuer::place_name(&c[2]) else {
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
        .take(OPENING_PARAGRAPHS)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if header.kind == Some(Kind::TinTuc) {
        let first = paragraphs.first().map_or("", |p| p.text.as_str());
        if let Some(date) = ANY_DATE
            .captures(first)
            .and_then(|c| Date::from_groups(&c, 1))
        {
            return (Some(date), Some(DateBasis::Event));
        }
    }
    match MEETING_DATE
        .captures(&opening)
        .and_then(|c| Date::from_groups(&c, 1))
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
        .take(CLOSING_PARAGRAPHS)
        .find_map(|p| SELF_KIND.captures(&p.text))
        .and_then(|c| Kind::from_word(&c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_that_goes_on_after_its_date_is_no_header_date() {
        assert!(DATE_PIECE.is_match("Lào Cai, ngày 10 tháng 12 năm 2022"));
        assert!(DATE_PIECE.is_match("Hà Nội, ngày 01"));
        assert!(
            !DATE_PIECE
                .is_match("Thực hiện Đề án số 17-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy Lào Cai.")
        );
    }

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

    /// Bộ Chính trị, Kết luận 221-KL/TW (development corpus `265ff514762b4c47.md`) and UBND
    /// Thành phố Hồ Chí Minh, Quyết định 2853/QĐ-UBND (`437c3beb60ae2874.md`).
    #[test]
    fn the_issuer_under_the_kind_and_a_wrapped_place_are_read() {
        let doc = lines(&[
            ("BAN CHẤP HÀNH TRUNG ƯƠNG", false),
            ("Số 221-KL/TW", false),
            ("KẾT LUẬN", true),
            ("CỦA BỘ CHÍNH TRỊ,", false),
            ("VỀ TÌNH HÌNH HOẠT ĐỘNG", false),
            ("Nội dung.", true),
        ]);
        let (header, _) = take_header(doc, Layout::Markdown);
        assert_eq!(header.issuer.unwrap().to_string(), "Bộ Chính trị");
        let doc = lines(&[
            ("Số: 2853/QĐ-UBND", false),
            ("Thành phố Hồ Chí", false),
            ("Minh, ngày 21 tháng 11 năm 2025", false),
            ("Lào Cai, ngày 10/12/2022", false),
            ("QUYẾT ĐỊNH", true),
            ("Nội dung.", true),
        ]);
        let (header, _) = take_header(doc, Layout::Markdown);
        assert_eq!(header.place.as_deref(), Some("Thành phố Hồ Chí Minh"));
        assert_eq!(header.date.unwrap().to_string(), "2025-11-21");
        assert_eq!(header.kind, Some(Kind::QuyetDinh));
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
