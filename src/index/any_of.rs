//! A query matching what any of its queries matches, read one paragraph at a time: the
//! pruned walk seeks a checked clause (the forms of an abbreviation) only to the few
//! paragraphs that could enter the best, and tantivy's own union fills a window of four
//! thousand paragraphs at every such seek, reading the positions of every phrase match in
//! it. Counting steps through the clause's matches, rarely dense enough for the window to
//! pay either.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Matches what any of its queries matches, scoring the sum of the scores of those that
/// match (as a boolean query of `Should` clauses does).
#[derive(Debug)]
pub struct AnyOf(pub Vec<Box<dyn Query>>);

impl Clone for AnyOf {
    fn clone(&self) -> AnyOf {
        AnyOf(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for AnyOf {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self.0.iter().map(|q| q.weight(scoring));
        Ok(Box::new(AnyOfWeight(
            weights.collect::<tantivy::Result<_>>()?,
        )))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.iter().for_each(|q| q.query_terms(visitor));
    }
}

/// The weights of an [`AnyOf`]'s queries.
struct AnyOfWeight(Vec<Box<dyn Weight>>);

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorers = self.0.iter().map(|w| w.scorer(reader, boost));
        let mut scorers: Vec<Box<dyn Scorer>> = scorers.collect::<tantivy::Result<_>>()?;
        scorers.retain(|s| s.doc() != TERMINATED);
        let mut scorer = AnyOfScorer {
            scorers,
            doc: TERMINATED,
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "paragraph {doc} does not match"
            )));
        }
        Ok(Explanation::new("any of", scorer.score()))
    }
}

/// The scorers of one segment, each moved only as far as it is asked for.
struct AnyOfScorer {
    scorers: Vec<Box<dyn Scorer>>,
    /// The first paragraph any of them stands on.
    doc: DocId,
}

impl AnyOfScorer {
    /// Stands on the first paragraph any scorer stands on, and returns it.
    fn settle(&mut self) -> DocId {
        self.doc = self
            .scorers
            .iter()
            .map(|s| s.doc())
            .min()
            .unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        let at = self.doc;
        for scorer in self.scorers.iter_mut().filter(|s| s.doc() == at) {
            scorer.advance();
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for scorer in self.scorers.iter_mut().filter(|s| s.doc() < target) {
            scorer.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    /// At most the sum of its scorers' matches (the walk lets a clause lead only when it is
    /// much rarer than the required terms, so an estimate is better too high than too low).
    fn size_hint(&self) -> u32 {
        self.scorers.iter().map(|s| s.size_hint()).sum()
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let at = self.doc;
        let standing = self.scorers.iter_mut().filter(|s| s.doc() == at);
        standing.map(|s| s.score()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    /// `AnyOf` finds and scores what a boolean query of `Should` clauses does, seeking or
    /// stepping through the matches.
    #[test]
    fn any_of_matches_and_scores_as_a_boolean_union() {
        let mut schema = Schema::builder();
        let word = schema.add_text_field("word", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).unwrap();
        for n in 0..300u32 {
            let mut doc = TantivyDocument::default();
            for (every, name) in [(3, "a"), (5, "b"), (7, "c")] {
                if n % every == 0 {
                    doc.add_text(word, name);
                }
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(word, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let union = BooleanQuery::new(vec![(Occur::Should, term("b")), (Occur::Should, term("c"))]);
        let any_of = AnyOf(vec![term("b"), term("c")]);
        let top = TopDocs::with_limit(300).order_by_score();
        assert_eq!(
            searcher.search(&any_of, &Count).unwrap(),
            searcher.search(&union, &Count).unwrap()
        );
        let scores = |q: &dyn Query| {
            let mut hits = searcher.search(q, &top).unwrap();
            hits.sort_by_key(|(_, at)| at.doc_id);
            hits.into_iter()
                .map(|(s, at)| (at.doc_id, s))
                .collect::<Vec<_>>()
        };
        assert_eq!(scores(&any_of), scores(&union));
        let weight = any_of
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        assert_eq!(scorer.seek(11), 14);
        assert_eq!(scorer.seek(15), 15);
        assert_eq!(scorer.advance(), 20);
        assert_eq!(scorer.seek(296), TERMINATED);
    }
}
