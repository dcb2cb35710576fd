//! Fix application: apply non-overlapping fixes, re-check, repeat until nothing changes.

use super::FixOutcome;
use crate::fix::diagnostic::{Applicability, Diagnostic, Fix};

/// Rounds of fix-and-recheck before giving up. Fixes that insert at the same point (e.g.
/// several annotations moved into one pod template) take one round each, so this is
/// generous; a round re-checks the text once.
pub const MAX_ROUNDS: usize = 64;
/// Fixes applied one at a time (when a round's fixes together would break the YAML).
pub const MAX_SINGLE_FIXES: usize = 64;

/// Applies the fixes of `diagnostics` that are eligible and do not overlap an earlier
/// accepted fix. Returns the new text and the diagnostics whose fixes were applied.
pub fn apply(
    source: &str,
    diagnostics: &[Diagnostic],
    include_unsafe: bool,
) -> (String, Vec<Diagnostic>) {
    let mut candidates: Vec<(&Diagnostic, &Fix)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
        .filter(|(_, f)| {
            !f.edits.is_empty()
                && (f.applicability == Applicability::Safe
                    || (include_unsafe && f.applicability == Applicability::Unsafe))
        })
        .collect();
    crate::syntax::text::sort_by_offsets(&mut candidates, |(_, f)| {
        (f.edits[0].range.start.offset, 0)
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut edits: Vec<crate::fix::edit::TextEdit> = Vec::new();
    let mut applied = Vec::new();
    'fixes: for (d, f) in candidates {
        for e in &f.edits {
            let (s, t) = (e.range.start.offset, e.range.end.offset);
            if s > t
                || t > source.len()
                || !source.is_char_boundary(s)
                || !source.is_char_boundary(t)
            {
                continue 'fixes;
            }
            // Overlap, or two insertions at the same point, conflict.
            if taken
                .iter()
                .any(|&(a, b)| s < b && a < t || (s == t && a == b && a == s) || (s == a && t == b))
            {
                continue 'fixes;
            }
        }
        for e in &f.edits {
            taken.push((e.range.start.offset, e.range.end.offset));
            edits.push((e.range.start.offset, e.range.end.offset, e.content.clone()));
        }
        applied.push(d.clone());
    }
    (crate::fix::edit::apply(source, &edits), applied)
}

fn syntax_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.rule == "YAML-001").count()
}

/// Whether `d` has a fix that [`apply`] would consider.
fn eligible(d: &Diagnostic, include_unsafe: bool) -> bool {
    d.fix.as_ref().is_some_and(|f| {
        !f.edits.is_empty()
            && (f.applicability == Applicability::Safe
                || (include_unsafe && f.applicability == Applicability::Unsafe))
    })
}

/// Applies fixes round after round, starting from `findings` of `source` and re-checking
/// with `check`, until no eligible fix is left.
///
/// A round applies every non-overlapping fix at once. When that would add a syntax error
/// (or changes nothing), the round falls back to one fix at a time over *every* eligible
/// finding, keeping the first whose result parses as well as before: a fix that lost an
/// overlap to a breaking one still gets its turn, so fixing the output again changes
/// nothing.
pub fn fix_all(
    source: &str,
    findings: Vec<Diagnostic>,
    check: impl Fn(&str) -> Vec<Diagnostic>,
    include_unsafe: bool,
) -> FixOutcome {
    let mut text = source.to_string();
    let mut applied_all = Vec::new();
    let mut diagnostics = findings;
    let mut rounds = 0;
    // Fallback steps apply one fix each; they are bounded separately.
    let mut singles = 0;
    while rounds < MAX_ROUNDS && singles < MAX_SINGLE_FIXES {
        let (next, applied) = apply(&text, &diagnostics, include_unsafe);
        if applied.is_empty() {
            break;
        }
        if next != text {
            let next_diags = check(&next);
            if syntax_errors(&next_diags) <= syntax_errors(&diagnostics) {
                applied_all.extend(applied);
                text = next;
                diagnostics = next_diags;
                rounds += 1;
                continue;
            }
        }
        let mut progressed = false;
        for d in diagnostics.iter().filter(|d| eligible(d, include_unsafe)) {
            let (one, ok) = apply(&text, std::slice::from_ref(d), include_unsafe);
            if ok.is_empty() || one == text {
                continue;
            }
            let one_diags = check(&one);
            if syntax_errors(&one_diags) <= syntax_errors(&diagnostics) {
                applied_all.push(d.clone());
                text = one;
                diagnostics = one_diags;
                progressed = true;
                break; // positions of the other fixes refer to the old text: re-check first
            }
        }
        if !progressed {
            break;
        }
        singles += 1;
    }
    FixOutcome {
        fixed: text,
        applied: applied_all,
        remaining: diagnostics,
    }
}
