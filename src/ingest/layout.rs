//! Tells the layouts of the corpus apart by their content, since every seed ends in `.txt`.

use serde::{Deserialize, Serialize};

/// How a file's text was produced; each layout has its own quirks to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Text extracted from a PDF: hard-wrapped lines, stray blank lines, page-start spaces,
    /// footnotes dropped in mid-paragraph.
    Pdf,
    /// Markdown-ish text: `##` headings, `**bold**`, `<sup>1</sup>` footnote markers.
    Markdown,
    /// An article scraped from a web page: image placeholders, captions, site chrome.
    Web,
    /// Plain paragraphs separated by blank lines.
    Plain,
}

impl Layout {
    /// Guesses the layout from what the text contains.
    pub fn detect(text: &str) -> Layout {
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.iter().any(|l| is_web_marker(l.trim())) {
            Layout::Web
        } else if lines.iter().any(|l| is_markdown_marker(l)) {
            Layout::Markdown
        } else if looks_hard_wrapped(&lines) {
            Layout::Pdf
        } else {
            Layout::Plain
        }
    }

    /// Whether inline Markdown (emphasis, `<sup>`) must be stripped from this layout.
    pub fn has_markup(self) -> bool {
        matches!(self, Layout::Markdown | Layout::Web)
    }
}

fn is_web_marker(line: &str) -> bool {
    super::chrome::is_image_placeholder(line) || super::chrome::is_chrome(line)
}

fn is_markdown_marker(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("# ")
        || t.starts_with("## ")
        || t.starts_with("### ")
        || t.contains("**")
        || t.contains("<sup>")
}

/// PDF text keeps the printed line width: most lines are of similar length and end with a
/// space where the extractor cut them.
fn looks_hard_wrapped(lines: &[&str]) -> bool {
    if lines.len() < MIN_LINES_TO_TELL {
        return false;
    }
    let trailing = lines.iter().filter(|l| l.ends_with(' ')).count();
    let short = lines
        .iter()
        .filter(|l| l.chars().count() <= PRINTED_LINE_CHARS)
        .count();
    trailing * 2 > lines.len() && short * 10 >= lines.len() * 9
}

/// Fewer lines than this tell nothing about wrapping: a short note is read as plain text.
const MIN_LINES_TO_TELL: usize = 10;
/// Longest line a printed A4 page holds in 13–14 pt type; nine lines in ten of extracted
/// PDF text are no longer, while a paragraph-per-line text has many longer ones.
const PRINTED_LINE_CHARS: usize = 130;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_layouts_are_told_apart_by_content() {
        let pdf = "Nghị quyết đại hội \n\nđảng bộ các cấp \n".repeat(6);
        assert_eq!(Layout::detect(&pdf), Layout::Pdf);
        assert_eq!(
            Layout::detect("## NGHỊ QUYẾT\n\nNội dung."),
            Layout::Markdown
        );
        assert_eq!(
            Layout::detect("Tin bài\n\nanh tin bai\n\nChú thích"),
            Layout::Web
        );
        assert_eq!(Layout::detect("Đoạn một.\n\nĐoạn hai."), Layout::Plain);
    }
}
