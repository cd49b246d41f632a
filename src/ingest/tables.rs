//! Markdown tables as pages write them (`| a | b |` rows, a `|---|` border under the column
//! labels): header tables are opened into their cells, body tables become one line per row
//! that carries its column labels.

use super::lines::Line;
use crate::vocabulary::WORDED_DATE;
use regex::Regex;
use std::sync::LazyLock;

/// Whether `line` is a table row: it opens or closes with `|` and holds some words.
pub fn is_row(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with('|') || t.ends_with('|')) && t.chars().any(char::is_alphanumeric)
}

/// The cells of a table row, trimmed, empty cells kept so that columns line up.
pub fn cells(row: &str) -> Vec<&str> {
    let t = row.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

// What only the header block of a document holds: its number, its place and date.
static HEADER_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:số\s*:|số\s+\d)|{WORDED_DATE}")).expect("valid pattern")
});

/// Opens header tables into one line per cell, so the header reader sees the number, the
/// date and the issuing body as it would in running text; turns the rows of other tables
/// into self-contained lines (`Label: value; Label: value`).
pub fn arrange(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut labels: Vec<String> = Vec::new();
    for line in lines {
        if line.cells.is_empty() {
            labels.clear();
            out.push(line);
        } else if line.cells.iter().any(|c| HEADER_CELL.is_match(c)) {
            out.extend(opened(&line));
        } else if line.table_head {
            let named = line.cells.iter().filter(|l| !l.is_empty()).count();
            labels = if named >= MIN_LABELS {
                line.cells.clone()
            } else {
                Vec::new()
            };
            out.push(line);
        } else {
            out.push(Line {
                text: labelled(&labels, &line.cells),
                labels: labels.clone(),
                ..line
            });
        }
    }
    out
}

/// One line per non-empty cell of a header row.
fn opened(row: &Line) -> Vec<Line> {
    row.cells
        .iter()
        .filter(|c| !c.is_empty())
        .enumerate()
        .map(|(i, c)| Line {
            text: c.clone(),
            gap_before: row.gap_before && i == 0,
            ..Line::default()
        })
        .collect()
}

/// Fewest named columns for a row to serve as labels: an infobox's first row names only
/// its subject (`| Học viện Chính trị Quốc gia | |`), which labels nothing.
const MIN_LABELS: usize = 2;

/// A row's text with each cell after its column label: `Chỉ tiêu: Tỷ lệ hộ nghèo; Năm 2025:
/// 2%`. A two-cell row without labels reads as `key: value`.
fn labelled(labels: &[String], cells: &[String]) -> String {
    let pairs = cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let parts: Vec<String> = pairs
        .map(|(i, cell)| match labels.get(i).filter(|l| !l.is_empty()) {
            Some(label) if label != cell => format!("{label}: {cell}"),
            _ => cell.clone(),
        })
        .collect();
    match (labels.is_empty(), parts.as_slice()) {
        (true, [key, value]) => format!("{key}: {value}"),
        _ => parts.join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str], head: bool) -> Line {
        Line {
            text: cells.join("; "),
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            table_head: head,
            ..Line::default()
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn rows_and_cells_are_read() {
        assert!(is_row("| Sinh | Thôn Lời |"));
        assert!(is_row("Ho Chi Minh National Academy of Politics | |"));
        assert!(!is_row("|"));
        assert!(!is_row("Đoạn văn."));
        assert_eq!(cells("| a | | b |"), ["a", "", "b"]);
    }

    /// Bắc Ninh, Kế hoạch 141/KH-UBND: the header block written as one table row.
    #[test]
    fn a_header_table_is_opened_into_its_cells() {
        let header = row(
            &[
                "ĐẢNG CỘNG SẢN VIỆT NAM",
                "",
                "Số: 141/KH-UBND",
                "Bắc Ninh, ngày 20 tháng 11 năm 2025",
            ],
            false,
        );
        assert_eq!(
            texts(&arrange(vec![header])),
            [
                "ĐẢNG CỘNG SẢN VIỆT NAM",
                "Số: 141/KH-UBND",
                "Bắc Ninh, ngày 20 tháng 11 năm 2025"
            ]
        );
    }

    #[test]
    fn body_rows_carry_their_column_labels() {
        let lines = [
            row(&["TT", "Chỉ tiêu", "Năm 2025"], true),
            row(&["1", "Tỷ lệ hộ nghèo", "2%"], false),
            row(&["Sinh", "Thôn Lời, xã Đặng Xá"], false),
        ];
        let mut arranged = arrange(lines[..2].to_vec());
        arranged.extend(arrange(lines[2..].to_vec()));
        assert_eq!(
            texts(&arranged),
            [
                "TT; Chỉ tiêu; Năm 2025",
                "TT: 1; Chỉ tiêu: Tỷ lệ hộ nghèo; Năm 2025: 2%",
                "Sinh: Thôn Lời, xã Đặng Xá"
            ]
        );
    }
}
