//! Cuts a text into clean lines, each knowing what surrounded it in the file.

use super::layout::Layout;
use super::{markup, noise};

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
    /// A photo caption: the line right after an image placeholder.
    pub caption: bool,
}

/// Splits text into content lines: furniture and site chrome dropped, markup stripped.
pub fn split(text: &str, layout: Layout) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut caption_next = false;
    for (i, block) in blocks(text).into_iter().enumerate() {
        let chrome_at = block
            .iter()
            .position(|l| layout == Layout::Web && noise::is_chrome(l));
        let kept = &block[..chrome_at.unwrap_or(block.len())];
        let block: Vec<&str> = kept
            .iter()
            .copied()
            .filter(|l| !noise::is_furniture(l))
            .collect();
        if block.iter().any(|l| noise::is_image_placeholder(l)) {
            caption_next = true;
            continue;
        }
        let start = lines.len();
        lines.extend(block_lines(&block, layout));
        for line in &mut lines[start..] {
            line.caption = caption_next;
        }
        if let Some(first) = lines.get_mut(start) {
            first.gap_before = i > 0;
        }
        caption_next = caption_next && lines.len() == start;
        if chrome_at.is_some() {
            break;
        }
    }
    lines
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

fn block_lines(block: &[&str], layout: Layout) -> Vec<Line> {
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
        .enumerate()
        .map(|(i, text)| Line {
            text: clean(text, layout),
            hashes: hashes.get(i).copied().unwrap_or(false),
            bold: plain.all_bold,
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
    let single: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if layout == Layout::Web {
        noise::unglue_words(&single)
    } else {
        single
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_and_page_starts_are_recorded() {
        let lines = split("một \n\n hai \nba", Layout::Pdf);
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
    fn web_chrome_ends_the_article_and_placeholders_mark_captions() {
        let text = "Tin bài.\n\nanh tin bai\n\nToàn cảnh hội nghị\n\nNội dung.\n\nKhánh Nga\nTin tức\nĐăng nhập";
        let lines = split(text, Layout::Web);
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
        let lines = split("## NGHỊ QUYẾT\n\n**Kiện toàn tổ chức:**", Layout::Markdown);
        assert!(lines[0].hashes && lines[0].text == "NGHỊ QUYẾT");
        assert!(lines[1].bold && lines[1].text == "Kiện toàn tổ chức:");
    }
}
