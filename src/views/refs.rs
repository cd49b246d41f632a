//! The JSON shape of `refs CODE` and `/api/refs/{code}`: each distinct document a number
//! names, with every paragraph that cites it.

use super::name::{capitalised, cited_name, document_name};
use crate::codes::{CitedDocument, Mention, Relation};
use crate::index::{Head, SearchIndex};
use crate::ingest::Document;
use crate::vocabulary::DocCode;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// `refs CODE`: every document the code names, with every citing paragraph.
#[derive(Debug, Serialize)]
pub struct RefsView {
    /// The number asked for, canonical.
    pub code: String,
    /// Each distinct document the number names.
    pub targets: Vec<TargetView>,
}

/// One cited document.
#[derive(Debug, Serialize)]
pub struct TargetView {
    /// Its number, canonical.
    pub code: String,
    /// The name people know it by (`Đề án số 17-ĐA/TU ngày 11/12/2020 của Tỉnh ủy Lào Cai`).
    pub name: String,
    /// Its date as its citations give it, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Its issuing body as its citations give it.
    pub issuer: Option<String>,
    /// What it is about: the fullest subject its citations give.
    pub subject: Option<String>,
    /// Whether the corpus holds the document itself.
    pub in_corpus: bool,
    /// The corpus documents that are it.
    pub held_by: Vec<String>,
    /// The numbers of the documents that say they replace it.
    pub replaced_by: Vec<String>,
    /// The numbers of the documents that say they amend it.
    pub amended_by: Vec<String>,
    /// Every citation of it.
    pub mentions: Vec<MentionView>,
}

/// One citation of it, with the paragraph that makes it.
#[derive(Debug, Serialize)]
pub struct MentionView {
    /// The citing document's source file.
    pub file: String,
    /// The citing document's id.
    pub doc_id: String,
    /// The citing document's name as people know it.
    pub name: String,
    /// The citing document's title, with a capital first letter.
    pub title: Option<String>,
    /// The citing paragraph (for a footnote, the one pointing to it).
    pub paragraph: usize,
    /// The footnote the citation stands in, if any.
    pub footnote: Option<u32>,
    /// The number as printed.
    pub surface: String,
    /// The whole citing paragraph or footnote.
    pub text: String,
    /// What the citation does to the cited document (`basis`, `implements`, `replaces`…).
    pub relation: Relation,
    /// The relation as people read it (`Căn cứ`, `Thực hiện`, `Thay thế`…).
    pub relation_label: &'static str,
    /// The document the sentence says acts on it, when it names another than the citing one.
    pub by: Option<String>,
    /// The citing document's issuing body.
    pub issuer: Option<String>,
    /// The citing document's year.
    pub year: Option<i32>,
}

impl RefsView {
    /// Every document `code` names in the corpus's citations, with each citation; each
    /// citing paragraph is read from the document store.
    pub fn of(index: &SearchIndex, code: &DocCode) -> anyhow::Result<Self> {
        let cited = index.refs(code)?;
        let citing = citing_documents(index, &cited)?;
        let targets = cited
            .iter()
            .map(|t| TargetView::of(index, &citing, t))
            .collect();
        Ok(RefsView {
            code: code.canonical(),
            targets,
        })
    }
}

/// Every document citing one of `cited`, read from the store once however often it cites.
fn citing_documents(
    index: &SearchIndex,
    cited: &[CitedDocument],
) -> anyhow::Result<HashMap<String, Document>> {
    let ids: HashSet<&str> = cited
        .iter()
        .flat_map(|t| &t.mentions)
        .map(|m| m.doc_id.as_str())
        .collect();
    let mut documents = HashMap::with_capacity(ids.len());
    for id in ids {
        if let Some(doc) = index.document(id)? {
            documents.insert(id.to_owned(), doc);
        }
    }
    Ok(documents)
}

impl TargetView {
    fn of(index: &SearchIndex, citing: &HashMap<String, Document>, t: &CitedDocument) -> Self {
        TargetView {
            code: t.code.canonical(),
            name: cited_name(t),
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
                .map(|m| {
                    MentionView::of(
                        index.head(&m.doc_id).as_ref(),
                        citing.get(m.doc_id.as_str()),
                        m,
                    )
                })
                .collect(),
        }
    }
}

impl MentionView {
    fn of(head: Option<&Head>, doc: Option<&Document>, m: &Mention) -> Self {
        let text = doc
            .and_then(|d| d.passage(m.paragraph, m.footnote))
            .map(str::to_owned);
        MentionView {
            file: m.file.to_string(),
            doc_id: m.doc_id.to_string(),
            name: head.map_or_else(|| m.file.to_string(), |h| document_name(&h.meta, &h.file)),
            title: head.and_then(|h| h.meta.title.as_deref().map(capitalised)),
            paragraph: m.paragraph,
            footnote: m.footnote,
            surface: m.surface.to_string(),
            text: text.unwrap_or_default(),
            relation: m.relation,
            relation_label: m.relation.label(),
            by: m.by.clone(),
            issuer: head.and_then(|h| h.meta.issuer.as_ref().map(ToString::to_string)),
            year: head.and_then(|h| h.meta.year),
        }
    }
}
