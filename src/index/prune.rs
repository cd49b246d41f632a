//! The best matches of a query made of terms and phrases, found without scoring every
//! match: the required terms (a phrase's among them) are intersected block by block, and a
//! stretch of blocks is passed over when the most any paragraph in it could score (the sum
//! of its terms' block maxima) cannot reach the weakest of the best found so far; a phrase
//! is read only at a paragraph that could enter. The answer is the same as scoring every
//! match.

use super::bounds::{BlockBounds, Maxima, TermBounds};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};
use std::sync::{Mutex, PoisonError};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{Bm25Weight, EnableScoring, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TERMINATED, Term};

/// A query of terms, each with its boost, and of required clauses that are not single
/// terms (phrases): a paragraph matches when it has every required term and matches every
/// checked clause; the optional terms only add to its score.
#[derive(Default)]
pub struct TermPlan {
    /// Terms every match has.
    pub required: Vec<(Term, Score)>,
    /// Terms that lift the matches that have them.
    pub optional: Vec<(Term, Score)>,
    /// Required clauses that are not single terms.
    pub checked: Vec<Checked>,
}

/// A required clause that is not a single term (a phrase), with the terms every match of it
/// has, each with what its own score is multiplied by to bound the clause's: a phrase of
/// pairs scores its phrase count with the sum of its pairs' rarity, and the phrase is in a
/// paragraph no more often than the least frequent of its pairs, so the sum of each pair's
/// score at that least frequency bounds it. Its terms are walked like required terms, and
/// bound its score without counting in it; the clause itself is read only at a paragraph
/// that could enter the best, and its own score is counted.
pub struct Checked {
    /// The clause, as the query of every match has it.
    pub query: Box<dyn Query>,
    /// Terms every match of the clause has, with their bounding boosts.
    pub terms: Vec<(Term, Score)>,
    /// The terms of each form of an alternative (`Ban quản lý dự án` or `BQLDA`, which a
    /// document defined; a built-in abbreviation is one sense term instead), none of
    /// which every match has, with their bounding boosts: their scores, summed, bound the
    /// clause's where `terms` do not. Walked like optional terms, adding to bounds only.
    /// Empty for a phrase.
    pub forms: Vec<(Term, Score)>,
}

impl Checked {
    /// The terms the walk bounds the clause with: those of [`Checked::terms`] that score.
    /// An exact form a phrase typed with diacritics requires scores nothing, and is left to
    /// the clause to check where it is read.
    fn bounding(&self) -> impl Iterator<Item = &(Term, Score)> {
        self.terms.iter().filter(|(_, by)| *by != 0.0)
    }
}

/// What a match's BM25 score is multiplied by to give its final score: its paragraph's
/// weight (at most 1), times [`ScoreFactor::lift`] inside a few stretches of paragraphs
/// ([`ScoreFactor::lifted`]). Known before a match is scored, it lets a match be passed
/// over when even its highest possible BM25 score could not make it enter, and the lifted
/// stretches be walked first. A walk knows which stretch it is in, so it reads only the
/// weight.
pub trait ScoreFactor {
    /// The weight of document `doc` of segment `segment`, at most 1.
    fn weight(&self, segment: u32, doc: DocId) -> Score;
    /// The paragraphs of `segment` whose weight is lifted, as sorted ranges.
    fn lifted(&self, segment: u32) -> &[RangeInclusive<DocId>];
    /// What a lifted paragraph's weight is multiplied by (1 when none is lifted).
    fn lift(&self) -> Score;

    /// The factor of document `doc` of segment `segment`: its weight, lifted inside the
    /// lifted stretches.
    fn factor(&self, segment: u32, doc: DocId) -> Score {
        let lifted = self.lifted(segment);
        let at = lifted.partition_point(|r| *r.end() < doc);
        let inside = lifted.get(at).is_some_and(|r| r.contains(&doc));
        let weight = self.weight(segment, doc);
        if inside { weight * self.lift() } else { weight }
    }
}

/// How many times rarer than the rarest required term a checked clause must be to lead the
/// walk: its matches are then stepped through with the terms' instead of read only where a
/// match could enter. `nghị quyết hội đồng nhân dân` on a gigabyte's index has `hội đồng
/// nhân dân` (or `HĐND`) in a tenth of the paragraphs with `nghị` and `quyết`; checked
/// only where the bounds let a match through, it was read at 48% more instructions than
/// tantivy's own intersection.
const LEADING_RATIO: u32 = 4;

/// Rounding between a block maximum and a score worked out the same way, with room to spare.
const ROUNDING: Score = 1.0 + 1e-4;

