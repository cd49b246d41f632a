//! tracuu: full-text search over Vietnamese Party documents.
//!
//! The pipeline, one module per stage, each using only those before it:
//! `text` (Vietnamese analysis) -> `vocabulary` (kinds, document numbers, issuers, dates)
//! -> `ingest` (files -> documents of paragraphs) -> `codes` (citations, cited documents)
//! -> `index` (tantivy build and search) -> `views` (the JSON shapes and what people read)
//! -> `server` (HTTP API and web page) and `cli` (what people run).

pub mod cli;
pub mod codes;
pub mod index;
pub mod ingest;
pub mod server;
pub mod text;
pub mod views;
pub mod vocabulary;
