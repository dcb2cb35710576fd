//! Structural edit helpers: rules describe *what* to change (this scalar, this key, this
//! entry) and these helpers produce minimal text edits that keep every other byte.

use crate::yaml::{Kind, NodeId, Yaml};

/// A text edit in bytes of the source: `start..end` becomes `content`.
pub type TextEdit = (usize, usize, String);

/// YAML text for a string value, single-quoted (the style for JSON values) when possible,
/// double-quoted with escapes otherwise.
pub fn quoted(value: &str) -> String {
    if value
        .chars()
        .all(|c| c == '\t' || (!c.is_control() && c != '\u{feff}'))
        && !value.contains('\n')
    {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        double_quoted(value)
    }
}

pub fn double_quoted(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 2);
    s.push('"');
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// The source range that holds a node's whole text: for a block scalar from its `|`/`>`
/// indicator to the end of its last content line (the final line break is kept).
pub fn node_text_range(y: &Yaml, id: NodeId) -> (usize, usize) {
    let n = y.node(id);
    match &n.kind {
        Kind::Scalar {
            header: Some(h), ..
        } => {
            let text = y.text();
            let mut end = n.end;
            while end > *h && matches!(text.as_bytes()[end - 1], b'\n' | b'\r' | b' ' | b'\t') {
                end -= 1;
            }
            (*h, end.max(*h + 1))
        }
        _ => (n.start, n.end),
    }
}

/// Replaces a scalar (any style) with `value`, written as a quoted scalar.
pub fn replace_scalar(y: &Yaml, id: NodeId, value: &str) -> TextEdit {
    let (s, e) = node_text_range(y, id);
    (s, e, quoted(value))
}

/// Replaces a key's text (keeps its style when plain-safe).
pub fn rename_key(y: &Yaml, key: NodeId, new_key: &str) -> TextEdit {
    let n = y.node(key);
    let text = if is_plain_safe(new_key) {
        new_key.to_string()
    } else {
        quoted(new_key)
    };
    (n.start, n.end, text)
}

/// Whether a string can be written as a plain scalar and read back as the same string.
pub fn is_plain_safe(s: &str) -> bool {
    if s.is_empty() || s.trim() != s {
        return false;
    }
    let first = s.chars().next().unwrap();
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.chars().any(|c| c.is_control())
    {
        return false;
    }
    if matches!(
        s,
        "true"
            | "false"
            | "True"
            | "False"
            | "TRUE"
            | "FALSE"
            | "null"
            | "Null"
            | "NULL"
            | "~"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
    ) || crate::yaml::looks_numeric(s)
    {
        return false;
    }
    !s.contains(['{', '}', '[', ']', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quoted(r#"["a"]"#), r#"'["a"]'"#);
        assert_eq!(quoted("it's"), "'it''s'");
        assert_eq!(quoted("a\nb"), r#""a\nb""#);
    }

    #[test]
    fn block_scalar_range() {
        let src = "a: |-\n  [x]\n  [y]\n\nb: 1\n";
        let y = Yaml::parse(src);
        let v = y.get(y.docs[0].root.unwrap(), "a").unwrap();
        let (s, e, t) = replace_scalar(&y, v, "[\"x\"]");
        let out = format!("{}{}{}", &src[..s], t, &src[e..]);
        assert_eq!(out, "a: '[\"x\"]'\n\nb: 1\n");
    }

    #[test]
    fn plain_safety() {
        assert!(is_plain_safe("k8s.v1.cni.cncf.io/networks"));
        assert!(!is_plain_safe("true"));
        assert!(!is_plain_safe("a: b"));
        assert!(!is_plain_safe("[x]"));
    }
}
