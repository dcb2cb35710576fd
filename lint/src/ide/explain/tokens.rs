//! Error text as tokens: words (lower-cased) and the variable parts of a runtime error
//! (a character in `'…'`, a quoted name, a name in parentheses, a number, an address, a
//! `<placeholder>` of a doc template). Pasted text and templates are tokenized alike.

/// The shape of a variable part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// One character in single quotes: `'d'`, `'\''`.
    Char,
    /// A quoted string: `"macvlan-conf"`, `'net-a net-b'`.
    Quoted,
    /// A name in parentheses without spaces: `(macvlan-conf)`, `()`.
    Paren,
    /// A plain number.
    Number,
    /// An IP address, CIDR or MAC.
    Addr,
    /// A template placeholder (`<item>`, `(...)`): matches any variable part.
    Any,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Word(String),
    Var {
        kind: VarKind,
        value: String,
        /// The word before it (what it is: `pool`, `namespace`, `character`).
        label: String,
    },
}

/// The words of `type="calico"` style pairs whose quoted value is part of the meaning.
const LITERAL_QUOTED_AFTER: &[&str] = &["type="];
/// Words in parentheses that are not variable.
const LITERAL_PAREN: &[&str] = &["add", "del", "check", "shim"];

/// Tokenizes one error text. A bare word repeating a quoted value of the same text
/// (`error parsing pool "x": invalid CIDR address: x`) is that value again, so it is
/// variable too.
pub fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = scan(s);
    let values: Vec<(VarKind, String)> = out
        .iter()
        .filter_map(|t| match t {
            Tok::Var { kind, value, .. } if !value.is_empty() => {
                Some((*kind, value.to_lowercase()))
            }
            _ => None,
        })
        .collect();
    for i in 0..out.len() {
        if let Tok::Word(w) = &out[i] {
            if let Some((kind, _)) = values.iter().find(|(_, v)| v == w) {
                let label = match i.checked_sub(1).map(|j| &out[j]) {
                    Some(Tok::Word(l)) => l.clone(),
                    _ => String::new(),
                };
                out[i] = var(*kind, w.clone(), label);
            }
        }
    }
    out
}

fn scan(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    let label = |out: &Vec<Tok>| -> String {
        out.iter()
            .rev()
            .find_map(|t| match t {
                Tok::Word(w) if w.chars().any(|c| c.is_alphanumeric()) => Some(w.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '\'' => {
                // `'d'` or `'\''`.
                if i + 3 < chars.len() && chars[i + 1] == '\\' && chars[i + 3] == '\'' {
                    let lbl = label(&out);
                    out.push(var(VarKind::Char, chars[i + 2].to_string(), lbl));
                    i += 4;
                    continue;
                }
                if i + 2 < chars.len() && chars[i + 2] == '\'' && chars[i + 1] != '\'' {
                    let lbl = label(&out);
                    out.push(var(VarKind::Char, chars[i + 1].to_string(), lbl));
                    i += 3;
                    continue;
                }
                if let Some(end) = closing(&chars, i + 1, '\'', 200) {
                    let value: String = chars[i + 1..end].iter().collect();
                    let lbl = label(&out);
                    out.push(var(VarKind::Quoted, value, lbl));
                    i = end + 1;
                    continue;
                }
                i += 1;
            }
            '"' => {
                if let Some(end) = closing(&chars, i + 1, '"', 300) {
                    let value: String = chars[i + 1..end].iter().collect();
                    let before: String = chars[i.saturating_sub(5)..i].iter().collect();
                    if LITERAL_QUOTED_AFTER.iter().any(|p| before.ends_with(p)) {
                        out.push(Tok::Word(value.to_lowercase()));
                    } else {
                        let lbl = label(&out);
                        let kind = if value == "..." {
                            VarKind::Any
                        } else {
                            VarKind::Quoted
                        };
                        out.push(var(kind, value, lbl));
                    }
                    i = end + 1;
                    continue;
                }
                i += 1;
            }
            '(' => {
                if let Some(end) = closing(&chars, i + 1, ')', 100) {
                    let value: String = chars[i + 1..end].iter().collect();
                    if !value.chars().any(char::is_whitespace) {
                        if LITERAL_PAREN.contains(&value.as_str()) {
                            out.push(Tok::Word(value));
                        } else if value == "..." {
                            let lbl = label(&out);
                            out.push(var(VarKind::Any, String::new(), lbl));
                        } else {
                            let lbl = label(&out);
                            out.push(var(VarKind::Paren, value, lbl));
                        }
                        i = end + 1;
                        continue;
                    }
                }
                i += 1;
            }
            '<' => {
                if let Some(end) = closing(&chars, i + 1, '>', 30) {
                    let name: String = chars[i + 1..end].iter().collect();
                    if !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '-')
                    {
                        let lbl = label(&out);
                        out.push(var(VarKind::Any, String::new(), lbl));
                        i = end + 1;
                        continue;
                    }
                }
                i += 1;
            }
            ')' | '>' | '`' => i += 1,
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '\'' | '"' | '(' | ')' | '<' | '>' | '`')
                {
                    i += 1;
                }
                let raw: String = chars[start..i].iter().collect();
                let word = raw.trim_end_matches([':', ',', ';', '.', '!']);
                if word.is_empty() || word == "..." || word == "…" {
                    continue;
                }
                let lbl = label(&out);
                out.push(classify(word, lbl));
            }
        }
    }
    out
}

fn var(kind: VarKind, value: String, label: String) -> Tok {
    Tok::Var { kind, value, label }
}

/// The index of the closing `q` after `from` on the same line, within `limit` characters.
fn closing(chars: &[char], from: usize, q: char, limit: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() && j - from <= limit {
        match chars[j] {
            '\\' => j += 2,
            '\n' => return None,
            c if c == q => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// A bare word: a number, an address, or a word.
fn classify(word: &str, label: String) -> Tok {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return var(VarKind::Number, word.to_string(), label);
    }
    let addr_chars = word
        .chars()
        .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':' | '/'));
    let digits = word.chars().filter(|c| c.is_ascii_digit()).count();
    if addr_chars && digits > 0 && (word.contains('.') || word.matches(':').count() >= 2) {
        return var(VarKind::Addr, word.to_string(), label);
    }
    Tok::Word(word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .map(|t| match t {
                Tok::Word(w) => w,
                Tok::Var { kind, value, .. } => format!("{kind:?}({value})"),
            })
            .collect()
    }

    #[test]
    fn variable_parts() {
        assert_eq!(
            kinds("plugin type=\"calico\" failed (add): invalid character 'd' looking"),
            [
                "plugin",
                "type=",
                "calico",
                "failed",
                "add",
                "invalid",
                "character",
                "Char(d)",
                "looking"
            ]
        );
        assert_eq!(
            kinds("definition (macvlan-conf) in namespace (default): \"x\" 10.0.0.0/24 42 <ip>"),
            [
                "definition",
                "Paren(macvlan-conf)",
                "in",
                "namespace",
                "Paren(default)",
                "Quoted(x)",
                "Addr(10.0.0.0/24)",
                "Number(42)",
                "Any()"
            ]
        );
        assert_eq!(
            kinds("invalid character '\\'' x"),
            ["invalid", "character", "Char(')", "x"]
        );
    }
}