/// The `k` best matches of `plan` by final score, best first: the same scores as scoring
/// every match with tantivy's BM25 (each term's score times its boost, summed), multiplying
/// by the factors and sorting (among equal scores, the first walked is kept). The lifted
/// stretches are walked first, so that the weakest of the best is high early; the rest is
/// not walked at all when no paragraph outside them could reach it. `bounds` lets the walk
/// pass over the blocks of common terms without decoding them.
///
/// With several `cores` and at least as many segments, each core walks whole segments,
/// sharing one best (a segment cut in two would open every term's postings twice). The
/// five-word query walked on two cores: 1 GB (seven segments) 2.9-4.1 -> 1.75-2.3 ms, the
/// real corpus (three) 0.67-0.73 -> 0.54-0.57 ms. A walk beside which the other core
/// counts the matches for longer gains nothing, and loses nothing.
pub fn top(
    searcher: &Searcher,
    plan: &TermPlan,
    k: usize,
    factors: &(dyn ScoreFactor + Sync),
    bounds: &BlockBounds,
    cores: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let (bounding, phrase_of): (Vec<(Term, Score)>, Vec<usize>) = plan
        .checked
        .iter()
        .enumerate()
        .flat_map(|(at, c)| c.bounding().map(move |term| (term.clone(), at)))
        .unzip();
    let forms: Vec<(Term, Score)> = plan.checked.iter().flat_map(|c| c.forms.clone()).collect();
    if (plan.required.is_empty() && bounding.is_empty()) || k == 0 {
        return Ok(Vec::new());
    }
    let weights = |terms: &[(Term, Score)]| {
        terms
            .iter()
            .map(|(term, boost)| {
                let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?;
                Ok((term.clone(), weight.boost_by(*boost)))
            })
            .collect::<tantivy::Result<Vec<_>>>()
    };
    let fields = plan
        .required
        .iter()
        .chain(&bounding)
        .chain(&plan.optional)
        .chain(&forms)
        .map(|(t, _)| t.field());
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let terms = Terms {
        required: weights(&plan.required)?,
        bounding: weights(&bounding)?,
        phrase_of,
        optional: weights(&plan.optional)?,
        checked: plan
            .checked
            .iter()
            .map(|c| c.query.weight(scoring))
            .collect::<tantivy::Result<_>>()?,
        phrases: plan
            .checked
            .iter()
            .map(|c| c.bounding().next().is_some())
            .collect(),
        averages: Averages::of(searcher, fields),
        forms: weights(&forms)?,
    };
    let walk = Walk {
        searcher,
        terms: &terms,
        highest: terms.highest(),
        factors,
        bounds,
    };
    let segments: Vec<usize> = (0..searcher.segment_readers().len()).collect();
    if cores <= 1 || segments.len() < cores {
        let mut best = Best::new(k);
        walk.lifted_then_rest(&segments, &mut best)?;
        return Ok(best.into_sorted());
    }
    let shared = SharedBest::new(k);
    for part in [Part::Lifted, Part::Rest] {
        segments
            .par_iter()
            .try_for_each(|&segment| walk.part(part, &[segment], &mut &shared))?;
    }
    Ok(shared.into_sorted())
}

/// A plan's terms walked over an index.
struct Walk<'a> {
    searcher: &'a Searcher,
    terms: &'a Terms,
    /// The most any paragraph scores ([`Terms::highest`]).
    highest: Score,
    factors: &'a (dyn ScoreFactor + Sync),
    bounds: &'a BlockBounds,
}

impl Walk<'_> {
    /// Walks the lifted stretches of `segments`, then the rest of them.
    fn lifted_then_rest(&self, segments: &[usize], best: &mut impl Offers) -> tantivy::Result<()> {
        self.part(Part::Lifted, segments, best)?;
        self.part(Part::Rest, segments, best)
    }

    /// Walks `part` of `segments`; the rest not at all when no paragraph there could enter.
    fn part(&self, part: Part, segments: &[usize], best: &mut impl Offers) -> tantivy::Result<()> {
        if matches!(part, Part::Rest) && self.highest <= best.floor() {
            return Ok(());
        }
        let (searcher, factors, bounds) = (self.searcher, self.factors, self.bounds);
        self.terms
            .walk(searcher, factors, bounds, part, segments, best)
    }
}

/// The terms of a plan with their weights, ready to be walked segment by segment.
struct Terms {
    required: Vec<(Term, Bm25Weight)>,
    /// The terms of the checked clauses, which bound their scores.
    bounding: Vec<(Term, Bm25Weight)>,
    /// For each bounding term, the checked clause whose phrase it is part of ([`Checked`]).
    phrase_of: Vec<usize>,
    optional: Vec<(Term, Bm25Weight)>,
    /// The checked clauses, ready to be read in each segment.
    checked: Vec<Box<dyn Weight>>,
    /// Whether each checked clause is a phrase whose terms bound it: such a clause never
    /// leads the walk ([`LEADING_RATIO`]). tantivy puts a phrase's matches at a tenth per
    /// word of its words' and so led with it, reading its positions at every paragraph
    /// with its words, where bounded at its least frequent word it is read at the few that
    /// could enter: a quoted `"phát triển kinh tế xã hội"` on a gigabyte of documents
    /// read positions at some 250,000 paragraphs.
    phrases: Vec<bool>,
    averages: Averages,
    /// The checked clauses' [`Checked::forms`] terms, walked beside the optional terms
    /// to bound their clauses' scores, adding nothing to a score themselves.
    forms: Vec<(Term, Bm25Weight)>,
}

/// Which paragraphs a walk looks at.
#[derive(Clone, Copy)]
enum Part {
    /// Only the lifted stretches.
    Lifted,
    /// Everything else.
    Rest,
}

impl Terms {
    /// The most any paragraph scores.
    fn highest(&self) -> Score {
        self.required
            .iter()
            .chain(&self.bounding)
            .chain(&self.optional)
            .chain(&self.forms)
            .map(|(_, weight)| weight.max_score())
            .sum()
    }

