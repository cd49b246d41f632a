//! Reads the numbering of headings and items (`I.`, `II/`, `1.`, `1-`, `1.2.`, `(1)`, `- `)
//! and gives every paragraph its section path.

use super::block::Block;
use super::document::{Role, TableRow};
use regex::Regex;
use std::sync::LazyLock;

/// The numbering that opens a heading or an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `Phần I`, `PHẦN THỨ HAI`: a part of a legal text.
    Part(String),
    /// `Chương II`: a chapter.
    Chapter(String),
    /// `Mục 1`: a section of a chapter.
    Section(String),
    /// `Điều 5.`: an article.
    Article(String),
    /// `I.`, `II/`: a part.
    Roman(String),
    /// `1.`, `1-`: a section, or a clause (khoản) inside an article.
    Number(String),
    /// `1.2.`: a subsection; the depth is the count of numbers.
    Sub(String, usize),
    /// `a)`, `đ)`: a point (điểm).
    Letter(String),
    /// `(1)`: an item.
    Paren(String),
    /// `- `: a bullet, which is not a section.
    Bullet,
}

impl Marker {
    /// How deep the marker sits in the outline; unnumbered headings sit below all numbered
    /// ones. Steps of ten leave room for the depths of `1.2.3.`.
    fn level(&self) -> usize {
        match self {
            Marker::Part(_) => 10,
            Marker::Chapter(_) => 20,
            Marker::Section(_) => 30,
            Marker::Article(_) => 40,
            Marker::Roman(_) => 50,
            Marker::Number(_) => 60,
            Marker::Sub(_, depth) => 50 + 10 * depth.min(&4),
            Marker::Letter(_) => 100,
            Marker::Paren(_) => 105,
            Marker::Bullet => 120,
        }
    }

    fn label(&self) -> &str {
        match self {
            Marker::Part(s)
            | Marker::Chapter(s)
            | Marker::Section(s)
            | Marker::Article(s)
            | Marker::Roman(s)
            | Marker::Number(s)
            | Marker::Sub(s, _)
            | Marker::Letter(s)
            | Marker::Paren(s) => s,
            Marker::Bullet => "",
        }
    }

    /// Whether a short unfinished line opened by this marker is a heading.
    pub fn numbers_a_heading(&self) -> bool {
        !matches!(self, Marker::Letter(_) | Marker::Paren(_) | Marker::Bullet)
    }
}

/// Outline level of a heading without numbering (a bold line, a `##` line).
const UNNUMBERED: usize = 110;

// Each pattern matches the marker alone (group 1) and what must follow it; the text after is
// taken by [`split_marker`], so that a long paragraph is never scanned to its end.
static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:Phần|PHẦN)\s+(?:(?i:thứ)\s+\p{L}+|[IVXL]+|\d{1,2}))(?:[.:]|\s|$)")
        .expect("valid pattern")
});
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:Chương|CHƯƠNG)\s+(?:[IVXL]+|\d{1,2}))(?:[.:]|\s|$)").expect("valid pattern")
});
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:Mục|MỤC)\s+\d{1,2})(?:[.:]|\s|$)").expect("valid pattern"));
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:Điều|ĐIỀU)\s+\d{1,3}[a-z]?[.:])").expect("valid pattern"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)[./])\s").expect("valid pattern")
});
static SUB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2})+\.?)\s").expect("valid pattern"));
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}[.\-/])\s+\p{Lu}").expect("valid pattern"));
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ]\))\s").expect("valid pattern"));
static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\(\d{1,2}\))").expect("valid pattern"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([-+•])\s").expect("valid pattern"));

/// Any of the patterns above, in one: most lines open with no marker, and [`read_marker`],
/// called several times a line, tells them with one search instead of ten.
static ANY_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    let each = [
        &PART, &CHAPTER, &SECTION, &ARTICLE, &ROMAN, &SUB, &NUMBER, &LETTER, &PAREN, &BULLET,
    ];
    let any: Vec<String> = each.iter().map(|p| format!("(?:{})", p.as_str())).collect();
    Regex::new(&any.join("|")).expect("valid pattern")
});

/// The marker `pattern` finds opening a one-line `text` (its group 1), and the text after
/// it without leading spaces, which must not be empty.
pub(super) fn split_marker<'t>(pattern: &Regex, text: &'t str) -> Option<(&'t str, &'t str)> {
    let marker = opening(pattern, text)?;
    let rest = text[marker.end()..].trim_start();
    (!rest.is_empty() && !rest.contains('\n')).then_some((marker.as_str(), rest))
}

/// The marker `pattern` finds opening `text`: its group 1. Most lines open with no marker,
/// and a line is tried against one pattern after another: the match is tested first,
/// without the capture slots `captures` allocates, which took a sixth of reading the real
/// corpus.
fn opening<'t>(pattern: &Regex, text: &'t str) -> Option<regex::Match<'t>> {
    if !pattern.is_match(text) {
        return None;
    }
    pattern.captures(text)?.get(1)
}

