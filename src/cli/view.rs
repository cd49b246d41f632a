//! The JSON shapes of the interface contract, built from the library's types.

use crate::codes::{Located, citations_of};
use crate::ingest::{Document, Footnote, Paragraph, Signer};
use serde::Serialize;

/// A document as `parse --json` shows it.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    #[serde(flatten)]
    pub summary: DocumentSummary<'a>,
    pub layout: crate::ingest::Layout,
    pub paragraphs: &'a [Paragraph],
    pub footnotes: &'a [Footnote],
    pub recipients: &'a [String],
    pub citations: Vec<CitationView>,
}

/// A document's metadata, as every listing shows it.
#[derive(Debug, Serialize)]
pub struct DocumentSummary<'a> {
    pub doc_id: &'a str,
    pub file: &'a str,
    pub kind: Option<&'static str>,
    pub title: Option<&'a str>,
    pub issuer: Option<String>,
    pub level: Option<&'static str>,
    pub locality: Option<&'a str>,
    pub province: Option<&'a str>,
    pub date: Option<String>,
    pub date_basis: Option<crate::ingest::DateBasis>,
    pub year: Option<i32>,
    pub number: Option<String>,
    pub signer: Option<&'a Signer>,
    pub author: Option<&'a str>,
}

/// A citation as the sentence states it.
#[derive(Debug, Serialize)]
pub struct CitationView {
    pub code: String,
    pub partial: bool,
    pub surface: String,
    pub paragraph: usize,
    pub footnote: Option<u32>,
    pub kind: Option<&'static str>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
}

impl<'a> DocumentSummary<'a> {
    pub fn of(doc: &'a Document) -> Self {
        let m = &doc.meta;
        DocumentSummary {
            doc_id: &doc.doc_id,
            file: &doc.file,
            kind: m.kind.map(|k| k.name()),
            title: m.title.as_deref(),
            issuer: m.issuer.as_ref().map(ToString::to_string),
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
    pub fn of(doc: &'a Document) -> Self {
        DocumentView {
            summary: DocumentSummary::of(doc),
            layout: doc.layout,
            paragraphs: &doc.paragraphs,
            footnotes: &doc.footnotes,
            recipients: &doc.recipients,
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
        }
    }
}
