//! The map of a document's links: the documents it cites and those that cite it, each
//! link with its relation, walked out to a depth.

use super::name::{cited_name, document_name};
use crate::codes::{CitedDocument, Mention, Relation};
use crate::index::{CitedTable, Head, SearchIndex};
use crate::vocabulary::DocCode;
use compact_str::CompactString;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Deepest walk asked for: at depth 3 a national resolution already reaches most of the
/// corpus, so more adds nothing a person can read.
pub const MAX_DEPTH: usize = 3;
/// Most documents one map holds; the walk stops adding documents past it (`truncated`).
pub const MAX_NODES: usize = 300;

/// One document on the map: in the corpus, or only known from its citations.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Stable within one index: the `doc_id` of a corpus document, `cited/N` for another.
    pub id: String,
    /// How people name it (`Quy định số 383-QĐ/TW ngày … của …`; see `views::document_name`).
    pub label: String,
    /// Its number (`383-QĐ/TW`), when it has one.
    pub number: Option<String>,
    /// Its kind (`Quy định`).
    pub kind: Option<&'static str>,
    /// Its issuing body.
    pub issuer: Option<String>,
    /// Its date, ISO.
    pub date: Option<String>,
    /// What it is about (a corpus document's title).
    pub subject: Option<String>,
    /// Whether the corpus holds it.
    pub in_corpus: bool,
    /// The documents that say they replace it.
    pub replaced_by: Vec<String>,
    /// The documents that say they amend it.
    pub amended_by: Vec<String>,
}

/// One link: `from` cites `to` with `relation` in `paragraphs` paragraphs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The citing document's node id.
    pub from: String,
    /// The cited document's node id.
    pub to: String,
    /// What the citations do to it.
    pub relation: Relation,
    /// How many citing paragraphs (footnotes counted apart) state it.
    pub paragraphs: usize,
}

/// The map around one document or number.
#[derive(Debug, Serialize)]
pub struct Graph {
    /// The node ids asked for: one, or one per document a number names.
    pub roots: Vec<String>,
    /// How far the walk went.
    pub depth: usize,
    /// Every document reached.
    pub nodes: Vec<Node>,
    /// Every link between them.
    pub edges: Vec<Edge>,
    /// Whether the walk stopped at [`MAX_NODES`].
    pub truncated: bool,
    /// Every relation with its Vietnamese label, in display order, for the page's legend.
    pub relations: Vec<RelationLabel>,
}

/// A relation's code and how people read it.
#[derive(Debug, Serialize)]
pub struct RelationLabel {
    /// The code used in `edges` (`replaces`).
    pub relation: Relation,
    /// Its Vietnamese label (`Thay thế`).
    pub label: &'static str,
}

/// Why a map cannot be drawn; each is one sentence for people.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// The key is neither a document id nor a number.
    #[error(
        "«{0}» không phải mã văn bản trong kho hay số hiệu văn bản: hãy ghi số hiệu như 16-NQ/TU hoặc mã lấy từ danh sách văn bản."
    )]
    NotANumber(String),
    /// A well-formed number nobody holds or cites.
    #[error("Kho không có và không văn bản nào trích dẫn số {0}.")]
    Unknown(String),
    /// A depth out of range.
    #[error("Độ sâu phải từ 1 đến {MAX_DEPTH}, không phải {0}.")]
    Depth(usize),
    /// The index's citations could not be read.
    #[error("không đọc được các trích dẫn của chỉ mục: {0:#}")]
    Index(anyhow::Error),
}

/// A citing paragraph: (citing doc, paragraph, footnote).
type Place = (CompactString, usize, Option<u32>);

/// One link of a document as the walk reads it: (from, to, relation, where it is stated).
type Link = (String, String, Relation, Place);

/// The citations of the corpus seen from both ends, read from the table of cited documents
/// as the walk reaches them: a map around one document reads a handful of its items.
struct Links<'a> {
    index: &'a SearchIndex,
    table: &'a CitedTable,
}

impl Links<'_> {
    /// The cited documents a node stands for.
    fn as_cited(&self, id: &str) -> Vec<usize> {
        match id.strip_prefix("cited/").and_then(|n| n.parse().ok()) {
            Some(i) => vec![i],
            None => self
                .index
                .ord(id)
                .map_or_else(Vec::new, |ord| self.table.held_as(ord)),
        }
    }

    /// Every citing paragraph touching `id`, in either direction.
    fn around(&self, id: &str) -> anyhow::Result<Vec<Link>> {
        let mut links = Vec::new();
        let citing = self.index.ord(id).map(|ord| self.table.cited_by(ord));
        for i in citing.into_iter().flatten() {
            let cited = self.table.get(i)?;
            let targets = targets(i, &cited);
            for m in cited.mentions.iter().filter(|m| m.doc_id == id) {
                let out = targets.iter().map(|to| (id.to_owned(), to.clone()));
                links.extend(out.map(|(from, to)| (from, to, m.relation, place(m))));
            }
        }
        for i in self.as_cited(id) {
            for m in self.table.get(i)?.mentions {
                links.push((m.doc_id.to_string(), id.to_owned(), m.relation, place(&m)));
            }
        }
        links.retain(|(from, to, ..)| from != to);
        Ok(links)
    }

    fn node(&self, id: &str) -> anyhow::Result<Node> {
        let as_cited = self
            .as_cited(id)
            .into_iter()
            .map(|i| self.table.get(i))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut node = match (self.index.head(id), as_cited.first()) {
            (Some(head), _) => corpus_node(&head),
            (None, Some(cited)) => cited_node(id, cited),
            (None, None) => anyhow::bail!("bảng văn bản được trích dẫn không có {id}"),
        };
        for cited in as_cited {
            node.replaced_by.extend(cited.replaced_by);
            node.amended_by.extend(cited.amended_by);
        }
        for names in [&mut node.replaced_by, &mut node.amended_by] {
            names.sort();
            names.dedup();
        }
        Ok(node)
    }
}

