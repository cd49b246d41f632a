//! A peer for the benchmark harness: tantivy with its default tokenizer over the same
//! corpus, paragraphs split on blank lines, the way a user would set it up in an afternoon.
//!
//! Usage: `tantivy_default CORPUS_DIR INDEX_DIR QUERIES_TSV RUNS`. Prints one JSON object:
//! build seconds, index bytes, and per class the median and p99 query milliseconds.

#[path = "support/latency.rs"]
mod latency;

use std::path::Path;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, Schema, TEXT};
use tantivy::{Index, IndexWriter, TantivyDocument};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    anyhow::ensure!(
        args.len() == 5,
        "usage: tantivy_default CORPUS_DIR INDEX_DIR QUERIES_TSV RUNS"
    );
    let (corpus, dir) = (Path::new(&args[1]), Path::new(&args[2]));
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT | STORED);
    std::fs::create_dir_all(dir)?;
    let started = Instant::now();
    let index = Index::create_in_dir(dir, schema.build())?;
    let mut writer: IndexWriter = index.writer(200_000_000)?;
    for entry in walkdir::WalkDir::new(corpus)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let mut doc = TantivyDocument::default();
            doc.add_text(body, paragraph);
            writer.add_document(doc)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let build_seconds = started.elapsed().as_secs_f64();
    let bytes: u64 = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let searcher = index.reader()?.searcher();
    let mut parser = QueryParser::for_index(&index, vec![body]);
    parser.set_conjunction_by_default();
    let runs: usize = args[4].parse()?;
    let mut latencies = latency::Latencies::default();
    for (class, text) in latency::queries(&args[3])? {
        for run in 0..runs {
            let started = Instant::now();
            let query = parser.parse_query_lenient(&text).0;
            let (_, total) =
                searcher.search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))?;
            latencies.record(
                &class,
                started.elapsed().as_secs_f64() * 1000.0,
                total,
                run == 0,
            );
        }
    }
    let report = serde_json::json!({ "build_seconds": build_seconds, "index_bytes": bytes, "classes": latencies.report() });
    println!("{report}");
    Ok(())
}
