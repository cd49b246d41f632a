//! `tracuu graph`: the map of a document's links, for people, as JSON or as DOT.

use super::emit;
use super::open::open_for_answer;
use crate::views::{Graph, Node};
use anyhow::Result;
use std::fmt::Write;
use std::path::Path;

/// How the map is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Vietnamese text for people.
    Text,
    /// The JSON of `GET /api/graph/{id}`.
    Json,
    /// Graphviz DOT, for `dot -Tsvg`.
    Dot,
}

/// Prints the map around `key` (a doc_id or a number) out to `depth` links.
pub fn run(dir: &Path, key: &str, depth: usize, output: Output) -> Result<()> {
    let (opened, _stale) = open_for_answer(dir)?;
    let graph = Graph::around(opened, key, depth)?;
    match output {
        Output::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&graph)?)),
        Output::Dot => emit(&graph.to_dot()),
        Output::Text => emit(&text(&graph)?),
    }
}

fn text(graph: &Graph) -> Result<String> {
    let roots: Vec<String> = graph
        .roots
        .iter()
        .filter_map(|id| graph.node(id))
        .map(|n| n.label.clone())
        .collect();
    let mut out = format!(
        "Liên kết của {} (độ sâu {}): {} văn bản, {} liên kết\n",
        roots.join("; "),
        graph.depth,
        graph.nodes.len(),
        graph.edges.len()
    );
    if graph.truncated {
        writeln!(
            out,
            "(Bản đồ chỉ giữ {} văn bản đầu tiên.)",
            graph.nodes.len()
        )?;
    }
    writeln!(out, "\nVăn bản:")?;
    for n in &graph.nodes {
        writeln!(
            out,
            "  {} {}",
            if n.in_corpus { "●" } else { "○" },
            describe(n)
        )?;
    }
    writeln!(
        out,
        "\nLiên kết (văn bản trích dẫn → văn bản được trích dẫn):"
    )?;
    for e in &graph.edges {
        let name = |id: &str| {
            graph
                .node(id)
                .map_or_else(|| id.to_owned(), |n| n.label.clone())
        };
        writeln!(
            out,
            "  {} → {}: {} ({} đoạn)",
            name(&e.from),
            name(&e.to),
            e.relation.label(),
            e.paragraphs
        )?;
    }
    writeln!(out, "\n● có trong kho  ○ chỉ biết qua trích dẫn")?;
    Ok(out)
}

/// A node on one line: its name (kind, number, date, issuer) and what it is about.
fn describe(n: &Node) -> String {
    let mut line = n.label.clone();
    if let Some(subject) = n.subject.as_ref().filter(|_| n.number.is_some()) {
        line.push_str(&format!(" — {subject}"));
    }
    if !n.replaced_by.is_empty() {
        line.push_str(&format!(
            " (đã được thay thế bởi {})",
            n.replaced_by.join(", ")
        ));
    }
    if !n.amended_by.is_empty() {
        line.push_str(&format!(
            " (đã được sửa đổi, bổ sung bởi {})",
            n.amended_by.join(", ")
        ));
    }
    if n.in_corpus {
        line.push_str(&format!(" [{}]", n.id));
    }
    line
}
