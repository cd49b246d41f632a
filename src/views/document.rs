//! The JSON shapes of a document: its summary in every listing, its whole view in
//! `parse --json` and `/api/docs/{doc_id}`, and each citation it makes.

use super::name::{capitalised, document_name};
use crate::codes::{Located, citations_of};
use crate::index::Head;
use crate::ingest::{Document, Footnote, Metadata, Paragraph, Signer};
use serde::Serialize;

/// A document as `parse --json` shows it.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    /// The document's metadata.
    #[serde(flatten)]
    pub summary: DocumentSummary<'a>,
    /// How its text was produced (`pdf`, `markdown`, `web`, `plain`).
    pub layout: crate::ingest::Layout,
    /// The header lines as printed.
    pub header: &'a [String],
    /// The file format read.
    pub format: crate::ingest::Format,
    /// The text encoding found.
    pub encoding: crate::ingest::encoding::Encoding,
    /// Body paragraphs in reading order.
    pub paragraphs: &'a [Paragraph],
    /// Footnotes taken out of the running text.
    pub footnotes: &'a [Footnote],
    /// The distribution list (`Nơi nhận:`).
    pub recipients: &'a [String],
    /// Whom a letter addresses (`Kính gửi:`).
    pub addressees: &'a [String],
    /// The source lines left out on purpose, each with its reason.
    pub dropped: &'a [crate::ingest::Dropped],
    /// Every citation in it, in reading order.
    pub citations: Vec<CitationView>,
}

/// A document's metadata, as every listing shows it.
#[derive(Debug, Serialize)]
pub struct DocumentSummary<'a> {
    /// Stable id: the path below the corpus root.
    pub doc_id: &'a str,
    /// The name people know it by (`Nghị quyết số 25-NQ/TU ngày … của …`).
    pub name: String,
    /// The source file below the corpus root.
    pub file: &'a str,
    /// Its kind (`Nghị quyết`).
    pub kind: Option<&'static str>,
    /// Its title, with a capital first letter.
    pub title: Option<String>,
    /// The issuing body, resolved (`Ban Thường vụ Tỉnh ủy Lào Cai`).
    pub issuer: Option<String>,
    /// The issuing body as printed in the header.
    pub issuing_body: Option<&'a str>,
    /// The place of the place-and-date line.
    pub place: Option<&'a str>,
    /// The issuer's tier (`tỉnh ủy`, `trung ương`).
    pub level: Option<&'static str>,
    /// The city or district it concerns.
    pub locality: Option<&'a str>,
    /// The province it concerns.
    pub province: Option<&'a str>,
    /// Its date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// What the date is: the signing, a meeting, an event.
    pub date_basis: Option<crate::ingest::DateBasis>,
    /// Its year.
    pub year: Option<i32>,
    /// Its number, canonical (`16-NQ/TU`).
    pub number: Option<String>,
    /// Who signed it.
    pub signer: Option<&'a Signer>,
    /// The author of an article.
    pub author: Option<&'a str>,
}

/// A citation as the sentence states it.
#[derive(Debug, Serialize)]
pub struct CitationView {
    /// The cited number, canonical.
    pub code: String,
    /// Whether the number lacks its issuer (`17-ĐA`).
    pub partial: bool,
    /// The number as printed.
    pub surface: String,
    /// The citing paragraph (for a footnote, the one pointing to it).
    pub paragraph: usize,
    /// The footnote the citation stands in, if any.
    pub footnote: Option<u32>,
    /// The cited kind the sentence names.
    pub kind: Option<&'static str>,
    /// The cited date the sentence gives, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The cited issuer the sentence names.
    pub issuer: Option<String>,
    /// What the cited document is about, as the sentence says.
    pub subject: Option<String>,
    /// What the citation does to the cited document (`basis`, `implements`, `replaces`…).
    pub relation: crate::codes::Relation,
    /// The document the sentence says acts on the cited one, when it names another.
    pub by: Option<String>,
}

impl<'a> DocumentSummary<'a> {
    /// The summary of a held document.
    pub fn of(doc: &'a Document) -> Self {
        Self::of_parts(&doc.doc_id, &doc.file, &doc.meta)
    }

    /// The summary of an indexed document, from its head alone.
    pub fn of_head(head: &'a Head) -> Self {
        Self::of_parts(&head.doc_id, &head.file, &head.meta)
    }

    fn of_parts(doc_id: &'a str, file: &'a str, m: &'a Metadata) -> Self {
        DocumentSummary {
            doc_id,
            name: document_name(m, file),
            file,
            kind: m.kind.map(|k| k.name()),
            title: m.title.as_deref().map(capitalised),
            issuer: m.issuer.as_ref().map(ToString::to_string),
            issuing_body: m.issuing_body.as_deref(),
            place: m.place.as_deref(),
            level: m.issuer.as_ref().map(|i| i.level.name()),
            locality: m.locality.as_deref(),
            province: m.province.as_deref(),
            date: m.date.map(|d| d.to_string()),
            date_basis: m.date_basis,
            year: m.year,
            number: m.number.as_ref().map(|n| n.canonical()),
            signer: m.signer.as_ref(),
            author: m.author.as_deref(),
        }
    }
}

impl<'a> DocumentView<'a> {
    /// The whole view of a document, with its citations.
    pub fn of(doc: &'a Document) -> Self {
        DocumentView {
            summary: DocumentSummary::of(doc),
            layout: doc.layout,
            header: &doc.meta.header,
            format: doc.source.format,
            encoding: doc.source.encoding,
            paragraphs: &doc.paragraphs,
            footnotes: &doc.footnotes,
            recipients: &doc.recipients,
            addressees: &doc.addressees,
            dropped: &doc.dropped,
            citations: citations_of(doc)
                .into_iter()
                .map(CitationView::of)
                .collect(),
        }
    }
}

impl CitationView {
    fn of(l: Located) -> Self {
        let c = l.citation;
        CitationView {
            code: c.code.canonical(),
            partial: c.code.is_partial(),
            surface: c.surface,
            paragraph: l.paragraph,
            footnote: l.footnote,
            kind: c.kind.map(|k| k.name()),
            date: c.date.map(|d| d.to_string()),
            issuer: c.issuer.map(|i| i.to_string()),
            subject: c.subject,
            relation: c.relation,
            by: c.by,
        }
    }
}

/// `docs`: one line per document.
#[derive(Debug, Serialize)]
pub struct DocsEntry<'a> {
    /// The document's metadata.
    #[serde(flatten)]
    pub summary: DocumentSummary<'a>,
    /// How many paragraphs it has.
    pub paragraphs: usize,
}

impl<'a> DocsEntry<'a> {
    /// One entry per head, in the order given
    /// ([`crate::index::SearchIndex::documents`] gives them in file order).
    pub fn list(heads: &'a [Head]) -> Vec<DocsEntry<'a>> {
        heads
            .iter()
            .map(|d| DocsEntry {
                summary: DocumentSummary::of_head(d),
                paragraphs: d.paragraphs,
            })
            .collect()
    }
}
