//! Any text as a typed code and as running text: a parsed code prints in a form that parses
//! back to itself, and every code found lies on character boundaries of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tracuu::codes::DocCode;

fuzz_target!(|text: &str| {
    if let Some(code) = DocCode::parse(text) {
        let shown = code.to_string();
        assert_eq!(DocCode::parse(&shown), Some(code.clone()), "{shown}");
        assert_eq!(code.key(), DocCode::parse(&shown).unwrap().key());
    }
    for (_, span) in DocCode::find_all(text).into_iter().chain(DocCode::find_typed(text)) {
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
});
