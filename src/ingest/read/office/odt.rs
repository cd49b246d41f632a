//! OpenDocument text (`.odt`): `content.xml` headings, paragraphs, tables and footnotes;
//! bold and fonts from the automatic and named styles, legacy fonts converted.

use super::super::markdown::{Markdown, Run};
use super::styles::{Style, StyleSheet};
use super::xml::{Node, nodes};
use super::{Fonts, Parts, extracted, heading_level};
use crate::ingest::read::{Extracted, Reader};
use std::collections::HashMap;

/// Reads `.odt` files.
pub struct OdtReader;

impl Reader for OdtReader {
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let mut parts = Parts::open(bytes)?;
        let content = parts
            .text("content.xml")?
            .ok_or("không có content.xml: không phải tệp OpenDocument")?;
        let content = nodes(&content)?;
        let mut styles = Styles::default();
        if let Some(xml) = parts.text("styles.xml")? {
            styles.add(&nodes(&xml)?);
        }
        styles.add(&content);
        let mut fonts = Fonts::default();
        let mut walk = Walk {
            styles: &styles,
            fonts: &mut fonts,
            md: Markdown::default(),
            runs: Vec::new(),
            spans: Vec::new(),
            heading: None,
            paragraph_style: None,
            note: None,
            notes: 0,
            in_citation: false,
            row: None,
            lists: Vec::new(),
            label: None,
            paragraphs: 0,
        };
        for node in &content {
            walk.node(node);
        }
        let text = walk.md.finish();
        extracted(text, fonts.encoding())
    }
}

/// Styles by name, and font-face names to font families.
#[derive(Debug, Default)]
struct Styles {
    sheet: StyleSheet,
    faces: HashMap<String, String>,
    /// (list style, level from 1) -> the suffix of a numbered level (`.`, `)`); bullet
    /// levels are absent.
    numbered: HashMap<(String, usize), String>,
}

impl Styles {
    fn add(&mut self, nodes: &[Node]) {
        let mut current: Option<String> = None;
        let mut list: Option<String> = None;
        for node in nodes {
            match node {
                Node::Start(name, _) if name == "text:list-style" => {
                    list = node.attr("style:name").map(str::to_owned);
                }
                Node::Start(name, _) if name == "text:list-level-style-number" => {
                    let level = node.attr("text:level").and_then(|l| l.parse().ok());
                    if let (Some(list), Some(level)) = (list.clone(), level) {
                        let suffix = node.attr("style:num-suffix").unwrap_or_default();
                        self.numbered.insert((list, level), suffix.to_owned());
                    }
                }
                Node::Start(name, _) if name == "style:font-face" => {
                    if let (Some(face), Some(family)) =
                        (node.attr("style:name"), node.attr("svg:font-family"))
                    {
                        let family = family.trim_matches(|c| c == '\'' || c == '"');
                        self.faces.insert(face.to_owned(), family.to_owned());
                    }
                }
                Node::Start(name, _) if name == "style:style" => {
                    current = node.attr("style:name").map(str::to_owned);
                    let shown = node.attr("style:display-name").unwrap_or_default();
                    let style = Style {
                        parent: node.attr("style:parent-style-name").map(str::to_owned),
                        heading: heading_level(&shown.replace('_', " ")).or(current
                            .as_deref()
                            .and_then(|n| heading_level(&n.replace("_20_", " ")))),
                        ..Style::default()
                    };
                    if let Some(name) = &current {
                        self.sheet.0.insert(name.clone(), style);
                    }
                }
                Node::Start(name, _) if name == "style:text-properties" => {
                    if let Some(style) = current.as_ref().and_then(|c| self.sheet.0.get_mut(c)) {
                        if let Some(weight) = node.attr("fo:font-weight") {
                            style.bold = Some(
                                weight == "bold" || weight.parse::<u32>().is_ok_and(|w| w >= 600),
                            );
                        }
                        style.font = node
                            .attr("style:font-name")
                            .map(str::to_owned)
                            .or(style.font.take());
                    }
                }
                Node::End(name) if name == "style:style" => current = None,
                _ => {}
            }
        }
    }

    fn font(&self, name: Option<&str>) -> Option<&str> {
        let face = self.sheet.inherited(name, |s| s.font.as_deref())?;
        self.faces.get(face).map(String::as_str)
    }
}

/// Walks `office:text`.
struct Walk<'a> {
    styles: &'a Styles,
    fonts: &'a mut Fonts,
    md: Markdown,
    runs: Vec<Run>,
    spans: Vec<Option<String>>,
    heading: Option<usize>,
    paragraph_style: Option<String>,
    note: Option<String>,
    notes: u32,
    in_citation: bool,
    row: Option<Vec<String>>,
    /// Open lists, outermost first: their style and how many items they have had.
    lists: Vec<(Option<String>, u32)>,
    /// The label of a list item, written before its first paragraph.
    label: Option<String>,
    /// How many paragraphs or headings are open (a footnote's sit inside its paragraph):
    /// text outside them is only the file's indentation.
    paragraphs: usize,
}

