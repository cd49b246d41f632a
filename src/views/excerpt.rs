//! Excerpts: a window of a paragraph centred on what was found, cut between words with `…`
//! where cut, and the found words written as `<mark>` runs for the page.

use std::ops::Range;

/// Length of a search-hit excerpt, in characters: three lines of the page, enough for a
/// sentence around the match.
pub const HIT_CHARS: usize = 320;

/// Length of a citation excerpt in `tracuu refs`, in characters: two terminal lines.
pub const CITATION_CHARS: usize = 180;

/// The byte window of `text`, about `chars` characters long, centred on `focus` and cut at
/// spaces so that no word (or year, or number) is split. The focus is always inside.
pub fn window(text: &str, focus: Range<usize>, chars: usize) -> Range<usize> {
    let focus_chars = text[focus.clone()].chars().count();
    let side = chars.saturating_sub(focus_chars) / 2;
    let after_focus = text[focus.end..].chars().count();
    let start = word_start_before(text, focus.start, side + side.saturating_sub(after_focus));
    let after = side + side.saturating_sub(text[start..focus.start].chars().count());
    let end = word_end_after(text, focus.end, after);
    start..end
}

/// The start of the word `chars` characters or fewer before `at`.
fn word_start_before(text: &str, at: usize, chars: usize) -> usize {
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if from == 0 || chars == 0 {
        return if chars == 0 { at } else { 0 };
    }
    text[from..at].find(' ').map_or(at, |i| from + i + 1)
}

/// The end of the word `chars` characters or fewer after `at`.
fn word_end_after(text: &str, at: usize, chars: usize) -> usize {
    let to = text[at..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| at + i);
    if to == text.len() {
        return to;
    }
    text[at..to].rfind(' ').map_or(at, |i| at + i)
}

/// `text[window]` with `…` where it was cut, trimmed of stray spaces.
pub fn cut(text: &str, window: Range<usize>) -> String {
    let inner = text[window.clone()].trim();
    let before = if window.start > 0 { "…" } else { "" };
    let after = if window.end < text.len() { "…" } else { "" };
    format!("{before}{inner}{after}")
}

/// The excerpt of `text` around its first match, HTML-escaped, each marked run in `<mark>`.
pub fn marked_excerpt(text: &str, marks: &[Range<usize>], chars: usize) -> String {
    let focus = marks.first().cloned().unwrap_or(0..0);
    let shown = window(text, focus, chars);
    let mut out = String::new();
    if shown.start > 0 {
        out.push('…');
    }
    let mut at = shown.start;
    for r in marks
        .iter()
        .filter(|r| r.start >= shown.start && r.end <= shown.end)
    {
        out.push_str(&escape(&text[at..r.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[r.clone()]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&escape(&text[at..shown.end]));
    if shown.end < text.len() {
        out.push('…');
    }
    out
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, found: &str, chars: usize) -> String {
        let at = text.find(found).unwrap();
        cut(text, window(text, at..at + found.len(), chars))
    }

    #[test]
    fn an_excerpt_is_cut_between_words_and_centred() {
        let text = "Tiếp tục thực hiện hiệu quả Đề án số 17-ĐA/TU về nâng cao hiệu quả công tác chính trị tư tưởng, tuyên truyền vận động tỉnh Lào Cai giai đoạn 2020 - 2025";
        let shown = around(text, "17-ĐA/TU", 60);
        assert!(shown.contains("17-ĐA/TU"), "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        for word in shown.trim_matches('…').split(' ') {
            assert!(
                text.split(' ').any(|w| w == word),
                "cut word {word:?} in {shown}"
            );
        }
        let at = shown.find("17-ĐA/TU").unwrap();
        let (before, after) = (shown[..at].chars().count(), shown[at..].chars().count());
        assert!(before.abs_diff(after) < 25, "{shown}");
    }

    #[test]
    fn a_short_paragraph_is_shown_whole() {
        assert_eq!(
            around("Đề án số 17-ĐA/TU.", "17-ĐA/TU", 60),
            "Đề án số 17-ĐA/TU."
        );
    }

    #[test]
    fn marks_are_escaped_and_kept_inside_the_window() {
        let text = "nút giao cao tốc Nội Bài - Lào Cai <IC19>";
        let at = text.find("Nội Bài").unwrap();
        let found: Vec<Range<usize>> = std::iter::once(at..at + "Nội Bài".len()).collect();
        assert_eq!(
            marked_excerpt(text, &found, 200),
            "nút giao cao tốc <mark>Nội Bài</mark> - Lào Cai &lt;IC19&gt;"
        );
    }
}
