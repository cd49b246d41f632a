//! Reading speed per file format, for `BENCHMARKS.md`: how many MB of files per second a
//! format's reader turns into text, and into a parsed document.
//!
//! Usage: `format_speed SECONDS FILE...`. Reads each file over and over for about SECONDS
//! and prints one line per file: its format, size, reader MB/s, reader + parse MB/s.

use std::path::Path;
use std::time::{Duration, Instant};
use tracuu::ingest::{self, Format, read};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    anyhow::ensure!(args.len() >= 2, "usage: format_speed SECONDS FILE...");
    let budget = Duration::from_secs_f64(args[0].parse()?);
    println!("| file | format | KB | read MB/s | read + parse MB/s |");
    println!("|---|---|---:|---:|---:|");
    for file in &args[1..] {
        let path = Path::new(file);
        let bytes = std::fs::read(path)?;
        let format =
            Format::detect(path, &bytes).ok_or_else(|| anyhow::anyhow!("{file}: unknown type"))?;
        let extract = || read::extract(format, &bytes).map_err(anyhow::Error::msg);
        extract()?;
        let read_only = mb_per_second(bytes.len(), budget, || extract().map(drop))?;
        let parsed = mb_per_second(bytes.len(), budget, || {
            let text = extract()?.text;
            ingest::parse_text("d", file, &text);
            Ok(())
        })?;
        let name = path
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        println!(
            "| {name} | {format:?} | {:.1} | {read_only:.1} | {parsed:.1} |",
            bytes.len() as f64 / 1024.0
        );
    }
    Ok(())
}

/// Runs `work` for about `budget` and returns the MB of input it got through per second.
fn mb_per_second(
    size: usize,
    budget: Duration,
    mut work: impl FnMut() -> anyhow::Result<()>,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let mut runs = 0usize;
    while runs == 0 || started.elapsed() < budget {
        work()?;
        runs += 1;
    }
    Ok((size * runs) as f64 / 1e6 / started.elapsed().as_secs_f64())
}