    /// Walks `part` of each of `segments`, offering its matches to `best`.
    fn walk(
        &self,
        searcher: &Searcher,
        factors: &dyn ScoreFactor,
        bounds: &BlockBounds,
        part: Part,
        segments: &[usize],
        best: &mut impl Offers,
    ) -> tantivy::Result<()> {
        for &ord in segments {
            let reader = searcher.segment_reader(ord as u32);
            let lifted = factors.lifted(ord as u32);
            if matches!(part, Part::Lifted) && lifted.is_empty() {
                continue;
            }
            // Each term's cursor, `None` where the segment lacks it; `scored` is false for
            // the terms that only bound a checked clause.
            let cursors = |terms: &[(Term, Bm25Weight)], scored: bool| {
                terms
                    .iter()
                    .map(|(term, weight)| {
                        let bounds = bounds.of(ord as u32, term);
                        Cursor::open(reader, term, weight, &self.averages, bounds, scored)
                    })
                    .collect::<tantivy::Result<Vec<Option<Cursor>>>>()
            };
            let every = |terms, scored| -> tantivy::Result<Option<Vec<Cursor>>> {
                Ok(cursors(terms, scored)?.into_iter().collect())
            };
            let (Some(mut required), Some(mut bounding)) =
                (every(&self.required, true)?, every(&self.bounding, false)?)
            else {
                continue;
            };
            for (cursor, phrase) in bounding.iter_mut().zip(&self.phrase_of) {
                cursor.phrase = cursor.counted.then_some(*phrase);
            }
            required.append(&mut bounding);
            required.sort_by_key(|c| c.postings.doc_freq());
            let mut checked: Vec<(bool, Box<dyn Scorer>)> = self
                .checked
                .iter()
                .zip(&self.phrases)
                .map(|(w, &phrase)| Ok((phrase, w.scorer(reader, 1.0)?)))
                .collect::<tantivy::Result<_>>()?;
            checked.sort_by_key(|(phrase, c)| (*phrase, c.size_hint()));
            let lead = required.first().map_or(0, |c| c.postings.doc_freq());
            let leading = checked
                .iter()
                .take_while(|(phrase, c)| {
                    !phrase && c.size_hint().saturating_mul(LEADING_RATIO) < lead
                })
                .count();
            let mut checked: Vec<Box<dyn Scorer>> = checked.into_iter().map(|(_, c)| c).collect();
            let optional = cursors(&self.optional, true)?.into_iter();
            let forms = cursors(&self.forms, false)?.into_iter();
            let mut optional: Vec<Cursor> = optional.chain(forms).flatten().collect();
            // A match's optional terms are read in this order ([`Segment::optional_score`]):
            // first those that only bound a clause (never read, their bounds go for free),
            // then those that can lift it most.
            optional.sort_by(|a, b| a.scored.cmp(&b.scored).then(b.most().total_cmp(&a.most())));
            let mut segment = Segment {
                ord: ord as u32,
                reader,
                required: &mut required,
                optional: &mut optional,
                least: vec![0; checked.len()],
                checked: &mut checked,
                leading,
                stretches: Stretches {
                    part,
                    lifted,
                    at: 0,
                },
                lift: match part {
                    Part::Lifted => factors.lift(),
                    Part::Rest => 1.0,
                },
            };
            segment.collect(factors, best);
        }
        Ok(())
    }
}

/// The paragraphs of a segment a walk looks at.
struct Stretches<'a> {
    part: Part,
    lifted: &'a [RangeInclusive<DocId>],
    /// The first lifted stretch not yet passed: the walk only moves forward, so each match
    /// moves it on instead of searching the stretches again.
    at: usize,
}

impl Stretches<'_> {
    /// `None` when the walk looks at `doc`, else where it goes on from. `doc` never goes
    /// back.
    fn next_from(&mut self, doc: DocId) -> Option<DocId> {
        while self.lifted.get(self.at).is_some_and(|r| *r.end() < doc) {
            self.at += 1;
        }
        let at = self.at;
        let inside = self.lifted.get(at).filter(|r| *r.start() <= doc);
        match (self.part, inside) {
            (Part::Lifted, Some(_)) | (Part::Rest, None) => None,
            (Part::Lifted, None) => Some(self.lifted.get(at).map_or(TERMINATED, |r| *r.start())),
            (Part::Rest, Some(r)) => Some(r.end().saturating_add(1)),
        }
    }
}

/// One term's postings in one segment, read block by block.
struct Cursor<'b> {
    postings: BlockSegmentPostings,
    /// Its blocks' bounds kept apart, when it has that many blocks
    /// ([`Segment::pass_over`]).
    bounds: Option<TermBounds<'b>>,
    /// Where the walk stands in the kept bounds of its blocks.
    block: Kept,
    /// Where the walk stands in the kept bounds of its groups of blocks.
    group: Kept,
    /// Where in the current block the cursor stands.
    at: usize,
    weight: Bm25Weight,
    fieldnorms: FieldNormReader,
    /// What a block maximum is multiplied by to bound every score in its block.
    slack: Score,
    /// Whether the field keeps each term's frequency. tantivy records no block maximum for
    /// a field that does not (a document number's, say): its blocks read as scoring
    /// nothing, and were passed over once the best were full.
    counted: bool,
    /// Whether its score counts in a match's; a checked clause's term only bounds it.
    scored: bool,
    /// For an optional term, the most it adds to a paragraph up to the end of the bound
    /// last worked out ([`Segment::bound`]).
    held: Score,
    /// For a term of a checked clause's phrase, that clause: the term bounds the phrase's
    /// score at the phrase's least frequent term's frequency ([`Checked`]).
    phrase: Option<usize>,
}

impl<'b> Cursor<'b> {
    /// The cursor on `term` in `reader`, at its first document, counting in a match's score
    /// if `scored`; `None` when the segment does not have the term.
    fn open(
        reader: &SegmentReader,
        term: &Term,
        weight: &Bm25Weight,
        averages: &Averages,
        bounds: Option<TermBounds<'b>>,
        scored: bool,
    ) -> tantivy::Result<Option<Cursor<'b>>> {
        let field = term.field();
        let Some(postings) = reader
            .inverted_index(field)?
            .read_block_postings(term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        let record = reader.schema().get_field_entry(field).field_type();
        let counted = record
            .get_index_record_option()
            .is_some_and(|o| o.has_freq());
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(norms) => norms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let mut cursor = Cursor {
            postings,
            bounds: bounds.filter(|_| counted),
            block: Kept::default(),
            group: Kept::default(),
            at: 0,
            weight: weight.clone(),
            fieldnorms,
            slack: averages.slack(reader, field) * ROUNDING,
            counted,
            scored,
            held: 0.0,
            phrase: None,
        };
        cursor.at = cursor.postings.seek(0);
        Ok(Some(cursor))
    }

