//! The command line: argument parsing, and each command's output for people or as JSON.

mod cards;
mod commands;
mod graph;
mod open;
mod parse;
mod term;

use crate::index::SearchRequest;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// tracuu — tra cứu văn bản Đảng: full-text search over Vietnamese Party documents.
#[derive(Debug, Parser)]
#[command(name = "tracuu", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options every index-reading command takes.
#[derive(Debug, Args)]
struct Common {
    /// The index folder (built from seeds/ when missing).
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Print JSON instead of text for people.
    #[arg(long)]
    json: bool,
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
    /// Build the index from a corpus folder.
    ///
    /// Đọc các tệp .txt, .md, .html, .htm, .docx, .odt và .pdf có lớp chữ. Văn bản mã TCVN3
    /// (ABC, phông .VnTime), VNI, VISCII, VPS và Windows-1258 được tự nhận ra và chuyển sang
    /// Unicode. Mọi tệp khác (.doc, bản quét, loại không rõ, quá lớn...) được liệt kê trong
    /// `skipped` kèm lý do.
    Index {
        /// The corpus folder.
        #[arg(long, default_value = open::SEEDS)]
        input: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Search paragraphs: words, "phrases", -excluded, codes like 16-NQ/TU, kind:/year:/issuer:.
    Search {
        /// The query.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Most hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only this kind (Nghị quyết, Kết luận, ĐA...).
        #[arg(long)]
        kind: Option<String>,
        /// Only documents whose issuer or locality has these words.
        #[arg(long)]
        issuer: Option<String>,
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        common: Common,
    },
    /// Where a document number is cited: each document it names, with every citing paragraph.
    Refs {
        /// The number, e.g. 17-ĐA/TU (any case, with or without diacritics).
        code: String,
        #[command(flatten)]
        common: Common,
    },
    /// A document by doc_id, or what the corpus knows of a number.
    Doc {
        /// A doc_id (see `tracuu docs`) or a number such as 16-NQ/TU.
        key: String,
        #[command(flatten)]
        common: Common,
    },
    /// Văn bản liên quan: what a document cites and what cites it, with each link's relation.
    Graph {
        /// A doc_id (see `tracuu docs`) or a number such as 16-NQ/TU.
        key: String,
        /// How many links away to go (1 to 3).
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Print Graphviz DOT (for `dot -Tsvg`) instead of text.
        #[arg(long, conflicts_with = "json")]
        dot: bool,
        #[command(flatten)]
        common: Common,
    },
    /// List the indexed documents.
    Docs {
        #[command(flatten)]
        common: Common,
    },
    /// Serve the JSON API and the web page.
    Serve {
        /// Address to listen on (loopback unless told otherwise).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The index folder (built from seeds/ when missing).
        #[arg(long, default_value = "index")]
        index: PathBuf,
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
        Command::Index { input, common } => commands::index(&common.index, &input, common.json),
        Command::Search {
            query,
            limit,
            kind,
            issuer,
            year,
            common,
        } => {
            let request = SearchRequest {
                query: query.join(" "),
                limit,
                kind,
                issuer,
                year,
            };
            commands::search(&common.index, request, common.json)
        }
        Command::Refs { code, common } => commands::refs(&common.index, &code, common.json),
        Command::Doc { key, common } => commands::doc(&common.index, &key, common.json),
        Command::Graph {
            key,
            depth,
            dot,
            common,
        } => {
            let output = match (common.json, dot) {
                (true, _) => graph::Output::Json,
                (_, true) => graph::Output::Dot,
                _ => graph::Output::Text,
            };
            graph::run(&common.index, &key, depth, output)
        }
        Command::Docs { common } => commands::docs(&common.index, common.json),
        Command::Serve { addr, index } => commands::serve(&index, &addr),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tracuu: {e:#}");
            ExitCode::from(2)
        }
    }
}
