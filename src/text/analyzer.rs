//! The tantivy analyzers for Vietnamese: syllables cut by Unicode word boundaries, lower-cased
//! (`Đ` -> `đ`), in one tone-mark placement ([`exact`]) or with every diacritic folded away
//! ([`folded`]), both forms at once for the body field ([`body`]) and adjacent folded pairs
//! for the pairs field ([`pairs`]); the last two read each text's syllables as
//! [`analysed`] works them out once for both. Offsets always point into the original text,
//! so hits can be highlighted.

use super::analysed::{Analysed, analysed, marked};
use super::{Syllables, lowercase, moved_tones, strip_marks, syllables};
use std::borrow::Cow;
use std::rc::Rc;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Name of the analyzer that folds every diacritic and `đ` to `d`.
pub const FOLDED: &str = "vi_folded";
/// Name of the analyzer of the body field: folded and exact syllables.
pub const BODY: &str = "vi_body";
/// Name of the analyzer of the pairs field: adjacent folded syllables.
pub const PAIRS: &str = "vi_pairs";

/// The analyzer keeping diacritics: `Thành uỷ` -> `thành`, `ủy`.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(SyllableTokenizer)
        .filter(Rewrite(lowercase))
        .filter(Rewrite(moved_tones))
        .build()
}

/// The analyzer folding diacritics: `Thành uỷ` -> `thanh`, `uy`.
pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SyllableTokenizer)
        .filter(Rewrite(lowercase))
        .filter(Rewrite(fold_syllable))
        .build()
}

/// The analyzer of the body field: every syllable folded and in its exact form
/// ([`exact_term`]: `chuyển đổi cao 5` -> `chuyen`, `chuyển`, `doi`, `đổi`, `cao`, `=cao`,
/// `5`), then the sense term of each built-in abbreviation written short or spelled out
/// (`UBND`, `Ủy ban nhân dân` -> `~ubnd`, see [`super::senses`]); see [`FormsTokenizer`].
pub fn body() -> TextAnalyzer {
    TextAnalyzer::from(FormsTokenizer)
}

/// The analyzer of the pairs field: each pair of adjacent folded syllables (`chuyển đổi số`
/// -> `chuyen_doi`, `doi_so`) at the first one's position: what adjacency in a query is
/// scored on, and what phrases are matched on; see [`PairsTokenizer`].
pub fn pairs() -> TextAnalyzer {
    TextAnalyzer::from(PairsTokenizer)
}

/// The term of two adjacent folded syllables, as [`pairs`] indexes it.
pub fn bigram(first: &str, second: &str) -> String {
    let mut pair = String::with_capacity(first.len() + 1 + second.len());
    pair.push_str(first);
    pair.push('_');
    pair.push_str(second);
    pair
}

/// The term of a syllable in its exact form, as [`body`] indexes it: `=cao` for a syllable
/// without diacritics, `ủy` for one with them, `2025` for one without letters (see
/// [`marked`]).
pub fn exact_term(mut exact: String, folded: &str) -> String {
    if marked(&exact, folded) {
        exact.insert(0, '=');
    }
    exact
}

/// The folded form of any body term: of an exact term written by [`exact_term`] (`ủy` ->
/// `uy`, `=cao` -> `cao`), or a folded term itself (`cao`, `2025`).
pub fn folded_term(term: &str) -> Cow<'_, str> {
    match term.strip_prefix('=') {
        Some(plain) => Cow::Borrowed(plain),
        None if term.is_ascii() => Cow::Borrowed(term),
        None => Cow::Owned(strip_marks(term)),
    }
}

/// The folded form of a body term written by [`exact_term`] (`ủy` -> `uy`, `=cao` ->
/// `cao`); `None` for a folded term, which has no other form.
pub fn folded_of_exact(term: &str) -> Option<String> {
    let folded = folded_term(term);
    (folded != term).then(|| folded.into_owned())
}

/// Registers the analyzers on an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(FOLDED, folded());
    index.tokenizers().register(BODY, body());
    index.tokenizers().register(PAIRS, pairs());
}

/// Runs an analyzer over `text`: each token's text and byte range in `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |t: &Token| out.push((t.text.clone(), t.offset_from..t.offset_to)));
    out
}

/// Cuts text into syllables (and numbers) at Unicode word boundaries; see [`syllables`].
#[derive(Clone, Default)]
pub struct SyllableTokenizer;

/// The token stream of [`SyllableTokenizer`].
pub struct SyllableStream<'a> {
    words: Syllables<'a>,
    token: Token,
}

