//! Strips inline Markdown (emphasis, `<sup>` markers, HTML tags) from a block, keeping its words.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// A block of lines with its inline markup removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PlainBlock {
    /// The block's lines, in order, as plain text.
    pub lines: Vec<String>,
    /// For each line, whether every word of it was bold: a bold line is a heading in these
    /// documents.
    pub bold: Vec<bool>,
}

impl PlainBlock {
    /// Ends the current line, bold when every one of its `letters` was.
    fn end_line(&mut self, current: &mut String, letters: &mut (usize, usize)) {
        self.lines.push(std::mem::take(current));
        self.bold.push(letters.0 > 0 && letters.0 == letters.1);
        *letters = (0, 0);
    }
}

static SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup>\s*(\d{1,3})\s*</sup>").expect("valid pattern"));
static LEADING_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(\d{1,9})([.)])|([-+*>]))(\s|$)").expect("valid pattern"));

/// Strips the inline markup of one block (lines between blank lines). Block-level markers
/// (`1.`, `- `) are kept as text: the caller reads document structure from them.
pub fn strip_block(lines: &[&str]) -> PlainBlock {
    plain_block(lines).unwrap_or_else(|| parsed_block(lines))
}

/// A block through the Markdown parser.
fn parsed_block(lines: &[&str]) -> PlainBlock {
    let source: Vec<String> = lines.iter().map(|l| escape_line(l)).collect();
    let source = close_spaced_emphasis(source.join("\n"));
    let mut block = PlainBlock::default();
    let mut line = String::new();
    let mut letters = (0usize, 0usize);
    let mut bold_depth = 0usize;
    for event in Parser::new(&source) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                for (i, piece) in t.split('\n').enumerate() {
                    if i > 0 {
                        block.end_line(&mut line, &mut letters);
                    }
                    let count = piece.chars().filter(|c| !c.is_whitespace()).count();
                    letters.0 += count;
                    letters.1 += if bold_depth > 0 { count } else { 0 };
                    line.push_str(piece);
                }
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                block.end_line(&mut line, &mut letters);
            }
            Event::Start(Tag::Strong) => bold_depth += 1,
            Event::End(TagEnd::Strong) => bold_depth = bold_depth.saturating_sub(1),
            _ => {}
        }
    }
    if !line.is_empty() {
        block.end_line(&mut line, &mut letters);
    }
    block
}

/// What Markdown makes of a block in which it reads nothing (no emphasis, link, code, HTML,
/// entity, escape, heading, rule or line break inside a line): each line trimmed, the
/// empty ones left out, none bold. Most blocks of the real corpus are plain; handing them
/// to the parser took a fifth of reading it.
fn plain_block(lines: &[&str]) -> Option<PlainBlock> {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if !lines.iter().all(|l| reads_as_text(l)) {
        return None;
    }
    Some(PlainBlock {
        bold: vec![false; lines.len()],
        lines: lines.into_iter().map(str::to_owned).collect(),
    })
}

/// Whether Markdown reads a trimmed, non-empty line as its own text: none of the characters
/// that open inline markup, entities, escapes, headings or line ends, and not a rule or a
/// heading's underline (`---`, `===`). A list or quote marker opening the line is escaped
/// anyway ([`escape_line`]).
fn reads_as_text(line: &str) -> bool {
    let rule = line.starts_with(['-', '='])
        && line
            .chars()
            .all(|c| matches!(c, '-' | '=') || c.is_whitespace());
    !rule && !line.bytes().any(|b| MARKUP[usize::from(b)])
}

/// The bytes that open inline markup, an entity, an escape, a heading or a line end
/// ([`reads_as_text`]), as a table: every byte of every block is looked up, and comparing
/// each with the fifteen took a tenth of reading a Markdown file.
static MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"*_`[]<>&\\~#!|\r\0";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Moves the space out of emphasis closed after one (`**Điều 1. **Ban`), which Markdown
/// would leave as literal asterisks.
fn close_spaced_emphasis(text: String) -> String {
    if !text.contains('*') {
        return text;
    }
    SPACE_BEFORE_CLOSE
        .replace_all(&text, |c: &regex::Captures| {
            if c[2] == c[4] {
                format!("{}{}{}{} {}", &c[1], &c[2], &c[3], &c[4], &c[5])
            } else {
                c[0].to_owned()
            }
        })
        .into_owned()
}

/// Turns `<sup>1</sup>` into `¹` so that every footnote marker has one form.
pub fn superscript_markers(line: &str) -> String {
    SUP.replace_all(line, |c: &regex::Captures| to_superscript(&c[1]))
        .into_owned()
}

fn to_superscript(digits: &str) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| SUPERSCRIPTS[d as usize])
        .collect()
}

