//! `podnet check`, `podnet fix` and `podnet rules`: thin shells over the engine.
//! Exit codes: 0 no error-level finding, 1 findings at the failing level, 2 usage, I/O or
//! internal error.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use podnet_lint::profile::CalicoEdition;
use podnet_lint::{rules, Profile, Severity};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

/// Cluster settings (see `podnet rules` docs and the profile section of the README).
#[derive(Args, Clone, Default)]
pub struct ProfileArgs {
    /// JSON profile file (same shape as the API's `profile`); flags override it.
    #[arg(long, value_name = "FILE", env = "PODNET_PROFILE")]
    pub profile: Option<String>,
    /// Namespace of objects that name none.
    #[arg(long)]
    pub namespace: Option<String>,
    /// Multus namespaceIsolation is on.
    #[arg(long)]
    pub namespace_isolation: bool,
    /// Multus globalNamespaces (comma-separated).
    #[arg(long, value_name = "LIST")]
    pub global_namespaces: Option<String>,
    /// Multus multusNamespace.
    #[arg(long, value_name = "NS")]
    pub multus_namespace: Option<String>,
    /// Number of defaultNetworks in the Multus config.
    #[arg(long, value_name = "N")]
    pub default_networks: Option<u32>,
    /// Calico edition.
    #[arg(long, value_parser = ["oss", "enterprise"])]
    pub calico_edition: Option<String>,
    /// Calico version (major.minor).
    #[arg(long, value_name = "X.Y")]
    pub calico_version: Option<String>,
    /// YAML file with further objects references may resolve against
    /// (e.g. `kubectl get net-attach-def,ippools -A -o yaml`).
    /// Repeatable; adds to the project's own objects and podnet.toml's `inventory`.
    #[arg(long, value_name = "FILE")]
    pub inventory: Vec<String>,
}

impl ProfileArgs {
    pub(crate) fn load(&self) -> Result<(Profile, Option<String>), String> {
        let p = self.apply(Profile::default())?;
        let mut inventory: Option<String> = None;
        for path in &self.inventory {
            let text = read_text(path).map_err(|e| e.to_string())?.0;
            inventory = Some(match inventory {
                Some(prev) => format!("{prev}\n---\n{text}"),
                None => text,
            });
        }
        Ok((p, inventory))
    }

    /// `base` (the default, or podnet.toml's profile), replaced by `--profile` JSON when
    /// given, then the single flags.
    pub fn apply(&self, base: Profile) -> Result<Profile, String> {
        let mut p = match &self.profile {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read profile {path}: {e}"))?;
                serde_json::from_str::<Profile>(&text)
                    .map_err(|e| format!("invalid profile {path}: {e}"))?
            }
            None => base,
        };
        if let Some(n) = &self.namespace {
            p.namespace = n.clone();
        }
        if self.namespace_isolation {
            p.multus.namespace_isolation = true;
        }
        if let Some(g) = &self.global_namespaces {
            p.multus.global_namespaces = Some(
                g.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            );
        }
        if let Some(n) = &self.multus_namespace {
            p.multus.multus_namespace = n.clone();
        }
        if let Some(n) = self.default_networks {
            p.multus.default_networks = n;
        }
        if let Some(e) = &self.calico_edition {
            p.calico.edition = if e == "enterprise" {
                CalicoEdition::Enterprise
            } else {
                CalicoEdition::Oss
            };
        }
        if let Some(v) = &self.calico_version {
            p.calico.version = v.clone();
        }
        Ok(p)
    }

    /// The profile keys (dotted, as in the JSON) that single flags set.
    pub fn flag_keys(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if self.namespace.is_some() {
            out.push(("namespace", "--namespace"));
        }
        if self.namespace_isolation {
            out.push(("multus.namespaceIsolation", "--namespace-isolation"));
        }
        if self.global_namespaces.is_some() {
            out.push(("multus.globalNamespaces", "--global-namespaces"));
        }
        if self.multus_namespace.is_some() {
            out.push(("multus.multusNamespace", "--multus-namespace"));
        }
        if self.default_networks.is_some() {
            out.push(("multus.defaultNetworks", "--default-networks"));
        }
        if self.calico_edition.is_some() {
            out.push(("calico.edition", "--calico-edition"));
        }
        if self.calico_version.is_some() {
            out.push(("calico.version", "--calico-version"));
        }
        out
    }
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files, directories (recursive, .gitignore-aware) or globs; `-` or none reads
    /// standard input.
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Lowest severity that makes the exit code 1 (default: podnet.toml's, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Leave out paths matching these globs (relative to the project root; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also check files with this ending under directories (besides .yaml/.yml).
    #[arg(long, value_name = "EXT")]
    pub extension: Vec<String>,
    /// The path standard input stands for (shown in findings, matched by per-path ignores).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// List the files that were skipped and why.
    #[arg(long)]
    pub show_skipped: bool,
    /// Print the resolved settings and where each came from, then exit.
    #[arg(long)]
    pub show_settings: bool,
    /// Print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Only report these rules (IDs or aliases, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never report these rules (IDs or aliases, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Base URL of the rule docs in SARIF output.
    #[arg(long, env = "PODNET_DOCS_URL", default_value = "http://127.0.0.1:3000")]
    pub docs_url: String,
    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Args)]
