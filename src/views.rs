//! The JSON shapes of the interface contract, shared by the CLI and the HTTP API.

use crate::codes::{CitedDocument, DocCode, Located, Mention, citations_of};
use crate::index::SearchIndex;
use crate::ingest::{Document, Footnote, Paragraph, Signer};
use serde::Serialize;

/// A document as `parse --json` shows it.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    #[serde(flatten)]
    pub summary: DocumentSummary<'a>,
    pub layout: crate::ingest::Layout,
    pub header: &'a [String],
    pub format: crate::ingest::Format,
    pub encoding: crate::ingest::encoding::Encoding,
    pub paragraphs: &'a [Paragraph],
    pub footnotes: &'a [Footnote],
    pub recipients: &'a [String],
    pub addressees: &'a [String],
    pub dropped: &'a [crate::ingest::Dropped],
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
    pub issuing_body: Option<&'a str>,
    pub place: Option<&'a str>,
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
    pub relation: crate::codes::Relation,
    pub by: Option<String>,
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

/// `refs CODE`: every document the code names, with every citing paragraph.
#[derive(Debug, Serialize)]
pub struct RefsView {
    pub code: String,
    pub targets: Vec<TargetView>,
}

/// One cited document.
#[derive(Debug, Serialize)]
pub struct TargetView {
    pub code: String,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub in_corpus: bool,
    pub held_by: Vec<String>,
    pub replaced_by: Vec<String>,
    pub amended_by: Vec<String>,
    pub mentions: Vec<MentionView>,
}

/// One citation of it, with the paragraph that makes it.
#[derive(Debug, Serialize)]
pub struct MentionView {
    pub file: String,
    pub doc_id: String,
    pub title: Option<String>,
    pub paragraph: usize,
    pub footnote: Option<u32>,
    pub surface: String,
    pub text: String,
    pub relation: crate::codes::Relation,
    pub relation_label: &'static str,
    pub by: Option<String>,
    pub issuer: Option<String>,
    pub year: Option<i32>,
}

impl RefsView {
    pub fn of(index: &SearchIndex, code: &DocCode) -> Self {
        let targets = index
            .refs(code)
            .into_iter()
            .map(|t| TargetView::of(index, t))
            .collect();
        RefsView {
            code: code.canonical(),
            targets,
        }
    }
}

impl TargetView {
    fn of(index: &SearchIndex, t: &CitedDocument) -> Self {
        TargetView {
            code: t.code.canonical(),
            date: t.date.map(|d| d.to_string()),
            issuer: t.issuer.as_ref().map(ToString::to_string),
            subject: t.subject.clone(),
            in_corpus: t.in_corpus(),
            held_by: t.held_by.clone(),
            replaced_by: t.replaced_by.clone(),
            amended_by: t.amended_by.clone(),
            mentions: t
                .mentions
                .iter()
                .map(|m| MentionView::of(index, m))
                .collect(),
        }
    }
}

impl MentionView {
    fn of(index: &SearchIndex, m: &Mention) -> Self {
        let doc = index.document(&m.doc_id);
        let text = doc
            .and_then(|d| d.passage(m.paragraph, m.footnote))
            .map(str::to_owned);
        MentionView {
            file: m.file.clone(),
            doc_id: m.doc_id.clone(),
            title: doc.and_then(|d| d.meta.title.clone()),
            paragraph: m.paragraph,
            footnote: m.footnote,
            surface: m.surface.clone(),
            text: text.unwrap_or_default(),
            relation: m.relation,
            relation_label: m.relation.label(),
            by: m.by.clone(),
            issuer: doc.and_then(|d| d.meta.issuer.as_ref().map(ToString::to_string)),
            year: doc.and_then(|d| d.meta.year),
        }
    }
}

/// `docs`: one line per document.
#[derive(Debug, Serialize)]
pub struct DocsEntry<'a> {
    #[serde(flatten)]
    pub summary: DocumentSummary<'a>,
    pub paragraphs: usize,
}

impl<'a> DocsEntry<'a> {
    /// One entry per indexed document, in file order.
    pub fn list(index: &'a SearchIndex) -> Vec<DocsEntry<'a>> {
        index
            .documents()
            .iter()
            .map(|d| DocsEntry {
                summary: DocumentSummary::of(d),
                paragraphs: d.paragraphs.len(),
            })
            .collect()
    }
}
