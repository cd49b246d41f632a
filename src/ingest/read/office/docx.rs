//! Word 2007+ (`.docx`): `word/document.xml` paragraphs, headings by style, tables row by
//! row, footnotes from `word/footnotes.xml`, text in `.VnTime`/`VNI-` fonts converted.

use super::super::markdown::{Markdown, Run};
use super::numbering::Numbering;
use super::styles::{Style, StyleSheet};
use super::xml::{Node, nodes};
use super::{Fonts, Parts, extracted, heading_level};
use crate::ingest::read::{Extracted, Reader};
use std::collections::HashMap;

/// Reads `.docx` files.
pub struct DocxReader;

impl Reader for DocxReader {
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let mut parts = Parts::open(bytes)?;
        let body = parts
            .text("word/document.xml")?
            .ok_or("không có word/document.xml: không phải tệp Word")?;
        let styles = Styles::parse(parts.text("word/styles.xml")?.as_deref())?;
        let mut numbering = Numbering::parse(parts.text("word/numbering.xml")?.as_deref())?;
        let mut fonts = Fonts::default();
        let notes = match parts.text("word/footnotes.xml")? {
            Some(xml) => footnotes(&nodes(&xml)?, &styles, &mut fonts),
            None => HashMap::new(),
        };
        let mut walk = Walk::new(&styles, &mut fonts, &mut numbering);
        walk.nodes(&nodes(&body)?);
        let mut md = Markdown::default();
        let mut numbered = Vec::new();
        for block in walk.blocks {
            block.write(&mut md, &mut numbered);
        }
        for (n, id) in numbered.iter().enumerate() {
            if let Some(text) = notes.get(id) {
                md.note(n as u32 + 1, text);
            }
        }
        extracted(md.finish(), fonts.encoding())
    }
}

/// What `word/styles.xml` says: heading levels and fonts of the paragraph styles.
#[derive(Debug, Default)]
struct Styles {
    /// The document's default font.
    default_font: Option<String>,
    /// The paragraph and character styles by id.
    sheet: StyleSheet,
}

impl Styles {
    fn parse(xml: Option<&str>) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let Some(xml) = xml else { return Ok(styles) };
        let mut current: Option<String> = None;
        for node in nodes(xml)? {
            match &node {
                Node::Start(name, _) if name == "w:style" => {
                    current = node.attr("w:styleId").map(str::to_owned);
                    if let Some(id) = &current {
                        let style = Style {
                            heading: heading_level(id),
                            ..Style::default()
                        };
                        styles.sheet.0.insert(id.clone(), style);
                    }
                }
                Node::Start(name, _) => styles.property(name, &node, current.as_deref()),
                Node::End(name) if name == "w:style" => current = None,
                _ => {}
            }
        }
        Ok(styles)
    }

    fn property(&mut self, name: &str, node: &Node, style: Option<&str>) {
        let entry = style.and_then(|s| self.sheet.0.get_mut(s));
        match (name, entry) {
            ("w:rFonts", None) => self.default_font = font_of(node).or(self.default_font.take()),
            ("w:rFonts", Some(e)) => e.font = font_of(node),
            ("w:name", Some(e)) => {
                e.heading = e.heading.or(node.attr("w:val").and_then(heading_level))
            }
            ("w:basedOn", Some(e)) => e.parent = node.attr("w:val").map(str::to_owned),
            _ => {}
        }
    }

    /// The font of paragraph style `id`, following `basedOn`, else the default.
    fn font(&self, id: Option<&str>) -> Option<&str> {
        self.sheet
            .inherited(id, |s| s.font.as_deref())
            .or(self.default_font.as_deref())
    }

    fn heading(&self, id: Option<&str>) -> Option<usize> {
        self.sheet.inherited(id, |s| s.heading)
    }
}

fn font_of(node: &Node) -> Option<String> {
    node.attr("w:ascii")
        .or(node.attr("w:hAnsi"))
        .map(str::to_owned)
}

