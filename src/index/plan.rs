//! The tantivy query for a parsed query: the query cut into parts (syllables, abbreviations
//! with their senses, document numbers, dates), each required unless it is a question word or
//! was dropped because nothing matched every part, and what to highlight.

use super::any_of::AnyOf;
use super::prune::{Checked, TermPlan};
use super::query::ParsedQuery;
use super::question;
use super::schema::Fields;
use super::shorthand::{NumberRef, party_order};
use crate::codes::CitedDocument;
use crate::text::abbrev::Abbreviations;
use crate::text::{analyzer, could_be_syllable, fold, senses};
use crate::vocabulary::DocCode;
use std::borrow::Cow;
use std::collections::HashSet;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// What a query is planned against: the index's fields, the abbreviations it knows and the
/// cited documents (to find the numbers a kind word and a number name).
pub struct Context<'a> {
    /// The schema's fields.
    pub fields: &'a Fields,
    /// Built-in and learnt abbreviations, for the words typed.
    pub abbreviations: &'a Abbreviations,
    /// Their senses as body terms, for senses spelled out in the query.
    pub senses: &'a Senses,
    /// The cited documents the query's numbers name ([`super::cards::names`]).
    pub named: &'a [CitedDocument],
}

/// Exact diacritics over folded matches, adjacent syllables over scattered ones.
const EXACT_BOOST: f32 = 10.0;
const PAIR_BOOST: f32 = 10.0;
/// The form the user typed over the other forms of an abbreviation (`UBND` over `Ủy ban
/// nhân dân` when `UBND` was typed): exact matches rank first.
const TYPED_BOOST: f32 = 10.0;
/// A paragraph citing the document a kind word and a number name, over one that merely
/// has the words: citations rank first.
const NUMBER_BOOST: f32 = 20.0;
/// A question word (`nào`, `nói về`) counts this much of a content word.
const QUESTION_WEIGHT: f32 = 0.1;

/// One part of a query.
#[derive(Debug, Clone)]
pub enum Unit {
    /// A syllable: (exact form, folded form).
    Syllable(String, String),
    /// Equivalent sequences of body terms: what was typed first, then its other forms
    /// (an abbreviation and its senses).
    Alternatives {
        /// The sequences, the one typed first.
        forms: Vec<Vec<String>>,
        /// The body term every form of a built-in abbreviation is indexed under
        /// ([`senses`]), read instead of the forms' phrases.
        sense: Option<&'static str>,
    },
    /// A kind and a number: the code keys of the documents it names, and its words.
    Number {
        /// Code keys in the codes field.
        keys: Vec<String>,
        /// The kind's syllables and the number, each with its spellings (`6`, `06`).
        words: Vec<Vec<String>>,
    },
    /// A date: the term sequences it may be printed as.
    Date(Vec<Vec<String>>),
}

/// A part of the query, with the words the user typed for it.
#[derive(Debug, Clone)]
pub struct Part {
    /// What it matches.
    pub unit: Unit,
    /// The words typed for it, as `dropped_terms` names them.
    pub label: String,
    /// Whether it is a question word, never required.
    pub question: bool,
}

/// The tantivy query for a parsed query, and what to highlight.
pub struct Plan {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// Folded sequences to mark in hits: the required syllables first, then the other
    /// forms (see [`super::highlight::matches`]).
    pub sequences: Vec<Vec<String>>,
    /// Code keys whose citations are marked whole.
    pub code_keys: HashSet<String>,
    /// What a paragraph must have to match, for counting: the query without the clauses
    /// that only lift a score.
    pub matches: Box<dyn Query>,
    /// The same query as terms and checked clauses (phrases, an abbreviation's forms),
    /// when it is made only of those and requires a term: its best matches are found
    /// without scoring every match ([`super::prune`]).
    pub terms: Option<TermPlan>,
}

/// The clauses of a plan as they are added, and the same as a [`TermPlan`] while each is
/// a single term that is required or optional.
struct Clauses {
    list: Vec<(Occur, Box<dyn Query>)>,
    terms: Option<TermPlan>,
}

