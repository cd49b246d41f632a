//! The tantivy schema: one tantivy document per paragraph or footnote, carrying what its
//! document needs to be filtered and shown.

use crate::text::analyzer::{BOOSTS, FOLDED};
use tantivy::IndexSettings;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The document's id.
    pub doc_id: Field,
    /// The document's place in the catalog (its ord), as a fast field: facets and hits read
    /// it without loading stored fields; indexed, so that an incremental build deletes the
    /// paragraphs of one document.
    pub doc_ord: Field,
    /// Paragraph number within the document.
    pub paragraph: Field,
    /// Footnote number, for a footnote entry (0 for a paragraph).
    pub footnote: Field,
    /// Body text folded ([`crate::text::analyzer::folded`]), with positions: what every
    /// query is matched on, and phrases. Then the section path and the document title as
    /// a second value, so that a word named only there still finds the paragraph.
    pub body: Field,
    /// What queries score beyond a match ([`crate::text::analyzer::boosts`]): each syllable
    /// with its diacritics, and each pair of adjacent folded syllables, of the same two
    /// values as the body (so that a phrase of the body implies its pairs here). With
    /// frequencies but no positions: these terms are looked up one by one, and with
    /// positions they made two thirds of the index's positions. A phrase typed with
    /// diacritics is the folded phrase in the body whose paragraph has each exact form.
    pub boosts: Field,
    /// The paragraph's (or footnote's) text as shown, stored only: a hit reads it from
    /// tantivy's compressed store without reading its whole document.
    pub text: Field,
    /// The section path the paragraph stands under, stored only, for the same reason.
    pub section: Field,
    /// Canonical code keys cited in the paragraph, complete and partial.
    pub codes: Field,
    /// Folded kind name (`nghi quyet`), for filtering.
    pub kind: Field,
    /// Folded issuer and locality, for filtering.
    pub issuer: Field,
    /// Year of the document, for filtering.
    pub year: Field,
    /// The paragraph's weight in percent (short and list-like paragraphs weigh less), as a
    /// fast field the ranking reads; see [`super::ranking::weight`].
    pub weight: Field,
}

fn text_field(analyzer: &str) -> TextOptions {
    indexed(analyzer, IndexRecordOption::WithFreqsAndPositions)
}

fn indexed(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

/// zstd level of tantivy's document store: paragraph text shrinks about threefold, and a
/// hit decompresses one block in tens of microseconds.
const STORE_ZSTD_LEVEL: i32 = 3;

/// Bytes per compressed block of tantivy's document store: large enough to compress well,
/// small enough that a hit decompresses little it does not need.
const STORE_BLOCK: usize = 32 * 1024;

/// How tantivy stores the paragraphs: zstd blocks, see [`STORE_ZSTD_LEVEL`].
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: STORE_BLOCK,
        ..IndexSettings::default()
    }
}

/// Builds the schema and its field handles.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        doc_id: b.add_text_field("doc_id", STRING | STORED),
        doc_ord: b.add_u64_field("doc_ord", FAST | INDEXED),
        paragraph: b.add_u64_field("paragraph", STORED),
        footnote: b.add_u64_field("footnote", STORED),
        body: b.add_text_field("body", text_field(FOLDED)),
        boosts: b.add_text_field("boosts", indexed(BOOSTS, IndexRecordOption::WithFreqs)),
        text: b.add_text_field("text", STORED),
        section: b.add_text_field("section", STORED),
        codes: b.add_text_field("codes", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        issuer: b.add_text_field("issuer", text_field(FOLDED)),
        year: b.add_u64_field("year", INDEXED | FAST),
        weight: b.add_u64_field("weight", FAST),
    };
    (b.build(), fields)
}

/// Rebuilds the handles from an opened index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        doc_id: f("doc_id")?,
        doc_ord: f("doc_ord")?,
        paragraph: f("paragraph")?,
        footnote: f("footnote")?,
        body: f("body")?,
        boosts: f("boosts")?,
        text: f("text")?,
        section: f("section")?,
        codes: f("codes")?,
        kind: f("kind")?,
        issuer: f("issuer")?,
        year: f("year")?,
        weight: f("weight")?,
    })
}