/// The node ids cited document `i` stands for: its holders, else its own.
fn targets(i: usize, cited: &CitedDocument) -> Vec<String> {
    if cited.in_corpus() {
        cited.held_by.clone()
    } else {
        vec![format!("cited/{i}")]
    }
}

fn place(m: &Mention) -> Place {
    (m.doc_id.clone(), m.paragraph, m.footnote)
}

fn corpus_node(doc: &Head) -> Node {
    let m = &doc.meta;
    Node {
        id: doc.doc_id.clone(),
        label: document_name(m, &doc.file),
        number: m.number.as_ref().map(DocCode::canonical),
        kind: m.kind.map(|k| k.name()),
        issuer: m.issuer.as_ref().map(ToString::to_string),
        date: m.date.map(|d| d.to_string()),
        subject: m.title.clone(),
        in_corpus: true,
        replaced_by: Vec::new(),
        amended_by: Vec::new(),
    }
}

fn cited_node(id: &str, cited: &CitedDocument) -> Node {
    Node {
        id: id.to_owned(),
        label: cited_name(cited),
        number: Some(cited.code.canonical()),
        kind: cited.kind.map(|k| k.name()),
        issuer: cited.issuer.as_ref().map(ToString::to_string),
        date: cited.date.map(|d| d.to_string()),
        subject: cited.subject.clone(),
        in_corpus: false,
        replaced_by: Vec::new(),
        amended_by: Vec::new(),
    }
}

impl Graph {
    /// The map around `key` (a `doc_id` or a number) out to `depth` links.
    pub fn around(index: &SearchIndex, key: &str, depth: usize) -> Result<Graph, GraphError> {
        if !(1..=MAX_DEPTH).contains(&depth) {
            return Err(GraphError::Depth(depth));
        }
        let table = index.cited_table().map_err(GraphError::Index)?;
        let links = Links { index, table };
        let roots = roots(&links, key)?;
        let mut seen: BTreeSet<String> = roots.iter().cloned().collect();
        let mut frontier = roots.clone();
        let mut places: BTreeMap<(String, String, Relation), BTreeSet<Place>> = BTreeMap::new();
        let mut truncated = false;
        for _ in 0..depth {
            let mut next = Vec::new();
            for id in &frontier {
                for (from, to, relation, at) in links.around(id).map_err(GraphError::Index)? {
                    let other = if &from == id { &to } else { &from };
                    if !seen.contains(other) {
                        if seen.len() >= MAX_NODES {
                            truncated = true;
                            continue;
                        }
                        seen.insert(other.clone());
                        next.push(other.clone());
                    }
                    places.entry((from, to, relation)).or_default().insert(at);
                }
            }
            frontier = next;
        }
        let edges = places
            .into_iter()
            .map(|((from, to, relation), at)| Edge {
                from,
                to,
                relation,
                paragraphs: at.len(),
            })
            .collect();
        let nodes = seen.iter().map(|id| links.node(id));
        Ok(Graph {
            nodes: nodes
                .collect::<anyhow::Result<_>>()
                .map_err(GraphError::Index)?,
            roots,
            depth,
            edges,
            truncated,
            relations: Relation::ALL
                .iter()
                .map(|&(relation, _, label)| RelationLabel { relation, label })
                .collect(),
        })
    }

    /// The map in Graphviz's DOT language, labelled in Vietnamese.
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph tracuu {\n  rankdir=LR;\n  node [shape=box];\n");
        for n in &self.nodes {
            let style = if self.roots.contains(&n.id) {
                ", style=bold"
            } else if n.in_corpus {
                ""
            } else {
                ", style=dashed"
            };
            let _ = writeln!(
                out,
                "  {} [label={}{style}];",
                quote(&n.id),
                quote(&n.label)
            );
        }
        for e in &self.edges {
            let label = format!("{} ({})", e.relation.label(), e.paragraphs);
            let _ = writeln!(
                out,
                "  {} -> {} [label={}];",
                quote(&e.from),
                quote(&e.to),
                quote(&label)
            );
        }
        out.push_str("}\n");
        out
    }

    /// A node by id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// A DOT string literal.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The nodes a key names: a corpus document, or every document a number names.
fn roots(links: &Links, key: &str) -> Result<Vec<String>, GraphError> {
    let index = links.index;
    if index.head(key).is_some() {
        return Ok(vec![key.to_owned()]);
    }
    let shown: String = key.chars().take(40).collect();
    let code = DocCode::parse(key).ok_or(GraphError::NotANumber(shown))?;
    let cited = links.table.lookup(&code).map_err(GraphError::Index)?;
    let mut ids: BTreeSet<String> = cited.iter().flat_map(|(i, d)| targets(*i, d)).collect();
    ids.extend(
        index
            .heads_numbered(&code)
            .map_err(GraphError::Index)?
            .into_iter()
            .map(|h| h.doc_id),
    );
    if ids.is_empty() {
        return Err(GraphError::Unknown(code.canonical()));
    }
    Ok(ids.into_iter().collect())
}
