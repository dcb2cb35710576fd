//! The plain cause of a JSON syntax error: Go's `encoding/json` says *what* it met
//! (`invalid character ']' looking for beginning of value`); this says *why*, in the words a
//! person would use (a trailing comma, a missing quote, smart quotes, …) and *where*.
//!
//! [`explain`] takes the JSON text and the offset of Go's [`SyntaxError`](super::gojson::SyntaxError)
//! (and its message) and returns a [`Cause`]: a class, the byte span of the text at fault
//! (not always the offending byte: for a trailing comma it is the comma) and a sentence.
//! The callers keep Go's own text next to it, since that is what people search for.

/// The classes of mistake [`explain`] recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CauseKind {
    /// `[{"name": "a"},]`, `{"a": 1,}`.
    TrailingComma,
    /// `“a”`, `‘a’`: typographic quotes from a word processor or chat.
    SmartQuotes,
    /// `['a']`, `{'name': 'a'}`.
    SingleQuotes,
    /// `{name: "a"}`.
    UnquotedKey,
    /// `[pool-a]`, `[10.0.0.1]`, `pool-a`.
    UnquotedValue,
    /// `["10.0.0.1/24]`: a string whose closing quote is missing.
    UnclosedString,
    /// `[{"name": "a"]`, `[{"name": "a"}`: a bracket or brace never closed.
    Unclosed,
    /// `{"a": 1 "b": 2}`: two values without a comma between them.
    MissingComma,
    /// `- name: a` or `name: a`: YAML written where JSON is read.
    YamlNotJson,
}

/// The plain cause of a syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    pub kind: CauseKind,
    /// Byte span in the JSON text of what is at fault (may be empty, at the end).
    pub start: usize,
    pub end: usize,
    /// The cause in one sentence, without a position, e.g. "trailing comma: JSON allows no
    /// `,` after the last item; remove it".
    pub text: String,
}

const SMART: &[char] = &[
    '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}',
    '\u{00AB}', '\u{00BB}', '\u{2032}', '\u{2033}', '\u{FF02}', '\u{FF07}',
];

