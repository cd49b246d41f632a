//! Latency bookkeeping shared by the benchmark programs: per query class, every timing, and
//! the hits of the first run.

use std::collections::BTreeMap;

/// Timings and hit counts per query class.
#[derive(Default)]
pub struct Latencies {
    timings: BTreeMap<String, Vec<f64>>,
    hits: BTreeMap<String, usize>,
}

impl Latencies {
    /// Records one run of a query of `class`.
    pub fn record(&mut self, class: &str, ms: f64, hits: usize, first_run: bool) {
        self.timings.entry(class.to_owned()).or_default().push(ms);
        if first_run {
            *self.hits.entry(class.to_owned()).or_default() += hits;
        }
    }

    /// Per class: median and p99 in milliseconds, and hits.
    pub fn report(mut self) -> serde_json::Value {
        let classes: BTreeMap<String, serde_json::Value> = std::mem::take(&mut self.timings)
            .into_iter()
            .map(|(class, mut ms)| {
                ms.sort_by(f64::total_cmp);
                let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
                let hits = self.hits.get(&class).copied().unwrap_or(0);
                (
                    class,
                    serde_json::json!({ "median_ms": at(0.5), "p99_ms": at(0.99), "hits": hits }),
                )
            })
            .collect();
        serde_json::json!(classes)
    }
}

/// The `class<TAB>query` lines of a query file.
pub fn queries(path: &str) -> anyhow::Result<Vec<(String, String)>> {
    Ok(std::fs::read_to_string(path)?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(c, q)| (c.to_owned(), q.to_owned()))
        .collect())
}
