//! Writes what a structured format knows as the light Markdown the reconstruction reads:
//! `##` headings, `**bold**`, `<sup>1</sup>` footnote markers, one blank line between blocks.

/// A stretch of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    /// The words, as the file has them (a `\n` is a line break inside the paragraph).
    pub text: String,
    /// Set in bold.
    pub bold: bool,
}

/// Markdown text under construction.
#[derive(Debug, Default)]
pub struct Markdown {
    out: String,
    notes: Vec<(u32, String)>,
}

impl Markdown {
    /// A heading of `level` (1 for the document title).
    pub fn heading(&mut self, level: usize, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            self.block(&format!("{} {text}", "#".repeat(level.clamp(1, 6))));
        }
    }

    /// A paragraph from its runs; bold runs are marked, a wholly bold paragraph as one.
    pub fn paragraph(&mut self, runs: &[Run]) {
        let mut text = String::new();
        for run in merge(runs) {
            if run.bold && !run.text.trim().is_empty() {
                let inner = run.text.trim();
                let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
                let tail = &run.text[run.text.trim_end().len()..];
                text.push_str(&format!("{lead}**{inner}**{tail}"));
            } else {
                text.push_str(&run.text);
            }
        }
        let lines: Vec<String> = text
            .lines()
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.block(&lines.join("\n"));
        }
    }

    /// A table row: its cells on one line, separated by ` | `.
    pub fn row(&mut self, cells: &[String]) {
        let cells: Vec<String> = cells.iter().map(|c| one_line(c)).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            self.block(&cells.join(" | "));
        }
    }

    /// The marker of footnote `n` in the running text.
    pub fn marker(n: u32) -> Run {
        Run {
            text: format!("<sup>{n}</sup>"),
            bold: false,
        }
    }

    /// The body of footnote `n`, written after the text.
    pub fn note(&mut self, n: u32, text: &str) {
        self.notes.push((n, one_line(text)));
    }

    /// The text, footnotes last.
    pub fn finish(mut self) -> String {
        for (n, text) in std::mem::take(&mut self.notes) {
            self.block(&format!("<sup>{n}</sup> {text}"));
        }
        self.out
    }

    fn block(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(text);
    }
}

/// Adjacent runs of the same style as one, so that `**a** **b**` reads `**a b**`.
fn merge(runs: &[Run]) -> Vec<Run> {
    let mut merged: Vec<Run> = Vec::new();
    for run in runs {
        match merged.last_mut() {
            Some(last) if last.bold == run.bold || run.text.trim().is_empty() => {
                last.text.push_str(&run.text)
            }
            _ => merged.push(run.clone()),
        }
    }
    merged
}

/// White space runs (NBSP, tabs) as one space, trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, bold: bool) -> Run {
        Run {
            text: text.into(),
            bold,
        }
    }

    #[test]
    fn blocks_headings_bold_rows_and_notes() {
        let mut md = Markdown::default();
        md.heading(2, "NGHỊ  QUYẾT");
        md.paragraph(&[run("Kiện toàn ", true), run("tổ chức", true)]);
        md.paragraph(&[
            run("Theo ", false),
            run("Nghị quyết", true),
            run(" số 1", false),
            Markdown::marker(1),
        ]);
        md.row(&["1".into(), "Tăng trưởng".into(), "7%".into()]);
        md.note(1, "Nghị quyết số 1-NQ/TU.");
        assert_eq!(
            md.finish(),
            "## NGHỊ QUYẾT\n\n**Kiện toàn tổ chức**\n\nTheo **Nghị quyết** số 1<sup>1</sup>\n\n\
             1 | Tăng trưởng | 7%\n\n<sup>1</sup> Nghị quyết số 1-NQ/TU."
        );
    }
}
