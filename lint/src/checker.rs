//! The state shared by all rules while checking one source text.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::k8s::{Holder, Model, Object};
use crate::profile::Profile;
use crate::rules::Rule;
use crate::yaml::{NodeId, ValueMap, Yaml};

/// Objects outside the checked text that references may resolve against.
pub struct Inventory<'a> {
    pub yaml: &'a Yaml<'a>,
    pub model: &'a Model,
}

pub struct Checker<'a> {
    pub yaml: &'a Yaml<'a>,
    pub model: &'a Model,
    pub profile: &'a Profile,
    pub inventory: Option<Inventory<'a>>,
    pub diagnostics: Vec<Diagnostic>,
    annotations: std::cell::OnceCell<Vec<Annotation<'a>>>,
    nads: std::cell::OnceCell<std::rc::Rc<crate::multus::nad::NadIndex>>,
    value_maps: std::cell::RefCell<std::collections::HashMap<NodeId, std::rc::Rc<ValueMap>>>,
}

/// One annotation entry of a metadata mapping.
#[derive(Debug, Clone, Copy)]
pub struct Annotation<'h> {
    pub holder: &'h Holder,
    pub key: &'h str,
    pub key_node: NodeId,
    pub value_node: NodeId,
}

impl<'a> Checker<'a> {
    pub fn new(
        yaml: &'a Yaml<'a>,
        model: &'a Model,
        profile: &'a Profile,
        inventory: Option<Inventory<'a>>,
    ) -> Self {
        Checker {
            yaml,
            model,
            profile,
            inventory,
            diagnostics: Vec::new(),
            annotations: std::cell::OnceCell::new(),
            nads: std::cell::OnceCell::new(),
            value_maps: Default::default(),
        }
    }

    /// A finding of `rule` over the source bytes `start..end`.
    pub fn diagnostic(
        &self,
        rule: &Rule,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.id.to_string(),
            name: rule.name.to_string(),
            severity: rule.severity,
            message: message.into(),
            object: None,
            path: None,
            range: self.yaml.index.range(start, end),
            fix: None,
        }
    }

    /// A finding about a field of an object.
    pub fn object_diagnostic(
        &self,
        rule: &Rule,
        object: &Object,
        path: String,
        (start, end): (usize, usize),
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut d = self.diagnostic(rule, start, end, message);
        d.object = Some(object.reference());
        d.path = Some(format!("{}{}", object.prefix, path));
        d
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Attaches the object whose text contains `offset`, if any.
    pub fn attach_object_at(&self, mut d: Diagnostic, offset: usize) -> Diagnostic {
        if let Some(o) = self
            .model
            .objects
            .iter()
            .filter(|o| {
                let n = self.yaml.node(o.node);
                n.start <= offset && offset <= n.end
            })
            .min_by_key(|o| {
                let n = self.yaml.node(o.node);
                n.end - n.start
            })
        {
            d.object = Some(o.reference());
        }
        d
    }

    pub fn edit(&self, start: usize, end: usize, content: impl Into<String>) -> Edit {
        Edit {
            range: self.yaml.index.range(start, end),
            content: content.into(),
        }
    }

    pub fn fix(
        &self,
        title: impl Into<String>,
        applicability: Applicability,
        edits: Vec<(usize, usize, String)>,
    ) -> Fix {
        let mut edits: Vec<Edit> = edits
            .into_iter()
            .map(|(s, e, c)| self.edit(s, e, c))
            .collect();
        crate::text::sort_by_offsets(&mut edits, |e| (e.range.start.offset, 0));
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    /// Every annotation in every metadata mapping of the checked text (computed once).
    pub fn annotations(&self) -> Vec<Annotation<'a>> {
        self.annotations
            .get_or_init(|| {
                let mut out = Vec::new();
                let (yaml, model): (&'a Yaml<'a>, &'a Model) = (self.yaml, self.model);
                for h in &model.holders {
                    let Some(ann) = yaml.get(h.metadata, "annotations") else {
                        continue;
                    };
                    for (k, v) in yaml.entries(ann) {
                        if let Some(key) = yaml.scalar(k) {
                            out.push(Annotation {
                                holder: h,
                                key,
                                key_node: k,
                                value_node: v,
                            });
                        }
                    }
                }
                out
            })
            .clone()
    }

    /// The value → source map of a scalar (computed once per node).
    pub fn value_map(&self, node: NodeId) -> std::rc::Rc<ValueMap> {
        self.value_maps
            .borrow_mut()
            .entry(node)
            .or_insert_with(|| std::rc::Rc::new(self.yaml.value_map(node)))
            .clone()
    }

    /// The NetworkAttachmentDefinitions of the input and the inventory (built once).
    pub fn nads(&self) -> std::rc::Rc<crate::multus::nad::NadIndex> {
        self.nads
            .get_or_init(|| std::rc::Rc::new(crate::multus::nad::NadIndex::build(self)))
            .clone()
    }

    pub fn object(&self, idx: usize) -> &'a Object {
        &self.model.objects[idx]
    }

    /// Objects of the checked text, then those of the inventory, each with the YAML it
    /// lives in and whether it comes from the inventory.
    pub fn all_objects(&self) -> Vec<(&'a Yaml<'a>, &'a Object, bool)> {
        let mut out: Vec<(&'a Yaml<'a>, &'a Object, bool)> = self
            .model
            .objects
            .iter()
            .map(|o| (self.yaml, o, false))
            .collect();
        if let Some(inv) = &self.inventory {
            out.extend(inv.model.objects.iter().map(|o| (inv.yaml, o, true)));
        }
        out
    }

    /// Whether any object of `kind` is in the input or the inventory.
    pub fn has_kind(&self, kind: &str) -> bool {
        self.all_objects().iter().any(|(_, o, _)| o.kind() == kind)
    }
}