/// A legal division (`Chương I`, `Điều 5.`) opening `text`: unlike list numbering it may
/// stand alone on its line, its title on the next.
fn legal_marker(text: &str) -> Option<(Marker, &str)> {
    type Make = fn(String) -> Marker;
    let patterns: [(&Regex, Make); 4] = [
        (&PART, Marker::Part),
        (&CHAPTER, Marker::Chapter),
        (&SECTION, Marker::Section),
        (&ARTICLE, Marker::Article),
    ];
    patterns.into_iter().find_map(|(pattern, make)| {
        let marker = opening(pattern, text)?;
        let rest = text[marker.end()..].trim_start_matches(['.', ':', ' ']);
        Some((make(marker.as_str().to_owned()), rest))
    })
}

/// The marker opening `text`, if any, and the text after it.
pub fn read_marker(text: &str) -> Option<(Marker, &str)> {
    if !ANY_MARKER.is_match(text) {
        return None;
    }
    if let Some(found) = legal_marker(text) {
        return Some(found);
    }
    if let Some((roman, rest)) = split_marker(&ROMAN, text) {
        return Some((Marker::Roman(roman.to_owned()), rest));
    }
    if let Some((sub, rest)) = split_marker(&SUB, text) {
        let depth = sub.split('.').filter(|p| !p.is_empty()).count();
        return Some((Marker::Sub(sub.to_owned(), depth), rest));
    }
    if let Some((number, rest)) = split_marker(&NUMBER, text) {
        return Some((Marker::Number(number.to_owned()), rest));
    }
    if let Some((letter, rest)) = split_marker(&LETTER, text) {
        return Some((Marker::Letter(letter.to_owned()), rest));
    }
    if let Some((paren, rest)) = split_marker(&PAREN, text) {
        return Some((Marker::Paren(paren.to_owned()), rest));
    }
    split_marker(&BULLET, text).map(|(_, rest)| (Marker::Bullet, rest))
}

/// A body paragraph with its section path, before numbering and footnote links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The section path, outermost first, joined by ` > `.
    pub section: String,
    /// The paragraph text without its item marker.
    pub text: String,
    /// Body text, a caption, or a heading no paragraph stands under.
    pub role: Role,
    /// The cells and column labels when the paragraph is a table row.
    pub row: Option<TableRow>,
}

/// The headings and numbered items above the current position, each with whether a paragraph
/// has carried it in its section path yet.
#[derive(Default)]
struct Outline {
    entries: Vec<(usize, String, bool)>,
}

impl Outline {
    /// Enters a heading or item at `level`; headings it displaces that no paragraph carried
    /// are returned, so that their words are not lost.
    fn enter(&mut self, level: usize, label: String, heading: bool) -> Vec<(String, String)> {
        let mut orphans = Vec::new();
        while self.entries.last().is_some_and(|(l, ..)| *l >= level) {
            if let Some((_, label, false)) = self.entries.pop() {
                orphans.push((self.path(), label));
            }
        }
        orphans.reverse();
        self.entries.push((level, label, !heading));
        orphans
    }

    /// The path of the outline, marking every entry as carried.
    fn carry(&mut self) -> String {
        for entry in &mut self.entries {
            entry.2 = true;
        }
        self.path()
    }

    fn path(&self) -> String {
        let labels: Vec<&str> = self.entries.iter().map(|(_, l, _)| l.as_str()).collect();
        labels.join(" > ")
    }

    /// The headings left at the end that no paragraph carried.
    fn finish(mut self) -> Vec<(String, String)> {
        self.enter(0, String::new(), false)
    }
}

