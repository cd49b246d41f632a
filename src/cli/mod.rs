//! The command line: argument parsing, and each command's output for people or as JSON.

mod cards;
mod commands;
mod graph;
mod open;
mod parse;
mod term;

use crate::index::SearchRequest;
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// tracuu — tra cứu toàn văn văn bản Đảng: nghị quyết, kết luận, chỉ thị, đề án và các văn
/// bản, tin tức về chúng.
#[derive(Debug, Parser)]
#[command(
    name = "tracuu",
    version,
    about,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// In trợ giúp này.
    #[arg(short, long, action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// In phiên bản.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

/// The help layout, with Vietnamese headings: clap's own are English.
const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The command line with Vietnamese headings on every command's help.
fn vietnamese(command: clap::Command) -> clap::Command {
    command
        .help_template(HELP_TEMPLATE)
        .mut_args(|arg| match arg.get_help_heading() {
            None if !arg.is_positional() => arg.help_heading("Tùy chọn"),
            _ => arg,
        })
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .mut_subcommands(vietnamese)
}

/// Options every index-reading command takes.
#[derive(Debug, Args)]
struct Common {
    /// Thư mục chỉ mục (dựng từ seeds/ nếu chưa có).
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// In JSON thay cho văn bản để đọc.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Xem tracuu đọc tệp thế nào (thông tin văn bản, đoạn, chú thích, trích dẫn), không lập chỉ mục.
    Parse {
        /// Các tệp cần đọc.
        #[arg(required = true, help_heading = "Tham số")]
        files: Vec<PathBuf>,
        /// In JSON thay cho văn bản để đọc.
        #[arg(long)]
        json: bool,
    },
    /// Lập chỉ mục cho một thư mục văn bản.
    ///
    /// Đọc các tệp .txt, .md, .html, .htm, .docx, .odt và .pdf có lớp chữ. Văn bản mã TCVN3
    /// (ABC, phông .VnTime), VNI, VISCII, VPS và Windows-1258 được tự nhận ra và chuyển sang
    /// Unicode. Mọi tệp khác (.doc, bản quét, loại không rõ, quá lớn...) được liệt kê trong
    /// `skipped` kèm lý do.
    Index {
        /// Thư mục văn bản.
        #[arg(long, default_value = open::SEEDS)]
        input: PathBuf,
        /// Đọc lại mọi tệp, không chỉ các tệp mới và đã sửa (lập lại toàn bộ chỉ mục).
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Tìm đoạn văn: từ, "cụm từ", -từ loại trừ, số hiệu như 16-NQ/TU, kind:/year:/issuer:.
    Search {
        /// Câu tìm.
        #[arg(required = true, num_args = 1.., help_heading = "Tham số")]
        query: Vec<String>,
        /// Số kết quả tối đa.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Chỉ loại văn bản này (Nghị quyết, Kết luận, ĐA...).
        #[arg(long)]
        kind: Option<String>,
        /// Chỉ văn bản có cơ quan ban hành hoặc địa bàn chứa các từ này.
        #[arg(long)]
        issuer: Option<String>,
        /// Chỉ năm này.
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        common: Common,
    },
    /// Số hiệu được trích dẫn ở đâu: từng văn bản mang số đó, kèm mọi đoạn trích dẫn.
    Refs {
        /// Số hiệu, ví dụ 17-ĐA/TU (chữ hoa hay thường, có dấu hay không).
        #[arg(help_heading = "Tham số")]
        code: String,
        #[command(flatten)]
        common: Common,
    },
    /// Một văn bản theo doc_id, hoặc những gì kho biết về một số hiệu.
    Doc {
        /// Một doc_id (xem tracuu docs) hoặc một số hiệu như 16-NQ/TU.
        #[arg(help_heading = "Tham số")]
        key: String,
        #[command(flatten)]
        common: Common,
    },
    /// Văn bản liên quan: văn bản này trích dẫn gì và được văn bản nào trích dẫn, kèm quan hệ của từng liên kết.
    Graph {
        /// Một doc_id (xem tracuu docs) hoặc một số hiệu như 16-NQ/TU.
        #[arg(help_heading = "Tham số")]
        key: String,
        /// Đi xa bao nhiêu liên kết (1 đến 3).
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// In Graphviz DOT (cho dot -Tsvg) thay cho văn bản.
        #[arg(long, conflicts_with = "json")]
        dot: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Liệt kê các văn bản đã lập chỉ mục.
    Docs {
        #[command(flatten)]
        common: Common,
    },
    /// Chạy trang tra cứu và API JSON.
    Serve {
        /// Địa chỉ lắng nghe (chỉ máy này, trừ khi chỉ định khác).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Thư mục chỉ mục (dựng từ seeds/ nếu chưa có).
        #[arg(long, default_value = "index")]
        index: PathBuf,
    },
}

/// A command line clap refused, in one Vietnamese sentence (clap's own are English).
fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let what = [ContextKind::InvalidSubcommand, ContextKind::InvalidArg]
        .into_iter()
        .find_map(|k| e.get(k))
        .map(|v| v.to_string().replace(['\'', '"'], ""))
        .unwrap_or_default();
    let sentence = match e.kind() {
        ErrorKind::InvalidSubcommand => format!("không có lệnh «{what}»"),
        ErrorKind::UnknownArgument => format!("không có tùy chọn «{what}»"),
        ErrorKind::MissingRequiredArgument => format!("thiếu {what}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "hãy chọn một lệnh".to_owned()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("giá trị không hợp lệ cho {what}")
        }
        _ => "dòng lệnh không hợp lệ".to_owned(),
    };
    format!("{sentence}; xem tracuu --help.")
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
    let parsed = vietnamese(Cli::command())
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            eprintln!("tracuu: {}", usage_error(&e));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Parse { files, json } => parse::run(&files, json),
        Command::Index {
            input,
            full,
            common,
        } => commands::index(&common.index, &input, full, common.json),
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
