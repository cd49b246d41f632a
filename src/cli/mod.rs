//! The command line: argument parsing, and each command's output for people or as JSON.

mod parse;
mod view;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// tracuu — tra cứu văn bản Đảng: full-text search over Vietnamese Party documents.
#[derive(Debug, Parser)]
#[command(name = "tracuu", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show how tracuu reads files (metadata, paragraphs, footnotes, citations), without indexing.
    Parse {
        /// The files to read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON instead of text for people.
        #[arg(long)]
        json: bool,
    },
}

/// Writes a command's output to stdout; a reader that went away (`| head`) is not an error.
fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Runs the command line; errors are one sentence on stderr and a non-zero exit.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse { files, json } => parse::run(&files, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tracuu: {e:#}");
            ExitCode::from(2)
        }
    }
}
