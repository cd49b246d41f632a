//! The map of a document's links: the documents it cites and those that cite it, each
//! link with its relation, walked out to a depth.

use super::name::{cited_name, document_name};
use crate::codes::{CitedDocument, Mention, Registry, Relation, same_number};
use crate::index::{Head, SearchIndex};
use crate::vocabulary::DocCode;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
type Place<'a> = (&'a str, usize, Option<u32>);

/// The citations of the corpus seen from both ends, built once per map.
struct Links<'a> {
    index: &'a SearchIndex,
    registry: &'a Registry,
    /// Per citing document, its citations: (cited document's position, mention).
    cites: HashMap<&'a str, Vec<(usize, &'a Mention)>>,
    /// Per corpus document, the cited documents it is.
    held: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Links<'a> {
    fn new(index: &'a SearchIndex, registry: &'a Registry) -> Self {
        let mut cites: HashMap<&str, Vec<_>> = HashMap::new();
        let mut held: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, cited) in registry.documents.iter().enumerate() {
            for m in &cited.mentions {
                cites.entry(m.doc_id.as_str()).or_default().push((i, m));
            }
            for d in &cited.held_by {
                held.entry(d.as_str()).or_default().push(i);
            }
        }
        Links {
            index,
            registry,
            cites,
            held,
        }
    }

    fn cited(&self, i: usize) -> &'a CitedDocument {
        &self.registry.documents[i]
    }

    /// The node ids a cited document stands for: its holders, else its own.
    fn targets(&self, i: usize) -> Vec<String> {
        let cited = self.cited(i);
        if cited.in_corpus() {
            cited.held_by.clone()
        } else {
            vec![format!("cited/{i}")]
        }
    }

    /// The cited documents a node stands for.
    fn as_cited(&self, id: &str) -> Vec<usize> {
        match id.strip_prefix("cited/").and_then(|n| n.parse().ok()) {
            Some(i) => vec![i],
            None => self.held.get(id).cloned().unwrap_or_default(),
        }
    }

    /// Every citing paragraph touching `id`, in either direction, as (from, to, relation).
    fn around(&self, id: &str) -> Vec<(String, String, Relation, Place<'a>)> {
        let out = self
            .cites
            .get(id)
            .into_iter()
            .flatten()
            .flat_map(|&(i, m)| {
                self.targets(i)
                    .into_iter()
                    .map(move |to| (id.to_owned(), to, m.relation, place(m)))
            });
        let incoming = self.as_cited(id).into_iter().flat_map(|i| {
            self.cited(i)
                .mentions
                .iter()
                .map(move |m| (m.doc_id.to_string(), id.to_owned(), m.relation, place(m)))
        });
        out.chain(incoming).filter(|(f, t, ..)| f != t).collect()
    }

    fn node(&self, id: &str) -> Node {
        let as_cited = self.as_cited(id);
        let mut node = match self.index.head(id) {
            Some(head) => corpus_node(head),
            None => cited_node(id, self.cited(as_cited[0])),
        };
        for i in as_cited {
            node.replaced_by
                .extend(self.cited(i).replaced_by.iter().cloned());
            node.amended_by
                .extend(self.cited(i).amended_by.iter().cloned());
        }
        for names in [&mut node.replaced_by, &mut node.amended_by] {
            names.sort();
            names.dedup();
        }
        node
    }
}

fn place(m: &Mention) -> Place<'_> {
    (m.doc_id.as_str(), m.paragraph, m.footnote)
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
        let registry = index.registry().map_err(GraphError::Index)?;
        let links = Links::new(index, registry);
        let roots = roots(index, &links, key)?;
        let mut seen: BTreeSet<String> = roots.iter().cloned().collect();
        let mut frontier = roots.clone();
        let mut places: BTreeMap<(String, String, Relation), BTreeSet<Place>> = BTreeMap::new();
        let mut truncated = false;
        for _ in 0..depth {
            let mut next = Vec::new();
            for id in &frontier {
                for (from, to, relation, at) in links.around(id) {
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
        Ok(Graph {
            nodes: seen.iter().map(|id| links.node(id)).collect(),
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
fn roots(index: &SearchIndex, links: &Links, key: &str) -> Result<Vec<String>, GraphError> {
    if index.head(key).is_some() {
        return Ok(vec![key.to_owned()]);
    }
    let shown: String = key.chars().take(40).collect();
    let code = DocCode::parse(key).ok_or(GraphError::NotANumber(shown))?;
    let registry = &links.registry.documents;
    let cited = (0..registry.len()).filter(|&i| same_number(&registry[i].code, &code));
    let mut ids: BTreeSet<String> = cited.flat_map(|i| links.targets(i)).collect();
    ids.extend(
        index
            .heads_numbered(&code)
            .into_iter()
            .map(|h| h.doc_id.clone()),
    );
    if ids.is_empty() {
        return Err(GraphError::Unknown(code.canonical()));
    }
    Ok(ids.into_iter().collect())
}
