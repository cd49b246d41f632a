//! Web pages: the charset the page declares (Windows-1258 included), then the main content
//! (`<article>`, `<main>`, else `<body>`) without navigation, menus, sidebars and footers;
//! text of an old page set in `.VnTime` or `VNI-Times` fonts is converted.

use super::markdown::{Markdown, Run};
use super::{Extracted, Reader};
use crate::ingest::encoding::{self, Encoding};
use crate::ingest::source;
use ego_tree::NodeRef;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Reads `.html` and `.htm` files.
pub struct HtmlReader;

impl Reader for HtmlReader {
    fn read(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let (page, encoding) = decode(bytes)?;
        let document = Html::parse_document(&close_xhtml_elements(&page));
        let root = main_content(&document).ok_or("no <body> in the page")?;
        let mut walk = Walk::default();
        walk.children(*root);
        walk.flush();
        let text = source::finish(walk.md.finish()).map_err(|e| e.to_string())?;
        Ok(match encoding::repair(&text) {
            Some((text, legacy)) => Extracted {
                text,
                encoding: legacy,
            },
            None => Extracted { text, encoding },
        })
    }
}

static SELF_CLOSED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<([A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?/>").expect("valid pattern"));

/// Elements an HTML parser knows to be empty; any other `<x/>` opens an element.
const VOID_TAGS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// XHTML (LibreOffice's export, for one) closes empty elements as `<title/>` or `<a id=""/>`,
/// which an HTML parser reads as opened: a `<title/>` would swallow the whole page. Written
/// out as `<title></title>` they read the same in both.
fn close_xhtml_elements(page: &str) -> std::borrow::Cow<'_, str> {
    let head = &page[..page.len().min(PRESCAN_BYTES)];
    if !head.starts_with("<?xml") && !head.contains("http://www.w3.org/1999/xhtml") {
        return page.into();
    }
    SELF_CLOSED.replace_all(page, |c: &regex::Captures| {
        let tag = &c[1];
        if VOID_TAGS.contains(&tag.to_ascii_lowercase().as_str()) {
            c[0].to_owned()
        } else {
            format!("<{tag}{}></{tag}>", c.get(2).map_or("", |a| a.as_str()))
        }
    })
}

/// How far into a page its `<meta charset>` must be (the HTML standard's prescan length).
const PRESCAN_BYTES: usize = 1024;

/// The page as text: BOM, then the declared charset, then UTF-8, then a legacy guess.
fn decode(bytes: &[u8]) -> Result<(String, Encoding), String> {
    if let Some((found, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let encoding = if found == encoding_rs::UTF_8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        return Ok((
            found.decode_with_bom_removal(bytes).0.into_owned(),
            encoding,
        ));
    }
    match declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]).as_deref() {
        Some("windows-1258" | "cp1258" | "x-cp1258") => {
            return Ok((Encoding::Windows1258.decode(bytes), Encoding::Windows1258));
        }
        Some("viscii") => return Ok((Encoding::Viscii.decode(bytes), Encoding::Viscii)),
        Some(label) => {
            if let Some(found) = encoding_rs::Encoding::for_label(label.as_bytes())
                .filter(|e| *e != encoding_rs::UTF_8)
            {
                return Ok((
                    found.decode_without_bom_handling(bytes).0.into_owned(),
                    Encoding::Utf8,
                ));
            }
        }
        None => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
        Err(e) => {
            let legacy = encoding::guess(bytes).ok_or_else(|| {
                format!(
                    "không phải UTF-8 hợp lệ (byte lỗi đầu tiên ở vị trí {}) và trang không khai báo bảng mã",
                    e.valid_up_to()
                )
            })?;
            Ok((legacy.decode(bytes), legacy))
        }
    }
}

/// The charset label of `<meta charset=...>` or `content="text/html; charset=..."`.
fn declared_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

static MAIN: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("article, main, [role=main], body").expect("valid selector"));

/// The element holding the page's content: the first `<article>` or `<main>`, else `<body>`.
fn main_content(document: &Html) -> Option<ElementRef<'_>> {
    let mut found: Vec<ElementRef> = document.select(&MAIN).collect();
    found.sort_by_key(|e| e.value().name() == "body");
    found.into_iter().next()
}