impl Clauses {
    fn new() -> Clauses {
        Clauses {
            list: Vec::new(),
            terms: Some(TermPlan::default()),
        }
    }

    /// Adds the term `text` of `field`, its score multiplied by `by`.
    fn term(&mut self, occur: Occur, field: Field, text: &str, by: f32) {
        self.term_query(occur, term_query(field, text), by);
    }

    fn term_query(&mut self, occur: Occur, query: TermQuery, by: f32) {
        match (&mut self.terms, occur) {
            (Some(plan), Occur::Must) => plan.required.push((query.term().clone(), by)),
            (Some(plan), Occur::Should) => plan.optional.push((query.term().clone(), by)),
            _ => self.terms = None,
        }
        let query: Box<dyn Query> = Box::new(query);
        let query = if by == 1.0 { query } else { boost(query, by) };
        self.list.push((occur, query));
    }

    /// Adds a required clause that is not a single term but is bounded by terms every match
    /// of it has, or by those of its `forms` ([`Checked`]).
    fn checked(&mut self, (query, terms): Bounded, forms: Vec<(Term, f32)>) {
        if let Some(plan) = &mut self.terms {
            let query = query.box_clone();
            plan.checked.push(Checked {
                query,
                terms,
                forms,
            });
        }
        self.list.push((Occur::Must, query));
    }

    /// Adds a clause that is not a single term.
    fn other(&mut self, occur: Occur, query: Box<dyn Query>) {
        self.terms = None;
        self.list.push((occur, query));
    }

    /// The query that counts: every clause but the optional ones, when any is required.
    fn matches(&self) -> Box<dyn Query> {
        let required = self.list.iter().any(|(o, _)| *o == Occur::Must);
        Box::new(BooleanQuery::new(
            self.list
                .iter()
                .filter(|(o, _)| !required || *o != Occur::Should)
                .map(|(o, q)| (*o, q.box_clone()))
                .collect(),
        ))
    }
}

/// Cuts a parsed query into its parts.
pub fn parts(cx: &Context, q: &ParsedQuery) -> Vec<Part> {
    let mut parts = Vec::new();
    for word in &q.words {
        match abbreviation(cx.abbreviations, word) {
            Some(unit) => parts.push(Part {
                unit,
                label: word.clone(),
                question: false,
            }),
            None => parts.extend(analyse(word).into_iter().map(|(e, f)| Part {
                label: e.clone(),
                unit: Unit::Syllable(e, f),
                question: false,
            })),
        }
    }
    let mut parts = cx.senses.spelled_out(mark_questions(parts));
    parts.extend(q.numbers.iter().map(|n| number(cx, n)));
    parts.extend(q.dates.iter().map(|d| Part {
        unit: Unit::Date(d.sequences()),
        label: d.shown(),
        question: false,
    }));
    parts
}

/// How many paragraphs a part alone could match, for choosing what to drop first (the
/// commonest first). Abbreviations, numbers and dates count as the rarest parts that match,
/// so they are dropped last: they say most precisely what is sought.
pub fn frequency(searcher: &Searcher, f: &Fields, part: &Part) -> u64 {
    match &part.unit {
        Unit::Syllable(_, folded) => syllable_frequency(searcher, f, folded),
        _ => 1,
    }
}

/// How many paragraphs have the folded syllable `folded` (0 when the index cannot say).
pub fn syllable_frequency(searcher: &Searcher, f: &Fields, folded: &str) -> u64 {
    searcher
        .doc_freq(&Term::from_field_text(f.body, folded))
        .unwrap_or(0)
}

