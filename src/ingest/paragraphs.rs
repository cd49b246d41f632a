//! Rebuilds paragraphs from lines: undoes hard wraps, joins the halves of a sentence split by
//! a blank line or a page break, repairs document codes broken across lines, and tells
//! headings from body text.

use super::block::Block;
use super::document::TableRow;
use super::layout::Layout;
use super::lines::Line;
use super::structure::{Marker, read_marker};
use regex::Regex;
use std::sync::LazyLock;

/// Longest heading, in characters, in a Markdown or plain layout.
const MAX_HEADING: usize = 150;
/// Longest bold block still a heading: bold headings wrap over two lines more often than
/// plain ones (`**Điều 1. Ban hành kèm theo…**`).
const MAX_BOLD_HEADING: usize = 2 * MAX_HEADING;
/// Bytes past which a block is never a heading, checked before joining its lines: eight
/// headings' worth of Vietnamese text (most letters take two or three bytes in UTF-8).
const HEADING_BYTES_CUTOFF: usize = 8 * MAX_HEADING;
/// A PDF line shorter than this share of the printed width, in percent, ends before the
/// margin: a heading or a paragraph's last line, not a wrapped one.
const SHORT_LINE_PERCENT: usize = 85;

/// Groups lines into paragraphs and joins each into one text.
pub fn reconstruct(lines: &[Line], layout: Layout) -> Vec<Block> {
    let width = typical_width(lines);
    let mut groups: Vec<Vec<&Line>> = Vec::new();
    for line in lines {
        match groups.last_mut() {
            Some(group) if !starts_new(group, line, layout, width) => group.push(line),
            _ => groups.push(vec![line]),
        }
    }
    groups
        .iter()
        .map(|group| Block {
            text: join(group),
            heading: is_heading(group, layout, width),
            caption: group[0].caption,
            row: (!group[0].cells.is_empty()).then(|| TableRow {
                labels: group[0].labels.clone(),
                cells: group[0].cells.clone(),
            }),
        })
        .collect()
}

/// The printed line width of PDF text: the median width of its lines.
fn typical_width(lines: &[Line]) -> usize {
    let mut widths: Vec<usize> = lines.iter().map(|l| l.width).filter(|&w| w > 0).collect();
    widths.sort_unstable();
    widths.get(widths.len() / 2).copied().unwrap_or(0)
}

fn starts_new(group: &[&Line], line: &Line, layout: Layout, width: usize) -> bool {
    let prev = group[group.len() - 1];
    let range_dash = layout == Layout::Pdf
        && !ends_sentence(&prev.text)
        && matches!(read_marker(&line.text), Some((Marker::Bullet, rest)) if rest.starts_with(|c: char| c.is_ascii_digit()));
    if line.caption != prev.caption
        || (read_marker(&line.text).is_some() && !range_dash)
        || line.hashes
        || !line.cells.is_empty()
        || !prev.cells.is_empty()
    {
        return true;
    }
    let heading_ends = match layout {
        Layout::Pdf => starts_upper(&line.text),
        _ => line.gap_before,
    };
    if heading_ends && is_heading(group, layout, width) {
        return true;
    }
    let sentence_break = ends_sentence(&prev.text) && starts_upper(&line.text);
    if layout == Layout::Pdf {
        return sentence_break;
    }
    if !line.gap_before {
        return bold_heading_edge(prev, line) || (sentence_break && unwrapped(prev));
    }
    let split_sentence = starts_lower(&line.text) || !ends_sentence(&prev.text);
    line.bold || prev.caption || !split_sentence
}

/// Longest line, in characters, that a hard-wrapping page or editor leaves: a longer line
/// that ends a sentence is a whole paragraph written on one line (news pages).
const WRAP_WIDTH: usize = 100;

/// The line is longer than any hard wrap: a paragraph of its own.
fn unwrapped(line: &Line) -> bool {
    line.text.chars().count() > WRAP_WIDTH
}

/// Inside a block, a bold heading ends where plain text starts, and begins where a finished
/// sentence is followed by a bold line.
fn bold_heading_edge(prev: &Line, line: &Line) -> bool {
    (prev.bold && !line.bold) || (!prev.bold && line.bold && ends_sentence(&prev.text))
}

fn is_heading(group: &[&Line], layout: Layout, width: usize) -> bool {
    let first = group[0];
    if !first.cells.is_empty() {
        return false;
    }
    let length: usize = group.iter().map(|l| l.text.len() + 1).sum();
    if length > HEADING_BYTES_CUTOFF {
        return false;
    }
    let text = join(group);
    if first.hashes || (first.bold && text.chars().count() <= MAX_BOLD_HEADING) {
        return true;
    }
    let marker = read_marker(&text).map(|(m, _)| m);
    let numbered = marker.as_ref().is_some_and(Marker::numbers_a_heading);
    let unfinished = !text.ends_with(['.', ';']);
    let short = match layout {
        Layout::Pdf => group.len() == 1 && first.width * 100 < width * SHORT_LINE_PERCENT,
        _ => text.chars().count() <= MAX_HEADING,
    };
    let upper = !text.chars().any(char::is_lowercase) && text.chars().any(char::is_alphabetic);
    (numbered || upper) && unfinished && (short || (upper && group.len() == 1))
}

