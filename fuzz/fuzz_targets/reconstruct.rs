//! Any bytes through decoding, paragraph reconstruction and citation extraction: no panic,
//! paragraphs numbered 1..n, each with text, every citation inside its paragraph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tracuu::codes;
use tracuu::ingest::{self, source};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = source::decode(bytes) else {
        return;
    };
    let doc = ingest::parse_text("fuzz", "fuzz.txt", &text);
    for (i, paragraph) in doc.paragraphs.iter().enumerate() {
        assert_eq!(paragraph.n, i + 1);
        assert!(!paragraph.text.trim().is_empty());
        for citation in codes::extract(&paragraph.text) {
            assert!(paragraph.text.contains(&citation.surface));
        }
    }
});
