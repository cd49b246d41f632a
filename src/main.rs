//! The `tracuu` command: see `tracuu --help`.

fn main() -> std::process::ExitCode {
    tracuu::cli::run()
}