/// Walks the blocks in order, keeping the outline of headings and numbered items seen so
/// far; each body paragraph gets the path of the outline where it stands. A heading that
/// no paragraph stands under (two headings in a row, a heading at the end) becomes a
/// paragraph of its own with the role `heading`.
pub fn place(blocks: &[Block]) -> Vec<Placed> {
    let mut outline = Outline::default();
    let mut placed = Vec::new();
    let orphan = |(section, text): (String, String)| Placed {
        section,
        text,
        role: Role::Heading,
        row: None,
    };
    for block in blocks {
        let marker = read_marker(&block.text);
        if block.heading {
            let level = marker.as_ref().map_or(UNNUMBERED, |(m, _)| m.level());
            let label = block.text.trim_end_matches(':').trim().to_owned();
            placed.extend(outline.enter(level, label, true).into_iter().map(orphan));
            continue;
        }
        let text = match marker {
            Some((_, "")) | None => block.text.as_str(),
            Some((Marker::Bullet, rest)) => rest,
            Some((m, rest)) => {
                let displaced = outline.enter(m.level(), m.label().to_owned(), false);
                placed.extend(displaced.into_iter().map(orphan));
                rest
            }
        };
        placed.push(Placed {
            section: outline.carry(),
            text: text.to_owned(),
            role: if block.caption {
                Role::Caption
            } else {
                Role::Body
            },
            row: block.row.clone(),
        });
    }
    placed.extend(outline.finish().into_iter().map(orphan));
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_style_of_the_seeds_is_read() {
        let cases = [
            ("I. MỤC TIÊU", Marker::Roman("I.".into())),
            ("II/ NHỮNG NHIỆM VỤ", Marker::Roman("II/".into())),
            ("1. Mục tiêu", Marker::Number("1.".into())),
            ("2- Chỉ tiêu môi trường", Marker::Number("2-".into())),
            ("1.2. Tiếp tục", Marker::Sub("1.2.".into(), 2)),
            ("(1) Thực hiện", Marker::Paren("(1)".into())),
            ("- Tỷ lệ", Marker::Bullet),
            ("a) Thúc đẩy mạnh mẽ", Marker::Letter("a)".into())),
            ("đ) Các trường hợp khác", Marker::Letter("đ)".into())),
            ("Chương I", Marker::Chapter("Chương I".into())),
            (
                "CHƯƠNG II QUY ĐỊNH CHUNG",
                Marker::Chapter("CHƯƠNG II".into()),
            ),
            ("Mục 2. Thủ tục", Marker::Section("Mục 2".into())),
            (
                "Điều 5. Phạm vi điều chỉnh",
                Marker::Article("Điều 5.".into()),
            ),
            (
                "Điều 12: Hiệu lực thi hành",
                Marker::Article("Điều 12:".into()),
            ),
            ("Phần thứ hai", Marker::Part("Phần thứ hai".into())),
        ];
        for (text, marker) in cases {
            assert_eq!(read_marker(text).map(|(m, _)| m), Some(marker), "{text}");
        }
        for text in [
            "Điều 5 Luật Thuế GTGT số 48/2024/QH15 quy định",
            "Mục tiêu tổng quát",
            "Chương trình hành động",
            "2020 - 2025; hoàn thành",
            "01/10/2021 của Tỉnh ủy",
            "Lào Cai",
        ] {
            assert_eq!(read_marker(text), None, "{text}");
        }
    }

    #[test]
    fn paragraphs_get_the_path_of_headings_and_items_above_them() {
        let block = |text: &str, heading| Block {
            text: text.into(),
            heading,
            caption: false,
            row: None,
        };
        let blocks = [
            block("II. NHIỆM VỤ TRỌNG TÂM NĂM 2024", true),
            block("1. Lãnh đạo xây dựng Đảng và hệ thống chính trị", true),
            block("1.1. Lãnh đạo, chỉ đạo ban hành kế hoạch.", false),
            block("1.2. Tiếp tục thực hiện hiệu quả Đề án.", false),
            block("Đổi mới mạnh mẽ công tác chính trị.", false),
            block("2. Lãnh đạo phát triển kinh tế - xã hội", true),
            block("- Tỷ lệ che phủ rừng.", false),
        ];
        let placed = place(&blocks);
        let seen: Vec<(&str, &str)> = placed
            .iter()
            .map(|p| (p.section.as_str(), p.text.as_str()))
            .collect();
        let s12 = "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 1. Lãnh đạo xây dựng Đảng và hệ thống chính trị > 1.2.";
        assert_eq!(seen[1], (s12, "Tiếp tục thực hiện hiệu quả Đề án."));
        assert_eq!(seen[2], (s12, "Đổi mới mạnh mẽ công tác chính trị."));
        assert_eq!(
            seen[3],
            (
                "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 2. Lãnh đạo phát triển kinh tế - xã hội",
                "Tỷ lệ che phủ rừng."
            )
        );
    }

    #[test]
    fn a_heading_no_paragraph_stands_under_is_kept_as_a_paragraph() {
        let block = |text: &str, heading| Block {
            text: text.into(),
            heading,
            caption: false,
            row: None,
        };
        let placed = place(&[
            block("Mới: Quốc hội chốt tăng lương cơ sở 2026", true),
            block("I. MỤC TIÊU", true),
            block("Nội dung.", false),
            block("PHỤ LỤC", true),
        ]);
        let seen: Vec<(&str, &str, Role)> = placed
            .iter()
            .map(|p| (p.section.as_str(), p.text.as_str(), p.role))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "",
                    "Mới: Quốc hội chốt tăng lương cơ sở 2026",
                    Role::Heading
                ),
                ("I. MỤC TIÊU", "Nội dung.", Role::Body),
                ("I. MỤC TIÊU", "PHỤ LỤC", Role::Heading),
            ]
        );
    }
}