/// A block of the body, before footnote numbers are known.
#[derive(Debug)]
enum Block {
    Heading(usize, String),
    Paragraph(Vec<Piece>),
    Row(Vec<String>),
}

/// Part of a paragraph: a run of text or a footnote reference (by its id).
#[derive(Debug)]
enum Piece {
    Text(Run),
    Note(String),
}

impl Block {
    fn write(self, md: &mut Markdown, numbered: &mut Vec<String>) {
        match self {
            Block::Heading(level, text) => md.heading(level, &text),
            Block::Row(cells) => md.row(&cells),
            Block::Paragraph(pieces) => {
                let runs: Vec<Run> = pieces
                    .into_iter()
                    .map(|p| match p {
                        Piece::Text(run) => run,
                        Piece::Note(id) => {
                            numbered.push(id);
                            Markdown::marker(numbered.len() as u32)
                        }
                    })
                    .collect();
                md.paragraph(&runs);
            }
        }
    }
}

fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Text(run) => Some(run.text.as_str()),
            Piece::Note(_) => None,
        })
        .collect()
}

/// Walks the body of a document or of a footnote.
struct Walk<'a> {
    styles: &'a Styles,
    fonts: &'a mut Fonts,
    numbering: &'a mut Numbering,
    /// The paragraph's list and level, when Word numbers it.
    list: (Option<String>, usize),
    blocks: Vec<Block>,
    pieces: Vec<Piece>,
    paragraph_style: Option<String>,
    run: Run,
    run_font: Option<String>,
    in_text: bool,
    in_paragraph_props: bool,
    row: Option<Vec<String>>,
    cell: Option<String>,
}

impl<'a> Walk<'a> {
    fn new(styles: &'a Styles, fonts: &'a mut Fonts, numbering: &'a mut Numbering) -> Self {
        Walk {
            styles,
            fonts,
            numbering,
            list: (None, 0),
            blocks: Vec::new(),
            pieces: Vec::new(),
            paragraph_style: None,
            run: Run::default(),
            run_font: None,
            in_text: false,
            in_paragraph_props: false,
            row: None,
            cell: None,
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Start(name, _) => self.start(name, node),
                Node::End(name) => self.end(name),
                Node::Text(text) if self.in_text => self.run.text.push_str(text),
                Node::Text(_) => {}
            }
        }
    }

    fn start(&mut self, name: &str, node: &Node) {
        match name {
            "w:p" => {
                self.paragraph_style = None;
                self.list = (None, 0);
            }
            "w:numId" if self.in_paragraph_props => {
                self.list.0 = node.attr("w:val").filter(|v| *v != "0").map(str::to_owned)
            }
            "w:ilvl" if self.in_paragraph_props => {
                self.list.1 = node.attr("w:val").and_then(|v| v.parse().ok()).unwrap_or(0)
            }
            "w:pPr" => self.in_paragraph_props = true,
            "w:pStyle" => self.paragraph_style = node.attr("w:val").map(str::to_owned),
            "w:r" => {
                self.run = Run::default();
                self.run_font = None;
            }
            "w:b" if !self.in_paragraph_props => {
                self.run.bold = !matches!(node.attr("w:val"), Some("0" | "false"))
            }
            "w:rFonts" if !self.in_paragraph_props => self.run_font = font_of(node),
            "w:t" => self.in_text = true,
            "w:tab" => self.run.text.push(' '),
            "w:br" | "w:cr" => self.run.text.push('\n'),
            "w:footnoteReference" => {
                if let Some(id) = node.attr("w:id") {
                    self.pieces.push(Piece::Note(id.to_owned()));
                }
            }
            "w:tr" => self.row = Some(Vec::new()),
            "w:tc" => self.cell = Some(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:pPr" => self.in_paragraph_props = false,
            "w:t" => self.in_text = false,
            "w:r" => self.end_run(),
            "w:p" => self.end_paragraph(),
            "w:tc" => {
                if let (Some(row), Some(cell)) = (self.row.as_mut(), self.cell.take()) {
                    row.push(cell.trim().to_owned());
                }
            }
            "w:tr" => {
                if let Some(row) = self.row.take() {
                    self.blocks.push(Block::Row(row));
                }
            }
            _ => {}
        }
    }

    fn end_run(&mut self) {
        let mut run = std::mem::take(&mut self.run);
        let font = self
            .run_font
            .as_deref()
            .or(self.styles.font(self.paragraph_style.as_deref()));
        run.text = self.fonts.convert(font, &run.text);
        self.pieces.push(Piece::Text(run));
    }

    fn end_paragraph(&mut self) {
        let mut pieces = std::mem::take(&mut self.pieces);
        let label = match &self.list {
            (Some(list), level) => self.numbering.next_label(list, *level),
            (None, _) => None,
        };
        if let Some(label) = label {
            let bold = matches!(pieces.first(), Some(Piece::Text(r)) if r.bold);
            let run = Run {
                text: format!("{label} "),
                bold,
            };
            pieces.insert(0, Piece::Text(run));
        }
        if let Some(cell) = self.cell.as_mut() {
            cell.push(' ');
            cell.push_str(&plain(&pieces));
        } else if let Some(level) = self.styles.heading(self.paragraph_style.as_deref()) {
            self.blocks.push(Block::Heading(level, plain(&pieces)));
        } else {
            self.blocks.push(Block::Paragraph(pieces));
        }
    }
}