// Emphasis closed after a space (`**Điều 1. **Ban`, `*Căn cứ ...; *`), which Markdown
// leaves as literal asterisks: the space is moved out of the emphasis.
static SPACE_BEFORE_CLOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)(^|[\s(“"])(\*{1,3})([^*\s][^*]*?)\s+(\*{1,3})($|[^\s*])"#)
        .expect("valid pattern")
});

/// Escapes what Markdown would read as a list item or quote at the start of a line.
fn escape_line(line: &str) -> String {
    let line = superscript_markers(line.trim());
    match LEADING_MARKER.captures(&line) {
        Some(c) if c.get(1).is_some() => format!("{}\\{}", &c[1], &line[c[1].len()..]),
        Some(_) => format!("\\{line}"),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_block_reads_as_the_parser_reads_it() {
        let plain: [&[&str]; 5] = [
            &["Đẩy mạnh chuyển đổi số;", "  tiếp tục 2.000 tỷ đồng  "],
            &["- Tuyên truyền, quán triệt", "+ cấp ủy", "• các ban"],
            &[
                "1. Mục tiêu",
                "2) Nhiệm vụ",
                "a) Giải pháp",
                "Điều 1. Phạm vi",
            ],
            &[
                "Ngày\u{a0}11/12/2020 – “Nghị quyết số 16-NQ/TU”…",
                "",
                "(1) ghi chú",
            ],
            &["x = y - z", "100% (năm 2025); 3/4"],
        ];
        for lines in plain {
            assert_eq!(plain_block(lines), Some(parsed_block(lines)), "{lines:?}");
        }
        let marked: [&[&str]; 6] = [
            &["**Điều 1.** Ban hành"],
            &["Tin [xem](http://a.vn)"],
            &["A &amp; B"],
            &["Tiêu đề", "-----"],
            &["# Tiêu đề"],
            &["năm 2022<sup>1</sup>"],
        ];
        for lines in marked {
            assert_eq!(plain_block(lines), None, "{lines:?}");
        }
    }

    #[test]
    fn emphasis_is_removed_and_words_kept() {
        let block = strip_block(&["***Thực hiện chủ động.*** Tiếp tục **thực hiện**"]);
        assert_eq!(block.lines, ["Thực hiện chủ động. Tiếp tục thực hiện"]);
        assert_eq!(block.bold, [false]);
    }

    #[test]
    fn a_bold_line_is_flagged_and_its_lines_kept() {
        let block = strip_block(&["**T/M TỈNH ỦY  ", "BÍ THƯ**"]);
        assert_eq!(block.lines, ["T/M TỈNH ỦY", "BÍ THƯ"]);
        assert_eq!(block.bold, [true, true]);
    }

    /// A hard-wrapped page where a bold heading and its text share a block
    /// (development corpus `74e2ddc7b11340da.md`).
    #[test]
    fn bold_is_told_line_by_line() {
        let block = strip_block(&[
            "**II. VỀ TỒN TẠI, HẠN CHẾ VÀ",
            "NGUYÊN NHÂN**",
            "Thực hiện nghiêm",
        ]);
        assert_eq!(block.bold, [true, true, false]);
    }

    #[test]
    fn list_markers_survive_as_text() {
        assert_eq!(strip_block(&["1. Mục tiêu"]).lines, ["1. Mục tiêu"]);
        assert_eq!(strip_block(&["- Tỷ lệ"]).lines, ["- Tỷ lệ"]);
        assert_eq!(
            strip_block(&["**1.3. Lãnh đạo:** Thực hiện"]).lines,
            ["1.3. Lãnh đạo: Thực hiện"]
        );
    }

    /// UBND Cần Thơ (development corpus `ce4ad96dbd9a518d.md`).
    #[test]
    fn emphasis_closed_after_a_space_is_still_emphasis() {
        assert_eq!(
            strip_block(&["**Điều 1. **Ban hành kèm theo"]).lines,
            ["Điều 1. Ban hành kèm theo"]
        );
        assert_eq!(
            strip_block(&["*Căn cứ Luật Tổ chức chính", "quyền địa phương; *"]).lines,
            ["Căn cứ Luật Tổ chức chính", "quyền địa phương;"]
        );
    }

    #[test]
    fn emphasis_that_closes_properly_is_left_alone() {
        assert_eq!(
            strip_block(&["**trong Quý II/2026**, làm cơ sở, tiết kiệm **tối thiểu 10%** điện"])
                .lines,
            ["trong Quý II/2026, làm cơ sở, tiết kiệm tối thiểu 10% điện"]
        );
    }

    #[test]
    fn sup_markers_become_superscript_digits() {
        assert_eq!(
            strip_block(&["năm 2022<sup>1</sup>."]).lines,
            ["năm 2022¹."]
        );
    }
}
