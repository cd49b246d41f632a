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
static SUPERSCRIPT_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+").expect("valid pattern"));
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
            notes.push(footnote(number, text));
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

fn footnote(number: &str, text: &str) -> Footnote {
    Footnote {
        n: number.parse().unwrap_or(0),
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        paragraph: None,
    }
}

/// Markdown text: a line that opens with a superscript number (`¹ Về tiếp tục...`, from
/// `<sup>1</sup>`) is a footnote body.
pub fn take_marked(lines: Vec<Line>) -> (Vec<Line>, Vec<Footnote>) {
    let mut notes = Vec::new();
    let kept = lines
        .into_iter()
        .filter(|line| match split_marker(&MARKED_NOTE, &line.text) {
            Some((marker, text)) => {
                notes.push(footnote(&from_superscript(marker), text));
                false
            }
            None => true,
        })
        .collect();
    (kept, notes)
}

fn from_superscript(marker: &str) -> String {
    marker
        .chars()
        .filter_map(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c))
        .map(|d| char::from(b'0' + d as u8))
        .collect()
}

/// Removes footnote markers from a paragraph and returns the numbers they pointed to.
/// Superscript markers always count; a digit glued to a word (`trọng điểm1,`) counts only
/// when a footnote of that number exists, so `IC19` and `Covid-19` stay as they are.
pub fn strip_markers(text: &str, known: &[u32]) -> (String, Vec<u32>) {
    let mut found = Vec::new();
    let text = SUPERSCRIPT_MARKER.replace_all(text, |c: &regex::Captures| {
        found.extend(from_superscript(&c[0]).parse::<u32>().ok());
        String::new()
    });
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
            strip_markers("nút giao (IC19) và Covid-19", &[1]).1,
            Vec::<u32>::new()
        );
    }
}