/// The footnotes of `word/footnotes.xml` by id, as plain text; separators left out.
fn footnotes(nodes: &[Node], styles: &Styles, fonts: &mut Fonts) -> HashMap<String, String> {
    let mut notes = HashMap::new();
    let mut start = 0;
    let mut id = None;
    for (i, node) in nodes.iter().enumerate() {
        match node {
            Node::Start(name, _) if name == "w:footnote" => {
                id = node
                    .attr("w:type")
                    .is_none()
                    .then(|| node.attr("w:id"))
                    .flatten();
                start = i;
            }
            Node::End(name) if name == "w:footnote" => {
                if let Some(id) = id.take() {
                    let mut numbering = Numbering::default();
                    let mut walk = Walk::new(styles, fonts, &mut numbering);
                    walk.nodes(&nodes[start..i]);
                    let text: Vec<String> = walk
                        .blocks
                        .into_iter()
                        .map(|b| match b {
                            Block::Paragraph(p) => plain(&p),
                            Block::Heading(_, t) => t,
                            Block::Row(cells) => cells.join(" | "),
                        })
                        .collect();
                    notes.insert(id.to_owned(), text.join(" "));
                }
            }
            _ => {}
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::encoding::Encoding;
    use std::io::Write;

    /// A Word file with `body` as its body and `styles` as `word/styles.xml`.
    fn docx(body: &str, styles: &str) -> Vec<u8> {
        let document = format!("<w:document><w:body>{body}</w:body></w:document>");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            ("word/document.xml", document.as_str()),
            ("word/styles.xml", styles),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(data.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn fonts_set_by_styles_alone_are_found() {
        let styles = r#"<w:styles>
            <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:styleId="Tieude"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
              <w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style>
            </w:styles>"#;
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Tieude\"/></w:pPr><w:r><w:t>ngh\u{DE} quy\u{D5}t</w:t></w:r></w:p>\
                    <w:p><w:r><w:t>C\u{AB}ng t\u{B8}c </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>\u{A7}\u{B6}ng</w:t></w:r></w:p>\
                    <w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>T\u{A8}ng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let read = DocxReader.read(&docx(body, styles)).unwrap();
        assert_eq!(read.encoding, Encoding::Tcvn3);
        assert_eq!(read.text, "## NGHỊ QUYẾT\n\nCông tác **Đảng**\n\n1 | Tăng");
    }
}
