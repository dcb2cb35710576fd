//! Rules about the YAML text itself.

pub mod yaml_001_syntax_error;
pub mod yaml_002_duplicate_key;
pub mod yaml_003_alias_expansion_too_large;

pub use yaml_001_syntax_error::YAML_001;
pub use yaml_002_duplicate_key::YAML_002;
pub use yaml_003_alias_expansion_too_large::YAML_003;

use crate::rules::checker::Checker;
use crate::syntax::yaml::YamlIssue;

pub mod yaml_004_template;
pub use yaml_004_template::YAML_004;

pub static RULES: &[&crate::rules::Rule] = &[&YAML_001, &YAML_002, &YAML_003, &YAML_004];

/// Each issue the parser reported, in order.
pub fn check(cx: &mut Checker) {
    yaml_004_template::check(cx);
    let issues = cx.yaml.issues.clone();
    for issue in issues {
        if cx.model.in_template(issue_offset(cx, &issue)) {
            continue;
        }
        match issue {
            YamlIssue::Syntax { offset, message } => {
                yaml_001_syntax_error::syntax(cx, offset, message)
            }
            YamlIssue::TooDeep { offset } => yaml_001_syntax_error::too_deep(cx, offset),
            YamlIssue::DuplicateKey { key, first } => yaml_002_duplicate_key::check(cx, key, first),
            YamlIssue::AliasBomb { alias, expanded } => {
                yaml_003_alias_expansion_too_large::check(cx, alias, expanded)
            }
        }
    }
}

/// Where an issue is, to leave out those inside template documents.
fn issue_offset(cx: &Checker, issue: &YamlIssue) -> usize {
    match issue {
        YamlIssue::Syntax { offset, .. } | YamlIssue::TooDeep { offset } => *offset,
        YamlIssue::DuplicateKey { key, .. } => cx.yaml.node(*key).start,
        YamlIssue::AliasBomb { alias, .. } => cx.yaml.node(*alias).start,
    }
}
