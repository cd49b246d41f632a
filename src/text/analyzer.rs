//! The tantivy analyzers for Vietnamese: syllables cut by Unicode word boundaries, lower-cased
//! (`Đ` -> `đ`), in one tone-mark placement (`vi_exact`) or with every diacritic folded away
//! (`vi_folded`). Offsets always point into the original text, so hits can be highlighted.

use super::moved_tones;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use unicode_segmentation::UnicodeSegmentation;

/// Name of the analyzer that keeps diacritics (tone placement made canonical).
pub const EXACT: &str = "vi_exact";
/// Name of the analyzer that folds every diacritic and `đ` to `d`.
pub const FOLDED: &str = "vi_folded";
/// Name of the analyzer of adjacent folded syllable pairs (`chuyen_doi`, `doi_so`).
pub const BIGRAMS: &str = "vi_bigrams";

/// The analyzer keeping diacritics: `Thành uỷ` -> `thành`, `ủy`.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(SyllableTokenizer)
        .filter(LowerCaser)
        .filter(ToneFilter)
        .build()
}

/// The analyzer folding diacritics: `Thành uỷ` -> `thanh`, `uy`.
pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SyllableTokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer of adjacent syllable pairs: `chuyển đổi số` -> `chuyen_doi`, `doi_so`.
/// Adjacent query syllables are boosted with one term lookup instead of a phrase query.
pub fn bigrams() -> TextAnalyzer {
    TextAnalyzer::builder(SyllableTokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(BigramFilter)
        .build()
}

/// The bigram term of two folded syllables, as [`bigrams`] indexes it.
pub fn bigram(first: &str, second: &str) -> String {
    format!("{first}_{second}")
}

/// Registers the analyzers on an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(EXACT, exact());
    index.tokenizers().register(FOLDED, folded());
    index.tokenizers().register(BIGRAMS, bigrams());
}

/// Runs an analyzer over `text`: each token's text and byte range in `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |t: &Token| out.push((t.text.clone(), t.offset_from..t.offset_to)));
    out
}

/// Cuts text into syllables (and numbers) at Unicode word boundaries.
#[derive(Clone, Default)]
pub struct SyllableTokenizer;

/// The token stream of [`SyllableTokenizer`].
pub struct SyllableStream<'a> {
    words: unicode_segmentation::UnicodeWordIndices<'a>,
    token: Token,
}

impl Tokenizer for SyllableTokenizer {
    type TokenStream<'a> = SyllableStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SyllableStream<'a> {
        SyllableStream {
            words: text.unicode_word_indices(),
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

/// Rewrites each token to the canonical tone placement (`uỷ` -> `ủy`, `hoà` -> `hòa`).
#[derive(Clone)]
pub struct ToneFilter;

/// The tokenizer [`ToneFilter`] wraps.
#[derive(Clone)]
pub struct ToneFiltered<T>(T);

/// The token stream of [`ToneFiltered`].
pub struct ToneStream<S>(S);

impl TokenFilter for ToneFilter {
    type Tokenizer<T: Tokenizer> = ToneFiltered<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ToneFiltered<T> {
        ToneFiltered(tokenizer)
    }
}

impl<T: Tokenizer> Tokenizer for ToneFiltered<T> {
    type TokenStream<'a> = ToneStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ToneStream(self.0.token_stream(text))
    }
}

impl<S: TokenStream> TokenStream for ToneStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        if let Some(moved) = moved_tones(&self.0.token().text) {
            self.0.token_mut().text = moved;
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// Turns a token stream into the stream of its adjacent pairs.
#[derive(Clone)]
pub struct BigramFilter;

/// The tokenizer [`BigramFilter`] wraps.
#[derive(Clone)]
pub struct Bigrams<T>(T);

/// The token stream of [`Bigrams`]: each token joined to the one before it.
pub struct BigramStream<S> {
    inner: S,
    previous: Option<Token>,
    token: Token,
}

impl TokenFilter for BigramFilter {
    type Tokenizer<T: Tokenizer> = Bigrams<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Bigrams<T> {
        Bigrams(tokenizer)
    }
}

impl<T: Tokenizer> Tokenizer for Bigrams<T> {
    type TokenStream<'a> = BigramStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        BigramStream {
            inner: self.0.token_stream(text),
            previous: None,
            token: Token::default(),
        }
    }
}

impl<S: TokenStream> TokenStream for BigramStream<S> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.inner.advance() {
                return false;
            }
            let current = self.inner.token().clone();
            if let Some(previous) = self.previous.replace(current.clone()) {
                self.token = Token {
                    offset_from: previous.offset_from,
                    offset_to: current.offset_to,
                    position: previous.position,
                    text: bigram(&previous.text, &current.text),
                    position_length: 1,
                };
                return true;
            }
        }
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

    #[test]
    fn bigrams_pair_adjacent_folded_syllables() {
        assert_eq!(texts(bigrams(), "Chuyển đổi số"), ["chuyen_doi", "doi_so"]);
        assert!(texts(bigrams(), "số").is_empty());
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "cao tốc Nội Bài";
        let found = tokens(&mut folded(), text);
        assert_eq!(&text[found[2].1.clone()], "Nội");
        assert_eq!(found[2].0, "noi");
    }
}
