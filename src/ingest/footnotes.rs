//! Takes footnote bodies out of the running text and footnote markers off the words.

use super::document::Footnote;
use super::lines::Line;
use super::structure::split_marker;
use regex::Regex;
use std::sync::LazyLock;

// The number of a note (group 1); the note text follows, see [`split_marker`].
static PDF_NOTE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{2,}(\d{1,2})\s").expect("valid pattern"));
static MARKED_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)").expect("valid pattern"));
// A unit's exponent (`km²`, `m³`) is not a marker: the letters before it are kept apart
// (group 1) so that the replacement can leave it alone.
static SUPERSCRIPT_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\bk?m|\bcm)?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)").expect("valid pattern"));
static BRACKET_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[\^?(\d{1,3})\]:?\s+([^#|\s].*)$").expect("valid pattern"));
static BRACKET_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^?(\d{1,3})\]").expect("valid pattern"));
static GLUED_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll})(\d{1,2})([\s,.;:)]|$)").expect("valid pattern"));

/// PDF text: at a page foot, a line of spaces precedes notes that start with their number
/// (`     1 Cải tạo cảnh quan...`); the notes run until the next page starts (a line that
/// opens with one space). Returns the text without them, and the notes.
pub fn take_from_pdf(text: &str) -> (String, Vec<Footnote>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::with_capacity(lines.len());
    let mut notes: Vec<Footnote> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_separator(lines[i]) && starts_notes(&lines[i + 1..]) {
            i = read_notes(&lines, i + 1, &mut notes);
        } else {
            kept.push(lines[i]);
            i += 1;
        }
    }
    (kept.join("\n"), notes)
}

fn is_separator(line: &str) -> bool {
    line.len() >= 20 && line.trim().is_empty()
}

fn starts_notes(rest: &[&str]) -> bool {
    rest.iter()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| split_marker(&PDF_NOTE_START, l).is_some())
}

/// Reads notes from `lines[start..]`; returns where the body text resumes.
fn read_notes(lines: &[&str], start: usize, notes: &mut Vec<Footnote>) -> usize {
    let mut i = start;
    while i < lines.len() {
        let line = lines[i];
        if let Some((number, text)) = split_marker(&PDF_NOTE_START, line) {
            notes.push(footnote(number, number, text));
        } else if is_page_start(line) {
            break;
        } else if let Some(note) = notes.last_mut().filter(|_| !line.trim().is_empty()) {
            note.text = format!("{} {}", note.text, line.trim());
        }
        i += 1;
    }
    i
}

fn is_page_start(line: &str) -> bool {
    line.starts_with(' ') && line.chars().nth(1).is_some_and(|c| !c.is_whitespace())
}

fn footnote(label: &str, number: &str, text: &str) -> Footnote {
    Footnote {
        n: number.parse().unwrap_or(0),
        label: label.to_owned(),
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        paragraph: None,
    }
}

/// Markdown text: a line that opens with a superscript number (`¹ Về tiếp tục...`, from
/// `<sup>1</sup>`) is a footnote body; so is a line that opens with `[1]` or `[^1]:` when
/// the text above carries that marker, with the lines that continue it up to a blank line.
pub fn take_marked(lines: Vec<Line>) -> (Vec<Line>, Vec<Footnote>) {
    let (cited, last_marker) = bracket_markers(&lines);
    let mut notes: Vec<Footnote> = Vec::new();
    let mut kept = Vec::with_capacity(lines.len());
    let mut in_note = false;
    for (i, line) in lines.into_iter().enumerate() {
        if let Some((marker, text)) = split_marker(&MARKED_NOTE, &line.text) {
            notes.push(footnote(marker, &from_superscript(marker), text));
            in_note = false;
        } else if let Some(c) = BRACKET_NOTE
            .captures(&line.text)
            .filter(|c| i > last_marker && cited.iter().any(|n| *n == c[1]))
        {
            notes.push(footnote(
                c[0][..c[0].len() - c[2].len()].trim_end(),
                &c[1],
                &c[2],
            ));
            in_note = true;
        } else if let Some(note) = notes.last_mut().filter(|_| in_note && !line.gap_before) {
            note.text = format!("{} {}", note.text, line.text);
        } else {
            in_note = false;
            kept.push(line);
        }
    }
    (kept, notes)
}

/// The numbers of the `[1]`, `[^1]` markers that stand inside lines (not at their start),
/// and the index of the last line holding one: the notes come after it, at the foot.
fn bracket_markers(lines: &[Line]) -> (Vec<String>, usize) {
    let mut numbers = Vec::new();
    let mut last = 0;
    for (i, line) in lines.iter().enumerate() {
        let inside = BRACKET_MARKER
            .captures_iter(&line.text)
            .filter(|c| c.get(0).is_some_and(|m| m.start() > 0));
        let before = numbers.len();
        numbers.extend(inside.map(|c| c[1].to_owned()));
        if numbers.len() > before {
            last = i;
        }
    }
    (numbers, last)
}

