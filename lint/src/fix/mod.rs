//! The engine's output as plain data: [`diagnostic`]s with fixes as text edits, structural
//! [`edit`] helpers over the YAML, and the fix loop ([`fix_all`]), which re-checks through a
//! closure so it does not depend on the rules.

pub mod diagnostic;
pub mod edit;
mod rounds;

pub use rounds::*;

use serde::{Deserialize, Serialize};

use diagnostic::{Diagnostic, Severity, Summary};

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
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
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
