//! The `teichaku` binary: parse the command line and hand over to [`teichaku::cli`].
/// jemalloc instead of the system allocator (docs/decisions/0014-allocator.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    teichaku::cli::main()
}
