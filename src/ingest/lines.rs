//! Cuts a text into clean lines, each knowing what surrounded it in the file.

use super::document::{DropReason, Dropped};
use super::layout::Layout;
use super::{markup, noise, tables};

/// One line of content, with what the reconstruction rules need to know about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// The words of the line: trimmed, single-spaced, inline markup removed.
    pub text: String,
    /// One or more blank lines came before it.
    pub gap_before: bool,
    /// PDF text: the line opens a page (the extractor starts it with one space).
    pub page_start: bool,
    /// PDF text: its printed width in characters.
    pub width: usize,
    /// A Markdown `#` heading.
    pub hashes: bool,
    /// The whole block it belongs to was bold.
    pub bold: bool,
    /// A photo caption: the line right after an image placeholder, or one that ends in a
    /// photo credit (`... Ảnh: Hải Quân`).
    pub caption: bool,
    /// A Markdown table row (`| a | b |`): its cells, markup removed. Empty for other lines.
    pub cells: Vec<String>,
    /// A table row followed by a `|---|` border: its cells label the columns below.
    pub table_head: bool,
    /// The column labels of the table this row belongs to, when it has them.
    pub labels: Vec<String>,
}

/// The content lines of a text and the lines left out, with why.
#[derive(Debug, Default)]
pub struct Split {
    /// Content lines in reading order.
    pub lines: Vec<Line>,
    /// Lines that are not content: chrome, borders, rules, placeholders, mottos.
    pub dropped: Vec<Dropped>,
}

/// Splits text into content lines: furniture and site chrome set aside with their reason,
/// markup stripped.
pub fn split(text: &str, layout: Layout) -> Split {
    let mut out = Split::default();
    let mut caption_next = false;
    for (i, block) in blocks(text).into_iter().enumerate() {
        let mut kept: Vec<&str> = Vec::with_capacity(block.len());
        let mut heads = Vec::new();
        for line in block {
            match noise::classify(line, layout) {
                Some(DropReason::TableBorder) if kept.last().is_some_and(|l| tables::is_row(l)) => {
                    out.dropped.push(dropped(line, DropReason::TableBorder));
                    heads.push(kept.len() - 1);
                }
                Some(reason) => {
                    caption_next |= reason == DropReason::ImagePlaceholder;
                    out.dropped.push(dropped(line, reason));
                }
                None => kept.push(line),
            }
        }
        let start = out.lines.len();
        out.lines.extend(block_lines(&kept, &heads, layout));
        for line in &mut out.lines[start..] {
            line.caption = caption_next || noise::is_photo_credit(&line.text);
        }
        if let Some(first) = out.lines.get_mut(start) {
            first.gap_before = i > 0;
            caption_next = false;
        }
    }
    out
}

fn dropped(line: &str, reason: DropReason) -> Dropped {
    Dropped {
        line: line.trim().to_owned(),
        reason,
    }
}

/// Groups raw lines into blocks separated by blank lines.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
        } else if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

/// The lines of one block: table rows one line each (`heads` are the positions of rows a
/// border underlines), the rest through the markup stripper.
fn block_lines(block: &[&str], heads: &[usize], layout: Layout) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for (i, raw) in block.iter().enumerate() {
        if tables::is_row(raw) {
            lines.extend(text_lines(&std::mem::take(&mut run), layout));
            let mut row = table_line(raw, layout);
            row.table_head = heads.contains(&i);
            lines.push(row);
        } else {
            run.push(raw);
        }
    }
    lines.extend(text_lines(&run, layout));
    rejoin_division_words(lines)
}

/// Joins a legal division word wrapped away from its number (`Chương` / `I`, `Điều` /
/// `1. Phạm vi`) back onto the next line.
fn rejoin_division_words(lines: Vec<Line>) -> Vec<Line> {
    const DIVISIONS: [&str; 8] = [
        "Phần", "PHẦN", "Chương", "CHƯƠNG", "Mục", "MỤC", "Điều", "ĐIỀU",
    ];
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut pending: Option<Line> = None;
    for mut line in lines {
        if let Some(word) = pending.take() {
            line.text = format!("{} {}", word.text, line.text);
            line.gap_before = word.gap_before;
        }
        if DIVISIONS.contains(&line.text.as_str()) && line.cells.is_empty() {
            pending = Some(line);
        } else {
            out.push(line);
        }
    }
    out.extend(pending);
    out
}

fn table_line(raw: &str, layout: Layout) -> Line {
    let cells: Vec<String> = tables::cells(raw)
        .into_iter()
        .map(|c| clean(&plain_cell(c, layout), layout))
        .collect();
    Line {
        text: cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("; "),
        cells,
        ..Line::default()
    }
}

fn plain_cell(cell: &str, layout: Layout) -> String {
    if layout.has_markup() {
        markup::strip_block(&[cell]).lines.join(" ")
    } else {
        cell.to_owned()
    }
}

