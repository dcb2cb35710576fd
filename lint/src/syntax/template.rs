//! Template syntax inside YAML text: Helm/Go-template actions (`{{ … }}`), Jinja blocks
//! (`{% … %}`) and envsubst placeholders (`${NAME}`). Text holding them is not what the
//! cluster receives; [`crate::model::template`] decides which documents that makes templates.

/// Which templating a token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `{{ … }}` (Helm, Go templates) or `{% … %}` (Jinja, Ansible).
    Action,
    /// `${NAME}`, `${NAME:-default}` (envsubst, Kustomize vars, shell).
    Placeholder,
}

/// One template token: its byte span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub syntax: Syntax,
}

/// Every template token in `text`, in order. An action may span lines (Helm's `{{- … -}}`
/// often does); a placeholder is one line.
///
/// ```
/// use podnet_lint::syntax::template::{tokens, Syntax};
/// let t = tokens("networks: {{ .Values.nets | quote }}\nname: ${APP}-net\n");
/// assert_eq!(t.len(), 2);
/// assert_eq!(t[0].syntax, Syntax::Action);
/// assert_eq!(t[1].syntax, Syntax::Placeholder);
/// assert!(tokens(r#"networks: '[{"name": "a", "ips": ["10.0.0.1/24"]}]'"#).is_empty());
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        let found = match (b[i], b[i + 1]) {
            (b'{', b'{') => close(text, i + 2, "}}").map(|e| (e, Syntax::Action)),
            (b'{', b'%') => close(text, i + 2, "%}").map(|e| (e, Syntax::Action)),
            (b'$', b'{') => placeholder(b, i + 2).map(|e| (e, Syntax::Placeholder)),
            _ => None,
        };
        match found {
            Some((end, syntax)) => {
                out.push(Token {
                    start: i,
                    end,
                    syntax,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The end of an action opened before `from`: just past `closer`, within 4 KiB.
fn close(text: &str, from: usize, closer: &str) -> Option<usize> {
    let rest = text.get(from..)?;
    let window = rest
        .char_indices()
        .take_while(|&(i, _)| i < 4096)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    rest[..window].find(closer).map(|k| from + k + closer.len())
}

/// `NAME` then `}` (or a `:-`/`-`/`:=`/`=` default up to `}` on the same line).
fn placeholder(b: &[u8], from: usize) -> Option<usize> {
    let first = *b.get(from)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let mut j = from + 1;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
        j += 1;
    }
    match b.get(j)? {
        b'}' => Some(j + 1),
        b':' | b'-' | b'=' => {
            let line_end = b[j..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |k| j + k);
            b[j..line_end]
                .iter()
                .position(|&c| c == b'}')
                .map(|k| j + k + 1)
        }
        _ => None,
    }
}

/// The raw document segments of a YAML stream, split at `---` lines (and ended by `...`),
/// as byte ranges. Unlike the parsed documents, they exist even where the YAML does not
/// parse, which template text often does not.
pub fn segments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let marker = |m: &str| {
            body.strip_prefix(m)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
        };
        if marker("---") || marker("...") {
            if offset > start {
                out.push((start, offset));
            }
            start = if marker("...") {
                offset + line.len()
            } else {
                offset
            };
        }
        offset += line.len();
    }
    if text.len() > start {
        out.push((start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helm_actions_jinja_and_placeholders() {
        let src =
            "{{- if .Values.multus.enabled }}\nname: {% raw %}x\nnet: ${NAD:-macvlan}\n{{ end }}";
        let t = tokens(src);
        let texts: Vec<_> = t.iter().map(|t| &src[t.start..t.end]).collect();
        assert_eq!(
            texts,
            [
                "{{- if .Values.multus.enabled }}",
                "{% raw %}",
                "${NAD:-macvlan}",
                "{{ end }}"
            ]
        );
    }

    #[test]
    fn json_and_shell_lookalikes_are_not_tokens() {
        assert!(tokens(r#"a: '{"x": {"y": 1}}'"#).is_empty());
        assert!(tokens("a: ${1}").is_empty());
        assert!(tokens("a: $HOME and ${ unclosed").is_empty());
        assert!(tokens("a: {{ never closed").is_empty());
    }

    #[test]
    fn segments_split_at_document_markers() {
        let src = "a: 1\n---\nb: 2\n--- # c\nc: 3\n...\n";
        let s = segments(src);
        let texts: Vec<_> = s.iter().map(|&(a, b)| &src[a..b]).collect();
        assert_eq!(texts, ["a: 1\n", "---\nb: 2\n", "--- # c\nc: 3\n"]);
        assert!(segments("").is_empty());
        assert_eq!(segments("----\n"), [(0, 5)]);
    }
}
