//! Which documents are templates, not objects: a document is a template when template
//! syntax ([`crate::syntax::template`]) shapes it or fills a value podnet reads, or when it
//! does not parse and holds template syntax. Such a document is left out of the model
//! (no rule reads it, no fix touches it) and reported once (YAML-004).
//!
//! Template text inside free text a pod or tool reads at run time is not: a container's
//! shell command (`${HOME}`), a ConfigMap's data, a Prometheus alert's `{{ $labels }}`, or
//! another tool's annotation (a Vault agent template).

use crate::syntax::template::{segments, tokens, Syntax, Token};
use crate::syntax::yaml::{NodeId, Yaml, YamlIssue};

/// A document left out of the model because it is a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Templated {
    /// The raw document's byte range.
    pub start: usize,
    pub end: usize,
    /// The first template token that makes it one.
    pub token: Token,
}

/// Keys under which values are free text read at run time, not by podnet.
const FREE_TEXT: &[&str] = &[
    "containers",
    "initContainers",
    "ephemeralContainers",
    "data",
    "stringData",
    "binaryData",
    "groups",
    "labels",
];

/// Annotation keys podnet reads: their values are checked, so a template there makes a
/// template document.
pub fn is_network_annotation(key: &str) -> bool {
    key == "networks"
        || key.starts_with("k8s.v1.cni.cncf.io/")
        || key.starts_with("v1.multus-cni.io/")
        || key.starts_with("cni.projectcalico.org/")
}

/// The template documents of a parsed stream, in order.
pub fn templated(yaml: &Yaml) -> Vec<Templated> {
    let text = yaml.text();
    let all = tokens(text);
    if all.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (start, end) in segments(text) {
        let inside: Vec<Token> = all
            .iter()
            .copied()
            .filter(|t| t.start >= start && t.start < end)
            .collect();
        if inside.is_empty() {
            continue;
        }
        let broken = yaml.issues.iter().any(|i| match i {
            YamlIssue::Syntax { offset, .. } | YamlIssue::TooDeep { offset } => {
                (start..end).contains(offset)
            }
            _ => false,
        });
        let parsed_root = yaml
            .docs
            .iter()
            .filter(|d| d.start < end && d.end > start)
            .find_map(|d| d.root);
        let token = if broken || parsed_root.is_none() {
            inside.iter().copied().find(|t| t.syntax == Syntax::Action)
        } else {
            parsed_root.and_then(|root| {
                inside
                    .iter()
                    .copied()
                    .find(|t| !is_free_text(yaml, root, t.start))
            })
        };
        if let Some(token) = token {
            out.push(Templated { start, end, token });
        }
    }
    out
}

/// Whether the token at `offset` sits in a scalar under a free-text key (see [`FREE_TEXT`])
/// or in another tool's annotation.
fn is_free_text(yaml: &Yaml, root: NodeId, offset: usize) -> bool {
    let mut node = root;
    let mut parent_key: Option<&str> = None;
    loop {
        if yaml.is_map(node) {
            {
                let mut next = None;
                for (k, v) in yaml.entries(node) {
                    let key = yaml.scalar(k).unwrap_or("");
                    let (ks, ke) = (yaml.node(k).start, yaml.node(k).end);
                    if (ks..ke.max(ks + 1)).contains(&offset) {
                        return false;
                    }
                    let (vs, ve) = (yaml.node(v).start, yaml.node(v).end);
                    if (vs..ve.max(vs + 1)).contains(&offset) {
                        if FREE_TEXT.contains(&key) {
                            return true;
                        }
                        if parent_key == Some("annotations") && !is_network_annotation(key) {
                            return true;
                        }
                        next = Some((v, key));
                        break;
                    }
                }
                let Some((v, key)) = next else { return false };
                parent_key = Some(key);
                node = v;
            }
        } else if yaml.is_seq(node) {
            {
                let Some(&item) = yaml.items(node).iter().find(|&&i| {
                    let c = yaml.node(i);
                    (c.start..c.end.max(c.start + 1)).contains(&offset)
                }) else {
                    return false;
                };
                node = item;
            }
        } else {
            return false;
        }
    }
}