fn text_lines(block: &[&str], layout: Layout) -> Vec<Line> {
    if block.is_empty() {
        return Vec::new();
    }
    if !layout.has_markup() {
        return block.iter().map(|raw| raw_line(raw, layout)).collect();
    }
    let hashes: Vec<bool> = block
        .iter()
        .map(|l| l.trim_start().starts_with('#'))
        .collect();
    let unhashed: Vec<&str> = block
        .iter()
        .map(|l| l.trim_start().trim_start_matches('#'))
        .collect();
    let plain = markup::strip_block(&unhashed);
    plain
        .lines
        .iter()
        .zip(&plain.bold)
        .enumerate()
        .map(|(i, (text, &bold))| Line {
            text: clean(text, layout),
            hashes: hashes.get(i).copied().unwrap_or(false),
            bold,
            ..Line::default()
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

fn raw_line(raw: &str, layout: Layout) -> Line {
    let chars: Vec<char> = raw.chars().collect();
    let page_start =
        chars.first() == Some(&' ') && chars.get(1).is_some_and(|c| !c.is_whitespace());
    Line {
        text: clean(raw, layout),
        page_start: layout == Layout::Pdf && page_start,
        width: raw.trim_end().chars().count(),
        ..Line::default()
    }
}

/// Collapses every run of white space (NBSP included) to one space and trims.
fn clean(text: &str, layout: Layout) -> String {
    let single = if is_single_spaced(text) {
        text.to_owned()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    if layout == Layout::Web {
        noise::unglue_words(single)
    } else {
        single
    }
}

/// Whether `text` is already trimmed and single-spaced, as most lines are: told byte by
/// byte, decoding only the characters whose first byte may open a Unicode space (`U+00A0`,
/// `U+1680`, `U+2000`-`U+205F`, `U+3000`), not the letters of every word.
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if after_space => return false,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 if text[i..].starts_with(char::is_whitespace) => {
                return false;
            }
            _ => after_space = b == b' ',
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_single_spaces_every_kind_of_space_and_keeps_clean_lines() {
        for (raw, clean_line) in [
            ("Đẩy mạnh chuyển đổi số", "Đẩy mạnh chuyển đổi số"),
            ("  Đẩy  mạnh\tsố ", "Đẩy mạnh số"),
            ("Đẩy\u{a0}mạnh", "Đẩy mạnh"),
            ("năm 2025\u{2003}– “đột phá”…", "năm 2025 – “đột phá”…"),
            (
                "Ogham\u{1680}space\u{3000}ideographic",
                "Ogham space ideographic",
            ),
            ("", ""),
        ] {
            assert_eq!(clean(raw, Layout::Plain), clean_line, "{raw:?}");
            assert_eq!(is_single_spaced(raw), raw == clean_line, "{raw:?}");
        }
    }

    #[test]
    fn gaps_and_page_starts_are_recorded() {
        let lines = split("một \n\n hai \nba", Layout::Pdf).lines;
        let seen: Vec<(&str, bool, bool)> = lines
            .iter()
            .map(|l| (l.text.as_str(), l.gap_before, l.page_start))
            .collect();
        assert_eq!(
            seen,
            [
                ("một", false, false),
                ("hai", true, true),
                ("ba", false, false)
            ]
        );
    }

    #[test]
    fn web_chrome_is_dropped_and_placeholders_mark_captions() {
        let text = "Tin bài.\n\nanh tin bai\n\nToàn cảnh hội nghị\n\nNội dung.\n\nKhánh Nga\nTin tức\nĐăng nhập";
        let Split { lines, dropped } = split(text, Layout::Web);
        let reasons: Vec<(&str, DropReason)> = dropped
            .iter()
            .map(|d| (d.line.as_str(), d.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("anh tin bai", DropReason::ImagePlaceholder),
                ("Tin tức", DropReason::SiteChrome),
                ("Đăng nhập", DropReason::SiteChrome)
            ]
        );
        let seen: Vec<(&str, bool)> = lines.iter().map(|l| (l.text.as_str(), l.caption)).collect();
        assert_eq!(
            seen,
            [
                ("Tin bài.", false),
                ("Toàn cảnh hội nghị", true),
                ("Nội dung.", false),
                ("Khánh Nga", false)
            ]
        );
    }

    #[test]
    fn markdown_headings_and_bold_blocks_are_flagged() {
        let lines = split("## NGHỊ QUYẾT\n\n**Kiện toàn tổ chức:**", Layout::Markdown).lines;
        assert!(lines[0].hashes && lines[0].text == "NGHỊ QUYẾT");
        assert!(lines[1].bold && lines[1].text == "Kiện toàn tổ chức:");
    }

    #[test]
    fn table_rows_are_lines_of_cells_and_borders_mark_their_labels() {
        let text = "Số liệu:\n| TT | Chỉ tiêu |\n|---|---|\n| 1 | **Tỷ lệ** hộ nghèo |";
        let Split { lines, dropped } = split(text, Layout::Markdown);
        let seen: Vec<(&str, bool)> = lines
            .iter()
            .map(|l| (l.text.as_str(), l.table_head))
            .collect();
        assert_eq!(
            seen,
            [
                ("Số liệu:", false),
                ("TT; Chỉ tiêu", true),
                ("1; Tỷ lệ hộ nghèo", false)
            ]
        );
        assert_eq!(lines[2].cells, ["1", "Tỷ lệ hộ nghèo"]);
        assert_eq!(dropped[0].reason, DropReason::TableBorder);
    }
}
