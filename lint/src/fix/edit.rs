//! Structural edit helpers: rules describe *what* to change (this scalar, this key, this
//! entry) and these helpers produce minimal text edits that keep every other byte.

use crate::syntax::yaml::{Kind, NodeId, Style, ValueMap, Yaml};

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

/// Escapes `text` for insertion inside a scalar of `style`.
fn escape_for(style: Style, text: &str) -> String {
    match style {
        Style::SingleQuoted => text.replace('\'', "''"),
        Style::DoubleQuoted => {
            let q = double_quoted(text);
            q[1..q.len() - 1].to_string()
        }
        _ => text.to_string(),
    }
}

/// Text edits that change the value of scalar `node` (whose value is `value`, with the
/// value map `map`): each `((from, to), text)` replaces those value bytes. The edits are
/// mapped into the source through the value map, so quoting, line breaks and indentation
/// stay as written; the whole scalar is rewritten only when that is not possible (an
/// inexact map, a plain scalar that would stop being plain or spans lines, a
/// double-quoted scalar with escapes, a replacement with a line break). Overlapping edits
/// give no edit at all.
pub fn value_edits(
    y: &Yaml,
    map: &ValueMap,
    node: NodeId,
    value: &str,
    edits: &[((usize, usize), String)],
) -> Vec<TextEdit> {
    let mut sorted: Vec<&((usize, usize), String)> = edits.iter().collect();
    crate::syntax::text::sort_by_offsets(&mut sorted, |(s, _)| *s);
    let mut new_value = String::new();
    let mut at = 0;
    for ((s, e), t) in &sorted {
        if *s < at || *e > value.len() || s > e {
            return vec![];
        }
        new_value.push_str(&value[at..*s]);
        new_value.push_str(t);
        at = *e;
    }
    new_value.push_str(&value[at..]);
    let style = y.style(node).unwrap_or(Style::Plain);
    let (ns, ne) = node_text_range(y, node);
    let source = &y.text()[ns..ne];
    // Commas are fine in a block-context plain scalar (the short form is written so), even
    // though `is_plain_safe` is strict about them.
    let commas_only = value.contains(',') && is_plain_safe(&new_value.replace(',', "_"));
    let whole = value.is_empty()
        || !map.is_exact()
        || (style == Style::Plain
            && (!(is_plain_safe(&new_value) || commas_only) || source.contains('\n')))
        || (style == Style::DoubleQuoted && source.contains('\\'))
        || edits.iter().any(|(_, t)| t.contains('\n'));
    if whole {
        return vec![replace_scalar(y, node, &new_value)];
    }
    let mut out = Vec::new();
    for ((s, e), t) in sorted {
        let (a, b) = if e > s {
            map.source_range_bytes(value, *s, *e)
        } else if *s == 0 {
            let (a, _) = map.source_range_bytes(value, 0, 1);
            (a, a)
        } else {
            let prev = value[..*s]
                .char_indices()
                .last()
                .map(|(i, _)| i)
                .unwrap_or(0);
            let (_, b) = map.source_range_bytes(value, prev, *s);
            (b, b)
        };
        out.push((a, b, escape_for(style, t)));
    }
    out
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
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s {
        return false;
    }
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
    ) || crate::syntax::yaml::looks_numeric(s)
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

/// Column (0-based, in bytes from line start) of a byte offset.
fn column_of(text: &str, at: usize) -> usize {
    at - text[..at].rfind('\n').map(|p| p + 1).unwrap_or(0)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map(|p| p + 1).unwrap_or(0)
}

/// End of the line holding `at`, after its line break (or the end of the text).
fn line_end_with_break(text: &str, at: usize) -> usize {
    text[at..]
        .find('\n')
        .map(|p| at + p + 1)
        .unwrap_or(text.len())
}

/// End of the line holding `at`, before its line break (`\r\n` or `\n`).
fn line_end(text: &str, at: usize) -> usize {
    let e = text[at..].find('\n').map(|p| at + p).unwrap_or(text.len());
    if e > at && text.as_bytes()[e - 1] == b'\r' {
        e - 1
    } else {
        e
    }
}

