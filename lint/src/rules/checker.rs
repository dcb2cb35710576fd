//! The state shared by all rules while checking one source text.

use crate::fix::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::model::k8s::{Model, Object};
use crate::model::profile::Profile;
use crate::rules::Rule;
use crate::syntax::yaml::Yaml;

use crate::model::semantic::Semantic;
pub use crate::model::semantic::{Annotation, Inventory};

/// The state of one check: the [`Semantic`] model the rules read (through `Deref`, so
/// `cx.yaml`, `cx.calico()`, …) and the findings they push.
pub struct Checker<'a> {
    pub semantic: Semantic<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> std::ops::Deref for Checker<'a> {
    type Target = Semantic<'a>;
    fn deref(&self) -> &Semantic<'a> {
        &self.semantic
    }
}

impl<'a> Checker<'a> {
    pub fn new(
        yaml: &'a Yaml<'a>,
        model: &'a Model,
        profile: &'a Profile,
        inventory: Option<Inventory<'a>>,
    ) -> Self {
        Checker {
            semantic: Semantic::new(yaml, model, profile, inventory),
            diagnostics: Vec::new(),
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
            help: None,
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
        crate::syntax::text::sort_by_offsets(&mut edits, |e| (e.range.start.offset, 0));
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }
}