/// The cause of Go's syntax error `go_msg` at byte `offset` of `text` (`text.len()` for
/// errors at the end of the input), or `None` when no class fits.
pub fn explain(text: &str, offset: usize, go_msg: &str) -> Option<Cause> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let at_end = offset >= text.len() || go_msg.contains("unexpected end of JSON input");
    let here = text[offset..].chars().next();

    // Smart quotes: the offending character, or the first one before it (a string opened
    // with `"` and "closed" with `”` runs on to the end).
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(i, c)| SMART.contains(&c) && (i <= offset || at_end))
    {
        return Some(cause(
            CauseKind::SmartQuotes,
            i,
            i + c.len_utf8(),
            format!(
                "typographic (\u{201C}smart\u{201D}) quotes: {} is not a JSON quote; JSON needs \
                 straight double quotes `\"` (editors and chat apps replace them as you type)",
                quoted(c)
            ),
        ));
    }

    // YAML where JSON is read: a list item or a `key: value` line.
    if let Some(c) = yaml_text(text) {
        return Some(c);
    }

    // Single quotes as JSON quotes.
    if here == Some('\'') {
        return Some(cause(
            CauseKind::SingleQuotes,
            offset,
            offset + 1,
            "single quotes: JSON strings and keys need double quotes, `\"name\"` not `'name'` \
             (in YAML, put the whole value in single quotes instead: `'[{\"name\": \"a\"}]'`)"
                .to_string(),
        ));
    }

    let (stack, in_string) = scan(&text[..offset]);

    // A comma right before a closing bracket or brace.
    if let Some(close @ (']' | '}')) = here {
        if let Some((i, ',')) = last_non_space(&text[..offset]) {
            return Some(cause(
                CauseKind::TrailingComma,
                i,
                i + 1,
                format!(
                    "trailing comma: JSON allows no `,` after the last {}; remove the `,` before `{close}`",
                    if close == ']' { "item" } else { "field" }
                ),
            ));
        }
        // A closer that does not match the innermost opener: that one is not closed.
        if let Some(&(open_at, open)) = stack.last() {
            let want = if open == '[' { ']' } else { '}' };
            if want != close {
                return Some(unclosed(open_at, open, Some(close)));
            }
        }
    }

    // The end came inside a string or with brackets open.
    if at_end {
        if let Some(q) = in_string {
            return Some(cause(
                CauseKind::UnclosedString,
                q,
                q + 1,
                "missing quote: the string that starts here has no closing `\"`".to_string(),
            ));
        }
        if let Some(&(open_at, open)) = stack.last() {
            return Some(unclosed(open_at, open, None));
        }
        return None;
    }

    // A bare word where a key or a value must start.
    if let Some(c) = here {
        let word = bare_word(&text[offset..]);
        let word_start = word_start(text, offset);
        let whole = &text[word_start..offset + word.len()];
        if go_msg.contains("object key") && (c.is_alphanumeric() || c == '_' || c == '-') {
            return Some(cause(
                CauseKind::UnquotedKey,
                word_start,
                offset + word.len(),
                format!(
                    "unquoted key: JSON keys need double quotes, `\"{whole}\"` for {}",
                    tick(whole)
                ),
            ));
        }
        let literal = matches!(whole, "true" | "false" | "null") || is_json_number(whole);
        if (go_msg.contains("looking for beginning of value")
            || go_msg.contains("in literal")
            || go_msg.contains("in numeric literal")
            || go_msg.contains("after array element")
            || go_msg.contains("after top-level value")
            || go_msg.contains("after object key:value pair"))
            && !whole.is_empty()
            && !literal
            && !c.is_whitespace()
            && !matches!(c, '"' | '[' | '{' | ',' | ':' | ']' | '}')
        {
            return Some(cause(
                CauseKind::UnquotedValue,
                word_start,
                offset + word.len(),
                format!(
                    "missing quotes: {} is not a JSON value; strings need double quotes, `\"{whole}\"`",
                    tick(whole)
                ),
            ));
        }
        // Two values in a row: a comma is missing.
        if (go_msg.contains("after object key:value pair")
            || go_msg.contains("after array element"))
            && matches!(c, '"' | '{' | '[')
        {
            let prev = last_non_space(&text[..offset])
                .map(|(i, _)| i + 1)
                .unwrap_or(offset);
            return Some(cause(
                CauseKind::MissingComma,
                prev,
                prev,
                "missing comma: two values follow each other without a `,` between them"
                    .to_string(),
            ));
        }
    }
    None
}

/// [`CauseKind::YamlNotJson`] when `text` (a value read as JSON, or as Multus' short form)
/// is YAML: a list item or a `key: value` line, not starting like JSON.
pub fn yaml_text(text: &str) -> Option<Cause> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    if trimmed.starts_with(['[', '{', '"']) || !looks_like_yaml(trimmed) {
        return None;
    }
    let first = trimmed.lines().next().unwrap_or("").trim_end();
    Some(cause(
        CauseKind::YamlNotJson,
        lead,
        lead + first.len(),
        "this is YAML, not JSON: the plugin reads this string as JSON (a YAML list inside it is \
         not read); write a JSON array, e.g. `[\"pool-a\"]` or `[{\"name\": \"macvlan-conf\"}]`"
            .to_string(),
    ))
}

fn cause(kind: CauseKind, start: usize, end: usize, text: String) -> Cause {
    Cause {
        kind,
        start,
        end,
        text,
    }
}

fn unclosed(at: usize, open: char, met: Option<char>) -> Cause {
    let close = if open == '[' { ']' } else { '}' };
    let what = if open == '[' { "bracket" } else { "brace" };
    let text = match met {
        Some(m) => format!(
            "unclosed {what}: the `{open}` that starts here is not closed before `{m}`; add `{close}`"
        ),
        None => format!(
            "unclosed {what}: the `{open}` that starts here is never closed; add `{close}` at the end"
        ),
    };
    cause(CauseKind::Unclosed, at, at + 1, text)
}

/// The open brackets (offset, char) and, when the text ends inside a string, the offset of
/// its opening quote.
fn scan(text: &str) -> (Vec<(usize, char)>, Option<usize>) {
    let mut stack = Vec::new();
    let mut string: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if string.is_some() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                string = None;
            }
            continue;
        }
        match c {
            '"' => string = Some(i),
            '[' | '{' => stack.push((i, c)),
            ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    (stack, string)
}

