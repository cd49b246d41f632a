//! A text cut into syllables, each in the forms the index keeps, worked out once per text
//! and thread: the body and pairs fields read the same syllables of a paragraph, and every
//! paragraph of a section repeats its section path and title, so indexing asked for the
//! same analysis up to four times.

use super::{lowercase, moved_tones, senses, strip_marks_into, syllables};
use std::cell::{OnceCell, RefCell};
use std::ops::Range;
use std::rc::Rc;

/// Texts each thread keeps analysed, the most recently asked for kept longest: a
/// paragraph's text and its context, asked for by the body field then by the pairs field,
/// and the context of the paragraph before, which the next one usually shares.
const KEPT: usize = 4;

/// One syllable of an [`Analysed`] text.
#[derive(Debug, Clone)]
struct Syllable {
    /// Where it stands in the text.
    offsets: Range<usize>,
    /// Its folded form, in [`Analysed::forms`].
    folded: Range<usize>,
    /// Its exact term ([`exact_term`](super::analyzer::exact_term)) in
    /// [`Analysed::forms`]; `None` for a syllable without letters (`2025`), whose one form
    /// is the folded one.
    exact: Option<Range<usize>>,
}

/// A text's syllables with their folded form and exact term
/// ([`exact_term`](super::analyzer::exact_term)), all written in one string.
#[derive(Debug, Default)]
pub struct Analysed {
    text: String,
    syllables: Vec<Syllable>,
    forms: String,
    /// The sense terms of the abbreviations it writes, found when the body first asks.
    senses: OnceCell<Vec<senses::Found>>,
}

impl Analysed {
    /// `text` analysed, without keeping it for the next call (see [`analysed`]).
    pub fn of(text: &str) -> Analysed {
        let mut a = Analysed::default();
        a.fill(text);
        a
    }

    /// How many syllables the text has.
    pub fn count(&self) -> usize {
        self.syllables.len()
    }

    /// Where syllable `i` stands in the text.
    pub fn offsets(&self, i: usize) -> Range<usize> {
        self.syllables[i].offsets.clone()
    }

    /// The folded form of syllable `i` (`chuyen`).
    pub fn folded(&self, i: usize) -> &str {
        &self.forms[self.syllables[i].folded.clone()]
    }

    /// The exact term of syllable `i` (`chuyển`, `=cao`); `None` when it has no letters.
    pub fn exact(&self, i: usize) -> Option<&str> {
        let range = self.syllables[i].exact.clone()?;
        Some(&self.forms[range])
    }

    /// The sense term of every built-in abbreviation the text writes
    /// ([`senses::found`]).
    pub fn senses(&self) -> &[senses::Found] {
        self.senses.get_or_init(|| senses::found(self))
    }

    /// Analyses `text` into `self`, keeping its buffers.
    fn fill(&mut self, text: &str) {
        self.senses.take();
        self.text.clear();
        self.text.push_str(text);
        self.syllables.clear();
        self.forms.clear();
        for (start, word) in syllables(text) {
            let lowered = lowercase(word);
            let lowered = lowered.as_deref().unwrap_or(word);
            let folded = self.push(|forms| strip_marks_into(lowered, forms));
            let exact = lowered
                .chars()
                .any(char::is_alphabetic)
                .then(|| self.push_exact(lowered, folded.clone()));
            self.syllables.push(Syllable {
                offsets: start..start + word.len(),
                folded,
                exact,
            });
        }
    }

    /// Writes a form with `write` and returns where it lies in [`Analysed::forms`].
    fn push(&mut self, write: impl FnOnce(&mut String)) -> Range<usize> {
        let start = self.forms.len();
        write(&mut self.forms);
        start..self.forms.len()
    }

    /// Writes the exact term of the lower-cased syllable `lowered`, whose folded form lies
    /// at `folded`.
    fn push_exact(&mut self, lowered: &str, folded: Range<usize>) -> Range<usize> {
        let moved = moved_tones(lowered);
        let exact = moved.as_deref().unwrap_or(lowered);
        let mark = marked(exact, &self.forms[folded]);
        self.push(|forms| {
            if mark {
                forms.push('=');
            }
            forms.push_str(exact);
        })
    }
}

/// Whether the exact term of a syllable is written with a leading `=`: when it is spelled
/// like its folded form and has letters (`=cao`), so that it stays apart from the folded
/// `cao` that `cáo` and `cạo` are indexed under too. A syllable with diacritics never
/// collides with a folded term, and one without letters (`2025`) has no other form.
pub fn marked(exact: &str, folded: &str) -> bool {
    exact == folded && exact.chars().any(char::is_alphabetic)
}

thread_local! {
    /// The texts this thread analysed last, least recent first.
    static RECENT: RefCell<Vec<Rc<Analysed>>> = const { RefCell::new(Vec::new()) };
}

/// `text` analysed: kept from the last time this thread asked for it, or worked out now.
pub fn analysed(text: &str) -> Rc<Analysed> {
    RECENT.with_borrow_mut(|recent| {
        if let Some(at) = recent.iter().position(|a| a.text == text) {
            let found = recent.remove(at);
            recent.push(Rc::clone(&found));
            return found;
        }
        let mut oldest = if recent.len() < KEPT {
            Rc::default()
        } else {
            recent.remove(0)
        };
        match Rc::get_mut(&mut oldest) {
            Some(reused) => reused.fill(text),
            None => {
                let mut fresh = Analysed::default();
                fresh.fill(text);
                oldest = Rc::new(fresh);
            }
        }
        recent.push(Rc::clone(&oldest));
        oldest
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(a: &Analysed) -> Vec<(&str, Option<&str>)> {
        (0..a.count()).map(|i| (a.folded(i), a.exact(i))).collect()
    }

    #[test]
    fn each_syllable_has_its_folded_form_and_exact_term() {
        let a = analysed("Thành uỷ CAO 2025");
        assert_eq!(
            forms(&a),
            [
                ("thanh", Some("thành")),
                ("uy", Some("ủy")),
                ("cao", Some("=cao")),
                ("2025", None)
            ]
        );
        assert_eq!(a.offsets(1), 7..11);
    }

    #[test]
    fn a_text_asked_for_again_is_not_analysed_again() {
        let first = analysed("Nghị quyết số 16");
        for other in ["a", "b", "c"] {
            analysed(other);
            assert!(Rc::ptr_eq(&first, &analysed("Nghị quyết số 16")));
        }
        for other in ["d", "e", "f", "g"] {
            analysed(other);
        }
        let again = analysed("Nghị quyết số 16");
        assert!(!Rc::ptr_eq(&first, &again));
        assert_eq!(forms(&first), forms(&again));
    }
}