/// A sentence ends at `.`, `!`, `?` or `:`, possibly followed by closing quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['”', '"', '’', ')', '*', ' '])
        .ends_with(['.', '!', '?', ':', '…'])
}

fn starts_upper(text: &str) -> bool {
    text.trim_start_matches(['“', '"', '(', '*'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

static BROKEN_CODE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d-$").expect("valid pattern"));
static BROKEN_CODE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-ZĐ][A-Za-zĐđ]{0,3}/").expect("valid pattern"));

/// Joins lines with one space, except a document code broken after its dash
/// (`14-` / `NQ/TU`), which is joined back whole.
fn join(group: &[&Line]) -> String {
    let mut text = String::new();
    for line in group {
        let glue = BROKEN_CODE_HEAD.is_match(&text) && BROKEN_CODE_TAIL.is_match(&line.text);
        if !text.is_empty() && !glue {
            text.push(' ');
        }
        text.push_str(&line.text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(texts: &[(&str, bool)]) -> Vec<Line> {
        texts
            .iter()
            .map(|(t, gap)| Line {
                text: (*t).into(),
                gap_before: *gap,
                width: 80,
                ..Line::default()
            })
            .collect()
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn hard_wraps_and_stray_blank_lines_are_undone() {
        let lines = pdf(&[
            ("Thành ủy đã bám sát các chủ trương, chỉ", false),
            ("đạo của tỉnh.", true),
            ("Năm 2024, dự báo", false),
        ]);
        assert_eq!(
            texts(&reconstruct(&lines, Layout::Pdf)),
            [
                "Thành ủy đã bám sát các chủ trương, chỉ đạo của tỉnh.",
                "Năm 2024, dự báo"
            ]
        );
    }

    #[test]
    fn a_code_broken_across_lines_is_repaired() {
        let lines = pdf(&[
            ("tại Nghị quyết 14-", false),
            ("NQ/TU, ngày 23/12/2022", false),
            ("Quy định số 368-", false),
            ("QĐ/TU, ngày 17/01/2022", true),
        ]);
        assert_eq!(
            texts(&reconstruct(&lines, Layout::Pdf)),
            ["tại Nghị quyết 14-NQ/TU, ngày 23/12/2022 Quy định số 368-QĐ/TU, ngày 17/01/2022"]
        );
    }

    #[test]
    fn a_sentence_split_by_a_page_break_is_joined() {
        let lines = vec![
            Line {
                text: "Chỉ thị số 26-CT/TU của Ban Thường vụ Tỉnh".into(),
                ..Line::default()
            },
            Line {
                text: "ủy về tăng cường.".into(),
                gap_before: true,
                ..Line::default()
            },
            Line {
                text: "sau đại dịch".into(),
                gap_before: true,
                ..Line::default()
            },
            Line {
                text: "Covid-19, bảo đảm an sinh.".into(),
                gap_before: true,
                ..Line::default()
            },
        ];
        assert_eq!(
            texts(&reconstruct(&lines, Layout::Markdown)),
            [
                "Chỉ thị số 26-CT/TU của Ban Thường vụ Tỉnh ủy về tăng cường. sau đại dịch Covid-19, bảo đảm an sinh."
            ]
        );
    }

    #[test]
    fn a_finished_block_followed_by_a_capital_is_a_new_paragraph() {
        let lines = vec![
            Line {
                text: "Đoạn một.".into(),
                ..Line::default()
            },
            Line {
                text: "Đoạn hai.".into(),
                gap_before: true,
                ..Line::default()
            },
        ];
        assert_eq!(reconstruct(&lines, Layout::Markdown).len(), 2);
    }

    #[test]
    fn short_numbered_lines_are_headings_and_long_ones_paragraphs() {
        let lines = pdf(&[
            ("1. Mục tiêu tổng quát", true),
            ("Tiếp tục đổi mới phương thức.", true),
            (
                "1.1. Lãnh đạo, chỉ đạo ban hành kế hoạch Đại hội Đảng bộ các cấp tiến tới",
                true,
            ),
            ("Đại hội Đảng bộ thành phố.", false),
        ]);
        let mut lines = lines;
        lines[0].width = 21;
        let blocks = reconstruct(&lines, Layout::Pdf);
        let headings: Vec<bool> = blocks.iter().map(|b| b.heading).collect();
        assert_eq!(headings, [true, false, false]);
        assert!(
            blocks[2]
                .text
                .ends_with("tiến tới Đại hội Đảng bộ thành phố.")
        );
    }

    #[test]
    fn a_markdown_heading_does_not_swallow_the_next_block() {
        let lines = vec![
            Line {
                text: "I. Về tình hình chung".into(),
                ..Line::default()
            },
            Line {
                text: "Trong tháng 4/2026, các cấp ủy.".into(),
                gap_before: true,
                ..Line::default()
            },
        ];
        let blocks = reconstruct(&lines, Layout::Markdown);
        assert_eq!(
            texts(&blocks),
            ["I. Về tình hình chung", "Trong tháng 4/2026, các cấp ủy."]
        );
        assert!(blocks[0].heading);
    }
}
