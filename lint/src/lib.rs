//! podnet's engine: source text in, findings and fixes out.
//!
//! Pipeline: YAML with exact spans ([`yaml`]) → Kubernetes objects and pod templates
//! ([`k8s`]) → annotation parsers → rules ([`rules`]) → [`Diagnostic`]s with [`Fix`]es as
//! text [`Edit`]s → fix application ([`fix`]). No I/O, no async, no web types.

pub mod fix;
pub mod forms;
pub mod ide;
pub mod model;
pub mod project;
pub mod rules;
pub mod syntax;

// The modules' paths before the layers (`podnet_lint::yaml`, `::checker`, …), kept for callers.
pub use fix::{diagnostic, edit};
pub use ide::output;
pub use model::{k8s, multus, profile};
pub use rules::checker;
pub use syntax::{gojson, gonet, source, text, yaml};

pub use diagnostic::{
    Applicability, Diagnostic, Edit, Fix, ObjectRef, Position, Range, Severity, Summary,
};
pub use fix::{FixOutcome, Report};
pub use profile::Profile;

/// The engine version, shown in reports and stored with shared links.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Check one YAML stream.
pub fn check(source: &str, profile: &Profile) -> Report {
    check_with_inventory(source, None, profile)
}

/// Check one YAML stream; `inventory` holds further objects (e.g. the output of
/// `kubectl get net-attach-def,ippools -A -o yaml`) that references may resolve against.
pub fn check_with_inventory(source: &str, inventory: Option<&str>, profile: &Profile) -> Report {
    check_with(source, inventory, profile, |_| ()).0
}

/// Check one YAML stream and run `extra` on the same parsed input after the rules (for
/// callers that derive more from it, such as the editor's hovers): the text is parsed once.
pub fn check_with<R>(
    source: &str,
    inventory: Option<&str>,
    profile: &Profile,
    extra: impl FnOnce(&checker::Checker) -> R,
) -> (Report, R) {
    with_checker(source, inventory, profile, |cx| {
        rules::run(cx);
        let extra = extra(cx);
        let mut diagnostics = std::mem::take(&mut cx.diagnostics);
        ide::cause::attach(cx, &mut diagnostics);
        diagnostics.sort_by(|a, b| {
            (a.range.start.offset, a.range.end.offset, &a.rule).cmp(&(
                b.range.start.offset,
                b.range.end.offset,
                &b.rule,
            ))
        });
        (Report { diagnostics }, extra)
    })
}

/// Parse one YAML stream (and the inventory) into the checker's model without running the
/// rules, and hand it to `f` (for callers that only read the model, such as the forms).
pub fn analyze<R>(
    source: &str,
    inventory: Option<&str>,
    profile: &Profile,
    f: impl FnOnce(&checker::Checker) -> R,
) -> R {
    with_checker(source, inventory, profile, |cx| f(cx))
}

fn with_checker<R>(
    source: &str,
    inventory: Option<&str>,
    profile: &Profile,
    f: impl FnOnce(&mut checker::Checker) -> R,
) -> R {
    let parsed = yaml::Yaml::parse(source);
    let model = k8s::Model::build(&parsed, profile);
    let inv_yaml = inventory.map(yaml::Yaml::parse);
    let inv_model = inv_yaml.as_ref().map(|y| k8s::Model::build(y, profile));
    let inv = match (&inv_yaml, &inv_model) {
        (Some(y), Some(m)) => Some(checker::Inventory { yaml: y, model: m }),
        _ => None,
    };
    let mut cx = checker::Checker::new(&parsed, &model, profile, inv);
    f(&mut cx)
}

/// Check raw bytes: invalid UTF-8 is a finding at the first bad byte, not a failure.
pub fn check_bytes(bytes: &[u8], profile: &Profile) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(s) => check(s, profile),
        Err(e) => Report {
            diagnostics: vec![invalid_utf8(bytes, e.valid_up_to())],
        },
    }
}

/// The YAML-001 finding for bytes that are not UTF-8.
pub fn invalid_utf8(bytes: &[u8], at: usize) -> Diagnostic {
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or("");
    let index = source::SourceIndex::new(valid);
    let start = index.position(at);
    let end = Position {
        offset: at + 1,
        ..start
    };
    let end = Position {
        column: end.column + 1,
        ..end
    };
    Diagnostic {
        rule: rules::yaml::YAML_001.id.into(),
        name: rules::yaml::YAML_001.name.into(),
        severity: Severity::Error,
        message: format!(
            "the input is not valid UTF-8: byte 0x{:02x} at offset {at} cannot start or continue a character (YAML must be UTF-8 text; is this a binary file or another encoding?)",
            bytes[at]
        ),
        object: None,
        path: None,
        range: Range { start, end },
        fix: None,
        help: None,
    }
}

/// Apply safe fixes (and unsafe ones when `include_unsafe`) until nothing changes.
pub fn fix(
    source: &str,
    inventory: Option<&str>,
    profile: &Profile,
    include_unsafe: bool,
) -> FixOutcome {
    let first = check_with_inventory(source, inventory, profile).diagnostics;
    fix_from(source, first, inventory, profile, include_unsafe)
}

/// Like [`fix`], starting from the findings of `source` already at hand (saves a check).
pub fn fix_from(
    source: &str,
    findings: Vec<Diagnostic>,
    inventory: Option<&str>,
    profile: &Profile,
    include_unsafe: bool,
) -> FixOutcome {
    fix::fix_all(
        source,
        findings,
        |text| check_with_inventory(text, inventory, profile).diagnostics,
        include_unsafe,
    )
}
