//! The semantic cache of one check: the parsed input (and inventory) with everything decoded
//! from it, each decoded once on first use and shared by the rules, the hovers and the forms.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::model::calico::Calico;
use crate::model::k8s::{Holder, Model, Object};
use crate::model::multus::nad::NadIndex;
use crate::model::multus::{self, Networks};
use crate::model::profile::Profile;
use crate::syntax::yaml::{NodeId, ValueMap, Yaml};

/// Objects outside the checked text that references may resolve against.
pub struct Inventory<'a> {
    pub yaml: &'a Yaml<'a>,
    pub model: &'a Model,
}

/// One annotation entry of a metadata mapping.
#[derive(Debug, Clone, Copy)]
pub struct Annotation<'h> {
    pub holder: &'h Holder,
    pub key: &'h str,
    pub key_node: NodeId,
    pub value_node: NodeId,
}

/// How many times each annotation family was decoded in this check (see [`Semantic`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decodes {
    /// Builds of the Calico model (every `cni.projectcalico.org/*` annotation and IPPool).
    pub calico: u32,
    /// Parses of a Multus networks (or default-network) value, counted per distinct value node.
    pub networks: u32,
    /// Builds of the NAD index (every NetworkAttachmentDefinition's config).
    pub nads: u32,
}

/// The parsed input, its object model, the profile and the inventory, with the decoded
/// annotations cached: [`Semantic::calico`], [`Semantic::networks`] and [`Semantic::nads`]
/// decode on first use and hand out the same value afterwards.
pub struct Semantic<'a> {
    pub yaml: &'a Yaml<'a>,
    pub model: &'a Model,
    pub profile: &'a Profile,
    pub inventory: Option<Inventory<'a>>,
    annotations: OnceCell<Vec<Annotation<'a>>>,
    nads: OnceCell<Rc<NadIndex>>,
    calico: OnceCell<Rc<Calico<'a>>>,
    networks: RefCell<HashMap<(NodeId, String), Rc<Networks>>>,
    value_maps: RefCell<HashMap<NodeId, Rc<ValueMap>>>,
    decodes: Cell<Decodes>,
}

impl<'a> Semantic<'a> {
    pub fn new(
        yaml: &'a Yaml<'a>,
        model: &'a Model,
        profile: &'a Profile,
        inventory: Option<Inventory<'a>>,
    ) -> Self {
        Semantic {
            yaml,
            model,
            profile,
            inventory,
            annotations: OnceCell::new(),
            nads: OnceCell::new(),
            calico: OnceCell::new(),
            networks: RefCell::default(),
            value_maps: RefCell::default(),
            decodes: Cell::default(),
        }
    }

    /// How many decodes this check has done so far.
    pub fn decodes(&self) -> Decodes {
        self.decodes.get()
    }

    fn count(&self, f: impl FnOnce(&mut Decodes)) {
        let mut d = self.decodes.get();
        f(&mut d);
        self.decodes.set(d);
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
    pub fn value_map(&self, node: NodeId) -> Rc<ValueMap> {
        self.value_maps
            .borrow_mut()
            .entry(node)
            .or_insert_with(|| Rc::new(self.yaml.value_map(node)))
            .clone()
    }

    /// The NetworkAttachmentDefinitions of the input and the inventory (built once).
    pub fn nads(&self) -> Rc<NadIndex> {
        self.nads
            .get_or_init(|| {
                self.count(|d| d.nads += 1);
                Rc::new(NadIndex::build(self))
            })
            .clone()
    }

    /// The Calico annotations and IPPools (decoded once).
    pub fn calico(&self) -> Rc<Calico<'a>> {
        self.calico
            .get_or_init(|| {
                self.count(|d| d.calico += 1);
                Rc::new(Calico::build(self))
            })
            .clone()
    }

    /// The Multus networks (or default-network) value `value` of the scalar `node`, read
    /// with `default_namespace` (parsed once per node and namespace).
    pub fn networks(&self, node: NodeId, value: &str, default_namespace: &str) -> Rc<Networks> {
        let key = (node, default_namespace.to_string());
        if let Some(n) = self.networks.borrow().get(&key) {
            return n.clone();
        }
        self.count(|d| d.networks += 1);
        let n = Rc::new(multus::parse_networks(value, default_namespace));
        self.networks.borrow_mut().insert(key, n.clone());
        n
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