/// Elements that are never content.
const CHROME_TAGS: [&str; 14] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "head",
];

/// Words in a `class` or `id` that mark site furniture.
const CHROME_WORDS: [&str; 11] = [
    "menu",
    "nav",
    "footer",
    "sidebar",
    "breadcrumb",
    "banner",
    "share",
    "social",
    "comment",
    "related",
    "login",
];

fn is_chrome(element: &scraper::node::Element) -> bool {
    if CHROME_TAGS.contains(&element.name()) {
        return true;
    }
    let names = element
        .attr("class")
        .unwrap_or_default()
        .to_ascii_lowercase()
        + " "
        + &element.attr("id").unwrap_or_default().to_ascii_lowercase();
    CHROME_WORDS.iter().any(|w| names.contains(w))
}

fn is_notes(element: &scraper::node::Element) -> bool {
    let class = element.attr("class").unwrap_or_default();
    class.split_whitespace().any(|c| c == "footnotes")
        || element.attr("role") == Some("doc-endnotes")
}

/// Elements that end the paragraph before and after them.
const BLOCK_TAGS: [&str; 18] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "pre",
    "table",
    "tbody",
    "thead",
    "figure",
    "figcaption",
];

#[derive(Default)]
struct Walk {
    md: Markdown,
    runs: Vec<Run>,
    bold: usize,
    notes: u32,
    /// The label of a list item, written before its first words.
    label: Option<String>,
}

impl Walk {
    fn children(&mut self, node: NodeRef<Node>) {
        for child in node.children() {
            self.node(child);
        }
    }

    fn node(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) => {
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let space = |edge: Option<char>| edge.is_some_and(char::is_whitespace);
                let text = format!(
                    "{}{words}{}",
                    if space(text.chars().next()) { " " } else { "" },
                    if space(text.chars().last()) && !words.is_empty() {
                        " "
                    } else {
                        ""
                    }
                );
                if let Some(label) = self.label.take_if(|_| !words.is_empty()) {
                    self.runs.push(Run {
                        text: format!("{label} "),
                        bold: false,
                    });
                }
                self.runs.push(Run {
                    text,
                    bold: self.bold > 0,
                });
            }
            Node::Element(element) if is_chrome(element) => {}
            Node::Element(element) if is_notes(element) => self.notes(node),
            Node::Element(element) => self.element(element.name(), node),
            _ => {}
        }
    }

    fn element(&mut self, name: &str, node: NodeRef<Node>) {
        let class = node
            .value()
            .as_element()
            .and_then(|e| e.attr("class"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let text = text_of(node);
        if class.contains("bullet") && !text.chars().any(char::is_alphanumeric) {
            return;
        }
        if let (true, Ok(n)) = (is_note_number(&class), text.parse::<u32>()) {
            self.runs.push(Markdown::marker(n));
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = usize::from(name.as_bytes()[1] - b'0');
                self.md.heading(level, &text_of(node));
            }
            "br" => self.runs.push(Run {
                text: "\n".into(),
                bold: false,
            }),
            "strong" | "b" => {
                self.bold += 1;
                self.children(node);
                self.bold -= 1;
            }
            "sup" => match text.parse::<u32>() {
                Ok(n) => self.runs.push(Markdown::marker(n)),
                Err(_) => self.children(node),
            },
            "tr" => {
                self.flush();
                let cells: Vec<String> = node
                    .children()
                    .filter(|c| {
                        c.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "td" | "th"))
                    })
                    .map(text_of)
                    .collect();
                self.md.row(&cells);
            }
            "li" => {
                self.flush();
                self.label = Some(list_label(node));
                self.children(node);
                self.flush();
                self.label = None;
            }
            _ if BLOCK_TAGS.contains(&name) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    /// A footnotes section: each item is a note, numbered in order, back-links dropped.
    fn notes(&mut self, node: NodeRef<Node>) {
        self.flush();
        for item in node
            .descendants()
            .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "li"))
        {
            self.notes += 1;
            let text = text_of(item).replace(['↩', '\u{FE0E}'], "");
            self.md.note(self.notes, &text);
        }
    }

    fn flush(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        self.md.paragraph(&runs);
    }
}