    fn doc(&self) -> DocId {
        self.postings.doc(self.at)
    }

    /// Moves to the first document from `target` on, never backwards.
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() < target {
            self.at = self.postings.seek(target);
        }
        self.doc()
    }

    /// The last document of the current block.
    fn block_end(&self) -> DocId {
        self.postings.docs().last().copied().unwrap_or(TERMINATED)
    }

    /// The most any document of the current block scores. Where frequencies are not
    /// kept every match counts once, and scores most in the shortest field.
    fn block_max(&mut self) -> Score {
        let most = if self.counted {
            self.postings
                .block_max_score(&self.fieldnorms, &self.weight)
        } else {
            self.weight.score(0, 1)
        };
        most * self.slack
    }

    /// From the kept bounds, without decoding: the most a paragraph scores in the block
    /// from `doc` on, and that block's last paragraph. `None` without kept bounds, or when
    /// the postings already stand at `doc` or past it.
    fn kept_bound(&mut self, doc: DocId) -> Option<(Score, DocId)> {
        if self.doc() >= doc {
            return None;
        }
        self.kept_block(doc)
    }

    /// Moves the kept bounds on to the block of `doc`: the most a paragraph scores in it,
    /// and its last paragraph. `None` without kept bounds or past the last block.
    fn kept_block(&mut self, doc: DocId) -> Option<(Score, DocId)> {
        let rows = self.bounds?.blocks;
        self.block.bound(rows, doc, &self.weight, self.slack)
    }

    /// [`Cursor::kept_block`] for the group of blocks of `doc`.
    fn kept_group(&mut self, doc: DocId) -> Option<(Score, DocId)> {
        let rows = self.bounds?.groups;
        self.group.bound(rows, doc, &self.weight, self.slack)
    }

    /// The most any document scores.
    fn most(&self) -> Score {
        if self.counted {
            self.weight.max_score()
        } else {
            self.weight.score(0, 1)
        }
    }

    fn score(&self) -> Score {
        self.score_at(self.freq())
    }

    /// The score of the current document were the term in it `freq` times.
    fn score_at(&self, freq: u32) -> Score {
        let doc = self.doc();
        self.weight.score(self.fieldnorms.fieldnorm_id(doc), freq)
    }

    /// How many times the term is in the current document.
    fn freq(&self) -> u32 {
        self.postings.freq(self.at)
    }
}

/// Where a cursor stands in one level of its kept bounds (blocks or groups of blocks): the
/// first stretch not yet passed, and its bound and last paragraph once worked out. A walk
/// passing over blocks asks every term at each stretch end of any of them, and most terms
/// are still in the same stretch.
#[derive(Default)]
struct Kept {
    at: usize,
    held: Option<(Score, DocId)>,
}

impl Kept {
    /// The bound of the stretch of `rows` holding `doc` (or the first after it) scored with
    /// `weight` and `slack`, and its last paragraph; `None` past the last stretch.
    fn bound(
        &mut self,
        rows: Maxima,
        doc: DocId,
        weight: &Bm25Weight,
        slack: Score,
    ) -> Option<(Score, DocId)> {
        if let Some(held) = self.held.filter(|held| held.1 >= doc) {
            return Some(held);
        }
        self.at = rows.first_from(self.at, doc);
        self.held =
            (self.at < rows.len()).then(|| (rows.max(self.at, weight) * slack, rows.last(self.at)));
        self.held
    }
}

/// One segment's walk over the matches.
struct Segment<'a, 'b> {
    ord: u32,
    reader: &'a SegmentReader,
    required: &'a mut [Cursor<'b>],
    optional: &'a mut [Cursor<'b>],
    /// The checked clauses, each read at a match that could enter the best: those that may
    /// lead first, then the phrases, each rarest first.
    checked: &'a mut [Box<dyn Scorer>],
    /// For each checked clause in plan order, the least frequency of its phrase's terms
    /// in the paragraph being scored ([`Segment::required_score`]).
    least: Vec<u32>,
    /// How many of the first checked clauses are rare enough to lead the walk beside the
    /// required terms ([`LEADING_RATIO`]).
    leading: usize,
    /// The paragraphs this walk looks at.
    stretches: Stretches<'a>,
    /// What the weights of those paragraphs are multiplied by.
    lift: Score,
}

