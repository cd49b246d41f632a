//! The tantivy schema: one tantivy document per paragraph or footnote, carrying what its
//! document needs to be found, filtered and ranked. Nothing is stored: a hit reads its text
//! from the document store ([`Fields::entry`]).

use crate::text::analyzer::{BODY, FOLDED, PAIRS};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, NumericOptions, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The document's place in the catalog (its ord), as a fast field: facets and hits read
    /// it without loading stored fields; indexed, so that an incremental build deletes the
    /// paragraphs of one document.
    pub doc_ord: Field,
    /// The paragraph's place in its document's record in the document store
    /// ([`super::record::entries`]), as a fast field: a hit reads its text, section and
    /// numbers from there, and tantivy's store holds no text.
    pub entry: Field,
    /// Body text as [`crate::text::analyzer::body`] cuts it: each syllable folded and in
    /// its exact form (tone placement canonical, `=cao` without diacritics; a number has
    /// one form); then the section path and the document title as a second value, so that
    /// a word named only there still finds the paragraph. With frequencies but no
    /// positions: every query is matched and scored on these terms one by one, and phrases
    /// on [`Fields::pairs`].
    pub body: Field,
    /// Each pair of adjacent folded syllables of the same two values
    /// ([`crate::text::analyzer::pairs`]), with positions: adjacency in a query is scored on
    /// a pair, and a phrase of several words is the phrase of its pairs (`cao tốc Nội Bài`
    /// is `cao_toc toc_noi noi_bai`), whose position lists are far shorter than those of
    /// its syllables. A phrase typed with diacritics also needs each exact form in the body.
    /// The pairs of the section path and title lift the paragraphs of a document about the
    /// words sought early enough that the ranking walk passes over most of the rest:
    /// without them the real corpus served a fifth fewer searches a second.
    pub pairs: Field,
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

/// A number each paragraph has once (its document's position, its year), fast and indexed
/// without the length of the paragraph's value (tantivy's fieldnorm): always one, it would
/// cost a byte per paragraph and say nothing.
fn single_number() -> NumericOptions {
    NumericOptions::default().set_indexed().set_fast()
}

/// A one-word value (the kind), indexed as it is and without lengths, like
/// [`single_number`].
fn single_word() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// Builds the schema and its field handles.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        doc_ord: b.add_u64_field("doc_ord", single_number()),
        entry: b.add_u64_field("entry", FAST),
        body: b.add_text_field("body", indexed(BODY, IndexRecordOption::WithFreqs)),
        pairs: b.add_text_field("pairs", text_field(PAIRS)),
        codes: b.add_text_field("codes", STRING),
        kind: b.add_text_field("kind", single_word()),
        issuer: b.add_text_field("issuer", text_field(FOLDED)),
        year: b.add_u64_field("year", single_number()),
        weight: b.add_u64_field("weight", FAST),
    };
    (b.build(), fields)
}

/// Rebuilds the handles from an opened index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        doc_ord: f("doc_ord")?,
        entry: f("entry")?,
        body: f("body")?,
        pairs: f("pairs")?,
        codes: f("codes")?,
        kind: f("kind")?,
        issuer: f("issuer")?,
        year: f("year")?,
        weight: f("weight")?,
    })
}
