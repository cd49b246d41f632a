//! The final score of a match: its BM25 score times its paragraph's weight (short and
//! list-like paragraphs weigh less), lifted when its document's title has every word the
//! query requires. Read from fast fields, so that scoring a match loads nothing stored.

use super::prune::ScoreFactor;
use super::ranking::{FULL_WEIGHT, TITLE_LIFT};
use super::schema::Fields;
use std::cell::OnceCell;
use std::collections::HashSet;
use tantivy::columnar::Column;
use tantivy::{DocId, Score, Searcher};

/// The final scores of the matches of one query.
pub struct FinalScore<'a> {
    /// Per segment: each paragraph's document position and its weight.
    columns: Vec<(Column<u64>, Column<u64>)>,
    /// The folded words of each document's title, by document position.
    title_words: &'a [HashSet<String>],
    /// The folded syllables every match must have.
    required: Vec<&'a str>,
    /// Per document position, whether its title has every required word, once looked up.
    titled: Vec<OnceCell<bool>>,
}

impl<'a> FinalScore<'a> {
    /// The final scores of a query requiring the folded syllables `required`.
    pub fn new(
        searcher: &Searcher,
        fields: &Fields,
        title_words: &'a [HashSet<String>],
        required: Vec<&'a str>,
    ) -> tantivy::Result<FinalScore<'a>> {
        let schema = searcher.schema();
        let (ord_name, weight_name) = (
            schema.get_field_name(fields.doc_ord),
            schema.get_field_name(fields.weight),
        );
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                Ok((
                    s.fast_fields().u64(ord_name)?,
                    s.fast_fields().u64(weight_name)?,
                ))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let titled = if required.is_empty() {
            Vec::new()
        } else {
            vec![OnceCell::new(); title_words.len()]
        };
        Ok(FinalScore {
            columns,
            title_words,
            required,
            titled,
        })
    }

    /// Whether the title of the document of `doc` has every required word.
    fn titled(&self, segment: u32, doc: DocId) -> bool {
        let (ords, _) = &self.columns[segment as usize];
        let Some(ord) = ords.first(doc).map(|o| o as usize) else {
            return false;
        };
        self.titled.get(ord).is_some_and(|cell| {
            *cell.get_or_init(|| {
                let words = &self.title_words[ord];
                self.required.iter().all(|w| words.contains(*w))
            })
        })
    }
}

impl ScoreFactor for FinalScore<'_> {
    fn factor(&self, segment: u32, doc: DocId) -> Score {
        let (_, weights) = &self.columns[segment as usize];
        let weight = weights.first(doc).unwrap_or(FULL_WEIGHT).min(FULL_WEIGHT);
        let weight = weight as Score / FULL_WEIGHT as Score;
        if self.titled(segment, doc) {
            weight * TITLE_LIFT
        } else {
            weight
        }
    }

    fn max_factor(&self) -> Score {
        if self.required.is_empty() {
            1.0
        } else {
            TITLE_LIFT
        }
    }
}