impl Plan {
    /// The query: every part required but the question words and the `dropped` ones,
    /// which only lift the paragraphs that have them.
    pub fn new(cx: &Context, q: &ParsedQuery, parts: &[Part], dropped: &[bool]) -> Plan {
        let f = cx.fields;
        let content = parts.iter().zip(dropped).any(|(p, d)| !p.question && !d);
        let mut clauses = Clauses::new();
        let mut sequences = vec![Vec::new()];
        let mut code_keys: HashSet<String> = HashSet::new();
        for (part, &was_dropped) in parts.iter().zip(dropped) {
            let weight = if part.question && content {
                Some(QUESTION_WEIGHT)
            } else {
                was_dropped.then_some(1.0)
            };
            if let (Unit::Syllable(_, folded), None) = (&part.unit, weight) {
                sequences[0].push(folded.clone());
            }
            if let Unit::Number { keys, .. } = &part.unit {
                code_keys.extend(keys.iter().cloned());
            }
            sequences.extend(part.unit.sequences());
            part.unit.clauses(f, weight, &mut clauses);
        }
        for pair in parts.windows(2) {
            if let (Some((_, a)), Some((b, _))) = (pair[0].unit.edges(), pair[1].unit.edges()) {
                let adjacent = analyzer::bigram(&a, &b);
                clauses.term(Occur::Should, f.pairs, &adjacent, PAIR_BOOST);
            }
        }
        for p in &q.phrases {
            clauses.checked(phrase_query(f, p), Vec::new());
            sequences.push(analyse(p).into_iter().map(|(_, f)| f).collect());
        }
        for x in &q.excluded {
            clauses.other(Occur::MustNot, phrase_query(f, x).0);
        }
        let typed: HashSet<String> = q
            .codes
            .iter()
            .map(|c| code_key(&party_order(c.clone())))
            .collect();
        for key in &typed {
            clauses.term(Occur::Must, f.codes, key, 1.0);
        }
        code_keys.extend(typed);
        filters(f, q, &mut clauses);
        Plan {
            matches: clauses.matches(),
            terms: clauses.terms.filter(|t| {
                !t.required.is_empty() || t.checked.iter().any(|c| !c.terms.is_empty())
            }),
            query: Box::new(BooleanQuery::new(clauses.list)),
            sequences,
            code_keys,
        }
    }
}

impl Unit {
    /// Adds the clauses of this part: required when `weight` is `None`, else optional and
    /// weighted.
    fn clauses(&self, f: &Fields, weight: Option<f32>, out: &mut Clauses) {
        let whole: Box<dyn Query> = match self {
            Unit::Syllable(exact, folded) => {
                match weight {
                    None => out.term(Occur::Must, f.body, folded, 1.0),
                    Some(w) => out.term(Occur::Should, f.body, folded, w),
                }
                if exact != folded && weight.is_none() {
                    out.term(Occur::Should, f.body, exact, EXACT_BOOST);
                }
                return;
            }
            Unit::Alternatives {
                forms,
                sense: Some(term),
            } => {
                match weight {
                    None => {
                        out.term(Occur::Must, f.body, term, 1.0);
                        score_forms(f, forms, out);
                    }
                    Some(w) => out.term(Occur::Should, f.body, term, w),
                }
                return;
            }
            Unit::Alternatives { forms, sense: None } => {
                let (whole, terms) = alternatives(f, forms);
                if weight.is_none() {
                    return out.checked((whole, Vec::new()), terms);
                }
                whole
            }
            Unit::Number { keys, words } => {
                let cited = any(keys.iter().map(|k| term(f.codes, k)));
                let all_words = all(words
                    .iter()
                    .map(|alts| any(alts.iter().map(|w| term(f.body, w)))));
                any([boost(cited, NUMBER_BOOST), all_words].into_iter())
            }
            Unit::Date(forms) => any(forms.iter().map(|seq| phrase(f, seq).0)),
        };
        match weight {
            Some(w) => out.other(Occur::Should, boost(whole, w)),
            None => out.other(Occur::Must, whole),
        }
    }

