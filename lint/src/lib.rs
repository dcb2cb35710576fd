//! podnet's engine: source text in, findings and fixes out.
//!
//! Pipeline: YAML with exact spans ([`yaml`]) → Kubernetes objects and pod templates
//! ([`k8s`]) → annotation parsers → rules ([`rules`]) → [`Diagnostic`]s with [`Fix`]es as
//! text [`Edit`]s → fix application ([`fix`]). No I/O, no async, no web types.

pub mod diagnostic;
pub mod profile;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, ObjectRef, Position, Range, Severity, Summary};
pub use profile::Profile;

use serde::{Deserialize, Serialize};

/// The engine version, shown in reports and stored with shared links.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Everything the engine found in one source text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Result of applying fixes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixOutcome {
    pub fixed: String,
    /// Findings whose fixes were applied (positions refer to the input).
    pub applied: Vec<Diagnostic>,
    /// Findings left in the fixed text (positions refer to the fixed text).
    pub remaining: Vec<Diagnostic>,
}

/// Check one YAML stream.
pub fn check(source: &str, profile: &Profile) -> Report {
    check_with_inventory(source, None, profile)
}

/// Check one YAML stream; `inventory` holds further objects (e.g. the output of
/// `kubectl get net-attach-def,ippools -A -o yaml`) that references may resolve against.
pub fn check_with_inventory(source: &str, inventory: Option<&str>, profile: &Profile) -> Report {
    let _ = (source, inventory, profile);
    Report::default()
}

/// Check raw bytes: invalid UTF-8 is a finding at the first bad byte, not a failure.
pub fn check_bytes(bytes: &[u8], profile: &Profile) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(s) => check(s, profile),
        Err(_) => Report::default(),
    }
}

/// Apply safe fixes (and unsafe ones when `include_unsafe`) until nothing changes.
pub fn fix(source: &str, inventory: Option<&str>, profile: &Profile, include_unsafe: bool) -> FixOutcome {
    let _ = include_unsafe;
    FixOutcome {
        fixed: source.to_string(),
        applied: vec![],
        remaining: check_with_inventory(source, inventory, profile).diagnostics,
    }
}