impl<'b> Segment<'_, 'b> {
    /// Walks the matches of its stretches in order. A match scoring no more than the
    /// weakest of the best never enters (the first walked of equal scores is kept), so a
    /// stretch or a match whose bound only ties is passed over too, which matters where
    /// many paragraphs are the same text.
    ///
    /// A bound holds until the end it was worked out to (no block it counts ends before),
    /// so it is worked out again only past that end, not at every match.
    fn collect(&mut self, factors: &dyn ScoreFactor, best: &mut impl Offers) {
        let alive = self.reader.alive_bitset();
        let mut target = 0;
        let mut wide_held: Option<(Score, DocId)> = None;
        let mut narrow_held: Option<(Score, Score, DocId)> = None;
        while let Some(doc) = self.align(target) {
            if let Some(next) = self.stretches.next_from(doc) {
                if next == TERMINATED {
                    break;
                }
                target = next;
                continue;
            }
            let floor = best.floor();
            let wide = match wide_held {
                Some(held) if doc <= held.1 => held,
                _ => *wide_held.insert(self.wide_bound(doc)),
            };
            let (required, optional, end) = match narrow_held {
                Some(held) if doc <= held.2 => held,
                _ => *narrow_held.insert(self.bound(doc)),
            };
            let skip = [wide, (required + optional, end)]
                .into_iter()
                .find(|&(bound, _)| bound * self.lift <= floor);
            if let Some((_, end)) = skip {
                if end == TERMINATED {
                    break;
                }
                target = self.pass_over(end + 1, floor);
                continue;
            }
            target = doc + 1;
            if !alive.is_none_or(|a| a.is_alive(doc)) {
                continue;
            }
            let (bound, scored) = self.required_score();
            let most = bound + optional;
            if most * self.lift <= floor {
                continue;
            }
            let factor = factors.weight(self.ord, doc) * self.lift;
            if most * factor <= floor {
                continue;
            }
            let Some(checked) = self.checked_score(doc) else {
                continue;
            };
            let bar = floor / factor;
            if let Some(score) = self.optional_score(doc, scored + checked, optional, bar) {
                best.offer(score * factor, DocAddress::new(self.ord, doc));
            }
        }
    }

    /// The first paragraph from `target` on where the terms' kept bounds could lift a match
    /// past `floor`, found without decoding the blocks passed over: a group of blocks whose
    /// bounds cannot is passed over whole, else its blocks one by one (and the groups are
    /// not asked again before that group ends). A term without kept bounds counts its
    /// greatest score anywhere. `target` itself when no term has them.
    fn pass_over(&mut self, mut target: DocId, floor: Score) -> DocId {
        let cursors = || self.required.iter().chain(self.optional.iter());
        let unbounded: Score = cursors()
            .filter(|c| c.bounds.is_none())
            .map(Cursor::most)
            .sum();
        if cursors().all(|c| c.bounds.is_none()) {
            return target;
        }
        let mut groups_enter_until = None;
        while target < TERMINATED {
            if groups_enter_until.is_none_or(|end| target > end) {
                let Some((groups, end)) = self.kept_sum(target, Cursor::kept_group) else {
                    return TERMINATED;
                };
                if (unbounded + groups) * self.lift <= floor {
                    target = end.saturating_add(1).min(TERMINATED);
                    continue;
                }
                groups_enter_until = Some(end);
            }
            let Some((blocks, end)) = self.kept_sum(target, Cursor::kept_block) else {
                return TERMINATED;
            };
            if (unbounded + blocks) * self.lift > floor {
                return target;
            }
            target = end.saturating_add(1).min(TERMINATED);
        }
        TERMINATED
    }

    /// The sum of the kept bounds `level` gives the terms at `target` (of their blocks or
    /// their groups), and the first end of them; `None` when a required term has none left.
    fn kept_sum(
        &mut self,
        target: DocId,
        level: fn(&mut Cursor<'b>, DocId) -> Option<(Score, DocId)>,
    ) -> Option<(Score, DocId)> {
        let (mut bound, mut end) = (0.0, TERMINATED);
        let required = self.required.len();
        let all = self.required.iter_mut().chain(self.optional.iter_mut());
        for (i, cursor) in all.enumerate() {
            if cursor.bounds.is_none() {
                continue;
            }
            match level(cursor, target) {
                Some((most, last)) => {
                    end = end.min(last);
                    bound += most;
                }
                None if i < required => return None,
                None => {}
            }
        }
        Some((bound, end))
    }

    /// The first document from `target` on that has every required term and matches the
    /// leading checked clauses.
    fn align(&mut self, target: DocId) -> Option<DocId> {
        let (lead, others) = self.required.split_first_mut()?;
        let mut doc = lead.seek(target);
        'candidates: while doc != TERMINATED {
            for other in others.iter_mut() {
                let found = other.seek(doc);
                if found > doc {
                    doc = lead.seek(found);
                    continue 'candidates;
                }
            }
            for clause in self.checked[..self.leading].iter_mut() {
                if clause.doc() < doc {
                    clause.seek(doc);
                }
                if clause.doc() > doc {
                    doc = lead.seek(clause.doc());
                    continue 'candidates;
                }
            }
            return Some(doc);
        }
        None
    }

    /// The most a paragraph can score from `doc` to the end of the rarest required term's
    /// block, and that end: a term whose block ends before counts its greatest score
    /// anywhere. Wide stretches pass over many blocks of the common terms at once.
    fn wide_bound(&mut self, doc: DocId) -> (Score, DocId) {
        let end = self.required[0].block_end();
        let within = |cursor: &mut Cursor| {
            if cursor.block_end() >= end {
                cursor.block_max()
            } else {
                cursor.weight.max_score()
            }
        };
        let mut bound: Score = self.required.iter_mut().map(within).sum();
        for cursor in self.optional.iter_mut() {
            if let Some(kept) = cursor.kept_bound(doc) {
                bound += if kept.1 >= end { kept.0 } else { cursor.most() };
            } else if cursor.seek(doc) <= end {
                bound += within(cursor);
            }
        }
        (bound, end)
    }

    /// The most the required and the optional terms can add to the BM25 score of a
    /// paragraph from `doc` to `end`, and `end`: the first place any term's block ends.
    fn bound(&mut self, doc: DocId) -> (Score, Score, DocId) {
        let mut end = TERMINATED;
        let mut required = 0.0;
        for cursor in self.required.iter_mut() {
            end = end.min(cursor.block_end());
            required += cursor.block_max();
        }
        let mut optional = 0.0;
        for cursor in self.optional.iter_mut() {
            cursor.held = if let Some((most, last)) = cursor.kept_bound(doc) {
                end = end.min(last);
                most
            } else if cursor.seek(doc) > end {
                0.0
            } else {
                end = end.min(cursor.block_end());
                cursor.block_max()
            };
            optional += cursor.held;
        }
        (required, optional, end)
    }

    /// What the required terms add to the score of the paragraph they all stand on: all of
    /// them (a bound of the score with the checked clauses'), and those that count. A
    /// phrase's terms count at its least frequent term's frequency, which the phrase
    /// cannot pass: where one word of a phrase is in a paragraph many times, the phrase's
    /// bound stays near its score, and a paragraph that cannot enter is let go without
    /// reading the phrase's positions.
    fn required_score(&mut self) -> (Score, Score) {
        // Without checked clauses there is no phrase, and `least` is empty. Filling an empty
        // vector still calls memset, on a dangling pointer; on AMD's AVX-512 cores glibc's
        // masked store to it takes a microcode assist of about 60 ns, thirty times a small
        // fill. Once per candidate, that was a sixth of a server's time.
        if !self.least.is_empty() {
            self.least.fill(u32::MAX);
            for cursor in self.required.iter() {
                if let Some(phrase) = cursor.phrase {
                    self.least[phrase] = self.least[phrase].min(cursor.freq());
                }
            }
        }
        let mut sums = (0.0, 0.0);
        for cursor in self.required.iter() {
            let score = match cursor.phrase {
                Some(phrase) => cursor.score_at(self.least[phrase]) * ROUNDING,
                None => cursor.score(),
            };
            sums.0 += score;
            if cursor.scored {
                sums.1 += score;
            }
        }
        sums
    }

    /// What the checked clauses add to the score of `doc`, or `None` when one does not
    /// match it.
    fn checked_score(&mut self, doc: DocId) -> Option<Score> {
        let mut sum = 0.0;
        for clause in self.checked.iter_mut() {
            if clause.doc() < doc {
                clause.seek(doc);
            }
            if clause.doc() != doc {
                return None;
            }
            sum += clause.score();
        }
        Some(sum)
    }

    /// The BM25 score of `doc`, whose required terms and checked clauses score `base`,
    /// with what its optional terms add; `None` as soon as the optional terms not yet read
    /// (whose bounds sum to `bound`) could no longer lift it past `bar`. The terms that lift
    /// most are read first, so that most paragraphs are let go after one or two of them: in a
    /// query typed with diacritics each word's exact form is such a term, as common as the
    /// word.
    fn optional_score(
        &mut self,
        doc: DocId,
        base: Score,
        bound: Score,
        bar: Score,
    ) -> Option<Score> {
        let mut score = base;
        let mut unread = bound;
        for cursor in self.optional.iter_mut() {
            if score + unread <= bar {
                return None;
            }
            unread -= cursor.held;
            if cursor.scored && cursor.seek(doc) == doc {
                score += cursor.score();
            }
        }
        (score > bar).then_some(score)
    }
}