    /// The first and last folded syllables of what was typed for this part, for scoring
    /// it side by side with its neighbours (`UBND tỉnh` as `ubnd_tinh`); `None` for numbers
    /// and dates.
    fn edges(&self) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
        let folded = analyzer::folded_term;
        match self {
            Unit::Syllable(_, f) => Some((Cow::Borrowed(f.as_str()), Cow::Borrowed(f.as_str()))),
            Unit::Alternatives { forms, .. } => {
                let typed = forms.first()?;
                Some((folded(typed.first()?), folded(typed.last()?)))
            }
            Unit::Number { .. } | Unit::Date(_) => None,
        }
    }

    /// The folded sequences to highlight, beyond the plain syllables.
    fn sequences(&self) -> Vec<Vec<String>> {
        let plain = |seq: &Vec<String>| {
            seq.iter()
                .map(|t| analyzer::folded_term(t).into_owned())
                .collect()
        };
        match self {
            Unit::Syllable(..) => Vec::new(),
            Unit::Alternatives { forms, .. } | Unit::Date(forms) => {
                forms.iter().map(plain).collect()
            }
            Unit::Number { words, .. } => {
                vec![words.iter().filter_map(|w| w.first().cloned()).collect()]
            }
        }
    }
}

/// A typed word that is an abbreviation the index knows: its typed form, then its senses.
/// Only words that look abbreviated count (no tone marks; upper case, or three letters or
/// more that cannot be a syllable), so that `tu` stays the syllable and `TU` is `Tỉnh ủy`,
/// and `doi`, `nam` typed without marks stay `đổi`, `nam` though `DOI`, `NAM` are known.
fn abbreviation(table: &Abbreviations, word: &str) -> Option<Unit> {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let plain = letters
        .iter()
        .all(|c| c.is_ascii() || matches!(c, 'đ' | 'Đ'));
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if !plain || letters.len() < 2 || (upper < 2 && (letters.len() < 3 || could_be_syllable(word)))
    {
        return None;
    }
    let (spelling, senses) = table.lookup(word)?;
    let mut forms = vec![exact_terms(word), exact_terms(spelling)];
    forms.dedup();
    forms.extend(senses.iter().map(|s| folded_terms(s)));
    Some(Unit::Alternatives {
        forms,
        sense: senses::term_of(table, word),
    })
}

