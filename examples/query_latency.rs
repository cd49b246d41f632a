//! In-process query latency of tracuu, for the benchmark harness (`bench/run.py`).
//!
//! Usage: `query_latency INDEX_DIR QUERIES_TSV RUNS` where each line of the TSV is
//! `class<TAB>query`. Prints per class the median and p99 milliseconds over every run.

#[path = "support/latency.rs"]
mod latency;

use std::time::Instant;
use tracuu::index::{IndexDir, SearchIndex, SearchRequest};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    anyhow::ensure!(
        args.len() == 4,
        "usage: query_latency INDEX_DIR QUERIES_TSV RUNS"
    );
    let index = SearchIndex::open(&IndexDir::new(std::path::Path::new(&args[1])))?;
    let runs: usize = args[3].parse()?;
    let mut latencies = latency::Latencies::default();
    for (class, query) in latency::queries(&args[2])? {
        let request = SearchRequest {
            query,
            limit: 10,
            ..SearchRequest::default()
        };
        for run in 0..runs {
            let started = Instant::now();
            let results = index.search(&request)?;
            latencies.record(
                &class,
                started.elapsed().as_secs_f64() * 1000.0,
                results.total,
                run == 0,
            );
        }
    }
    println!("{}", latencies.report());
    Ok(())
}