pub struct FixArgs {
    /// File to fix; `-` or none reads standard input. With `--write`: files,
    /// directories or globs, fixed as one project.
    pub paths: Vec<String>,
    /// Rewrite the file in place instead of printing.
    #[arg(long, conflicts_with = "diff")]
    pub write: bool,
    /// Print a unified diff instead of the fixed YAML.
    #[arg(long)]
    pub diff: bool,
    /// Also apply unsafe fixes.
    #[arg(long = "unsafe")]
    pub include_unsafe: bool,
    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Args)]
pub struct RulesArgs {
    /// A rule ID or alias: print its documentation.
    pub id: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Reads a file (or stdin for `-`). Invalid UTF-8 is returned as raw bytes for the engine
/// to report; other failures are I/O errors.
fn read_input(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        if Path::new(path).is_dir() {
            return Err(std::io::Error::other(format!("{path} is a directory")));
        }
        std::fs::read(path)
    }
}

pub(crate) fn read_text(path: &str) -> Result<(String, Vec<u8>), String> {
    let bytes = read_input(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, vec![])),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            Err(podnet_lint::invalid_utf8(&bytes, valid_up_to).message)
        }
    }
}

pub(crate) fn usage_error(msg: &str) -> ExitCode {
    eprintln!("podnet: {msg}");
    ExitCode::from(2)
}

pub fn check(args: CheckArgs) -> ExitCode {
    crate::project::run::check(args)
}

pub fn fix(args: FixArgs) -> ExitCode {
    let (profile, inventory) = match args.profile.load() {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    if args.write && !args.paths.is_empty() && !args.paths.iter().any(|p| p == "-") {
        return crate::project::run::fix_write(&args);
    }
    if args.paths.len() > 1 {
        return usage_error("several paths need --write");
    }
    let path = args.paths.first().cloned().unwrap_or_else(|| "-".into());
    if args.write && path == "-" {
        return usage_error("--write needs a file path");
    }
    let source = match read_text(&path) {
        Ok((s, _)) => s,
        Err(e) => return usage_error(&e),
    };
    let outcome = podnet_lint::fix(&source, inventory.as_deref(), &profile, args.include_unsafe);
    let for_errors = outcome
        .remaining
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut stdout = std::io::stdout().lock();
    let result = if args.write {
        if outcome.fixed != source {
            if let Err(e) = std::fs::write(&path, &outcome.fixed) {
                return usage_error(&format!("cannot write {path}: {e}"));
            }
        }
        eprintln!(
            "podnet: {} fix(es) applied to {path}; {for_errors} error(s) remain",
            outcome.applied.len()
        );
        Ok(())
    } else if args.diff {
        let name = if path == "-" {
            "<stdin>"
        } else {
            path.as_str()
        };
        let diff = similar::TextDiff::from_lines(&source, &outcome.fixed)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        stdout.write_all(diff.as_bytes())
    } else {
        stdout.write_all(outcome.fixed.as_bytes())
    };
    if result.and_then(|_| stdout.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

pub fn rules(args: RulesArgs) -> ExitCode {
    let mut out = String::new();
    match args.id {
        Some(id) => {
            let Some(rule) = rules::find(&id) else {
                return usage_error(&format!("unknown rule `{id}` (see `podnet rules`)"));
            };
            if args.json {
                out = serde_json::to_string_pretty(&rule_json(rule)).unwrap_or_default() + "\n";
            } else {
                out.push_str(&format!("# {} {}\n\n", rule.id, rule.name));
                out.push_str(&format!(
                    "Severity: {} · Fix: {:?}{}\n\n",
                    rule.severity.as_str(),
                    rule.fix,
                    if rule.aliases.is_empty() {
                        String::new()
                    } else {
                        format!(" · Aliases: {}", rule.aliases.join(", "))
                    }
                ));
                out.push_str(&rule.docs());
            }
        }
        None => {
            if args.json {
                let all: Vec<_> = rules::all().iter().map(|r| rule_json(r)).collect();
                out = serde_json::to_string_pretty(&all).unwrap_or_default() + "\n";
            } else {
                for r in rules::all() {
                    out.push_str(&format!(
                        "{:<10} {:<8} {:<40} {}\n",
                        r.id,
                        r.severity.as_str(),
                        r.name,
                        r.summary()
                    ));
                }
            }
        }
    }
    // A closed pipe (`podnet rules | head`) is not an error worth a panic.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush());
    ExitCode::SUCCESS
}

fn rule_json(r: &rules::Rule) -> serde_json::Value {
    serde_json::json!({
        "id": r.id, "name": r.name, "severity": r.severity, "fix": r.fix,
        "aliases": r.aliases, "summary": r.summary(), "docs": r.docs(),
    })
}
