//! The README's examples are the current binary's real output: every fenced block that
//! starts with `$ tracuu …` is run on an index of `seeds/`, and its output must be the rest
//! of the block. When the output changes, the README must change with it.

mod common;

use common::{build_index, tracuu};
use std::path::Path;

/// One example: the command's arguments and the output the README shows.
struct Example {
    args: Vec<String>,
    shown: String,
}

/// The examples of `readme`: fenced blocks whose first line is `$ tracuu ARGS`.
fn examples(readme: &str) -> Vec<Example> {
    readme
        .split("```")
        .skip(1)
        .step_by(2)
        .filter_map(|block| {
            let block = block
                .trim_start_matches(|c: char| c != '\n')
                .trim_start_matches('\n');
            let (first, rest) = block.split_once('\n')?;
            let command = first.strip_prefix("$ tracuu ")?;
            Some(Example {
                args: shell_words(command),
                shown: rest.to_owned(),
            })
        })
        .collect()
}

/// Splits a command line on spaces, keeping "quoted words" together.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn trimmed(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_owned()
}

#[test]
fn the_readme_shows_what_the_binary_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let found = examples(&readme);
    assert!(found.len() >= 3, "the README shows the three questions");
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    build_index(Path::new("seeds"), &index);
    for example in found {
        let mut args: Vec<&str> = example.args.iter().map(String::as_str).collect();
        args.extend(["--index", index.to_str().unwrap()]);
        let out = tracuu(&args);
        let printed = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            trimmed(&printed),
            trimmed(&example.shown),
            "README block `tracuu {}` drifted; its output is now:\n{printed}",
            example.args.join(" ")
        );
    }
}

#[test]
fn quoted_words_stay_together() {
    assert_eq!(
        shell_words(r#"search "cao tốc Nội Bài" --limit 2"#),
        ["search", "cao tốc Nội Bài", "--limit", "2"]
    );
}