/// A sense of an abbreviation as body terms: the folded terms of the sense, the exact terms
/// of its short form, and the sense term both are indexed under, if any.
type Sense = (Vec<String>, Vec<String>, Option<&'static str>);

/// Every sense of the abbreviation table as body terms, worked out once when the index
/// opens.
pub struct Senses(Vec<Sense>);

impl Senses {
    /// The senses of `table`.
    pub fn of(table: &Abbreviations) -> Senses {
        Senses(
            table
                .iter()
                .map(|(short, sense)| {
                    let term = senses::term_of(table, short);
                    (folded_terms(sense), exact_terms(short), term)
                })
                .filter(|(sense, ..)| !sense.is_empty())
                .collect(),
        )
    }

    /// Where the query spells out a sense (`ủy ban nhân dân`), the run becomes that sense
    /// or its short form (`UBND`).
    fn spelled_out(&self, mut parts: Vec<Part>) -> Vec<Part> {
        for (sense, short, term) in &self.0 {
            let mut at = 0;
            while at + sense.len() <= parts.len() {
                let run = &parts[at..at + sense.len()];
                let same = run
                    .iter()
                    .zip(sense)
                    .all(|(p, s)| matches!(&p.unit, Unit::Syllable(_, folded) if folded == s));
                if same {
                    let label = run.iter().map(|p| p.label.as_str()).collect::<Vec<_>>();
                    let part = Part {
                        unit: Unit::Alternatives {
                            forms: vec![sense.clone(), short.clone()],
                            sense: *term,
                        },
                        label: label.join(" "),
                        question: false,
                    };
                    parts.splice(at..at + sense.len(), [part]);
                }
                at += 1;
            }
        }
        parts
    }
}

/// Marks the question words; one of several syllables (`nói về`) becomes one part, so that
/// it weighs and is named as a whole.
fn mark_questions(mut parts: Vec<Part>) -> Vec<Part> {
    let (exact, folded): (Vec<&str>, Vec<&str>) = parts
        .iter()
        .map(|p| match &p.unit {
            Unit::Syllable(e, f) => (e.as_str(), f.as_str()),
            _ => ("", ""),
        })
        .unzip();
    let spans = question::spans(&exact, &folded);
    for span in spans.into_iter().rev() {
        if span.len() == 1 {
            parts[span.start].question = true;
            continue;
        }
        let run = &parts[span.clone()];
        let folded = run.iter().filter_map(|p| match &p.unit {
            Unit::Syllable(_, f) => Some(f.clone()),
            _ => None,
        });
        let part = Part {
            unit: Unit::Alternatives {
                forms: vec![folded.collect()],
                sense: None,
            },
            label: run
                .iter()
                .map(|p| p.label.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            question: true,
        };
        parts.splice(span, [part]);
    }
    parts
}

/// A kind and a number: the keys of every cited document it names (Party numbers by their
/// partial key, State numbers found in the registry), and the kind's words with the number.
fn number(cx: &Context, n: &NumberRef) -> Part {
    let mut keys: Vec<String> = n
        .party_code()
        .map(|c| c.partial_key())
        .into_iter()
        .collect();
    keys.extend(
        cx.named
            .iter()
            .filter(|d| matches!(d.code, DocCode::State { .. }) && n.names(d))
            .map(|d| d.code.key()),
    );
    keys.sort();
    keys.dedup();
    let kind_words = folded_terms(n.kind.name()).into_iter().map(|w| vec![w]);
    let mut numbers = vec![n.number.to_string()];
    if n.number < 10 {
        numbers.push(format!("{:02}", n.number));
    }
    Part {
        unit: Unit::Number {
            keys,
            words: kind_words.chain([numbers]).collect(),
        },
        label: n.typed.clone(),
        question: false,
    }
}

fn filters(f: &Fields, q: &ParsedQuery, clauses: &mut Clauses) {
    if let Some(kind) = q.kind {
        clauses.term(Occur::Must, f.kind, &fold(kind.name()), 1.0);
    }
    if let Some(year) = q.year {
        let t = Term::from_field_u64(f.year, year.max(0) as u64);
        clauses.term_query(
            Occur::Must,
            TermQuery::new(t, IndexRecordOption::Basic),
            1.0,
        );
    }
    for (_, folded) in q.issuer.as_deref().map(analyse).unwrap_or_default() {
        clauses.term(Occur::Must, f.issuer, &folded, 1.0);
    }
}

/// The key a code is indexed under: complete codes by their key, partial ones by number
/// and type.
fn code_key(code: &DocCode) -> String {
    if code.is_partial() {
        code.partial_key()
    } else {
        code.key()
    }
}

/// Each syllable of `text` as (exact form, folded form).
pub fn analyse(text: &str) -> Vec<(String, String)> {
    let exact = analyzer::tokens(&mut analyzer::exact(), text);
    let folded = analyzer::tokens(&mut analyzer::folded(), text);
    exact
        .into_iter()
        .zip(folded)
        .map(|((e, _), (f, _))| (e, f))
        .collect()
}

fn folded_terms(text: &str) -> Vec<String> {
    analyse(text).into_iter().map(|(_, f)| f).collect()
}

/// The exact body terms of `text` (`=ubnd`, `đbqh`): a short form matches only as spelled,
/// never as a syllable with tone marks (`TU` is not `từ`).
fn exact_terms(text: &str) -> Vec<String> {
    analyse(text)
        .into_iter()
        .map(|(e, f)| analyzer::exact_term(e, &f))
        .collect()
}

/// An exact sequence: with diacritics when the user typed any, else folded.
fn phrase_query(f: &Fields, text: &str) -> Bounded {
    let tokens = analyse(text);
    let typed_diacritics = tokens.iter().any(|(e, fo)| e != fo);
    let words: Vec<String> = tokens
        .iter()
        .map(|(e, fo)| {
            if typed_diacritics {
                analyzer::exact_term(e.clone(), fo)
            } else {
                fo.clone()
            }
        })
        .collect();
    phrase(f, &words)
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(term_query(field, text))
}

fn term_query(field: Field, text: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqsAndPositions,
    )
}

/// A query with the terms every match of it has, each with what its score is multiplied
/// by to bound the query's ([`Checked`]).
type Bounded = (Box<dyn Query>, Vec<(Term, f32)>);

/// The paragraphs with `words` in a row: the phrase of their adjacent pairs (one pair for
/// two words, the word itself for one) and, for each word typed in its exact form
/// ([`analyzer::exact_term`]), that form in the body, which only filters.
fn phrase(f: &Fields, words: &[String]) -> Bounded {
    let mut folded = Vec::with_capacity(words.len());
    let mut exact = Vec::new();
    let mut terms = Vec::new();
    for word in words {
        match analyzer::folded_of_exact(word) {
            Some(plain) => {
                exact.push(boost(bounding_term(f.body, word, 0.0, &mut terms), 0.0));
                folded.push(plain);
            }
            None => folded.push(word.clone()),
        }
    }
    let (read, weight) = read_pairs(&folded);
    let sequence: Box<dyn Query> = match (folded.as_slice(), read.as_slice()) {
        ([], _) => return (Box::new(BooleanQuery::new(Vec::new())), Vec::new()),
        ([one], _) => bounding_term(f.body, one, 1.0, &mut terms),
        (_, [(_, pair)]) => bounding_term(f.pairs, pair, 1.0, &mut terms),
        _ => {
            let read: Vec<(usize, Term)> = read
                .iter()
                .map(|(at, pair)| (*at, Term::from_field_text(f.pairs, pair)))
                .collect();
            terms.extend(read.iter().map(|(_, t)| (t.clone(), weight)));
            boost(Box::new(PhraseQuery::new_with_offset(read)), weight)
        }
    };
    if exact.is_empty() {
        return (sequence, terms);
    }
    (all(std::iter::once(sequence).chain(exact)), terms)
}

/// The term `text` of `field`, added to `terms` with the boost `by` that bounds its score
/// in the phrase (0 for an exact form, which only filters).
fn bounding_term(
    field: Field,
    text: &str,
    by: f32,
    terms: &mut Vec<(Term, f32)>,
) -> Box<dyn Query> {
    let query = term_query(field, text);
    terms.push((query.term().clone(), by));
    Box::new(query)
}

/// The pairs the phrase of the folded syllables `folded` reads ([`covering`]), each with
/// its place among the pairs, and what the phrase is boosted by to weigh as all its pairs.
fn read_pairs(folded: &[String]) -> (Vec<(usize, String)>, f32) {
    let count = folded.len().saturating_sub(1);
    let read: Vec<(usize, String)> = covering(count)
        .map(|at| (at, analyzer::bigram(&folded[at], &folded[at + 1])))
        .collect();
    let weight = count as f32 / read.len().max(1) as f32;
    (read, weight)
}

/// The pairs of a phrase of `count` pairs that imply the others: every other one, and the
/// last. Pairs at the syllable positions `i` and `i + 2` hold the four syllables from `i`
/// on, so the pair between them is there too: `"cao tốc Nội Bài"` is `cao_toc` with
/// `noi_bai` two places on, and reads two position lists instead of three. tantivy weighs
/// a phrase by the sum of its terms' rarity, so the phrase read is boosted by the pairs it
/// stands for over those it reads, to weigh beside the other words of a query as the whole
/// phrase did (without it, `giải phóng mặt bằng khu công nghiệp Quế Võ` lost a relevant
/// paragraph from its first five).
fn covering(count: usize) -> impl Iterator<Item = usize> {
    let last = count.saturating_sub(1);
    (0..count).step_by(2).chain((last % 2 == 1).then_some(last))
}

/// Scores the forms of an abbreviation beside its sense term, which scores every form alike:
/// the form typed is lifted over the others, as [`alternatives`] lifts its phrase, by its one
/// term (`ubnd`) or the pairs its phrase would read (`kt_xh`; `uy_ban`, `nhan_dan`); another
/// form of one term is scored as its phrase was. Another form's pairs are not: they stand
/// apart from the form as often as in it (`kinh tế` and `xã hội` in one paragraph), and
/// would lift paragraphs that only name its words.
fn score_forms(f: &Fields, forms: &[Vec<String>], out: &mut Clauses) {
    for (i, form) in forms.iter().enumerate() {
        let folded: Vec<String> = form
            .iter()
            .map(|t| analyzer::folded_term(t).into_owned())
            .collect();
        match (i, folded.as_slice()) {
            (0, [one]) => out.term(Occur::Should, f.body, one, TYPED_BOOST),
            (0, _) => {
                let (read, weight) = read_pairs(&folded);
                for (_, pair) in read {
                    out.term(Occur::Should, f.pairs, &pair, TYPED_BOOST * weight);
                }
            }
            (_, [one]) => out.term(Occur::Should, f.body, one, 1.0),
            _ => {}
        }
    }
}

/// The phrases of `forms` as one query matching any of them, the form typed lifted over the
/// others, and the terms of the forms, whose scores bound its score ([`Checked::forms`]).
/// The query reads one paragraph at a time ([`AnyOf`]): the walk seeks it only where a
/// match could enter, and its matches are rarely dense enough for tantivy's union, which
/// reads a window of thousands of paragraphs at every seek, to gain.
fn alternatives(f: &Fields, forms: &[Vec<String>]) -> Bounded {
    let mut bounding = Vec::new();
    let mut phrases = Vec::with_capacity(forms.len());
    for (i, seq) in forms.iter().enumerate() {
        let by = if i == 0 { TYPED_BOOST } else { 1.0 };
        let (query, terms) = phrase(f, seq);
        bounding.extend(terms.into_iter().map(|(term, boost)| (term, boost * by)));
        phrases.push(boost(query, by));
    }
    (Box::new(AnyOf(phrases)), bounding)
}

/// Matches what any of `queries` matches.
fn any(queries: impl Iterator<Item = Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.map(|q| (Occur::Should, q)).collect(),
    ))
}