fn newline_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(p) if p > 0 && text.as_bytes()[p - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

pub fn is_flow(y: &Yaml, id: NodeId) -> bool {
    matches!(
        y.node(id).kind,
        Kind::Map { flow: true, .. } | Kind::Seq { flow: true, .. }
    )
}

/// End of an entry's text: the end of its value, or of a block value's last content line.
fn entry_end(y: &Yaml, value: NodeId) -> usize {
    let n = y.node(value);
    let text = y.text();
    let mut end = n.end;
    while end > n.start && matches!(text.as_bytes()[end - 1], b'\n' | b'\r' | b' ' | b'\t') {
        end -= 1;
    }
    end.max(n.start)
}

/// Deletes the entry `key` of mapping `map`, with its whole line(s) in block style (a
/// comment at the end of its last line goes with it).
pub fn delete_entry(y: &Yaml, map: NodeId, key: NodeId) -> Option<TextEdit> {
    let text = y.text();
    let Kind::Map { entries, .. } = &y.node(map).kind else {
        return None;
    };
    let pos = entries.iter().position(|&(k, _)| k == key)?;
    let (k, v) = entries[pos];
    let kstart = y.node(k).start;
    let vend = entry_end(y, v);
    if is_flow(y, map) {
        // `{a: 1, b: 2}`: take the following comma (or the preceding one for the last entry).
        let after = &text[vend..y.node(map).end];
        if let Some(c) = after.find(',') {
            let mut e = vend + c + 1;
            while e < text.len() && text.as_bytes()[e] == b' ' {
                e += 1;
            }
            return Some((kstart, e, String::new()));
        }
        if pos > 0 {
            let prev_end = entry_end(y, entries[pos - 1].1);
            return Some((prev_end, vend, String::new()));
        }
        return Some((kstart, vend, String::new()));
    }
    let ls = line_start(text, kstart);
    let only_blank_before = text[ls..kstart].chars().all(|c| c == ' ' || c == '\t');
    if only_blank_before {
        Some((ls, line_end_with_break(text, vend), String::new()))
    } else if pos + 1 < entries.len() {
        // `- key: v` on a sequence item line: pull the next entry up to this position.
        let next = y.node(entries[pos + 1].0).start;
        Some((kstart, next, String::new()))
    } else {
        Some((kstart, line_end(text, vend), "{}".to_string()))
    }
}

/// Text of `key: value` for a new entry. `value` is already YAML text.
fn entry_text(key: &str, value: &str) -> String {
    let k = if is_plain_safe(key) {
        key.to_string()
    } else {
        quoted(key)
    };
    format!("{k}: {value}")
}

/// Inserts `key: value` (value as YAML text) at the end of mapping `map`.
pub fn insert_entry(y: &Yaml, map: NodeId, key: &str, value: &str) -> Option<TextEdit> {
    let text = y.text();
    let nl = newline_of(text);
    let node = y.node(map);
    let Kind::Map { entries, flow } = &node.kind else {
        return None;
    };
    if *flow {
        let close = node.end.saturating_sub(1);
        return Some(if entries.is_empty() {
            (close, close, entry_text(key, value))
        } else {
            let last = entry_end(y, entries.last()?.1);
            (last, last, format!(", {}", entry_text(key, value)))
        });
    }
    let &(first_key, _) = entries.first()?;
    let indent = column_of(text, y.node(first_key).start);
    let &(_, last_value) = entries.last()?;
    let at = line_end(text, entry_end(y, last_value));
    Some((
        at,
        at,
        format!("{nl}{}{}", " ".repeat(indent), entry_text(key, value)),
    ))
}

/// Sets the value of `key` in `parent` to a new block mapping holding `entries`
/// (`key: value` texts), creating the key if absent. `parent` must be a block mapping.
/// Used to create `metadata:`/`annotations:` where they are missing.
pub fn insert_block_map(
    y: &Yaml,
    parent: NodeId,
    path: &[&str],
    key: &str,
    value: &str,
) -> Option<TextEdit> {
    let text = y.text();
    let nl = newline_of(text);
    let node = y.node(parent);
    let Kind::Map {
        entries,
        flow: false,
    } = &node.kind
    else {
        return None;
    };
    let &(first_key, _) = entries.first()?;
    let indent = column_of(text, y.node(first_key).start);
    let mut out = String::new();
    let mut level = indent;
    for p in path {
        out.push_str(&format!(
            "{nl}{}{}:",
            " ".repeat(level),
            if is_plain_safe(p) {
                p.to_string()
            } else {
                quoted(p)
            }
        ));
        level += 2;
    }
    out.push_str(&format!(
        "{nl}{}{}",
        " ".repeat(level),
        entry_text(key, value)
    ));
    // Put new mappings right after the last entry of the parent.
    let &(_, last_value) = entries.last()?;
    let at = line_end(text, entry_end(y, last_value));
    Some((at, at, out))
}

/// Source text of an entry's value as it can be re-inserted elsewhere on one line: the
/// original text for single-line values, re-quoted for multi-line scalars.
pub fn value_text_for_move(y: &Yaml, value: NodeId) -> String {
    let (s, e) = node_text_range(y, value);
    let t = &y.text()[s..e];
    if !t.contains('\n') {
        return t.to_string();
    }
    match y.scalar(value) {
        Some(v) => quoted(v),
        None => serde_json::to_string(&y.to_json(value)).unwrap_or_else(|_| t.to_string()),
    }
}

/// Moves annotation `key` of `from` (a `metadata.annotations` mapping holder: the
/// annotations map and the entry's key node) into the pod template `template` (the node
/// holding the template's `metadata`/`spec`), creating `metadata`/`annotations` there when
/// missing. When the moved entry was the only annotation, the emptied `annotations:` key
/// is removed too.
pub fn move_annotation(
    y: &Yaml,
    from_metadata: NodeId,
    from_annotations: NodeId,
    key: NodeId,
    template: NodeId,
) -> Option<Vec<TextEdit>> {
    let (_, value) = y
        .entries(from_annotations)
        .into_iter()
        .find(|&(k, _)| k == key)?;
    let key_str = y.scalar(key)?;
    let value_text = value_text_for_move(y, value);
    let mut edits = Vec::new();
    let only_one =
        matches!(&y.node(from_annotations).kind, Kind::Map { entries, .. } if entries.len() == 1);
    if only_one {
        let (ak, _) = y.get_entry(from_metadata, "annotations")?;
        edits.push(delete_entry(y, from_metadata, ak)?);
    } else {
        edits.push(delete_entry(y, from_annotations, key)?);
    }
    let insert = match y.get(template, "metadata") {
        Some(md) if y.is_map(md) => match y.get(md, "annotations") {
            Some(ann)
                if y.is_map(ann)
                    && !matches!(&y.node(ann).kind, Kind::Map { entries, .. } if entries.is_empty() && !is_flow(y, ann)) =>
            {
                insert_entry(y, ann, key_str, &value_text)?
            }
            Some(ann) => {
                // `annotations:` with no value (null) or `{}`.
                let (s, e) = node_text_range(y, ann);
                let text = y.text();
                if is_flow(y, ann) {
                    (s, e, format!("{{{}}}", entry_text(key_str, &value_text)))
                } else {
                    let (ak, _) = y.get_entry(md, "annotations")?;
                    let indent = column_of(text, y.node(ak).start) + 2;
                    let at = if s == e {
                        line_end(text, y.node(ak).end)
                    } else {
                        s
                    };
                    let nl = newline_of(text);
                    (
                        at,
                        if s == e { at } else { e },
                        format!(
                            "{nl}{}{}",
                            " ".repeat(indent),
                            entry_text(key_str, &value_text)
                        ),
                    )
                }
            }
            None => insert_block_map(y, md, &["annotations"], key_str, &value_text)?,
        },
        _ => insert_block_map(
            y,
            template,
            &["metadata", "annotations"],
            key_str,
            &value_text,
        )?,
    };
    edits.push(insert);
    crate::syntax::text::sort_by_offsets(&mut edits, |e| (e.0, 0));
    Some(edits)
}

/// Applies text edits (sorted, non-overlapping) to `text`.
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    crate::syntax::text::sort_by_offsets(&mut edits, |e| (e.0, e.1));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, c) in edits {
        out.push_str(&text[at..*s]);
        out.push_str(c);
        at = *e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod structural_tests {
    use super::*;

    fn root(y: &Yaml) -> NodeId {
        y.docs[0].root.unwrap()
    }

    #[test]
    fn delete_block_entry_with_comment() {
        let src = "a: 1\nb: 2 # gone\nc: 3\n";
        let y = Yaml::parse(src);
        let (k, _) = y.get_entry(root(&y), "b").unwrap();
        let e = delete_entry(&y, root(&y), k).unwrap();
        assert_eq!(apply(src, &[e]), "a: 1\nc: 3\n");
    }

    #[test]
    fn delete_flow_entries() {
        let src = "m: {a: 1, b: 2}\n";
        let y = Yaml::parse(src);
        let m = y.get(root(&y), "m").unwrap();
        let (ka, _) = y.get_entry(m, "a").unwrap();
        assert_eq!(
            apply(src, &[delete_entry(&y, m, ka).unwrap()]),
            "m: {b: 2}\n"
        );
        let (kb, _) = y.get_entry(m, "b").unwrap();
        assert_eq!(
            apply(src, &[delete_entry(&y, m, kb).unwrap()]),
            "m: {a: 1}\n"
        );
    }

    #[test]
    fn insert_block_and_flow_crlf() {
        let src = "m:\r\n  a: 1  # c\r\n  b: |\r\n    x\r\nz: {}\r\n";
        let y = Yaml::parse(src);
        let m = y.get(root(&y), "m").unwrap();
        let e = insert_entry(&y, m, "k8s.v1.cni.cncf.io/networks", "macvlan").unwrap();
        assert_eq!(apply(src, &[e]), "m:\r\n  a: 1  # c\r\n  b: |\r\n    x\r\n  k8s.v1.cni.cncf.io/networks: macvlan\r\nz: {}\r\n");
        let z = y.get(root(&y), "z").unwrap();
        let e = insert_entry(&y, z, "k", "v");
        assert!(e.is_none() || apply(src, &[e.unwrap()]).contains("z: {k: v}"));
    }

    /// Moves the networks annotation of the object of `src` into its pod template.
    fn move_networks_to_template(src: &str) -> String {
        let y = Yaml::parse(src);
        let r = root(&y);
        let md = y.get(r, "metadata").unwrap();
        let ann = y.get(md, "annotations").unwrap();
        let (k, _) = y.get_entry(ann, "k8s.v1.cni.cncf.io/networks").unwrap();
        let t = y.get(y.get(r, "spec").unwrap(), "template").unwrap();
        apply(src, &move_annotation(&y, md, ann, k, t).unwrap())
    }

    #[test]
    fn move_annotation_creates_template_metadata() {
        let src = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    k8s.v1.cni.cncf.io/networks: macvlan-conf   # secondary
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
";
        let out = move_networks_to_template(src);
        assert_eq!(
            out,
            "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
    metadata:
      annotations:
        k8s.v1.cni.cncf.io/networks: macvlan-conf
"
        );
        assert!(Yaml::parse(&out).issues.is_empty());
    }

    #[test]
    fn move_annotation_into_existing_annotations() {
        let src = "kind: Deployment
metadata:
  annotations:
    a: '1'
    k8s.v1.cni.cncf.io/networks: net
spec:
  template:
    metadata:
      labels: {app: x}
      annotations:
        other: y
";
        let out = move_networks_to_template(src);
        assert_eq!(
            out,
            "kind: Deployment
metadata:
  annotations:
    a: '1'
spec:
  template:
    metadata:
      labels: {app: x}
      annotations:
        other: y
        k8s.v1.cni.cncf.io/networks: net
"
        );
    }
}

/// Inserts block lines after the last entry of block mapping `map`: each `(level, text)`
/// is written at the mapping's entry indentation plus `2 * level` spaces. Used to add
/// nested mappings (e.g. `resources:` / `requests:` / `<name>: '1'`) in one edit.
pub fn insert_lines(y: &Yaml, map: NodeId, lines: &[(usize, String)]) -> Option<TextEdit> {
    let text = y.text();
    let nl = newline_of(text);
    let Kind::Map {
        entries,
        flow: false,
    } = &y.node(map).kind
    else {
        return None;
    };
    let &(first_key, _) = entries.first()?;
    let indent = column_of(text, y.node(first_key).start);
    let &(_, last_value) = entries.last()?;
    let at = line_end(text, entry_end(y, last_value));
    let mut out = String::new();
    for (level, line) in lines {
        out.push_str(nl);
        out.push_str(&" ".repeat(indent + 2 * level));
        out.push_str(line);
    }
    Some((at, at, out))
}

/// Indents every line that holds part of `start..end` by `by` spaces (one insertion at the
/// start of each line). Used to move mis-indented keys under their parent.
pub fn indent_lines(y: &Yaml, start: usize, end: usize, by: usize) -> Vec<TextEdit> {
    let text = y.text();
    let mut out = Vec::new();
    let mut ls = line_start(text, start);
    loop {
        out.push((ls, ls, " ".repeat(by)));
        match text[ls..].find('\n') {
            Some(p) if ls + p + 1 < end => ls = ls + p + 1,
            _ => break,
        }
    }
    out
}

/// Inserts a whole line `line` (without indentation) before the line holding `at`,
/// indented to `column`.
pub fn insert_line_before(y: &Yaml, at: usize, column: usize, line: &str) -> TextEdit {
    let text = y.text();
    let ls = line_start(text, at);
    let nl = newline_of(text);
    (ls, ls, format!("{}{line}{nl}", " ".repeat(column)))
}

/// Column (0-based, bytes from the line start) of a byte offset.
pub fn column_at(y: &Yaml, at: usize) -> usize {
    column_of(y.text(), at)
}
