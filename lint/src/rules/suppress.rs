//! Suppressions: `# podnet:ignore RULE[,RULE] reason` on a finding's line (or alone on the
//! line above it), and `# podnet:ignore-object RULE[,RULE] reason` inside (or right above)
//! an object. A reason is required; a suppression naming an unknown rule, or one that
//! suppresses nothing, is reported.

use crate::fix::diagnostic::Diagnostic;
use crate::rules;
use crate::rules::checker::Checker;
use crate::syntax::yaml::Kind;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `podnet:ignore` comment without a reason. Such a comment suppresses
    /// nothing.
    ///
    /// ## Why is this bad?
    /// A suppression is a decision the next reader must understand; without a reason it
    /// cannot be reviewed.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: pool-a # podnet:ignore CAL-A001
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-a"]'
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static SUP_001 = ("SUP-001", "suppression-without-reason", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a `podnet:ignore` comment that names a rule podnet does not have.
    ///
    /// ## Why is this bad?
    /// A misspelt rule ID suppresses nothing, so the finding it was meant for still shows,
    /// or the comment is stale.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web # podnet:ignore CAL-A999 legacy pod
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static SUP_002 = ("SUP-002", "suppression-unknown-rule", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a `podnet:ignore` comment that suppresses no finding.
    ///
    /// ## Why is this bad?
    /// Stale suppressions hide future findings on the same line or object.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-a"]' # podnet:ignore CAL-A001 migration
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-a"]'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the comment is removed.
    pub static SUP_003 = ("SUP-003", "unused-suppression", Warning, Always);
}

pub static RULES: &[&crate::rules::Rule] = &[&SUP_001, &SUP_002, &SUP_003];

struct Suppression {
    /// Byte offset of the `#`.
    at: usize,
    /// End of the comment (end of line).
    end: usize,
    rules: Vec<&'static str>,
    object: bool,
    /// Lines (1-based) whose findings it covers, or the object span.
    lines: (u32, u32),
    span: Option<(usize, usize)>,
    used: bool,
}

const MARK: &str = "podnet:ignore";

pub fn apply(cx: &mut Checker) {
    let text = cx.yaml.text();
    if !text.contains(MARK) {
        return;
    }
    let (mut sups, mut extra) = read_suppressions(cx);
    cx.diagnostics.retain(|d| {
        let mut keep = true;
        for s in sups.iter_mut() {
            if s.covers(d) {
                s.used = true;
                keep = false;
            }
        }
        keep
    });
    for s in sups.iter().filter(|s| !s.used) {
        extra.push(unused(cx, s));
    }
    cx.diagnostics.extend(extra);
}

impl Suppression {
    /// Whether the suppression hides the finding `d`.
    fn covers(&self, d: &Diagnostic) -> bool {
        if !self.rules.contains(&d.rule.as_str()) {
            return false;
        }
        if self.object {
            self.span
                .is_some_and(|(a, b)| a <= d.range.start.offset && d.range.start.offset <= b)
        } else {
            self.lines.0 <= d.range.start.line && d.range.start.line <= self.lines.1
        }
    }
}

/// The spans of the scalars, sorted, to tell comments from text inside values.
struct Scalars(Vec<(usize, usize)>);

impl Scalars {
    fn of(cx: &Checker) -> Scalars {
        let mut spans: Vec<(usize, usize)> = cx
            .yaml
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, Kind::Scalar { .. }))
            .map(|n| (n.start, n.end))
            .collect();
        crate::syntax::text::sort_by_offsets(&mut spans, |&span| span);
        Scalars(spans)
    }

    fn contains(&self, at: usize) -> bool {
        let spans = &self.0;
        let i = spans.partition_point(|&(s, _)| s <= at);
        i > 0
            && spans[..i]
                .iter()
                .rev()
                .take(64)
                .any(|&(s, e)| s <= at && at < e)
    }
}

/// Every suppression comment, and the findings about the comments themselves (SUP-001,
/// SUP-002).
fn read_suppressions(cx: &Checker) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let text = cx.yaml.text();
    let scalars = Scalars::of(cx);
    let mut sups: Vec<Suppression> = Vec::new();
    let mut extra = Vec::new();
    let mut search = 0;
    while let Some(p) = text[search..].find(MARK) {
        let m = search + p;
        search = m + MARK.len();
        // The comment's `#`: the last one before the mark on the same line.
        let ls = text[..m].rfind('\n').map(|q| q + 1).unwrap_or(0);
        let Some(hash) = text[ls..m].rfind('#').map(|q| ls + q) else {
            continue;
        };
        if hash > ls && !matches!(text.as_bytes()[hash - 1], b' ' | b'\t') || scalars.contains(hash)
        {
            continue;
        }
        sups.extend(read_comment(cx, ls, hash, m, &mut extra));
    }
    (sups, extra)
}