impl Tokenizer for SyllableTokenizer {
    type TokenStream<'a> = SyllableStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SyllableStream<'a> {
        SyllableStream {
            words: syllables(text),
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for SyllableStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((start, word)) = self.words.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(word);
        self.token.offset_from = start;
        self.token.offset_to = start + word.len();
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Rewrites the text of each token with a function returning the new text, or `None` to
/// keep it: lower case, the tone placement of [`exact`], the folding of [`folded`].
#[derive(Clone)]
pub struct Rewrite(pub fn(&str) -> Option<String>);

/// The tokenizer [`Rewrite`] wraps.
#[derive(Clone)]
pub struct Rewritten<T> {
    inner: T,
    rewrite: fn(&str) -> Option<String>,
}

/// The token stream of [`Rewritten`].
pub struct RewriteStream<S> {
    inner: S,
    rewrite: fn(&str) -> Option<String>,
}

impl TokenFilter for Rewrite {
    type Tokenizer<T: Tokenizer> = Rewritten<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Rewritten<T> {
        Rewritten {
            inner: tokenizer,
            rewrite: self.0,
        }
    }
}

impl<T: Tokenizer> Tokenizer for Rewritten<T> {
    type TokenStream<'a> = RewriteStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RewriteStream {
            inner: self.inner.token_stream(text),
            rewrite: self.rewrite,
        }
    }
}

impl<S: TokenStream> TokenStream for RewriteStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        if let Some(rewritten) = (self.rewrite)(&self.inner.token().text) {
            self.inner.token_mut().text = rewritten;
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// The folded form of a lower-cased syllable, `None` when it has nothing to fold.
fn fold_syllable(syllable: &str) -> Option<String> {
    (!syllable.is_ascii()).then(|| strip_marks(syllable))
}

/// The tokenizer of [`body`]: each syllable's folded form, then its exact term when it has
/// letters, both at the syllable's position; then the sense terms, each at the first
/// syllable writing it.
#[derive(Clone, Default)]
pub struct FormsTokenizer;

/// The tokenizer of [`pairs`]: each syllable's folded form joined to the one before it
/// (`chuyen_doi`), at the first one's position and spanning both.
#[derive(Clone, Default)]
pub struct PairsTokenizer;

/// The token stream of [`FormsTokenizer`] and [`PairsTokenizer`] over an [`Analysed`] text.
pub struct AnalysedStream {
    analysed: Rc<Analysed>,
    /// The syllable the next token is made of.
    next: usize,
    /// Whether the next token is the exact term of syllable `next`.
    exact_next: bool,
    /// Whether this stream gives pairs rather than forms.
    pairs: bool,
    /// The sense term the body gives next, once every syllable's forms are given.
    sense: usize,
    token: Token,
}

impl AnalysedStream {
    fn new(text: &str, pairs: bool) -> AnalysedStream {
        AnalysedStream {
            analysed: analysed(text),
            next: usize::from(pairs),
            exact_next: false,
            pairs,
            sense: 0,
            token: Token::default(),
        }
    }

    /// Makes the token of syllable `at`'s form (its folded form, or its exact term if
    /// `exact`), at its place.
    fn form(&mut self, at: usize, exact: bool) {
        let a = &self.analysed;
        let text = if exact {
            a.exact(at)
        } else {
            Some(a.folded(at))
        };
        self.token.text.clear();
        self.token.text.push_str(text.unwrap_or_default());
        self.place(at, at);
    }

    /// Makes the token of the pair ending at syllable `at`.
    fn pair(&mut self, at: usize) {
        let a = &self.analysed;
        self.token.text.clear();
        self.token.text.push_str(a.folded(at - 1));
        self.token.text.push('_');
        self.token.text.push_str(a.folded(at));
        self.place(at - 1, at);
    }

    /// Makes the token of the next sense term ([`Analysed::senses`]); false when every one
    /// was given.
    fn next_sense(&mut self) -> bool {
        let Some((term, syllables)) = self.analysed.senses().get(self.sense).cloned() else {
            return false;
        };
        self.sense += 1;
        self.token.text.clear();
        self.token.text.push_str(term);
        self.place(syllables.start, syllables.end - 1);
        true
    }

    /// Places the token from syllable `first` to syllable `last`, at `first`'s position
    /// and as long as the syllables it spans. A pair spans two: tantivy starts a field's
    /// next value one position past the end of the last token, so the last pair of a
    /// paragraph and the first of its section path stand three positions apart, and a
    /// phrase read by every other pair (a query's plan skips one pair at most) cannot join
    /// the end of one to the start of the other (`Kinh tế` ending a paragraph of a
    /// document titled `Xã hội` is not `kinh tế xã hội`).
    fn place(&mut self, first: usize, last: usize) {
        self.token.offset_from = self.analysed.offsets(first).start;
        self.token.offset_to = self.analysed.offsets(last).end;
        self.token.position = first;
        self.token.position_length = last - first + 1;
    }
}

impl Tokenizer for FormsTokenizer {
    type TokenStream<'a> = AnalysedStream;

    fn token_stream(&mut self, text: &str) -> AnalysedStream {
        AnalysedStream::new(text, false)
    }
}

impl Tokenizer for PairsTokenizer {
    type TokenStream<'a> = AnalysedStream;

