//! Repairs of unambiguous JSON defects, shared by MUL-J01 (the networks annotation) and
//! MUL-N04 (a NAD's `spec.config`).

use crate::model::multus::Span;
use crate::syntax::gojson;

/// Repairs `text` for unambiguous JSON defects, returning the edits (in `text`'s byte
/// coordinates) when the result is valid JSON.
pub fn repair_json(text: &str) -> Option<Vec<(Span, String)>> {
    let mut edits: Vec<(Span, String)> = Vec::new();
    for _ in 0..8 {
        let cur = apply(text, &edits);
        let err = match gojson::parse(&cur) {
            Ok(_) => return (!edits.is_empty()).then_some(edits),
            Err(e) => e,
        };
        let o = err.offset;
        let c = cur[o..].chars().next();
        let prev_end = cur[..o].trim_end().len();
        let prev = cur[..prev_end].chars().last();
        let msg = err.msg.as_str();
        let comment = matches!(c, Some('#')) || cur[o..].starts_with("//");
        let e: (Span, String) = if comment {
            let eol = cur[o..].find('\n').map(|p| o + p)?;
            let eol = if cur[..eol].ends_with('\r') {
                eol - 1
            } else {
                eol
            };
            let start = cur[..o].trim_end_matches([' ', '\t']).len();
            ((start, eol), String::new())
        } else if msg.contains("after object key:value pair") && c == Some(']') {
            ((prev_end, prev_end), "}".into())
        } else if msg.contains("after array element") && c == Some('}') {
            ((prev_end, prev_end), "]".into())
        } else if (msg.contains("after object key:value pair") && c == Some('"'))
            || (msg.contains("after array element")
                && matches!(c, Some('"' | '{' | '[' | '0'..='9' | '-' | 't' | 'f' | 'n')))
        {
            ((prev_end, prev_end), ",".into())
        } else if (msg.contains("looking for beginning of object key string") && c == Some('}')
            || msg.contains("looking for beginning of value") && c == Some(']'))
            && prev == Some(',')
        {
            ((prev_end - 1, prev_end), String::new())
        } else if msg.contains("unexpected end of JSON input") {
            let closers = open_stack(&cur)?;
            if closers.is_empty() {
                return None;
            }
            ((cur.len(), cur.len()), closers)
        } else {
            return None;
        };
        let orig = (to_orig(&edits, e.0 .0), to_orig(&edits, e.0 .1));
        if edits.iter().any(|((s, t), _)| orig.0 < *t && *s < orig.1) {
            return None;
        }
        edits.push((orig, e.1));
        crate::syntax::text::sort_by_offsets(&mut edits, |(s, _)| *s);
    }
    None
}

fn apply(text: &str, edits: &[(Span, String)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for ((s, e), t) in edits {
        out.push_str(&text[at..*s]);
        out.push_str(t);
        at = *e;
    }
    out.push_str(&text[at..]);
    out
}

/// Maps an offset in the text repaired by `edits` (sorted, as [`repair_json`] returns them)
/// back to the original text.
pub fn to_original(edits: &[(Span, String)], p: usize) -> usize {
    to_orig(edits, p)
}

/// `text` with the repair `edits` applied.
pub fn apply_repair(text: &str, edits: &[(Span, String)]) -> String {
    apply(text, edits)
}

/// Maps an offset in the edited text back to the original.
fn to_orig(edits: &[(Span, String)], p: usize) -> usize {
    let mut delta: isize = 0;
    for ((s, e), t) in edits {
        let ns = (*s as isize + delta) as usize;
        if p < ns {
            break;
        }
        if p < ns + t.len() {
            return *e;
        }
        delta += t.len() as isize - (*e as isize - *s as isize);
    }
    (p as isize - delta) as usize
}

/// The closers for brackets left open at the end of `text` (strings respected).
fn open_stack(text: &str) -> Option<String> {
    let mut stack = Vec::new();
    let mut in_str = false;
    let mut esc = false;
    for c in text.chars() {
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '[' => stack.push(']'),
            '{' => stack.push('}'),
            ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    if in_str {
        return None;
    }
    Some(stack.into_iter().rev().collect())
}