/// The suppression of the comment at `hash` (its line starts at `ls`, its mark is at `m`).
fn read_comment(
    cx: &Checker,
    ls: usize,
    hash: usize,
    m: usize,
    extra: &mut Vec<Diagnostic>,
) -> Option<Suppression> {
    let text = cx.yaml.text();
    let le = text[m..].find('\n').map(|q| m + q).unwrap_or(text.len());
    let le_trim = if le > m && text.as_bytes()[le - 1] == b'\r' {
        le - 1
    } else {
        le
    };
    let rest = &text[m + MARK.len()..le_trim];
    let (object, rest) = match rest.strip_prefix("-object") {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest.trim_start_matches([':', ' ', '\t']);
    let (ids, reason) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
    let reason = reason.trim().trim_start_matches(['-', '—', ':']).trim();
    let mut rule_ids = Vec::new();
    for id in ids.split(',').filter(|s| !s.is_empty()) {
        match rules::find(id) {
            Some(r) => rule_ids.push(r.id),
            None => {
                let d = cx.diagnostic(&SUP_002, hash, le_trim, format!("`{id}` is not a podnet rule; this suppression has no effect for it (see `podnet rules`)"));
                extra.push(cx.attach_object_at(d, hash));
            }
        }
    }
    if reason.is_empty() {
        let d = cx.diagnostic(&SUP_001, hash, le_trim, "suppression without a reason: write why after the rule IDs, e.g. `# podnet:ignore CAL-A001 pools come from Helm values`; it suppresses nothing until then");
        extra.push(cx.attach_object_at(d, hash));
        return None;
    }
    if rule_ids.is_empty() {
        return None;
    }
    let line = cx.yaml.index.position(hash).line;
    let own_line = text[ls..hash].trim().is_empty();
    let (lines, span) = if object {
        ((0, 0), object_span(cx, hash))
    } else if own_line {
        ((line, line + 1), None)
    } else {
        ((line, line), None)
    };
    Some(Suppression {
        at: hash,
        end: le_trim,
        rules: rule_ids,
        object,
        lines,
        span,
        used: false,
    })
}

/// The object an `ignore-object` comment at `hash` applies to: the smallest one around it,
/// else the next one.
fn object_span(cx: &Checker, hash: usize) -> Option<(usize, usize)> {
    cx.model
        .objects
        .iter()
        .map(|o| {
            let n = cx.yaml.node(o.node);
            (n.start, n.end)
        })
        .filter(|&(s, e)| hash <= e || s > hash)
        .min_by_key(|&(s, e)| if s <= hash { (0, e - s) } else { (1, s - hash) })
}

/// SUP-003 for a suppression that hid nothing, with the fix removing the comment.
fn unused(cx: &Checker, s: &Suppression) -> Diagnostic {
    let text = cx.yaml.text();
    let mut d = cx.diagnostic(
        &SUP_003,
        s.at,
        s.end,
        format!(
            "this suppression of {} matches no finding{}",
            s.rules.join(", "),
            if s.object {
                " in its object"
            } else {
                " on its line"
            }
        ),
    );
    // Remove the comment (and the blanks before it, or the whole line if it is alone).
    let ls = text[..s.at].rfind('\n').map(|q| q + 1).unwrap_or(0);
    let (from, to) = if text[ls..s.at].trim().is_empty() {
        (
            ls,
            text[s.end..]
                .find('\n')
                .map(|q| s.end + q + 1)
                .unwrap_or(text.len()),
        )
    } else {
        (ls + text[ls..s.at].trim_end().len(), s.end)
    };
    d.fix = Some(cx.fix(
        "Remove the unused suppression",
        crate::Applicability::Safe,
        vec![(from, to, String::new())],
    ));
    cx.attach_object_at(d, s.at)
}

#[cfg(test)]
mod tests {
    use crate::{check, Profile};

    const BAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n";

    fn rules_of(src: &str) -> Vec<String> {
        check(src, &Profile::default())
            .diagnostics
            .into_iter()
            .map(|d| d.rule)
            .collect()
    }

    #[test]
    fn line_suppression_with_reason() {
        let src = format!("{BAD}    cni.projectcalico.org/ipv4pools: pool-a # podnet:ignore CAL-A001 rendered later by Helm\n");
        assert_eq!(rules_of(&src), Vec::<String>::new());
        let above = format!("{BAD}    # podnet:ignore MUL-C01 alias works too\n    cni.projectcalico.org/ipv4pools: pool-a\n");
        assert_eq!(rules_of(&above), Vec::<String>::new());
    }

    #[test]
    fn missing_reason_unknown_rule_and_unused() {
        let src =
            format!("{BAD}    cni.projectcalico.org/ipv4pools: pool-a # podnet:ignore CAL-A001\n");
        assert_eq!(rules_of(&src), vec!["CAL-A001", "SUP-001"]);
        let src = format!("{BAD}    cni.projectcalico.org/ipv4pools: pool-a # podnet:ignore CAL-A999,CAL-A001 reason\n");
        assert_eq!(rules_of(&src), vec!["SUP-002"]);
        let src = format!(
            "{BAD}    cni.projectcalico.org/ipv4pools: '[\"a\"]' # podnet:ignore CAL-A001 reason\n"
        );
        assert_eq!(rules_of(&src), vec!["SUP-003"]);
        let fixed = crate::fix(&src, None, &Profile::default(), false).fixed;
        assert_eq!(
            fixed,
            format!("{BAD}    cni.projectcalico.org/ipv4pools: '[\"a\"]'\n")
        );
    }

    #[test]
    fn object_suppression() {
        let src = format!("# podnet:ignore-object CAL-A001 legacy object, replaced next sprint\n{BAD}    cni.projectcalico.org/ipv4pools: pool-a\n    cni.projectcalico.org/ipv6pools: pool-b\n---\n{BAD}    cni.projectcalico.org/ipv4pools: pool-c\n");
        let r = check(&src, &Profile::default());
        assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
        assert_eq!(r.diagnostics[0].range.start.line, 15);
    }

    #[test]
    fn mark_inside_a_value_is_not_a_comment() {
        let src = format!("{BAD}    note: 'x # podnet:ignore CAL-A001 no'\n    cni.projectcalico.org/ipv4pools: pool-a\n");
        assert_eq!(rules_of(&src), vec!["CAL-A001"]);
    }
}
