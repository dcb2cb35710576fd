//! The source model: a multi-document YAML stream as a tree of nodes, each with its exact
//! byte span, scalar style and (on demand) a map from every character of a scalar's value
//! back to the source characters that produced it.
//!
//! Parsing is done by `saphyr-parser` (events with spans); this module builds the tree,
//! resolves anchors with a bound on expansion, records duplicate keys, and reconstructs
//! value → source maps by re-reading the scalar's source text in its style.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::syntax::source::SourceIndex;

pub type NodeId = usize;

/// Deepest nesting accepted; deeper input is reported, not parsed (no stack overflow).
pub const MAX_DEPTH: usize = 1000;
/// Largest number of nodes that alias expansion may produce in one document.
pub const MAX_EXPANSION: u64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl Style {
    pub fn is_block(self) -> bool {
        matches!(self, Style::Literal | Style::Folded)
    }
}

#[derive(Debug, Clone)]
pub enum Kind<'a> {
    Scalar {
        value: Cow<'a, str>,
        style: Style,
        /// Byte offset of the `|`/`>` indicator of a block scalar.
        header: Option<usize>,
    },
    Seq {
        items: Vec<NodeId>,
        flow: bool,
    },
    Map {
        entries: Vec<(NodeId, NodeId)>,
        flow: bool,
    },
    /// `*name`; `target` is `None` when the anchor is unknown, incomplete or the
    /// document's expansion exceeded the bound.
    Alias {
        target: Option<NodeId>,
    },
}

#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub kind: Kind<'a>,
    /// Byte span of the node's own text (for block scalars: the content lines; for block
    /// collections: from the first to the end of the last child).
    pub start: usize,
    pub end: usize,
    /// The tag as written, e.g. `!!str`.
    pub tag: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub root: Option<NodeId>,
    /// Byte offset where the document's content (or its `---`) starts.
    pub start: usize,
    pub end: usize,
}

/// Problems found while reading the YAML itself.
#[derive(Debug, Clone, PartialEq)]
pub enum YamlIssue {
    /// The parser stopped: `message` is a plain-language cause.
    Syntax { offset: usize, message: String },
    /// A mapping key that appears twice (`first` is the earlier key's node).
    DuplicateKey { key: NodeId, first: NodeId },
    /// Alias expansion would exceed [`MAX_EXPANSION`] nodes.
    AliasBomb { alias: NodeId, expanded: u64 },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep { offset: usize },
}

#[derive(Debug, Clone)]
pub struct Yaml<'a> {
    pub index: SourceIndex<'a>,
    pub nodes: Vec<Node<'a>>,
    pub docs: Vec<Document>,
    pub issues: Vec<YamlIssue>,
}

enum Open {
    Seq {
        id: NodeId,
        anchor: usize,
    },
    Map {
        id: NodeId,
        anchor: usize,
        pending_key: Option<NodeId>,
    },
}

impl<'a> Yaml<'a> {
    pub fn parse(text: &'a str) -> Yaml<'a> {
        let index = SourceIndex::new(text);
        let mut y = Yaml {
            index,
            nodes: Vec::new(),
            docs: Vec::new(),
            issues: Vec::new(),
        };
        y.build(text);
        y
    }

    pub fn text(&self) -> &'a str {
        self.index.text()
    }