fn from_superscript(marker: &str) -> String {
    marker
        .chars()
        .filter_map(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c))
        .map(|d| char::from(b'0' + d as u8))
        .collect()
}

/// Removes footnote markers from a paragraph and returns the numbers they pointed to.
/// Bracketed markers (`[1]`) stay in the text, as the page shows them, and are linked.
/// Superscript markers always count; a digit glued to a word (`trọng điểm1,`) counts only
/// when a footnote of that number exists, so `IC19` and `Covid-19` stay as they are.
pub fn strip_markers(text: &str, known: &[u32]) -> (String, Vec<u32>) {
    let mut found = Vec::new();
    let text = SUPERSCRIPT_MARKER.replace_all(text, |c: &regex::Captures| {
        if c.get(1).is_some() {
            return c[0].to_owned();
        }
        found.extend(from_superscript(&c[2]).parse::<u32>().ok());
        String::new()
    });
    if known.is_empty() {
        // Most documents have no notes: nothing else can be a marker.
        return (text.into_owned(), found);
    }
    found.extend(
        BRACKET_MARKER
            .captures_iter(&text)
            .filter_map(|c| c[1].parse::<u32>().ok())
            .filter(|n| known.contains(n)),
    );
    let text = GLUED_MARKER.replace_all(&text, |c: &regex::Captures| {
        match c[2].parse::<u32>().ok().filter(|n| known.contains(n)) {
            Some(n) => {
                found.push(n);
                format!("{}{}", &c[1], &c[3])
            }
            None => c[0].to_owned(),
        }
    });
    (text.into_owned(), found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_footnote_is_lifted_out_and_the_page_resumes() {
        let text = "Đề án số 03-ĐA/TU, ngày \n\n                         \n     1 Cải tạo cảnh quan dọc \n\nhai bên bờ sông Hồng. \n 28/10/2020 về xây dựng";
        let (body, notes) = take_from_pdf(text);
        assert_eq!(body, "Đề án số 03-ĐA/TU, ngày \n\n 28/10/2020 về xây dựng");
        assert_eq!(
            notes,
            [Footnote {
                n: 1,
                label: "1".into(),
                text: "Cải tạo cảnh quan dọc hai bên bờ sông Hồng.".into(),
                paragraph: None
            }]
        );
    }

    #[test]
    fn a_superscript_footnote_body_is_lifted_out() {
        let lines = vec![
            Line {
                text: "Nội dung¹.".into(),
                ..Line::default()
            },
            Line {
                text: "¹ Về tiếp tục thực hiện.".into(),
                ..Line::default()
            },
        ];
        let (kept, notes) = take_marked(lines);
        assert_eq!(kept.len(), 1);
        assert_eq!(notes[0].n, 1);
        assert_eq!(notes[0].text, "Về tiếp tục thực hiện.");
    }

    /// Bộ Văn hóa, Thể thao và Du lịch, a report (development corpus `f0a3d9f100d0791b.md`):
    /// `[1]` markers in the text, the notes at the foot wrapped over several lines.
    #[test]
    fn bracketed_notes_at_the_foot_are_lifted_out() {
        let line = |text: &str, gap_before| Line {
            text: text.into(),
            gap_before,
            ..Line::default()
        };
        let lines = vec![
            line("về giáo dục và đào tạo[1] huy động nguồn lực", false),
            line(
                "[1] Nghị quyết số 141/2024/QH15 ngày 29/6/2024 về hoạt động chất",
                true,
            ),
            line("vấn tại kỳ họp thứ 7.", false),
            line("[2] Không được trích dẫn.", true),
        ];
        let (kept, notes) = take_marked(lines);
        assert_eq!(kept.len(), 2);
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].text,
            "Nghị quyết số 141/2024/QH15 ngày 29/6/2024 về hoạt động chất vấn tại kỳ họp thứ 7."
        );
        assert_eq!(
            strip_markers("đào tạo[1] huy động, [^2] và [3]", &[1, 2]),
            ("đào tạo[1] huy động, [^2] và [3]".into(), vec![1, 2])
        );
    }

    #[test]
    fn markers_are_stripped_from_words_and_kept_as_links() {
        assert_eq!(
            strip_markers("dự án trọng điểm1, đặc biệt", &[1]),
            ("dự án trọng điểm, đặc biệt".into(), vec![1])
        );
        assert_eq!(
            strip_markers("năm 2022¹. Đẩy mạnh", &[]),
            ("năm 2022. Đẩy mạnh".into(), vec![1])
        );
        assert_eq!(
            strip_markers("diện tích 589,27 km², 12 m³", &[]),
            ("diện tích 589,27 km², 12 m³".into(), vec![])
        );
        assert_eq!(
            strip_markers("nút giao (IC19) và Covid-19", &[1]).1,
            Vec::<u32>::new()
        );
    }
}