fn last_non_space(text: &str) -> Option<(usize, char)> {
    text.char_indices().rev().find(|(_, c)| !c.is_whitespace())
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '[' | ']' | '{' | '}' | ',' | ':' | '"' | '\'')
}

/// The word from the start of `text` to the next delimiter.
fn bare_word(text: &str) -> &str {
    let end = text.find(is_delimiter).unwrap_or(text.len());
    &text[..end]
}

/// Where the bare word around `offset` starts (Go may stop in its middle: `[10.0.0.1]`
/// fails at the second `.`, `[nginx]` at the `g`).
fn word_start(text: &str, offset: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_delimiter(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0)
}

fn is_json_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && s.parse::<f64>().is_ok()
        && !s.contains(['+', 'i', 'n', 'I', 'N'])
        && !has_leading_zero(s)
}

/// `01` (JSON allows a leading zero only before `.` or an exponent).
fn has_leading_zero(s: &str) -> bool {
    s.len() > 1 && s.starts_with('0') && !s.starts_with("0.") && !s.starts_with("0e")
}

fn looks_like_yaml(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("").trim_end();
    if first == "-" || first.starts_with("- ") {
        return true;
    }
    // `key: value` or `key:` with a plain key.
    match first.split_once(':') {
        Some((key, rest)) => {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
                && (rest.is_empty() || rest.starts_with(' '))
        }
        None => false,
    }
}

fn quoted(c: char) -> String {
    format!("`{c}` (U+{:04X})", c as u32)
}

