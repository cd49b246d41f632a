//! The people's text of what a search shows before its paragraphs: a card per document the
//! query's numbers name (or the documents its filters select), and the words left out.

use super::term::bold;
use crate::index::Card;
use crate::views::{SearchView, shown_date};
use std::fmt::Write;

/// The cards of a search, each with where its citations are listed; empty when there are
/// none.
pub fn cards_text(results: &SearchView, colour: bool) -> String {
    let mut out = String::new();
    if results.documents.is_empty() {
        return out;
    }
    let heading = if results.documents_total > 0 {
        format!(
            "{} văn bản khớp bộ lọc «{}»\n",
            results.documents_total, results.query
        )
    } else {
        format!("{} văn bản mang số này:\n", results.documents.len())
    };
    out.push_str(&heading);
    for card in results.documents {
        card_text(&mut out, card, colour);
    }
    out.push('\n');
    out
}

fn card_text(out: &mut String, card: &Card, colour: bool) {
    let name = match (card.kind, card.code.as_deref()) {
        (Some(kind), Some(code)) => format!("{kind} số {code}"),
        (kind, code) => kind.or(code).unwrap_or_default().to_owned(),
    };
    let held = if card.in_corpus {
        "có trong kho"
    } else {
        "không có trong kho"
    };
    let mut facts: Vec<String> = [card.issuer.clone(), card.date.as_deref().map(shown_date)]
        .into_iter()
        .flatten()
        .collect();
    facts.push(held.to_owned());
    if card.citations > 0 {
        facts.push(format!("{} trích dẫn", card.citations));
    }
    let _ = writeln!(out, "  ■ {} · {}", bold(&name, colour), facts.join(" · "));
    if let Some(subject) = &card.subject {
        let about = if crate::text::fold(subject).starts_with("ve ") {
            ""
        } else {
            "về "
        };
        let _ = writeln!(out, "    {about}{subject}");
    }
    match (&card.code, card.citations) {
        (Some(code), 1..) => {
            let _ = writeln!(out, "    → tracuu refs {code}");
        }
        _ => {
            for id in &card.doc_ids {
                let _ = writeln!(out, "    → tracuu doc {id}");
            }
        }
    }
}

/// The words a search did not require, in one sentence; empty when there are none.
pub fn dropped_text(dropped: &[String]) -> String {
    if dropped.is_empty() {
        return String::new();
    }
    let words: Vec<String> = dropped.iter().map(|w| format!("«{w}»")).collect();
    format!(
        "(không bắt buộc có các từ {}: từ để hỏi, hoặc không đoạn nào có đủ mọi từ)\n",
        words.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_day_first() {
        assert_eq!(shown_date("2020-10-28"), "28/10/2020");
    }

    #[test]
    fn dropped_words_are_named() {
        assert!(dropped_text(&[]).is_empty());
        assert!(dropped_text(&["nào".into()]).contains("«nào»"));
    }
}
