//! `podnet serve` (placeholder).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PODNET_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,
}

pub fn serve(_args: ServeArgs) -> ExitCode {
    ExitCode::from(2)
}