/// A footnote number by its class: LibreOffice marks the anchor `Footnote_20_anchor` and the
/// note's own number `footnodeNumber`, Word's HTML `MsoFootnoteReference`.
fn is_note_number(class: &str) -> bool {
    [
        "footnote_20_anchor",
        "footnodenumber",
        "msofootnotereference",
        "footnote-ref",
    ]
    .iter()
    .any(|c| class.contains(c))
}

/// The label a list item shows: `-` in a bullet list, its number in an `<ol>`.
fn list_label(item: NodeRef<Node>) -> String {
    let parent = item.parent().and_then(|p| p.value().as_element().cloned());
    let Some(list) = parent.filter(|p| p.name() == "ol") else {
        return "-".into();
    };
    let start: usize = list.attr("start").and_then(|s| s.parse().ok()).unwrap_or(1);
    let before = item
        .prev_siblings()
        .filter(|s| s.value().as_element().is_some_and(|e| e.name() == "li"))
        .count();
    format!("{}.", start + before)
}

/// The text of a node, white space collapsed, site furniture left out.
fn text_of(node: NodeRef<Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            let hidden = d
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(is_chrome));
            if !hidden {
                out.push_str(t);
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_is_kept_and_chrome_dropped() {
        let page = r#"<html><head><meta charset="utf-8"><title>T</title></head><body>
            <nav><a>Trang chủ</a></nav><div class="menu-top">Đăng nhập</div>
            <article><h2>NGHỊ QUYẾT</h2><p>Theo <b>Nghị quyết</b> số 1<sup>1</sup>.</p>
            <table><tr><td>1</td><td>Tăng trưởng</td></tr></table>
            <ol start="2"><li>Hai</li><li>Ba</li></ol><ul><li>Lưu VPTU.</li></ul></article>
            <footer>Bản quyền</footer></body></html>"#;
        let read = HtmlReader.read(page.as_bytes()).unwrap();
        assert_eq!(
            read.text,
            "## NGHỊ QUYẾT\n\nTheo **Nghị quyết** số 1<sup>1</sup>.\n\n1 | Tăng trưởng\n\n\
             2. Hai\n\n3. Ba\n\n- Lưu VPTU."
        );
    }

    #[test]
    fn xhtml_empty_elements_do_not_swallow_the_page() {
        let page = r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head>
            <body><h2><a id="x"/>NGHỊ QUYẾT</h2><p>Dòng một<br/>dòng hai</p></body></html>"#;
        let read = HtmlReader.read(page.as_bytes()).unwrap();
        assert_eq!(read.text, "## NGHỊ QUYẾT\n\nDòng một\ndòng hai");
    }

    #[test]
    fn libreoffice_footnotes_and_bullets_read_as_markers_and_labels() {
        let page = r##"<body><p>năm 2023<span class="Footnote_20_anchor"><a href="#ftn1">1</a></span>, Ban</p>
            <ul><li>
            <p><span class="Bullet_20_Symbols">•.</span>Lưu VPTU.</p></li></ul>
            <p class="Footnote"><span class="footnodeNumber"><a id="ftn1">1</a></span>Ghi chú.</p></body>"##;
        let read = HtmlReader.read(page.as_bytes()).unwrap();
        assert_eq!(
            read.text,
            "năm 2023<sup>1</sup>, Ban\n\n- Lưu VPTU.\n\n<sup>1</sup>Ghi chú."
        );
    }

    #[test]
    fn a_windows_1258_page_is_decoded_and_named() {
        let mut page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><p>Nghi".to_vec();
        page.extend_from_slice(b"\xf2 quy\xea\xect</p>");
        let read = HtmlReader.read(&page).unwrap();
        assert_eq!(
            (read.text.as_str(), read.encoding),
            ("Nghị quyết", Encoding::Windows1258)
        );
    }
}
