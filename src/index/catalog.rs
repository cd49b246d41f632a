//! The catalog of a generation: one compact head per document (its ids, metadata, number of
//! paragraphs and where its text lies in the document store), kept in memory while the index
//! is open; the text itself stays on disk.
//!
//! A document's position in the catalog (its ord) is stable across incremental builds: a
//! removed or changed document leaves its place empty and a new version takes a new place,
//! so the ords the tantivy index holds stay right. `tracuu index --full` packs them again.

use super::docstore::Location;
use crate::ingest::{Document, Metadata};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a listing, a card, a facet and a hit's heading need of a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    /// The document's id.
    pub doc_id: String,
    /// Its source file below the corpus root.
    pub file: String,
    /// Its metadata, without the header lines as printed (`meta.header` is empty): only the
    /// view of the whole document shows them, and it reads them with the document.
    pub meta: Metadata,
    /// How many body paragraphs it has.
    pub paragraphs: usize,
    /// Where the whole document lies in the store.
    pub at: Location,
}

impl Head {
    /// The head of a document stored at `at`.
    pub fn of(doc: &Document, at: Location) -> Head {
        let meta = Metadata {
            header: Vec::new(),
            ..doc.meta.clone()
        };
        Head {
            doc_id: doc.doc_id.clone(),
            file: doc.file.clone(),
            meta,
            paragraphs: doc.paragraphs.len(),
            at,
        }
    }
}

/// The chunk files of the document store and every document's head, by ord.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Catalog {
    /// The chunk files, in the order a [`Location`] numbers them.
    pub chunks: Vec<String>,
    /// The heads by ord; `None` where a document was removed or replaced.
    pub heads: Vec<Option<Head>>,
}

/// The file of a generation that holds its catalog.
pub const CATALOG_FILE: &str = "catalog.bin.zst";

/// The catalog with each document findable by id.
pub struct Heads {
    catalog: Catalog,
    /// Made at the first lookup by id: a search finds documents by ord and never needs it,
    /// and making it took a tenth of opening an index of fifty thousand documents.
    by_id: OnceLock<HashMap<String, usize>>,
    count: usize,
}

impl Heads {
    /// Wraps a catalog.
    pub fn new(catalog: Catalog) -> Heads {
        let count = catalog.heads.iter().flatten().count();
        Heads {
            catalog,
            by_id: OnceLock::new(),
            count,
        }
    }

    /// The chunk files of the document store.
    pub fn chunks(&self) -> &[String] {
        &self.catalog.chunks
    }

    /// The head at an ord, unless that place is empty.
    pub fn get(&self, ord: usize) -> Option<&Head> {
        self.catalog.heads.get(ord)?.as_ref()
    }

    /// The head of a document by id.
    pub fn by_id(&self, doc_id: &str) -> Option<&Head> {
        self.get(self.ord(doc_id)?)
    }

    /// The ord of a document by id.
    pub fn ord(&self, doc_id: &str) -> Option<usize> {
        let by_id = self.by_id.get_or_init(|| {
            let named = self.catalog.heads.iter().enumerate();
            named
                .filter_map(|(ord, h)| Some((h.as_ref()?.doc_id.clone(), ord)))
                .collect()
        });
        by_id.get(doc_id).copied()
    }

    /// Every place in ord order, empty ones included: what tables indexed by ord are built from.
    pub fn slots(&self) -> impl Iterator<Item = Option<&Head>> {
        self.catalog.heads.iter().map(Option::as_ref)
    }

    /// Every document, in ord order.
    pub fn iter(&self) -> impl Iterator<Item = &Head> {
        self.catalog.heads.iter().flatten()
    }

    /// How many documents the index holds.
    pub fn count(&self) -> usize {
        self.count
    }
}
