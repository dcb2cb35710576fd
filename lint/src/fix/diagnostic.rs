//! The engine's output: plain data that every surface (CLI text, JSON, SARIF, GitHub,
//! the editor's markers and code actions) renders.

use serde::{Deserialize, Serialize};

pub use crate::model::k8s::ObjectRef;
pub use crate::syntax::source::{Position, Range};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Appended to the message of a finding that was found only by reading a value leniently
/// past an earlier error (the runtime stops at that error first, so it would surface only
/// once the earlier one is fixed). One phrase for every rule family.
pub const AFTER_RECOVERY: &str = " (found after recovery from an earlier error)";

/// Whether a fix may be applied without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Keeps the meaning the author evidently intended; applied by `podnet fix` and "Fix all".
    Safe,
    /// Changes meaning or needs the user's judgement; applied only on request.
    Unsafe,
    /// Shown as a suggestion, never applied automatically.
    DisplayOnly,
}

/// One text replacement: the bytes `range.start.offset..range.end.offset` become `content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub range: Range,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    /// Sorted by start offset, non-overlapping.
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub rule: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub object: Option<ObjectRef>,
    /// The field path inside the object, e.g. `metadata.annotations["cni.projectcalico.org/ipv4pools"]`.
    pub path: Option<String>,
    pub range: Range,
    pub fix: Option<Fix>,
    /// The plain cause next to the quoted runtime error, with where it is, e.g. `trailing
    /// comma at 6:58: JSON allows no `,` after the last item; …` (`ide::cause` attaches it
    /// to JSON syntax errors and YAML lists or maps where a string is required). Left out
    /// of the JSON when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}
