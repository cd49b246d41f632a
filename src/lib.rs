//! tracuu: full-text search over Vietnamese Party documents.
//!
//! The pipeline, one module per stage:
//! `ingest` (files -> documents of paragraphs) -> `codes` (document numbers, citations,
//! cited documents) -> `text` (Vietnamese analysis) -> `index` (tantivy build and search)
//! -> `server` (HTTP API and web page); `cli` is what people run, `views` the JSON shapes.

pub mod cli;
pub mod codes;
pub mod date;
pub mod graph;
pub mod index;
pub mod ingest;
pub mod issuer;
pub mod server;
mod stored;
pub mod text;
pub mod views;
