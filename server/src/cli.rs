//! `podnet check`, `podnet fix`, `podnet rules` (placeholder).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    pub paths: Vec<String>,
}
#[derive(clap::Args)]
pub struct FixArgs {
    pub path: Option<String>,
}
#[derive(clap::Args)]
pub struct RulesArgs {
    pub id: Option<String>,
}
pub fn check(_a: CheckArgs) -> ExitCode { ExitCode::from(2) }
pub fn fix(_a: FixArgs) -> ExitCode { ExitCode::from(2) }
pub fn rules(_a: RulesArgs) -> ExitCode { ExitCode::from(2) }