    pub fn node(&self, id: NodeId) -> &Node<'a> {
        &self.nodes[id]
    }

    /// Follows aliases to the node they stand for.
    pub fn resolve(&self, mut id: NodeId) -> Option<NodeId> {
        for _ in 0..64 {
            match &self.nodes[id].kind {
                Kind::Alias { target } => id = (*target)?,
                _ => return Some(id),
            }
        }
        None
    }

    /// The scalar value of a node (after alias resolution), if it is a scalar.
    pub fn scalar(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[self.resolve(id)?].kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Scalar value as Kubernetes would read a string field: plain `null`/`~`/empty are absent.
    pub fn str_value(&self, id: NodeId) -> Option<&str> {
        let rid = self.resolve(id)?;
        match &self.nodes[rid].kind {
            Kind::Scalar {
                value,
                style: Style::Plain,
                ..
            } if is_null(value) => None,
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn style(&self, id: NodeId) -> Option<Style> {
        match &self.nodes[id].kind {
            Kind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    /// Entries of a mapping (after alias resolution), merge keys (`<<`) expanded.
    pub fn entries(&self, id: NodeId) -> Vec<(NodeId, NodeId)> {
        let Some(rid) = self.resolve(id) else {
            return vec![];
        };
        let Kind::Map { entries, .. } = &self.nodes[rid].kind else {
            return vec![];
        };
        let has_merge = entries.iter().any(|&(k, _)| match &self.nodes[k].kind {
            Kind::Scalar { value, style, .. } => value == "<<" && *style == Style::Plain,
            Kind::Alias { .. } => true,
            _ => false,
        });
        if !has_merge {
            return entries.clone();
        }
        let mut out = Vec::with_capacity(entries.len());
        let mut merged: Vec<(NodeId, NodeId)> = Vec::new();
        for &(k, v) in entries {
            if self.scalar(k) == Some("<<") && self.style(k) == Some(Style::Plain) {
                let Some(vr) = self.resolve(v) else { continue };
                let sources: Vec<NodeId> = match &self.nodes[vr].kind {
                    Kind::Seq { items, .. } => items.clone(),
                    _ => vec![vr],
                };
                for s in sources {
                    if let Some(sr) = self.resolve(s) {
                        if let Kind::Map { entries, .. } = &self.nodes[sr].kind {
                            merged.extend(entries.iter().copied());
                        }
                    }
                }
            } else {
                out.push((k, v));
            }
        }
        for (k, v) in merged {
            let key = self.scalar(k);
            if key.is_some() && !out.iter().any(|&(ok, _)| self.scalar(ok) == key) {
                out.push((k, v));
            }
        }
        out
    }

    /// Items of a sequence (after alias resolution).
    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match self.resolve(id).map(|r| &self.nodes[r].kind) {
            Some(Kind::Seq { items, .. }) => items,
            _ => &[],
        }
    }

    pub fn is_map(&self, id: NodeId) -> bool {
        matches!(
            self.resolve(id).map(|r| &self.nodes[r].kind),
            Some(Kind::Map { .. })
        )
    }

    pub fn is_seq(&self, id: NodeId) -> bool {
        matches!(
            self.resolve(id).map(|r| &self.nodes[r].kind),
            Some(Kind::Seq { .. })
        )
    }

    /// The last entry of a mapping with this scalar key: `(key, value)`.
    pub fn get_entry(&self, map: NodeId, key: &str) -> Option<(NodeId, NodeId)> {
        let rid = self.resolve(map)?;
        let Kind::Map { entries, .. } = &self.nodes[rid].kind else {
            return None;
        };
        let mut merge = false;
        for &(k, v) in entries.iter().rev() {
            match &self.nodes[k].kind {
                Kind::Scalar { value, .. } if value == key => return Some((k, v)),
                Kind::Scalar { value, .. } if value == "<<" => merge = true,
                Kind::Alias { .. } => merge = true,
                _ => {}
            }
        }
        if !merge {
            return None;
        }
        self.entries(map)
            .into_iter()
            .rev()
            .find(|&(k, _)| self.scalar(k) == Some(key))
    }

    pub fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        self.get_entry(map, key).map(|(_, v)| v)
    }

    /// Whether a value is YAML null (plain `null`, `~`, empty).
    pub fn is_null(&self, id: NodeId) -> bool {
        match self.resolve(id).map(|r| &self.nodes[r].kind) {
            Some(Kind::Scalar {
                value,
                style: Style::Plain,
                ..
            }) => is_null(value),
            Some(_) => false,
            None => true,
        }
    }

    /// A short word for the YAML type of a node, as users would say it.
    pub fn type_word(&self, id: NodeId) -> &'static str {
        match self.resolve(id).map(|r| &self.nodes[r].kind) {
            Some(Kind::Seq { .. }) => "sequence",
            Some(Kind::Map { .. }) => "mapping",
            Some(Kind::Scalar {
                value,
                style: Style::Plain,
                ..
            }) => plain_type(value),
            Some(Kind::Scalar { .. }) => "string",
            _ => "null",
        }
    }

    /// The node as JSON, the way Kubernetes' YAML decoder reads it (core schema scalars).
    pub fn to_json(&self, id: NodeId) -> serde_json::Value {
        use serde_json::Value;
        let Some(rid) = self.resolve(id) else {
            return Value::Null;
        };
        match &self.nodes[rid].kind {
            Kind::Scalar { value, style, .. } => {
                let tag = self.nodes[rid].tag.as_deref();
                if *style != Style::Plain || tag == Some("!!str") {
                    return Value::String(value.to_string());
                }
                scalar_to_json(value)
            }
            Kind::Seq { items, .. } => {
                Value::Array(items.iter().map(|&i| self.to_json(i)).collect())
            }
            Kind::Map { .. } => {
                let mut m = serde_json::Map::new();
                for (k, v) in self.entries(rid) {
                    let key = match self.scalar(k) {
                        Some(s) => s.to_string(),
                        None => self.to_json(k).to_string(),
                    };
                    m.insert(key, self.to_json(v));
                }
                Value::Object(m)
            }
            Kind::Alias { .. } => Value::Null,
        }
    }

    // ----- building -------------------------------------------------------------------

    /// Parses the stream; after a syntax error, parsing resumes at the next `---` line so
    /// the documents after a broken one are still read.
    fn build(&mut self, text: &'a str) {
        let mut from = 0;
        while let Some(resume) = self.build_segment(text, from) {
            from = resume;
        }
    }

    /// Parses `text[from..]`; returns where to resume after a syntax error, if anywhere.
    fn build_segment(&mut self, text: &'a str, from: usize) -> Option<usize> {
        let base = self.index.byte_to_char(from);
        let mut parser = Parser::new_from_str(&text[from..]);
        let mut stack: Vec<Open> = Vec::new();
        let mut anchors: HashMap<usize, NodeId> = HashMap::new();
        let mut doc_start = from;
        let mut doc_root: Option<NodeId> = None;
        let mut in_doc = false;
        // End of the previous event, to find block scalar headers.
        let mut prev_end = from;
        let mut resume = None;
        loop {
            let (ev, span) = match parser.next_event() {
                None => break,
                Some(Ok(e)) => e,
                Some(Err(e)) => {
                    let offset = self.index.char_to_byte(base + e.marker().index());
                    let message = explain_syntax_error(text, offset, e.info());
                    self.issues.push(YamlIssue::Syntax { offset, message });
                    resume = next_document_marker(text, offset.max(from));
                    break;
                }
            };
            let start = self.index.char_to_byte(base + span.start.index());
            let end = self.index.char_to_byte(base + span.end.index());
            let (node, anchor) = match ev {
                Event::StreamEnd => break,
                Event::StreamStart | Event::Nothing => continue,
                Event::DocumentStart(_) => {
                    in_doc = true;
                    doc_start = start;
                    doc_root = None;
                    anchors.clear();
                    prev_end = end;
                    continue;
                }
                Event::DocumentEnd => {
                    if in_doc {
                        let end = doc_root
                            .map(|r| self.nodes[r].end)
                            .unwrap_or(doc_start)
                            .max(doc_start);
                        self.finish_document(doc_root);
                        self.docs.push(Document {
                            root: doc_root,
                            start: doc_start,
                            end,
                        });
                    }
                    in_doc = false;
                    prev_end = end;
                    continue;
                }
                Event::Alias(aid) => {
                    let target = anchors.get(&aid).copied();
                    (self.push(Kind::Alias { target }, start, end, None), 0)
                }
                Event::Scalar(value, style, aid, tag) => {
                    let style = match style {
                        ScalarStyle::Plain => Style::Plain,
                        ScalarStyle::SingleQuoted => Style::SingleQuoted,
                        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                        ScalarStyle::Literal => Style::Literal,
                        ScalarStyle::Folded => Style::Folded,
                    };
                    let header = if style.is_block() {
                        find_block_header(text, prev_end, start)
                    } else {
                        None
                    };
                    // The parser's span of a quoted scalar may run on over trailing blanks and a
                    // comment: end it at the closing quote.
                    let end = match style {
                        Style::SingleQuoted | Style::DoubleQuoted => {
                            closing_quote_end(text, start, end, style)
                        }
                        Style::Plain => {
                            start
                                + text[start..end]
                                    .trim_end_matches([' ', '\t', '\r', '\n'])
                                    .len()
                        }
                        _ => end,
                    };
                    let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                    let id = self.push(
                        Kind::Scalar {
                            value,
                            style,
                            header,
                        },
                        start,
                        end,
                        tag,
                    );
                    (id, aid)
                }
                Event::SequenceStart(aid, tag) => {
                    if stack.len() >= MAX_DEPTH {
                        self.issues.push(YamlIssue::TooDeep { offset: start });
                        break;
                    }
                    let flow = text[start..end].ends_with('[');
                    let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                    let id = self.push(
                        Kind::Seq {
                            items: vec![],
                            flow,
                        },
                        if flow { end - 1 } else { start },
                        end,
                        tag,
                    );
                    stack.push(Open::Seq { id, anchor: aid });
                    prev_end = end;
                    continue;
                }
                Event::MappingStart(aid, tag) => {
                    if stack.len() >= MAX_DEPTH {
                        self.issues.push(YamlIssue::TooDeep { offset: start });
                        break;
                    }
                    let flow = text[start..end].ends_with('{');
                    let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                    let id = self.push(
                        Kind::Map {
                            entries: vec![],
                            flow,
                        },
                        if flow { end - 1 } else { start },
                        end,
                        tag,
                    );
                    stack.push(Open::Map {
                        id,
                        anchor: aid,
                        pending_key: None,
                    });
                    prev_end = end;
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(open) = stack.pop() else { continue };
                    let (id, aid) = match open {
                        Open::Seq { id, anchor } => (id, anchor),
                        Open::Map { id, anchor, .. } => (id, anchor),
                    };
                    let flow = matches!(
                        self.nodes[id].kind,
                        Kind::Seq { flow: true, .. } | Kind::Map { flow: true, .. }
                    );
                    let last_child_end = match &self.nodes[id].kind {
                        Kind::Seq { items, .. } => items.last().map(|&c| self.nodes[c].end),
                        Kind::Map { entries, .. } => {
                            entries.last().map(|&(_, v)| self.nodes[v].end)
                        }
                        _ => None,
                    };
                    self.nodes[id].end = if flow {
                        end
                    } else {
                        last_child_end.unwrap_or(self.nodes[id].start)
                    };
                    if !flow {
                        if let Some(first) = self.first_child_start(id) {
                            self.nodes[id].start = self.nodes[id].start.min(first);
                        }
                    }
                    if let Kind::Map { .. } = self.nodes[id].kind {
                        self.check_duplicates(id);
                    }
                    (id, aid)
                }
            };
            prev_end = self.nodes[node].end.max(end);
            if anchor != 0 {
                anchors.insert(anchor, node);
            }
            // Attach the finished node to its parent.
            match stack.last_mut() {
                None => doc_root = Some(node),
                Some(Open::Seq { id, .. }) => {
                    if let Kind::Seq { items, .. } = &mut self.nodes[*id].kind {
                        items.push(node);
                    }
                }
                Some(Open::Map {
                    id, pending_key, ..
                }) => match pending_key.take() {
                    None => *pending_key = Some(node),
                    Some(k) => {
                        if let Kind::Map { entries, .. } = &mut self.nodes[*id].kind {
                            entries.push((k, node));
                        }
                    }
                },
            }
        }
        // A document cut short by an error is still offered to the rules if it has a root.
        if in_doc && doc_root.is_some() && stack.is_empty() {
            let end = doc_root.map(|r| self.nodes[r].end).unwrap_or(doc_start);
            self.finish_document(doc_root);
            self.docs.push(Document {
                root: doc_root,
                start: doc_start,
                end,
            });
        }
        resume
    }

    fn push(&mut self, kind: Kind<'a>, start: usize, end: usize, tag: Option<String>) -> NodeId {
        self.nodes.push(Node {
            kind,
            start,
            end,
            tag,
        });
        self.nodes.len() - 1
    }

    fn first_child_start(&self, id: NodeId) -> Option<usize> {
        match &self.nodes[id].kind {
            Kind::Seq { items, .. } => items.first().map(|&c| self.nodes[c].start),
            Kind::Map { entries, .. } => entries.first().map(|&(k, _)| self.nodes[k].start),
            _ => None,
        }
    }

    fn check_duplicates(&mut self, map: NodeId) {
        let Kind::Map { entries, .. } = &self.nodes[map].kind else {
            return;
        };
        if entries.len() < 2 {
            return;
        }
        let mut dups = Vec::new();
        if entries.len() <= 16 {
            // Small mappings (nearly all of them): compare pairwise, no hashing.
            for (i, &(k, _)) in entries.iter().enumerate() {
                let Kind::Scalar { value, .. } = &self.nodes[k].kind else {
                    continue;
                };
                if value == "<<" {
                    continue;
                }
                if let Some(&(first, _)) = entries[..i]
                    .iter()
                    .find(|&&(pk, _)| matches!(&self.nodes[pk].kind, Kind::Scalar { value: pv, .. } if pv == value))
                {
                    dups.push(YamlIssue::DuplicateKey { key: k, first });
                }
            }
        } else {
            let mut seen: HashMap<&str, NodeId> = HashMap::with_capacity(entries.len());
            for &(k, _) in entries {
                if let Kind::Scalar { value, .. } = &self.nodes[k].kind {
                    if value == "<<" {
                        continue;
                    }
                    if let Some(&first) = seen.get(value.as_ref()) {
                        dups.push(YamlIssue::DuplicateKey { key: k, first });
                    } else {
                        seen.insert(value, k);
                    }
                }
            }
        }
        self.issues.extend(dups);
    }

    /// Bounds alias expansion: counts the nodes a full expansion of the document would
    /// visit (memoised, so the count itself is linear) and cuts aliases past the bound.
    fn finish_document(&mut self, root: Option<NodeId>) {
        let Some(root) = root else { return };
        let has_alias = self.nodes[root..]
            .iter()
            .any(|n| matches!(n.kind, Kind::Alias { .. }));
        if !has_alias {
            return;
        }
        // Nodes of a document are contiguous and children precede parents' completion;
        // aliases point to earlier nodes. Sizes computed in index order are therefore ready.
        let base = self.first_node_of(root);
        let mut size: Vec<u64> = vec![0; self.nodes.len() - base];
        for id in base..self.nodes.len() {
            let s = match &self.nodes[id].kind {
                Kind::Scalar { .. } => 1,
                Kind::Alias { target } => match target {
                    Some(t) if *t >= base && *t < id => size[*t - base],
                    _ => 1,
                },
                _ => 1,
            };
            size[id - base] = s;
        }
        // Containers: sum children (children have smaller ids than their container's end
        // but containers are pushed before children, so iterate in reverse completion order).
        let mut order: Vec<NodeId> = (base..self.nodes.len()).collect();
        crate::syntax::text::sort_by_offsets(&mut order, |&id| (self.nodes[id].end, 0));
        // Recompute iteratively until stable for containers (depth-bounded by MAX_DEPTH).
        for _ in 0..2 {
            for &id in &order {
                let s: u64 = match &self.nodes[id].kind {
                    Kind::Seq { items, .. } => 1u64.saturating_add(
                        items
                            .iter()
                            .map(|&c| size[c - base])
                            .fold(0u64, u64::saturating_add),
                    ),
                    Kind::Map { entries, .. } => 1u64.saturating_add(
                        entries
                            .iter()
                            .map(|&(k, v)| size[k - base].saturating_add(size[v - base]))
                            .fold(0u64, u64::saturating_add),
                    ),
                    Kind::Alias { target: Some(t) } if *t >= base && *t < id => size[*t - base],
                    _ => size[id - base],
                };
                size[id - base] = s;
            }
        }
        let total = size[root - base];
        if total > MAX_EXPANSION {
            let mut first_alias = None;
            for id in base..self.nodes.len() {
                if let Kind::Alias { target } = &mut self.nodes[id].kind {
                    first_alias.get_or_insert(id);
                    *target = None;
                }
            }
            if let Some(alias) = first_alias {
                self.issues.push(YamlIssue::AliasBomb {
                    alias,
                    expanded: total,
                });
            }
        }
    }

    fn first_node_of(&self, root: NodeId) -> NodeId {
        // The root container is pushed first for its document; a scalar root is alone.
        root
    }

    // ----- value → source maps ------------------------------------------------------------

    /// For each character of a scalar's value: the byte range of the source text it came
    /// from, in value order. Falls back to the whole node span for every character if the
    /// source cannot be re-read to the same value.
    pub fn value_map(&self, id: NodeId) -> ValueMap {
        let node = &self.nodes[id];
        let Kind::Scalar {
            value,
            style,
            header,
        } = &node.kind
        else {
            return ValueMap {
                chars: vec![],
                fallback: (node.start, node.end),
            };
        };
        let text = self.text();
        let decoded = match style {
            Style::Plain => decode_flow(text, node.start, node.end, FlowKind::Plain),
            Style::SingleQuoted => decode_flow(
                text,
                node.start + 1,
                node.end.saturating_sub(1),
                FlowKind::Single,
            ),
            Style::DoubleQuoted => decode_flow(
                text,
                node.start + 1,
                node.end.saturating_sub(1),
                FlowKind::Double,
            ),
            Style::Literal | Style::Folded => {
                decode_block(text, *header, node.start, node.end, *style == Style::Folded)
            }
        };
        match decoded {
            Some(chars) if chars.iter().map(|c| c.0).eq(value.chars()) => ValueMap {
                chars: chars.into_iter().map(|(_, s, e)| (s, e)).collect(),
                fallback: (node.start, node.end),
            },
            _ => ValueMap {
                chars: vec![],
                fallback: (node.start, node.end),
            },
        }
    }
}

/// Map from value characters to source byte ranges.
#[derive(Debug, Clone)]
pub struct ValueMap {
    chars: Vec<(usize, usize)>,
    fallback: (usize, usize),
}

impl ValueMap {
    pub fn is_exact(&self) -> bool {
        !self.chars.is_empty() || self.fallback.0 == self.fallback.1
    }

    /// Source byte range of the value's characters `[from, to)` (character indices).
    pub fn source_range(&self, from: usize, to: usize) -> (usize, usize) {
        if self.chars.is_empty() {
            return self.fallback;
        }
        let n = self.chars.len();
        if from >= n {
            // Past the end (e.g. "unexpected end of input"): an empty range after the last char.
            let e = self.chars[n - 1].1;
            return (e, e);
        }
        let to = to.clamp(from + 1, n);
        (self.chars[from].0, self.chars[to - 1].1)
    }

    /// Source range for a byte range of the value string `value`.
    pub fn source_range_bytes(&self, value: &str, from: usize, to: usize) -> (usize, usize) {
        let f = value[..crate::syntax::source::floor_char_boundary(value, from)]
            .chars()
            .count();
        if to <= from {
            let (s, _) = self.source_range(f, f + 1);
            if f >= self.chars.len() && !self.chars.is_empty() {
                let e = self.chars[self.chars.len() - 1].1;
                return (e, e);
            }
            return (s, s);
        }
        let t = value[..crate::syntax::source::floor_char_boundary(value, to)]
            .chars()
            .count();
        self.source_range(f, t.max(f + 1))
    }
}

fn scalar_to_json(v: &str) -> serde_json::Value {
    use serde_json::Value;
    if is_null(v) {
        return Value::Null;
    }
    match v {
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if looks_numeric(v) {
        if let Ok(i) = v.parse::<i64>() {
            return Value::from(i);
        }
        if let Ok(f) = v.parse::<f64>() {
            if let Some(n) = serde_json::Number::from_f64(f) {
                return Value::Number(n);
            }
        }
    }
    Value::String(v.to_string())
}

fn is_null(v: &str) -> bool {
    matches!(v, "" | "~" | "null" | "Null" | "NULL")
}

fn plain_type(v: &str) -> &'static str {
    if is_null(v) {
        "null"
    } else if matches!(v, "true" | "True" | "TRUE" | "false" | "False" | "FALSE") {
        "boolean"
    } else if looks_numeric(v) {
        "number"
    } else {
        "string"
    }
}

/// YAML 1.2 core schema int/float (plus the forms YAML 1.1 parsers such as go-yaml take).
pub fn looks_numeric(v: &str) -> bool {
    let s = v.strip_prefix(['-', '+']).unwrap_or(v);
    if s.is_empty() {
        return false;
    }
    if let Some(h) = s.strip_prefix("0x") {
        return !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(o) = s.strip_prefix("0o") {
        return !o.is_empty() && o.chars().all(|c| c.is_digit(8));
    }
    if matches!(s, ".inf" | ".Inf" | ".INF") || matches!(v, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let mut digits = 0;
    let mut dot = false;
    let mut exp = false;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => digits += 1,
            b'.' if !dot && !exp => dot = true,
            b'e' | b'E' if !exp && digits > 0 => {
                exp = true;
                if i + 1 < b.len() && (b[i + 1] == b'+' || b[i + 1] == b'-') {
                    i += 1;
                }
                if i + 1 >= b.len() {
                    return false;
                }
            }
            _ => return false,
        }
        i += 1;
    }
    digits > 0
}

/// Start of the first line after the one holding `offset` that is a document marker
/// (`---` followed by a blank, a line break or the end).
fn next_document_marker(text: &str, offset: usize) -> Option<usize> {
    let mut at = text[offset..].find('\n').map(|p| offset + p + 1)?;
    loop {
        let rest = &text[at..];
        if let Some(after) = rest.strip_prefix("---") {
            if after.is_empty() || after.starts_with([' ', '\t', '\n', '\r']) {
                return Some(at);
            }
        }
        at += rest.find('\n')? + 1;
    }
}

/// End (exclusive) of a quoted scalar starting at `start`, at most `limit`.
fn closing_quote_end(text: &str, start: usize, limit: usize, style: Style) -> usize {
    let b = text.as_bytes();
    let mut i = start + 1;
    while i < b.len() {
        match (style, b[i]) {
            (Style::DoubleQuoted, b'\\') => i += 2,
            (Style::DoubleQuoted, b'"') => return i + 1,
            (Style::SingleQuoted, b'\'') if b.get(i + 1) == Some(&b'\'') => i += 2,
            (Style::SingleQuoted, b'\'') => return i + 1,
            _ => i += 1,
        }
    }
    limit
}

fn find_block_header(text: &str, from: usize, to: usize) -> Option<usize> {
    let from = from.min(to);
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        match bytes[i] {
            b'|' | b'>' => return Some(i),
            b'#' => {
                // Skip the comment to the end of its line.
                while i < to && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[derive(Clone, Copy, PartialEq)]
enum FlowKind {
    Plain,
    Single,
    Double,
}

/// (char, source start, source end)
type Mapped = Vec<(char, usize, usize)>;

/// Splits `text[start..end]` into lines: (content start, content end, break end) with `\r\n`
/// treated as one break.
fn lines_of(text: &str, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut ls = start;
    let mut i = start;
    while i < end {
        if bytes[i] == b'\n' {
            let ce = if i > ls && bytes[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push((ls, ce, i + 1));
            ls = i + 1;
        }
        i += 1;
    }
    out.push((ls, end, end));
    out
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Re-reads a plain, single- or double-quoted scalar (between its quotes).
fn decode_flow(text: &str, start: usize, end: usize, kind: FlowKind) -> Option<Mapped> {
    if start > end || end > text.len() {
        return None;
    }
    let bytes = text.as_bytes();
    let lines = lines_of(text, start, end);
    let mut out: Mapped = Vec::new();
    let last = lines.len() - 1;
    // Pending folded break: (source start, source end, number of empty lines seen)
    for (li, &(ls, le, be)) in lines.iter().enumerate() {
        // Content bounds: first line keeps leading space (quoted) / has none (plain);
        // later lines drop leading whitespace; all but the last drop trailing whitespace.
        let mut cs = ls;
        if li > 0 {
            while cs < le && is_ws(bytes[cs]) {
                cs += 1;
            }
        }
        let mut ce = le;
        if li < last {
            while ce > cs && is_ws(bytes[ce - 1]) {
                // In double quotes, an escaped space/tab before the break is content.
                if kind == FlowKind::Double && ce >= 2 + cs && bytes[ce - 2] == b'\\' {
                    break;
                }
                ce -= 1;
            }
        }
        if li > 0 && cs == le && li < last {
            // An empty line: a literal newline in the value.
            out.push(('\n', ls, be));
            continue;
        }
        // Decode the content of this line.
        let mut escaped_break = false;
        let mut i = cs;
        while i < ce {
            let c = text[i..].chars().next()?;
            let clen = c.len_utf8();
            match kind {
                FlowKind::Single if c == '\'' => {
                    if i + 1 < ce && bytes[i + 1] == b'\'' {
                        out.push(('\'', i, i + 2));
                        i += 2;
                        continue;
                    }
                    return None;
                }
                FlowKind::Double if c == '\\' => {
                    if i + 1 >= ce {
                        // Escaped line break: no folding space.
                        if li < last {
                            escaped_break = true;
                            i += 1;
                            continue;
                        }
                        return None;
                    }
                    let e = bytes[i + 1];
                    let simple = match e {
                        b'0' => Some('\0'),
                        b'a' => Some('\x07'),
                        b'b' => Some('\x08'),
                        b't' | b'\t' => Some('\t'),
                        b'n' => Some('\n'),
                        b'v' => Some('\x0b'),
                        b'f' => Some('\x0c'),
                        b'r' => Some('\r'),
                        b'e' => Some('\x1b'),
                        b' ' => Some(' '),
                        b'"' => Some('"'),
                        b'/' => Some('/'),
                        b'\\' => Some('\\'),
                        b'N' => Some('\u{85}'),
                        b'_' => Some('\u{a0}'),
                        b'L' => Some('\u{2028}'),
                        b'P' => Some('\u{2029}'),
                        _ => None,
                    };
                    if let Some(ch) = simple {
                        out.push((ch, i, i + 2));
                        i += 2;
                        continue;
                    }
                    let n = match e {
                        b'x' => 2,
                        b'u' => 4,
                        b'U' => 8,
                        _ => return None,
                    };
                    let hex = text.get(i + 2..i + 2 + n)?;
                    let cp = u32::from_str_radix(hex, 16).ok()?;
                    out.push((char::from_u32(cp)?, i, i + 2 + n));
                    i += 2 + n;
                    continue;
                }
                _ => {}
            }
            out.push((c, i, i + clen));
            i += clen;
        }
        if li < last {
            // Fold the break: count following empty lines; if none, a space.
            let next_nonempty = lines[li + 1..]
                .iter()
                .position(|&(nls, nle, _)| !(nls..nle).all(|k| is_ws(bytes[k])))
                .map(|p| li + 1 + p);
            let followed_by_empty = matches!(next_nonempty, Some(n) if n > li + 1)
                || (next_nonempty.is_none() && li + 1 < last);
            if !escaped_break && !followed_by_empty {
                out.push((' ', ce, be));
            }
        }
    }
    Some(out)
}

/// Re-reads a literal (`|`) or folded (`>`) block scalar.
fn decode_block(
    text: &str,
    header: Option<usize>,
    start: usize,
    end: usize,
    folded: bool,
) -> Option<Mapped> {
    let header = header?;
    let bytes = text.as_bytes();
    // Indicators after `|`/`>`.
    let mut chomp = 'c';
    let mut explicit: Option<usize> = None;
    let mut i = header + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'-' => chomp = '-',
            b'+' => chomp = '+',
            d @ b'1'..=b'9' => explicit = Some((d - b'0') as usize),
            _ => break,
        }
        i += 1;
    }
    // Content starts on the line after the header.
    let header_line_end = text[header..].find('\n').map(|p| header + p + 1)?;
    let start = header_line_end.min(start);
    let end = end.max(start);
    // The parent's indentation: column of the line holding the header's key.
    let lines = lines_of(text, start, end);
    let indent = match explicit {
        Some(n) => {
            let line_start = text[..header].rfind('\n').map(|p| p + 1).unwrap_or(0);
            let parent_indent = bytes[line_start..header]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            parent_indent + n
        }
        None => lines
            .iter()
            .find(|&&(ls, le, _)| (ls..le).any(|k| bytes[k] != b' '))
            .map(|&(ls, le, _)| (ls..le).take_while(|&k| bytes[k] == b' ').count())?,
    };
    // Classify lines: content (start after indentation, end, break end) or empty.
    let mut body: Vec<(usize, usize, usize, bool)> = Vec::new(); // (cs, ce, be, empty)
    for &(ls, le, be) in &lines {
        if ls == le && be == le && ls == end {
            continue; // the empty tail after the last break
        }
        let lead = (ls..le).take_while(|&k| bytes[k] == b' ').count();
        if lead == le - ls && lead <= indent {
            body.push((le, le, be, true));
        } else if lead == le - ls {
            // Whitespace-only line deeper than the indentation: content in a block scalar.
            body.push((ls + indent, le, be, false));
        } else {
            if lead < indent {
                break;
            }
            body.push((ls + indent, le, be, false));
        }
    }
    let last_content = body.iter().rposition(|l| !l.3);
    let mut out: Mapped = Vec::new();
    let Some(last_content) = last_content else {
        if chomp == '+' {
            for &(cs, _, be, _) in &body {
                out.push(('\n', cs, be));
            }
        }
        return Some(out);
    };
    let more_indented = |cs: usize| matches!(bytes.get(cs), Some(b' ') | Some(b'\t'));
    let mut prev: Option<usize> = None; // index of previous content line
    for n in 0..=last_content {
        let (cs, ce, _, empty) = body[n];
        if empty {
            continue;
        }
        if let Some(p) = prev {
            let (pcs, pce, pbe, _) = body[p];
            let empties = &body[p + 1..n];
            let both_normal = folded && !more_indented(pcs) && !more_indented(cs) && pcs < pce;
            if both_normal {
                if empties.is_empty() {
                    out.push((' ', pce, pbe));
                }
            } else {
                out.push(('\n', pce, pbe));
            }
            for &(ecs, _, ebe, _) in empties {
                out.push(('\n', ecs, ebe));
            }
        } else {
            // Leading empty lines are newlines in both styles.
            for &(ecs, _, ebe, _) in &body[..n] {
                out.push(('\n', ecs, ebe));
            }
        }
        let mut i = cs;
        while i < ce {
            let c = text[i..].chars().next()?;
            out.push((c, i, i + c.len_utf8()));
            i += c.len_utf8();
        }
        prev = Some(n);
    }
    let (_, lce, lbe, _) = body[last_content];
    match chomp {
        '-' => {}
        '+' => {
            out.push(('\n', lce, lbe.max(lce)));
            for &(ecs, _, ebe, _) in &body[last_content + 1..] {
                out.push(('\n', ecs, ebe));
            }
        }
        _ => out.push(('\n', lce, lbe.max(lce))),
    }
    Some(out)
}

/// Turns the parser's message into a plain-language cause.
fn explain_syntax_error(text: &str, offset: usize, info: &str) -> String {
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map(|p| p + 1)
        .unwrap_or(0);
    let line_end = text[line_start..]
        .find('\n')
        .map(|p| line_start + p)
        .unwrap_or(text.len());
    let line = &text[line_start..line_end];
    let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    if indent.contains('\t')
        || text[line_start..offset.min(line_end).max(line_start)].ends_with('\t')
    {
        return format!(
            "tab character used for indentation; YAML indents with spaces only ({info})"
        );
    }
    let lower = info.to_ascii_lowercase();
    if lower.contains("quoted scalar")
        || (lower.contains("unexpected end") && unbalanced_quote(text, offset))
    {
        return format!("a quoted string is not closed: the quote that opens it has no matching closing quote ({info})");
    }
    if lower.contains("mapping values are not allowed") {
        return format!("a `key: value` appears where it is not allowed; usually wrong indentation or an unquoted value containing `: ` ({info})");
    }
    if lower.contains("did not find expected key")
        || lower.contains("invalid indentation")
        || lower.contains("block")
    {
        return format!("bad indentation: this line does not line up with its siblings ({info})");
    }
    if lower.contains("unprintable") || lower.contains("control") {
        return format!(
            "the text contains a control or binary character that YAML does not allow ({info})"
        );
    }
    format!("invalid YAML: {info}")
}

fn unbalanced_quote(text: &str, offset: usize) -> bool {
    let before = &text[..offset.min(text.len())];
    before.matches('"').count() % 2 == 1 || before.matches('\'').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar_of(y: &Yaml, key: &str) -> NodeId {
        let root = y.docs[0].root.unwrap();
        y.get(root, key).unwrap()
    }

    /// Every value char maps back to source text that produced it.
    fn check_map(src: &str, key: &str, expect: &str) {
        let y = Yaml::parse(src);
        assert!(y.issues.is_empty(), "{:?}", y.issues);
        let id = scalar_of(&y, key);
        assert_eq!(y.scalar(id).unwrap(), expect);
        let m = y.value_map(id);
        assert!(
            !m.chars.is_empty() || expect.is_empty(),
            "no exact map for {key}: {src:?}"
        );
        for (i, c) in expect.chars().enumerate() {
            let (s, e) = m.source_range(i, i + 1);
            let srcpart = &src[s..e];
            if c != '\n' && c != ' ' {
                assert!(
                    srcpart.contains(c) || srcpart.starts_with('\\') || srcpart == "''",
                    "char {i} {c:?} of {key} maps to {srcpart:?}"
                );
            }
        }
    }

    #[test]
    fn maps_each_style() {
        check_map("a: plain value  # c\n", "a", "plain value");
        check_map("a: \"dq \\\" x\\u00e9\"\n", "a", "dq \" xé");
        check_map("a: 'sq '' y'\n", "a", "sq ' y");
        check_map("a: |\n  line1\n   line2\n\nb: 1\n", "a", "line1\n line2\n");
        check_map("a: |-\n  [\"x\",\n   \"y\"]\n", "a", "[\"x\",\n \"y\"]");
        check_map("a: |+\n  x\n\n", "a", "x\n\n");
        check_map("a: >-\n  f1\n  f2\n", "a", "f1 f2");
        check_map("a: >\n  f1\n\n  f2\n", "a", "f1\nf2\n");
        check_map("a: plain\n  multi\n", "a", "plain multi");
        check_map("a: \"x\n  y\"\n", "a", "x y");
        check_map("a: \"x\\\n  y\"\n", "a", "xy");
        check_map("a: 'x\n\n  y'\n", "a", "x\ny");
        check_map("a: |2\n    x\n  y\n", "a", "  x\ny\n");
        check_map("a: \"é€ [x]\"\r\nb: 1\r\n", "a", "é€ [x]");
        check_map("a: |\r\n  [x]\r\n  [y]\r\n", "a", "[x]\n[y]\n");
    }

    #[test]
    fn value_positions_exact() {
        let src = "k: \"[\\\"a\\\", x]\"\n";
        let y = Yaml::parse(src);
        let id = scalar_of(&y, "k");
        let v = y.scalar(id).unwrap();
        assert_eq!(v, "[\"a\", x]");
        let m = y.value_map(id);
        let (s, e) = m.source_range(6, 7);
        assert_eq!(&src[s..e], "x");
        let (s, e) = m.source_range(1, 2);
        assert_eq!(&src[s..e], "\\\"");
    }

    #[test]
    fn duplicate_keys_reported() {
        let y = Yaml::parse("a: 1\nb: 2\na: 3\n");
        assert!(matches!(y.issues[..], [YamlIssue::DuplicateKey { .. }]));
        assert_eq!(
            y.scalar(y.get(y.docs[0].root.unwrap(), "a").unwrap()),
            Some("3")
        );
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let y = Yaml::parse(&s);
        assert!(
            y.issues
                .iter()
                .any(|i| matches!(i, YamlIssue::AliasBomb { .. })),
            "{:?}",
            y.issues
        );
    }

    #[test]
    fn aliases_and_merge_keys_resolve() {
        let y = Yaml::parse("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\nd: *b\n");
        let root = y.docs[0].root.unwrap();
        let c = y.get(root, "c").unwrap();
        assert_eq!(y.scalar(y.get(c, "x").unwrap()), Some("1"));
        let d = y.get(root, "d").unwrap();
        assert_eq!(y.scalar(y.get(d, "x").unwrap()), Some("1"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let src = "[".repeat(10_000) + &"]".repeat(10_000);
        let y = Yaml::parse(&src);
        assert!(!y.issues.is_empty());
        let mut block = String::new();
        for i in 0..3000 {
            block.push_str(&" ".repeat(i));
            block.push_str("k:\n");
        }
        let y = Yaml::parse(&block);
        assert!(!y.issues.is_empty());
    }

    #[test]
    fn syntax_errors_explained() {
        let y = Yaml::parse("a:\n\tb: 1\n");
        match &y.issues[0] {
            YamlIssue::Syntax { message, .. } => assert!(message.contains("tab"), "{message}"),
            i => panic!("{i:?}"),
        }
        let y = Yaml::parse("a: \"open\nb: 1\n");
        match &y.issues[0] {
            YamlIssue::Syntax { message, .. } => {
                assert!(message.contains("quoted string is not closed"), "{message}")
            }
            i => panic!("{i:?}"),
        }
    }

    #[test]
    fn documents_after_a_broken_one_are_still_read() {
        let src = "a: 1\n---\nb: \"open\n  c: [\n---\nd: é\n---\ne: 5\n";
        let y = Yaml::parse(src);
        assert!(
            matches!(y.issues[..], [YamlIssue::Syntax { .. }]),
            "{:?}",
            y.issues
        );
        let keys: Vec<&str> = y
            .docs
            .iter()
            .filter_map(|d| d.root)
            .flat_map(|r| y.entries(r))
            .filter_map(|(k, _)| y.scalar(k))
            .collect();
        assert_eq!(keys, vec!["a", "d", "e"]);
        let d = y.docs.iter().filter_map(|d| d.root).nth(1).unwrap();
        let v = y.get(d, "d").unwrap();
        assert_eq!(&src[y.node(v).start..y.node(v).end], "é");
    }

    #[test]
    fn multi_document_spans() {
        let src = "a: 1\n---\nb: 2\n...\n---\n- x\n";
        let y = Yaml::parse(src);
        assert_eq!(y.docs.len(), 3);
        let r = y.docs[2].root.unwrap();
        assert_eq!(&src[y.node(r).start..y.node(r).end], "- x");
    }
}
