//! The `podnet` binary: `serve`, `check`, `fix`, `rules`, `explain`.

mod cli;
mod explain;
mod project;
mod web;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc: the engine allocates many small nodes and strings; measured ~7% fewer
/// instructions than glibc malloc on the benchmark stream (scripts/bench.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "podnet",
    version,
    about = "Validate and fix Kubernetes pod networking config (Multus, Calico)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and the HTTP API.
    Serve(web::ServeArgs),
    /// Check YAML files (or stdin) and report findings.
    Check(cli::CheckArgs),
    /// Print the YAML with fixes applied.
    Fix(cli::FixArgs),
    /// List the rules, or print one rule's documentation.
    Rules(cli::RulesArgs),
    /// Explain a runtime error (an event or log line): the rules that match it.
    Explain(explain::ExplainArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Serve(args) => web::serve(args),
        Command::Check(args) => cli::check(args),
        Command::Fix(args) => cli::fix(args),
        Command::Rules(args) => cli::rules(args),
        Command::Explain(args) => explain::run(args),
    }
}
