//! The JSON shapes of the interface contract, shared by the CLI and the HTTP API, and what
//! people read in them: document names, excerpts, dates.

#![warn(missing_docs)]

mod document;
mod excerpt;
mod graph;
mod name;
mod refs;
mod search;

pub use document::{CitationView, DocsEntry, DocumentSummary, DocumentView};
pub use excerpt::{CITATION_CHARS, cut, escape, marked_excerpt, window};
pub use graph::{Edge, Graph, GraphError, MAX_DEPTH, MAX_NODES, Node};
pub use name::{capitalised, cited_name, document_name};
pub use refs::{MentionView, RefsView, TargetView};
pub use search::{HitView, SearchView};

/// A date as JSON carries it (`2020-10-28`), as people read it: `28/10/2020`.
pub fn shown_date(iso: &str) -> String {
    crate::vocabulary::Date::parse_iso(iso).map_or_else(|| iso.to_owned(), |d| d.shown())
}
