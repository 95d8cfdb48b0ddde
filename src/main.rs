//! The `air` command: hands argv to the CLI and maps the result to an exit code.

fn main() -> std::process::ExitCode {
    airscript::cli::main()
}
