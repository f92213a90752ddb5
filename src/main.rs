//! The `teichaku` binary: parse the command line and hand over to [`teichaku::cli`].
fn main() -> std::process::ExitCode {
    teichaku::cli::main()
}
