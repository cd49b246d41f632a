//! The shape of a read document: its metadata, paragraphs, footnotes and distribution list.

use crate::vocabulary::{Date, DocCode, Issuer, Kind};
use serde::{Deserialize, Serialize};

use super::layout::Layout;

/// A document as tracuu reads it: everything the index and the user see comes from here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file's path below the corpus root, without extension.
    pub doc_id: String,
    /// The source file's path below the corpus root.
    pub file: String,
    /// How the text was produced.
    pub layout: Layout,
    /// What the text says about the document itself.
    pub meta: Metadata,
    /// Body paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// Footnotes taken out of the running text.
    pub footnotes: Vec<Footnote>,
    /// The distribution list (`Nơi nhận:`), one recipient per entry.
    pub recipients: Vec<String>,
    /// Whom a letter addresses (`Kính gửi:`), one addressee per entry.
    #[serde(default)]
    pub addressees: Vec<String>,
    /// The source lines left out on purpose, each with the rule that left it out: every
    /// other line of the source is in a paragraph, a footnote or a metadata field.
    #[serde(default)]
    pub dropped: Vec<Dropped>,
    /// The file's format and the encoding its text was found in.
    #[serde(default)]
    pub source: super::read::Source,
}

/// A source line ingest leaves out on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// The line as it stood in the source, trimmed.
    pub line: String,
    /// Why it is not content.
    pub reason: DropReason,
}

/// The rules that leave a line out; each is a stable code in `parse --json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// A web portal's menus, login links, counters, copyright and session notices.
    SiteChrome,
    /// The placeholder a scraper leaves where a picture was.
    ImagePlaceholder,
    /// A horizontal rule (`-----`) or the underline of a header block.
    Rule,
    /// A lone page number.
    PageNumber,
    /// A table border left by a scraper: a lone `|` or a `|---|` row.
    TableBorder,
    /// The national motto or the Party's name heading every official document
    /// (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`, `Độc lập - Tự do - Hạnh phúc`,
    /// `ĐẢNG CỘNG SẢN VIỆT NAM`).
    Motto,
    /// The information panel a legal portal prints above a document (`Số hiệu:`,
    /// `Ngày ban hành:`...); what it states fills the metadata the header leaves empty.
    PortalPanel,
    /// A clerk's filing mark under the distribution list (`N/NQ06/80`).
    FilingMark,
}

impl Document {
    /// The text a hit or a citation points to: footnote `footnote` when given, else paragraph
    /// `paragraph` (numbered from 1).
    pub fn passage(&self, paragraph: usize, footnote: Option<u32>) -> Option<&str> {
        match footnote {
            Some(n) => self
                .footnotes
                .iter()
                .find(|f| f.n == n)
                .map(|f| f.text.as_str()),
            None => self
                .paragraphs
                .get(paragraph.wrapping_sub(1))
                .map(|p| p.text.as_str()),
        }
    }
}

/// Metadata extracted from the text (or overridden by a sidecar `NAME.meta.toml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Metadata {
    /// Nghị quyết, Kết luận, ..., or Tin tức for news.
    pub kind: Option<Kind>,
    /// The subject line (`về phương hướng, nhiệm vụ năm 2023`) or a news headline.
    pub title: Option<String>,
    /// The issuing body, resolved to its committee and locality.
    pub issuer: Option<Issuer>,
    /// The issuing body as the header prints it (`ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP`), kept
    /// whether or not tracuu resolves it.
    #[serde(default)]
    pub issuing_body: Option<String>,
    /// The place printed before the date (`Đồng Tháp, ngày 01 tháng 12 năm 2025`).
    #[serde(default)]
    pub place: Option<String>,
    /// The header block's lines as printed (issuing body, number, place and date, kind,
    /// subject): the fields above are read from them.
    #[serde(default)]
    pub header: Vec<String>,
    /// The city or province the document belongs to (`Lào Cai`, `Long Khánh`).
    pub locality: Option<String>,
    /// The province, when the locality is a city (`Đồng Nai` for Long Khánh).
    pub province: Option<String>,
    /// The document's date, with where it came from.
    pub date: Option<Date>,
    /// What `date` is: printed on the document, the adopting meeting, or the reported event.
    pub date_basis: Option<DateBasis>,
    /// The year: that of `date`, else the year the title names.
    pub year: Option<i32>,
    /// The document's own number when the text states it (`Số 25-NQ/TU`).
    pub number: Option<DocCode>,
    /// Who signed, and in what capacity.
    pub signer: Option<Signer>,
    /// A news article's byline.
    pub author: Option<String>,
}

/// Where a document's date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// Printed in the header (`Lào Cai, ngày 10 tháng 12 năm 2022`).
    Printed,
    /// The date of the meeting that adopted it (`Tại Hội nghị ..., ngày 11/5/2026`).
    Meeting,
    /// The date of the event a news article reports.
    Event,
    /// Only the year, named in the title (`nhiệm vụ năm 2023`).
    Title,
    /// Given by a curator in a sidecar file.
    Sidecar,
}

/// One paragraph of body text: the unit of retrieval.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Paragraph {
    /// Position in reading order, from 1.
    pub n: usize,
    /// The section path (`II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 1. Lãnh đạo ... > 1.2.`).
    pub section: String,
    /// The whole reconstructed paragraph.
    pub text: String,
    /// Body text or a photo caption.
    pub role: Role,
    /// Numbers of the footnotes whose markers stood in this paragraph.
    pub footnotes: Vec<u32>,
    /// The cells of the table row this paragraph is, with their column labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<TableRow>,
}

/// A row of a table: its cells in order and, when the table has them, the column labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// The labels of the columns (`STT`, `Chỉ tiêu`, `Năm 2025`); empty when the table has none.
    pub labels: Vec<String>,
    /// The cells, empty ones kept so that they line up with the labels.
    pub cells: Vec<String>,
}

/// What a paragraph is in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Running text.
    Body,
    /// The caption under a news photo.
    Caption,
    /// A heading no paragraph stands under (two headings in a row, a heading at the end):
    /// kept as a paragraph so that its words are found.
    Heading,
}

/// A footnote, out of the running text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    /// Its number (`1` for `trọng điểm1`, `<sup>1</sup>`, `¹`).
    pub n: u32,
    /// Its marker as the foot of the page prints it (`[1]`, `¹`, `1`).
    #[serde(default)]
    pub label: String,
    /// Its whole text.
    pub text: String,
    /// The paragraph whose marker points to it.
    pub paragraph: Option<usize>,
}

/// The signature block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// The signer's name (`Đặng Xuân Phong`).
    pub name: Option<String>,
    /// On whose behalf (`T/M TỈNH ỦY`).
    pub capacity: Option<String>,
    /// The signer's office (`BÍ THƯ`).
    pub position: Option<String>,
}