impl Walk<'_> {
    fn node(&mut self, node: &Node) {
        match node {
            Node::Start(name, _) => self.start(name, node),
            Node::End(name) => self.end(name),
            Node::Text(text) => self.text(text),
        }
    }

    fn start(&mut self, name: &str, node: &Node) {
        if matches!(name, "text:p" | "text:h") {
            self.paragraphs += 1;
        }
        match name {
            "text:p" | "text:h" if self.note.is_none() => {
                let style = node.attr("text:style-name").map(str::to_owned);
                self.heading = match name {
                    "text:h" => node
                        .attr("text:outline-level")
                        .and_then(|l| l.parse().ok())
                        .or(Some(1)),
                    _ => self.styles.sheet.inherited(style.as_deref(), |s| s.heading),
                };
                self.paragraph_style = style;
            }
            "text:span" => self
                .spans
                .push(node.attr("text:style-name").map(str::to_owned)),
            "text:list" => {
                let inherited = self.lists.last().and_then(|(style, _)| style.clone());
                let style = node
                    .attr("text:style-name")
                    .map(str::to_owned)
                    .or(inherited);
                self.lists.push((style, 0));
            }
            "text:list-item" => self.label = self.next_label(),
            "text:s" => {
                let count = node
                    .attr("text:c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1usize);
                self.text(&" ".repeat(count.min(MAX_SPACES)));
            }
            "text:tab" => self.text(" "),
            "text:line-break" => self.text("\n"),
            "text:note" => {
                self.notes += 1;
                self.runs.push(Markdown::marker(self.notes));
                self.note = Some(String::new());
            }
            "text:note-citation" => self.in_citation = true,
            "table:table-row" => self.row = Some(Vec::new()),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if matches!(name, "text:p" | "text:h") {
            self.paragraphs = self.paragraphs.saturating_sub(1);
        }
        match name {
            "text:span" => {
                self.spans.pop();
            }
            "text:note-citation" => self.in_citation = false,
            "text:list" => {
                self.lists.pop();
            }
            "text:note" => {
                let body = self.note.take().unwrap_or_default();
                self.md.note(self.notes, &body);
            }
            "text:p" | "text:h" if self.note.is_some() => self.text(" "),
            "text:p" | "text:h" => self.end_paragraph(),
            "table:table-cell" => {
                if let Some(row) = self.row.as_mut() {
                    let runs = std::mem::take(&mut self.runs);
                    row.push(
                        runs.iter()
                            .map(|r| r.text.as_str())
                            .collect::<String>()
                            .trim()
                            .to_owned(),
                    );
                }
            }
            "table:table-row" => {
                if let Some(row) = self.row.take() {
                    self.md.row(&row);
                }
            }
            _ => {}
        }
    }

    /// Counts an item of the innermost list and returns its label: `-`, or `3.` in a
    /// numbered list.
    fn next_label(&mut self) -> Option<String> {
        let depth = self.lists.len();
        let (style, count) = self.lists.last_mut()?;
        *count += 1;
        let suffix = style
            .clone()
            .and_then(|s| self.styles.numbered.get(&(s, depth)));
        Some(suffix.map_or_else(|| "-".to_owned(), |suffix| format!("{count}{suffix}")))
    }

    fn text(&mut self, text: &str) {
        if self.in_citation || self.paragraphs == 0 {
            return;
        }
        if self.note.is_none()
            && let Some(label) = self.label.take()
        {
            self.runs.push(Run {
                text: format!("{label} "),
                bold: false,
            });
        }
        let style = self
            .spans
            .iter()
            .rev()
            .find_map(|s| s.as_deref())
            .or(self.paragraph_style.as_deref());
        let font = self
            .styles
            .font(style)
            .or(self.styles.font(self.paragraph_style.as_deref()));
        let converted = self.fonts.convert(font, text);
        if let Some(note) = self.note.as_mut() {
            note.push_str(&converted);
            return;
        }
        let bold = self
            .styles
            .sheet
            .inherited(style, |s| s.bold)
            .unwrap_or(false);
        self.runs.push(Run {
            text: converted,
            bold,
        });
    }

    fn end_paragraph(&mut self) {
        if self.row.is_some() {
            self.runs.push(Run {
                text: " ".into(),
                bold: false,
            });
            return;
        }
        let runs = std::mem::take(&mut self.runs);
        match self.heading.take() {
            Some(level) => self.md.heading(
                level,
                &runs.iter().map(|r| r.text.as_str()).collect::<String>(),
            ),
            None => self.md.paragraph(&runs),
        }
        self.paragraph_style = None;
    }
}

/// `<text:s text:c="N"/>` beyond this many spaces is still one gap between words.
const MAX_SPACES: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::encoding::Encoding;
    use std::io::Write;

    /// An OpenDocument file whose `content.xml` is `body` inside the usual wrapping.
    fn odt(body: &str) -> Vec<u8> {
        let content = format!(
            r#"<office:document-content><office:font-face-decls>
            <style:font-face style:name="VnTime" svg:font-family="'.VnTime'"/>
            <style:font-face style:name="VnTimeH" svg:font-family=".VnTimeH"/>
            </office:font-face-decls><office:automatic-styles>
            <style:style style:name="P1" style:family="paragraph"><style:text-properties style:font-name="VnTime"/></style:style>
            <style:style style:name="T1" style:family="text"><style:text-properties style:font-name="VnTimeH" fo:font-weight="bold"/></style:style>
            </office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &content),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(data.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn text_in_abc_fonts_is_converted_and_capitals_restored() {
        let bytes = odt(
            "<text:p text:style-name=\"P1\"><text:span text:style-name=\"T1\">ngh\u{DE} quy\u{D5}t</text:span></text:p>\
             <text:p text:style-name=\"P1\">Ngh\u{DE} quy\u{D5}t c\u{F1}a T\u{D8}nh \u{F1}y<text:note text:note-class=\"footnote\">\
             <text:note-citation>1</text:note-citation><text:note-body><text:p>Ghi ch\u{F3}.</text:p></text:note-body></text:note></text:p>",
        );
        let read = OdtReader.read(&bytes).unwrap();
        assert_eq!(read.encoding, Encoding::Tcvn3);
        assert_eq!(
            read.text,
            "**NGHỊ QUYẾT**\n\nNghị quyết của Tỉnh ủy<sup>1</sup>\n\n<sup>1</sup> Ghi chú."
        );
    }
}
