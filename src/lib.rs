//! tracuu: full-text search over Vietnamese Party documents.
//!
//! The pipeline, one module per stage:
//! `ingest` (files -> documents of paragraphs) -> `codes` (document numbers, citations,
//! cited documents) -> `text` (Vietnamese normalisation) -> `cli` (what people run).

pub mod cli;
pub mod codes;
pub mod date;
pub mod index;
pub mod ingest;
pub mod issuer;
mod stored;
pub mod text;
