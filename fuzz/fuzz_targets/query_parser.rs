//! Any text as a query: parsed, then run against an index of the seeds with highlighting.
//! A query may be refused with a sentence, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use tracuu::index::{self, IndexDir, SearchIndex, SearchRequest};

fn seeds_index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("tracuu-fuzz-{}", std::process::id()));
        let dir = IndexDir::new(&dir);
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        index::build(&seeds, &dir, false).expect("the seeds index builds");
        SearchIndex::open(&dir).expect("the seeds index opens")
    })
}

fuzz_target!(|text: &str| {
    let Ok(_) = index::parse(text) else {
        return;
    };
    let request = SearchRequest {
        query: text.to_owned(),
        limit: 5,
        kind: None,
        issuer: None,
        year: None,
    };
    let results = seeds_index().search(&request).expect("a parsed query runs");
    for hit in &results.hits {
        for [start, end] in &hit.highlights {
            assert!(hit.text.is_char_boundary(*start) && hit.text.is_char_boundary(*end));
        }
    }
});