/// Each field's average length over the whole index. Block maxima are worked out when a
/// segment is written, with the segment's own average, and queries score with the index's;
/// a score under one average is at most the ratio of the two times the score under the
/// other, so a block maximum times that ratio bounds every score in its block.
struct Averages(Vec<(Field, f64)>);

impl Averages {
    /// The averages of `fields` over every segment of `searcher`, as BM25 counts them.
    fn of(searcher: &Searcher, fields: impl Iterator<Item = Field>) -> Averages {
        let readers = searcher.segment_readers();
        let docs: u64 = readers.iter().map(|r| u64::from(r.num_docs())).sum();
        let mut averages: Vec<(Field, f64)> = Vec::new();
        for field in fields {
            if averages.iter().all(|(f, _)| *f != field) {
                let tokens: u64 = readers.iter().map(|r| tokens(r, field)).sum();
                averages.push((field, tokens as f64 / docs.max(1) as f64));
            }
        }
        Averages(averages)
    }

    /// What a block maximum of `field` in `reader` is multiplied by to bound the scores in
    /// its block.
    fn slack(&self, reader: &SegmentReader, field: Field) -> Score {
        let whole = self
            .0
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(0.0, |(_, a)| *a);
        let own = tokens(reader, field) as f64 / f64::from(reader.max_doc().max(1));
        if own == 0.0 || whole == 0.0 {
            return 1.0;
        }
        (own / whole).max(whole / own) as Score
    }
}

fn tokens(reader: &SegmentReader, field: Field) -> u64 {
    reader
        .inverted_index(field)
        .map_or(0, |index| index.total_num_tokens())
}

/// Where a walk offers its matches: its own best, or one it shares with walks on other
/// cores.
trait Offers {
    /// The score a match must beat to enter: none until `k` are found.
    fn floor(&self) -> Score;
    /// Offers a match scoring more than the floor.
    fn offer(&mut self, score: Score, at: DocAddress);
}

/// The best `k` matches so far, the weakest on top of the heap.
struct Best {
    k: usize,
    heap: BinaryHeap<Entry>,
}