    fn token_stream(&mut self, text: &str) -> AnalysedStream {
        AnalysedStream::new(text, true)
    }
}

impl TokenStream for AnalysedStream {
    fn advance(&mut self) -> bool {
        let at = self.next;
        if at >= self.analysed.count() {
            return !self.pairs && self.next_sense();
        }
        if self.pairs {
            self.pair(at);
            self.next += 1;
        } else if self.exact_next {
            self.form(at, true);
            self.exact_next = false;
            self.next += 1;
        } else {
            self.form(at, false);
            self.exact_next = self.analysed.exact(at).is_some();
            self.next += usize::from(!self.exact_next);
        }
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        tokens(&mut analyzer, text)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn exact_keeps_diacritics_in_one_tone_placement() {
        assert_eq!(texts(exact(), "Thành uỷ HOÀ"), ["thành", "ủy", "hòa"]);
        assert_eq!(texts(exact(), "Thành ủy hòa"), ["thành", "ủy", "hòa"]);
    }

    #[test]
    fn folded_drops_every_diacritic_and_the_bar_of_d() {
        assert_eq!(
            texts(folded(), "Chuyển đổi số Đảng"),
            ["chuyen", "doi", "so", "dang"]
        );
    }

    fn positioned(mut analyzer: TextAnalyzer, text: &str) -> Vec<(usize, String, &str)> {
        let mut found = Vec::new();
        analyzer.token_stream(text).process(&mut |t: &Token| {
            found.push((
                t.position,
                t.text.clone(),
                &text[t.offset_from..t.offset_to],
            ))
        });
        found
    }

    #[test]
    fn body_indexes_each_syllable_folded_and_exact_at_its_position() {
        let found = positioned(body(), "Chuyển đổi số 2025");
        let expected = [
            (0, "chuyen", "Chuyển"),
            (0, "chuyển", "Chuyển"),
            (1, "doi", "đổi"),
            (1, "đổi", "đổi"),
            (2, "so", "số"),
            (2, "số", "số"),
            (3, "2025", "2025"),
        ];
        assert_tokens(&found, &expected);
    }

    #[test]
    fn body_gives_the_sense_term_of_an_abbreviation_after_the_syllables() {
        let found = positioned(body(), "các KCN");
        let expected = [
            (0, "cac", "các"),
            (0, "các", "các"),
            (1, "kcn", "KCN"),
            (1, "=kcn", "KCN"),
            (1, "~kcn", "KCN"),
        ];
        assert_tokens(&found, &expected);
    }

    fn assert_tokens(found: &[(usize, String, &str)], expected: &[(usize, &str, &str)]) {
        let found: Vec<_> = found.iter().map(|(p, t, s)| (*p, t.as_str(), *s)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn pairs_join_each_folded_syllable_to_the_one_before() {
        let found = positioned(pairs(), "Chuyển đổi số 2025");
        let expected = [
            (0, "chuyen_doi", "Chuyển đổi"),
            (1, "doi_so", "đổi số"),
            (2, "so_2025", "số 2025"),
        ];
        assert_tokens(&found, &expected);
        assert!(positioned(pairs(), "Đảng").is_empty());
    }

    /// Whether one document whose pairs field has `values` matches `kinh tế xã hội` read
    /// as the query plan reads it: `kinh_te`, then `xa_hoi` two places on.
    fn four_words_in(values: &[&str]) -> bool {
        use tantivy::collector::Count;
        use tantivy::query::PhraseQuery;
        use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
        let mut schema = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(PAIRS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        let field = schema.add_text_field("pairs", options);
        let index = tantivy::Index::create_in_ram(schema.build());
        register(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut doc = tantivy::TantivyDocument::default();
        values.iter().for_each(|v| doc.add_text(field, v));
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let pair = |text: &str| tantivy::Term::from_field_text(field, text);
        let phrase = PhraseQuery::new_with_offset(vec![(0, pair("kinh_te")), (2, pair("xa_hoi"))]);
        let searcher = index.reader().unwrap().searcher();
        searcher.search(&phrase, &Count).unwrap() == 1
    }

    #[test]
    fn a_phrase_of_pairs_does_not_join_two_values_of_a_field() {
        assert!(four_words_in(&["phát triển kinh tế - xã hội"]));
        assert!(!four_words_in(&["Chủ đề Kinh tế", "Xã hội"]));
    }

    #[test]
    fn an_exact_term_folds_back_and_a_folded_term_has_no_other_form() {
        assert_eq!(folded_of_exact("ủy").as_deref(), Some("uy"));
        assert_eq!(folded_of_exact("=cao").as_deref(), Some("cao"));
        assert_eq!(folded_of_exact("cao"), None);
        for (term, folded) in [
            ("ủy", "uy"),
            ("=cao", "cao"),
            ("cao", "cao"),
            ("2025", "2025"),
        ] {
            assert_eq!(folded_term(term), folded);
        }
    }

    #[test]
    fn the_exact_term_of_a_syllable_without_diacritics_is_marked() {
        assert_eq!(exact_term("ủy".into(), "uy"), "ủy");
        assert_eq!(exact_term("cao".into(), "cao"), "=cao");
        assert_eq!(exact_term("2025".into(), "2025"), "2025");
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "cao tốc Nội Bài";
        let found = tokens(&mut folded(), text);
        assert_eq!(&text[found[2].1.clone()], "Nội");
        assert_eq!(found[2].0, "noi");
    }
}
