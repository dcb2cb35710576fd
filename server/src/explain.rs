//! `podnet explain [TEXT | -]`: start from the error. Ranks the rules whose runtime error
//! matches pasted event or log text (`podnet_lint::ide::explain`); with `--manifest FILE`
//! also checks that manifest and puts first the findings that explain the error.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use podnet_lint::ide::explain::{self, Explanation, RankedFinding};

use crate::cli::{read_text, usage_error, ProfileArgs};

#[derive(Clone, Copy, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// The error text (an event, `kubectl describe pod` output, a log line); `-` or none
    /// reads standard input.
    pub text: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ExplainFormat,
    /// Also check this manifest and rank its findings (the pod and network the error
    /// names pick the object).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<String>,
    #[command(flatten)]
    pub profile: ProfileArgs,
}

pub fn run(args: ExplainArgs) -> ExitCode {
    let text = if args.text.is_empty() || args.text == ["-"] {
        match read_text("-") {
            Ok((s, _)) => s,
            Err(e) => return usage_error(&e),
        }
    } else {
        args.text.join(" ")
    };
    let ex = explain::explain(&text);
    let findings = match &args.manifest {
        None => None,
        Some(path) => {
            let (profile, inventory) = match args.profile.load() {
                Ok(p) => p,
                Err(e) => return usage_error(&e),
            };
            let source = match read_text(path) {
                Ok((s, _)) => s,
                Err(e) => return usage_error(&e),
            };
            let report = podnet_lint::check_with_inventory(&source, inventory.as_deref(), &profile);
            Some((
                path.clone(),
                explain::rank_findings(&ex, &report.diagnostics),
            ))
        }
    };
    let out = match args.format {
        ExplainFormat::Json => {
            let v = explain::json_value(&ex, findings.as_ref().map(|(_, f)| f.as_slice()));
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
        ExplainFormat::Text => text_output(&ex, findings.as_ref()),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush());
    ExitCode::SUCCESS
}

fn text_output(ex: &Explanation, findings: Option<&(String, Vec<RankedFinding>)>) -> String {
    let mut out = String::new();
    if ex.errors.is_empty() {
        out.push_str("No runtime error found in the text. Paste the pod's events (`kubectl describe pod NAME`) or the kubelet/Multus log line.\n");
        return out;
    }
    for e in &ex.errors {
        out.push_str(&format!("error: {e}\n"));
    }
    if ex.matches.is_empty() {
        out.push_str("\nNo rule matches this error.\n");
    }
    for (i, m) in ex.matches.iter().enumerate() {
        out.push_str(&format!(
            "\n{}. {} {}  (score {:.2}){}\n",
            i + 1,
            m.rule,
            m.name,
            m.score,
            if m.outside {
                "  — outside the manifest"
            } else {
                ""
            }
        ));
        if !m.captures.is_empty() {
            let caps: Vec<String> = m
                .captures
                .iter()
                .map(|(k, v)| format!("{k}={v:?}"))
                .collect();
            out.push_str(&format!("   from the error: {}\n", caps.join(" ")));
        }
        if !m.look.is_empty() {
            out.push_str(&format!("   look at: {}\n", m.look));
        }
        out.push_str(&format!("   why: {}\n", m.why));
        out.push_str(&format!("   fix: {}\n", m.fix));
    }
    if let Some((path, findings)) = findings {
        let explaining: Vec<&RankedFinding> =
            findings.iter().filter(|f| f.explains.is_some()).collect();
        out.push_str(&format!(
            "\n{path}: {} finding(s), {} explain the error\n",
            findings.len(),
            explaining.len()
        ));
        for f in findings {
            let d = &f.diagnostic;
            out.push_str(&format!(
                "{}{path}:{}:{}: {}[{}] {}\n",
                if f.explains.is_some() { "* " } else { "  " },
                d.range.start.line,
                d.range.start.column,
                d.severity.as_str(),
                d.rule,
                d.message
            ));
        }
    }
    out
}