/// A match as [`Best`] orders it: the better one is the greater score, then the earlier
/// address, and the heap keeps the worse on top.
struct Entry(Score, DocAddress);

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl Best {
    fn new(k: usize) -> Best {
        Best {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut out: Vec<Entry> = self.heap.into_vec();
        out.sort();
        out.into_iter().map(|Entry(s, a)| (s, a)).collect()
    }
}

impl Offers for Best {
    fn floor(&self) -> Score {
        match self.heap.peek() {
            Some(weakest) if self.heap.len() >= self.k => weakest.0,
            _ => Score::NEG_INFINITY,
        }
    }

    fn offer(&mut self, score: Score, at: DocAddress) {
        self.heap.push(Entry(score, at));
        if self.heap.len() > self.k {
            self.heap.pop();
        }
    }
}

/// The best `k` matches of walks running at once on several cores, each over its own
/// segments. A match that ties the floor is still offered: in one walk, the first walked of
/// equal scores is kept, which is the earlier address, and the heap keeps the earlier
/// address whichever core offers first.
struct SharedBest {
    best: Mutex<Best>,
    /// The floor of `best`, read without taking the lock at every match.
    floor: AtomicU32,
}

impl SharedBest {
    fn new(k: usize) -> SharedBest {
        SharedBest {
            best: Mutex::new(Best::new(k)),
            floor: AtomicU32::new(Score::NEG_INFINITY.to_bits()),
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let best = self
            .best
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        best.into_sorted()
    }
}

impl Offers for &SharedBest {
    fn floor(&self) -> Score {
        Score::from_bits(self.floor.load(AtomicOrdering::Relaxed)).next_down()
    }

    fn offer(&mut self, score: Score, at: DocAddress) {
        let mut best = self.best.lock().unwrap_or_else(PoisonError::into_inner);
        best.offer(score, at);
        self.floor
            .store(best.floor().to_bits(), AtomicOrdering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::super::any_of::AnyOf;
    use super::super::segment_file::segment_ids;
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{STRING, Schema, TEXT};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    /// A factor that lowers some paragraphs and lifts one in `every`, as weights and title
    /// lifts do.
    struct Uneven {
        lifted: Vec<Vec<RangeInclusive<DocId>>>,
    }

    impl Uneven {
        fn of(searcher: &Searcher, every: u32) -> Uneven {
            let segments = searcher.segment_readers().iter();
            let lifted = segments
                .map(|r| {
                    (0..r.max_doc())
                        .step_by(every as usize)
                        .map(|d| d..=d)
                        .collect()
                })
                .collect();
            Uneven { lifted }
        }
    }

    impl ScoreFactor for Uneven {
        fn weight(&self, segment: u32, doc: DocId) -> Score {
            0.4 + 0.6 * ((doc * 37 + segment * 11) % 10) as Score / 9.0
        }

        fn lifted(&self, segment: u32) -> &[RangeInclusive<DocId>] {
            &self.lifted[segment as usize]
        }

        fn lift(&self) -> Score {
            1.5
        }
    }

    /// Paragraphs of words drawn unevenly from a small vocabulary, in three segments with
    /// some deleted, so that blocks are full and scores tie and spread as in real text; in
    /// long quiet stretches the commonest word begins each paragraph and is not drawn
    /// again, so that whole groups of its blocks score low between groups that score high.
    /// Each with a tag indexed without frequencies, as document numbers are.
    fn corpus() -> (Index, Field, Field) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let id = schema.add_text_field("id", STRING);
        let tag = schema.add_text_field("tag", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 60_000_000).unwrap();
        let mut seed: u64 = 7;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for paragraph in 0..30_000u64 {
            let quiet = paragraph % 5000 < 4000;
            let length = 1 + next(40) + next(40) * (next(4) / 3);
            let words: Vec<String> = (0..length)
                .map(|at| match quiet && at > 0 {
                    true => format!("w{}", 1 + next(29)),
                    false => format!("w{}", next(6).min(next(30))),
                })
                .collect();
            let mut doc = TantivyDocument::new();
            doc.add_text(body, words.join(" "));
            doc.add_text(id, paragraph.to_string());
            doc.add_text(tag, format!("t{}", paragraph % 3));
            writer.add_document(doc).unwrap();
            if paragraph % 5_000 == 4_999 {
                writer.commit().unwrap();
            }
        }
        for gone in (0..30_000).step_by(13) {
            writer.delete_term(Term::from_field_text(id, &gone.to_string()));
        }
        writer.commit().unwrap();
        (index, body, tag)
    }

    /// Every match scored by tantivy, multiplied by its factor, the best `k` scores.
    fn every_match(searcher: &Searcher, plan: &TermPlan, k: usize, uneven: &Uneven) -> Vec<Score> {
        let clause = |occur, (term, boost): &(Term, Score)| -> (Occur, Box<dyn Query>) {
            let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            (occur, Box::new(BoostQuery::new(Box::new(query), *boost)))
        };
        let query = BooleanQuery::new(
            plan.required
                .iter()
                .map(|t| clause(Occur::Must, t))
                .chain(plan.optional.iter().map(|t| clause(Occur::Should, t)))
                .chain(
                    plan.checked
                        .iter()
                        .map(|c| (Occur::Must, c.query.box_clone())),
                )
                .collect(),
        );
        let all = TopDocs::with_limit(10_000).order_by_score();
        let mut scores: Vec<Score> = searcher
            .search(&query, &all)
            .unwrap()
            .into_iter()
            .map(|(s, a)| s * uneven.factor(a.segment_ord, a.doc_id))
            .collect();
        scores.sort_by(|a, b| b.total_cmp(a));
        scores.truncate(k);
        scores
    }

    #[test]
    fn the_best_are_those_of_scoring_every_match() {
        let (index, body, tag) = corpus();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 6);
        let none = BlockBounds::none(6);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bounds.bin");
        BlockBounds::write_from(&index, &[body], None, &path, 128).unwrap();
        let kept = BlockBounds::open(&path, &segment_ids(&searcher)).unwrap();
        assert!(kept.of(0, &Term::from_field_text(body, "w0")).is_some());
        let term = |w: &str, boost| (Term::from_field_text(body, w), boost);
        let plans = [
            (vec![term("w0", 1.0)], vec![]),
            (
                vec![term("w0", 1.0), term("w1", 1.0)],
                vec![term("w2", 10.0)],
            ),
            (
                vec![term("w1", 1.0), term("w3", 1.0)],
                vec![term("w0", 10.0), term("w9", 10.0)],
            ),
            (
                vec![term("w2", 2.0)],
                vec![term("w25", 10.0), term("nowhere", 5.0)],
            ),
            (vec![term("w0", 1.0), term("nowhere", 1.0)], vec![]),
            (vec![(Term::from_field_text(tag, "t1"), 1.0)], vec![]),
            (
                vec![(Term::from_field_text(tag, "t2"), 1.0), term("w1", 1.0)],
                vec![term("w4", 2.0)],
            ),
            (
                vec![term("w0", 0.1)],
                vec![
                    (Term::from_field_text(tag, "t0"), 10.0),
                    (Term::from_field_text(tag, "t1"), 9.0),
                ],
            ),
        ];
        let phrase = |words: &[&str], boost| {
            let terms: Vec<Term> = words
                .iter()
                .map(|w| Term::from_field_text(body, w))
                .collect();
            let inner: Box<dyn Query> = match terms.as_slice() {
                [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
                _ => Box::new(PhraseQuery::new(terms.clone())),
            };
            let query = BoostQuery::new(inner, boost);
            Checked {
                query: Box::new(query),
                terms: terms.into_iter().map(|t| (t, boost)).collect(),
                forms: Vec::new(),
            }
        };
        let either = |forms: &[(&[&str], Score)]| {
            let mut terms = Vec::new();
            let mut queries: Vec<Box<dyn Query>> = Vec::new();
            for (words, boost) in forms {
                let form = phrase(words, *boost);
                terms.extend(form.terms);
                queries.push(form.query);
            }
            Checked {
                query: Box::new(AnyOf(queries)),
                terms: Vec::new(),
                forms: terms,
            }
        };
        // A phrase that also requires a word scoring nothing, as a phrase typed with
        // diacritics requires each word's exact form.
        let filtered = |words: &[&str], filter: &str| {
            let mut checked = phrase(words, 1.5);
            let required = TermQuery::new(
                Term::from_field_text(body, filter),
                IndexRecordOption::WithFreqs,
            );
            checked.query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, checked.query),
                (
                    Occur::Must,
                    Box::new(BoostQuery::new(Box::new(required), 0.0)),
                ),
            ]));
            checked
                .terms
                .push((Term::from_field_text(body, filter), 0.0));
            checked
        };
        let plans = plans.into_iter().map(|(r, o)| (r, o, Vec::new())).chain([
            (vec![], vec![], vec![filtered(&["w0", "w1", "w0"], "w7")]),
            (
                vec![term("w2", 1.0)],
                vec![term("w4", 2.0)],
                vec![filtered(&["w1", "w0"], "w3")],
            ),
            (vec![], vec![], vec![phrase(&["w0", "w1"], 1.0)]),
            (
                vec![term("w2", 1.0)],
                vec![term("w3", 10.0)],
                vec![phrase(&["w1", "w0", "w0"], 2.0)],
            ),
            (vec![], vec![], vec![phrase(&["w4", "nowhere"], 1.0)]),
            (
                vec![term("w0", 1.0)],
                vec![term("w5", 3.0)],
                vec![either(&[(&["w1", "w2"], 2.0), (&["w7"], 1.0)])],
            ),
            (
                vec![term("w3", 1.0)],
                vec![],
                vec![
                    either(&[(&["w2", "w0"], 1.0), (&["w20", "nowhere"], 1.0)]),
                    phrase(&["w0", "w1"], 1.0),
                ],
            ),
            (
                vec![term("w0", 1.0)],
                vec![term("w1", 2.0)],
                vec![either(&[(&["w12", "w13"], 1.0), (&["w20"], 1.0)])],
            ),
            (
                vec![(Term::from_field_text(tag, "t2"), 1.0)],
                vec![term("w2", 3.0)],
                vec![either(&[
                    (&["w4", "w5"], 2.0),
                    (&["w5"], 1.0),
                    (&["w3"], 1.0),
                ])],
            ),
            (
                vec![(Term::from_field_text(tag, "t0"), 1.0), term("w4", 1.0)],
                vec![],
                vec![either(&[(&["w1"], 1.0), (&["w0", "w0"], 3.0)])],
            ),
        ]);
        for (required, optional, checked) in plans {
            let plan = TermPlan {
                required,
                optional,
                checked,
            };
            for (k, every) in [1, 10, 100].into_iter().flat_map(|k| [(k, 7), (k, 500)]) {
                let uneven = Uneven::of(&searcher, every);
                let expected = every_match(&searcher, &plan, k, &uneven);
                for (bounds, cores) in [&none, &kept].into_iter().flat_map(|b| [(b, 1), (b, 3)]) {
                    let ours: Vec<Score> = top(&searcher, &plan, k, &uneven, bounds, cores)
                        .unwrap()
                        .into_iter()
                        .map(|(s, _)| s)
                        .collect();
                    assert_eq!(ours.len(), expected.len(), "k = {k}, on {cores} cores");
                    for (a, b) in ours.iter().zip(&expected) {
                        assert!(
                            (a - b).abs() <= 1e-4 * b.abs().max(1.0),
                            "{ours:?} != {expected:?}"
                        );
                    }
                }
            }
        }
    }
}