/// Matches what every one of `queries` matches.
fn all(queries: impl Iterator<Item = Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.map(|q| (Occur::Must, q)).collect(),
    ))
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, by))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::query::parse;
    use crate::index::schema::schema;

    /// The parts of `query` against an empty corpus with the built-in abbreviations.
    fn parts_of(query: &str) -> Vec<Part> {
        planned(query, &Abbreviations::built_in()).0
    }

    /// The parts of `query` and its plan, every part required, with the abbreviations
    /// `table`.
    fn planned(query: &str, table: &Abbreviations) -> (Vec<Part>, Plan) {
        let (_, fields) = schema();
        let senses = Senses::of(table);
        let cx = Context {
            fields: &fields,
            abbreviations: table,
            senses: &senses,
            named: &[],
        };
        let parsed = parse(query).unwrap();
        let parts = parts(&cx, &parsed);
        let plan = Plan::new(&cx, &parsed, &parts, &vec![false; parts.len()]);
        (parts, plan)
    }

    /// The text of each required term of a plan that the walk can prune.
    fn required_terms(plan: &Plan) -> Vec<String> {
        let terms = plan.terms.as_ref().expect("a plan of terms");
        let text = |t: &Term| t.value().as_str().unwrap_or_default().to_owned();
        terms.required.iter().map(|(t, _)| text(t)).collect()
    }

    #[test]
    fn a_built_in_abbreviation_short_or_spelled_out_is_its_sense_term() {
        let table = Abbreviations::built_in();
        for query in ["KT-XH", "kinh tế xã hội"] {
            let (_, plan) = planned(query, &table);
            assert_eq!(required_terms(&plan), ["~kt-xh"], "{query}");
            assert!(plan.terms.as_ref().unwrap().checked.is_empty(), "{query}");
        }
        let (_, plan) = planned("phát triển KT-XH", &table);
        assert_eq!(required_terms(&plan), ["phat", "trien", "~kt-xh"]);
    }

    #[test]
    fn an_abbreviation_with_a_learnt_sense_keeps_the_phrases_of_its_forms() {
        let mut table = Abbreviations::built_in();
        table.add("KT-XH", "kỹ thuật xây hầm");
        let (parts, plan) = planned("KT-XH", &table);
        assert!(matches!(
            parts[0].unit,
            Unit::Alternatives { sense: None, .. }
        ));
        assert!(
            plan.terms.is_none(),
            "alone, its phrases have no term to walk"
        );
        let (_, plan) = planned("phát triển KT-XH", &table);
        assert_eq!(required_terms(&plan), ["phat", "trien"]);
        assert_eq!(plan.terms.as_ref().unwrap().checked.len(), 1);
    }

    fn labels(parts: &[Part]) -> Vec<(&str, bool)> {
        parts
            .iter()
            .map(|p| (p.label.as_str(), p.question))
            .collect()
    }

    #[test]
    fn each_syllable_is_a_part_and_question_words_are_not_required() {
        let parts = parts_of("nghị quyết nào nói về cao tốc");
        assert_eq!(
            labels(&parts),
            [
                ("nghị", false),
                ("quyết", false),
                ("nào", true),
                ("nói về", true),
                ("cao", false),
                ("tốc", false),
            ]
        );
        assert!(matches!(&parts[4].unit, Unit::Syllable(e, f) if e == "cao" && f == "cao"));
    }

    #[test]
    fn an_abbreviation_is_one_part_with_its_senses() {
        let parts = parts_of("UBND tỉnh");
        assert_eq!(labels(&parts)[0], ("UBND", false));
        let Unit::Alternatives { forms, sense } = &parts[0].unit else {
            panic!("{:?}", parts[0].unit);
        };
        assert_eq!(*sense, Some("~ubnd"));
        assert!(forms.contains(&vec![
            "uy".into(),
            "ban".into(),
            "nhan".into(),
            "dan".into()
        ]));
    }

    #[test]
    fn a_word_that_could_be_a_syllable_is_one_though_a_document_defined_it() {
        let mut table = Abbreviations::built_in();
        table.add("DOI", "digital object identifier");
        assert!(abbreviation(&table, "doi").is_none());
        assert!(abbreviation(&table, "Doi").is_none());
        assert!(abbreviation(&table, "DOI").is_some());
        assert!(abbreviation(&table, "ubnd").is_some());
    }

    #[test]
    fn a_date_is_one_part_with_its_printed_forms() {
        let parts = parts_of("ngày 28/10/2020");
        let dated: Vec<&Part> = parts
            .iter()
            .filter(|p| matches!(p.unit, Unit::Date(_)))
            .collect();
        assert_eq!(dated.len(), 1);
        let Unit::Date(forms) = &dated[0].unit else {
            unreachable!()
        };
        assert!(forms.contains(&vec!["28".into(), "10".into(), "2020".into()]));
        assert!(forms.contains(&vec!["28.10.2020".into()]));
    }

    #[test]
    fn a_phrase_reads_every_other_pair_and_the_last() {
        let of = |count| covering(count).collect::<Vec<_>>();
        assert_eq!(of(1), [0]);
        assert_eq!(of(2), [0, 1]);
        assert_eq!(of(3), [0, 2]);
        assert_eq!(of(4), [0, 2, 3]);
        assert_eq!(of(5), [0, 2, 4]);
    }

    #[test]
    fn a_kind_and_number_is_one_part_whose_words_cover_both_spellings() {
        let parts = parts_of("nghị quyết 6");
        let Some(Unit::Number { words, .. }) = parts
            .iter()
            .map(|p| &p.unit)
            .find(|u| matches!(u, Unit::Number { .. }))
        else {
            panic!("{:?}", labels(&parts));
        };
        assert!(
            words
                .iter()
                .any(|w| w.contains(&"06".to_owned()) && w.contains(&"6".to_owned()))
        );
    }
}
