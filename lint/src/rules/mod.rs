//! The rule registry. Each rule is declared once, beside its check, with [`declare_rule!`]:
//! its doc comment is its documentation page (and its examples are run as tests).

pub mod calico;
pub mod checker;
pub mod multus;
pub mod suppress;
pub mod yaml;

use crate::fix::diagnostic::Severity;
use crate::rules::checker::Checker;

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

/// A rule's metadata.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// Other IDs that name this rule (from the other catalog).
    pub aliases: &'static [&'static str],
    /// The doc comment, as written (each line with its leading space); empty without the
    /// `docs` feature.
    raw_docs: &'static str,
}

impl Rule {
    #[doc(hidden)]
    pub const fn new(
        id: &'static str,
        name: &'static str,
        severity: Severity,
        fix: FixAvailability,
        aliases: &'static [&'static str],
        raw_docs: &'static str,
    ) -> Rule {
        Rule {
            id,
            name,
            severity,
            fix,
            aliases,
            raw_docs,
        }
    }

    /// The rule's documentation in Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first paragraph of "What it does".
    pub fn summary(&self) -> String {
        let docs = self.docs();
        let body = docs.split("## What it does").nth(1).unwrap_or(&docs);
        body.trim_start()
            .split("\n\n")
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The fenced YAML examples of a section (`Example` or `Use instead`).
    pub fn examples(&self, heading: &str) -> Vec<Example> {
        let docs = self.docs();
        let Some(section) = docs.split(&format!("## {heading}\n")).nth(1) else {
            return vec![];
        };
        let section = section.split("\n## ").next().unwrap_or("");
        let mut out = Vec::new();
        let mut rest = section;
        while let Some(open) = rest.find("```yaml") {
            let after = &rest[open + 7..];
            let (info, body) = after.split_once('\n').unwrap_or((after, ""));
            let Some(close) = body.find("```") else { break };
            out.push(Example {
                profile: info.trim().to_string(),
                source: body[..close].to_string(),
            });
            rest = &body[close + 3..];
        }
        out
    }

    pub fn help_uri(&self) -> String {
        format!("/rules/{}", self.id)
    }
}

/// A YAML example from a rule's docs; `profile` is optional JSON written after ```` ```yaml ````.
#[derive(Debug, Clone)]
pub struct Example {
    pub profile: String,
    pub source: String,
}

/// Declares a rule: doc comment, then `ID, name, severity, fix availability [, aliases]`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = ($id:literal, $name:literal, $sev:ident, $fix:ident $(, [$($alias:literal),* $(,)?])? $(,)?);
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule::new(
            $id,
            $name,
            $crate::fix::diagnostic::Severity::$sev,
            $crate::rules::FixAvailability::$fix,
            &[$($($alias),*)?],
            $crate::__rule_docs!($($doc)*),
        );
    };
}

/// The text of a rule's doc comment (with the `docs` feature).
#[cfg(feature = "docs")]
#[doc(hidden)]
#[macro_export]
macro_rules! __rule_docs {
    ($($doc:literal)*) => {
        concat!($($doc, "\n"),*)
    };
}

/// Without the `docs` feature the rules carry no documentation text.
#[cfg(not(feature = "docs"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __rule_docs {
    ($($doc:literal)*) => {
        ""
    };
}

/// Every rule, in catalog order: each family lists its own rules.
pub fn all() -> &'static [&'static Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| [yaml::RULES, suppress::RULES, calico::RULES, multus::RULES].concat())
}

/// Finds a rule by ID or alias (case-insensitive).
pub fn find(id: &str) -> Option<&'static Rule> {
    all().iter().copied().find(|r| {
        r.id.eq_ignore_ascii_case(id) || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    })
}

/// Runs every rule, then applies suppressions.
pub fn run(cx: &mut Checker) {
    yaml::check(cx);
    calico::check(cx);
    multus::check(cx);
    suppress::apply(cx);
}
