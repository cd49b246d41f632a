//! The `tracuu` command: see `tracuu --help`.

/// mimalloc instead of the system allocator: a search allocates and frees many small
/// strings and vectors (hits, excerpts, JSON) from several threads at once, and the
/// system allocator's locks and consolidation took a tenth of the server's time under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tracuu::cli::run()
}