/// `s` as a Markdown code span (the texts are shown as Markdown in hovers): a backtick in
/// `s` would end the span, so it is shown as `'`.
fn tick(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::gojson;

    /// The cause of the value's Go syntax error (the value must not parse).
    fn why(text: &str) -> Cause {
        let e = gojson::parse(text).expect_err(text);
        explain(text, e.offset, &e.msg)
            .unwrap_or_else(|| panic!("no cause for {text:?} ({})", e.msg))
    }

    fn at<'t>(text: &'t str, c: &Cause) -> &'t str {
        &text[c.start..c.end]
    }

    // Real-world shapes. Trailing commas: kubernetes/kubernetes#21385 (`"name": "quota",\n }`
    // gave `invalid character '}' looking for beginning of object key string`); issue #16 of
    // this project (`'[{"name": "macvlan-conf"},]'`).
    #[test]
    fn trailing_comma() {
        let t = r#"[{"name": "macvlan-conf"},]"#;
        let c = why(t);
        assert_eq!(c.kind, CauseKind::TrailingComma);
        assert_eq!(at(t, &c), ",");
        assert_eq!(c.start, 25);
        assert!(c.text.starts_with("trailing comma"), "{}", c.text);
        let t = "{\n  \"name\": \"quota\",\n}";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::TrailingComma);
        assert!(c.text.contains("last field"), "{}", c.text);
        let t = r#"["pool-a", "pool-b",]"#;
        assert_eq!(why(t).kind, CauseKind::TrailingComma);
    }

    // multus-cni#635: `[ { "name": "centos-runtimeconfig-def", "ips": [ "10.1.1.104/24" ] ]`
    // (the object's `}` is missing).
    #[test]
    fn unclosed_bracket_or_brace() {
        let t = "[\n  { \"name\": \"centos-runtimeconfig-def\",\n    \"ips\": [ \"10.1.1.104/24\" ] \n]";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::Unclosed);
        assert_eq!(at(t, &c), "{");
        assert!(
            c.text.contains("not closed before `]`; add `}`"),
            "{}",
            c.text
        );
        let t = r#"[{"name": "macvlan-conf"}"#;
        let c = why(t);
        assert_eq!(c.kind, CauseKind::Unclosed);
        assert_eq!(c.start, 0);
        assert!(c.text.contains("never closed; add `]`"), "{}", c.text);
        let t = r#"{"cniVersion": "0.3.1", "type": "macvlan", "ipam": {"type": "static"}"#;
        let c = why(t);
        assert_eq!((c.kind, c.start), (CauseKind::Unclosed, 0));
    }

    // podnet's own corpus, calico/10-ipv4pools-typographic-quotes (`[“pool-a”]`, pasted from
    // a document): Go reports the first byte of `“` as `invalid character 'â'`.
    #[test]
    fn smart_quotes() {
        let t = "[\u{201C}pool-a\u{201D}]";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::SmartQuotes);
        assert_eq!(at(t, &c), "\u{201C}");
        assert!(c.text.contains("U+201C"), "{}", c.text);
        // Opened straight, closed curly: the string runs to the end.
        let t = "[{\"name\": \"macvlan-conf\u{201D}}]";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::SmartQuotes);
        assert_eq!(at(t, &c), "\u{201D}");
        let t = "[\u{2018}pool-a\u{2019}]";
        assert_eq!(why(t).kind, CauseKind::SmartQuotes);
    }

    // zaach/jsonlint#46 (`{'a': 'b'}`); the Python-dict shape of a networks value.
    #[test]
    fn single_quotes() {
        let t = "[{'name': 'macvlan-conf'}]";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::SingleQuotes);
        assert_eq!(c.start, 2);
        let t = "['pool-a']";
        assert_eq!(why(t).kind, CauseKind::SingleQuotes);
    }

    // YAML flow style copied into a JSON annotation: `[{name: macvlan-conf}]`.
    #[test]
    fn unquoted_key() {
        let t = r#"[{name: "macvlan-conf"}]"#;
        let c = why(t);
        assert_eq!(c.kind, CauseKind::UnquotedKey);
        assert_eq!(at(t, &c), "name");
        assert!(c.text.contains("`\"name\"`"), "{}", c.text);
    }

    // multus-cni#1330 and its write-ups: `cni.projectcalico.org/ipv4pools: "default-ipv4-ippool"`
    // gives `invalid character 'd' looking for beginning of value`; `[10.0.0.1]` for ipAddrs.
    #[test]
    fn unquoted_value() {
        let t = "default-ipv4-ippool";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::UnquotedValue);
        assert_eq!(at(t, &c), "default-ipv4-ippool");
        let t = "[pool-a]";
        assert_eq!(at(t, &why(t)), "pool-a");
        let t = "[10.0.0.1]";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::UnquotedValue);
        assert_eq!(at(t, &c), "10.0.0.1");
        let t = "[nginx]"; // `invalid character 'g' in literal null (expecting 'u')`
        assert_eq!(at(t, &why(t)), "nginx");
        let t = r#"[{"name": macvlan-conf}]"#;
        assert_eq!(at(t, &why(t)), "macvlan-conf");
    }

    #[test]
    fn missing_closing_quote() {
        let t = r#"[{"name": "macvlan-conf", "ips": ["10.0.0.1/24]}]"#;
        let c = why(t);
        assert_eq!(c.kind, CauseKind::UnclosedString);
        assert_eq!(c.start, t.find("\"10.").unwrap());
    }

    // kubernetes/kubernetes#7504: `invalid character '"' after object key:value pair`.
    #[test]
    fn missing_comma() {
        let t = r#"[{"name": "a" "interface": "net1"}]"#;
        let c = why(t);
        assert_eq!(c.kind, CauseKind::MissingComma);
        assert_eq!(c.start, t.find(" \"interface").unwrap());
    }

    // A block scalar holding YAML: `networks: |` then `- name: macvlan-conf`.
    #[test]
    fn yaml_in_a_json_value() {
        let t = "- name: macvlan-conf\n  interface: net1\n";
        let c = why(t);
        assert_eq!(c.kind, CauseKind::YamlNotJson);
        assert_eq!(at(t, &c), "- name: macvlan-conf");
        let t = "name: macvlan-conf";
        assert_eq!(why(t).kind, CauseKind::YamlNotJson);
    }

    #[test]
    fn no_guess_when_nothing_fits() {
        // A control character in a string: Go's message says it all.
        let t = "[\"a\u{1}\"]";
        let e = gojson::parse(t).unwrap_err();
        assert_eq!(explain(t, e.offset, &e.msg), None);
        // Never panics on any offset.
        for t in ["", "[", "{\"", "\u{201C}", "[1,]", "é"] {
            for o in 0..=t.len() + 2 {
                let _ = explain(t, o, "unexpected end of JSON input");
                let _ = explain(t, o, "invalid character 'x' looking for beginning of value");
            }
        }
    }
}
