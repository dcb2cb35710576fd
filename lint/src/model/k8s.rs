//! The object model: which Kubernetes object each YAML document (or `List` item) is, and
//! where its pod metadata and spec live.

use crate::model::profile::Profile;
use crate::model::template::Templated;
use crate::syntax::yaml::{NodeId, Yaml};
use serde::{Deserialize, Serialize};

/// The Kubernetes object a finding belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    pub kind: String,
    pub namespace: Option<String>,
    pub name: Option<String>,
}

/// Kinds that run pods from a template, with the path of the template.
const TEMPLATE_PATHS: &[(&str, &[&str])] = &[
    ("Deployment", &["spec", "template"]),
    ("ReplicaSet", &["spec", "template"]),
    ("ReplicationController", &["spec", "template"]),
    ("StatefulSet", &["spec", "template"]),
    ("DaemonSet", &["spec", "template"]),
    ("Job", &["spec", "template"]),
    ("CronJob", &["spec", "jobTemplate", "spec", "template"]),
    ("PodTemplate", &["template"]),
];

const CLUSTER_SCOPED: &[&str] = &[
    "Namespace",
    "IPPool",
    "IPReservation",
    "Node",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
];

/// One Kubernetes object: a document's root mapping or an item of a `kind: List`.
#[derive(Debug, Clone)]
pub struct Object {
    /// The object's mapping node.
    pub node: NodeId,
    pub kind: Option<String>,
    pub api_version: Option<String>,
    pub name: Option<String>,
    /// `metadata.namespace` as written.
    pub namespace: Option<String>,
    /// The namespace the object lives in (the profile's namespace when none is written).
    pub effective_namespace: String,
    /// Path prefix for findings, e.g. `items[2].` for List items; empty otherwise.
    pub prefix: String,
    /// Index of the YAML document.
    pub doc: usize,
}

impl Object {
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("")
    }

    pub fn is_cluster_scoped(&self) -> bool {
        CLUSTER_SCOPED.contains(&self.kind())
    }

    pub fn reference(&self) -> ObjectRef {
        ObjectRef {
            kind: self.kind.clone().unwrap_or_default(),
            namespace: if self.is_cluster_scoped() {
                None
            } else {
                Some(self.effective_namespace.clone())
            },
            name: self.name.clone(),
        }
    }

    /// `Kind ns/name` for messages.
    pub fn display(&self) -> String {
        let name = self.name.as_deref().unwrap_or("(unnamed)");
        if self.is_cluster_scoped() {
            format!("{} {}", self.kind(), name)
        } else {
            format!("{} {}/{}", self.kind(), self.effective_namespace, name)
        }
    }

    pub fn is_controller(&self) -> bool {
        TEMPLATE_PATHS.iter().any(|(k, _)| *k == self.kind())
    }

    /// Whether the document is, or clearly tries to be, a Kubernetes object that object-shape
    /// rules apply to: a kind podnet knows (a Pod, a controller, a NAD, a pool, a Namespace),
    /// or any other kind with an apiVersion that is not tool configuration. Helm values,
    /// `Chart.yaml`, CI workflows, Kustomizations and CNI config fragments are not.
    ///
    /// ```
    /// use podnet_lint::{k8s::Model, yaml::Yaml, Profile};
    /// let is_object = |src: &str| {
    ///     let y = Yaml::parse(src);
    ///     Model::build(&y, &Profile::default()).objects[0].is_object()
    /// };
    /// assert!(is_object("kind: Pod\nname: web\n"));
    /// assert!(is_object("apiVersion: example.com/v1\nkind: Widget\n"));
    /// assert!(!is_object("apiVersion: v2\nname: hybridnet\n"));
    /// assert!(!is_object("name: CI\non: push\n"));
    /// assert!(!is_object("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"));
    /// ```
    pub fn is_object(&self) -> bool {
        let kind = self.kind();
        if kind.is_empty() || TOOL_KINDS.contains(&kind) {
            return false;
        }
        let api = self.api_version.as_deref().unwrap_or("");
        if api.starts_with("kustomize.config.k8s.io/") || api.starts_with("config.kubernetes.io/") {
            return false;
        }
        kind == "Pod" || self.is_controller() || KNOWN_KINDS.contains(&kind) || !api.is_empty()
    }
}

/// Kinds podnet reads besides Pods and controllers.
const KNOWN_KINDS: &[&str] = &[
    "NetworkAttachmentDefinition",
    "IPPool",
    "IPReservation",
    "Namespace",
    "HorizontalPodAutoscaler",
];

/// Kinds with apiVersion and kind that configure tools, not the cluster.
pub const TOOL_KINDS: &[&str] = &["Kustomization", "Component"];

/// Where a pod's metadata and spec are: the Pod itself or a controller's template.
#[derive(Debug, Clone)]
pub struct PodSite {
    /// Index into [`Model::objects`].
    pub object: usize,
    /// The node holding `metadata` and `spec` (the Pod, or the template mapping).
    pub holder: NodeId,
    pub metadata: Option<NodeId>,
    pub spec: Option<NodeId>,
    /// Dotted path of the holder inside the object, `""` for a Pod, `spec.template.` …
    pub path: String,
}

/// What a `metadata` mapping belongs to, which decides whether Multus and Calico read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A Pod's own metadata: read.
    Pod,
    /// A controller's pod template metadata: copied to every Pod, read.
    Template,
    /// A controller's own metadata: never copied to its Pods.
    ControllerOwn,
    /// A Namespace's metadata (Calico reads pool annotations there).
    Namespace,
    /// Any other object.
    Other,
}

/// One `metadata` mapping.
#[derive(Debug, Clone)]
pub struct Holder {
    pub object: usize,
    pub metadata: NodeId,
    /// Path of the metadata inside the object, e.g. `spec.template.metadata`.
    pub path: String,
    pub place: Place,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub objects: Vec<Object>,
    pub pods: Vec<PodSite>,
    pub holders: Vec<Holder>,
    /// Documents left out because they are templates (see [`crate::model::template`]).
    pub templated: Vec<Templated>,
    /// Pod metadata node → index into `pods`.
    pod_by_metadata: std::collections::HashMap<NodeId, usize>,
}

impl Model {
    pub fn build(yaml: &Yaml, profile: &Profile) -> Model {
        let mut m = Model {
            templated: crate::model::template::templated(yaml),
            ..Model::default()
        };
        for (d, doc) in yaml.docs.iter().enumerate() {
            let Some(root) = doc.root else { continue };
            if m.in_template(yaml.node(root).start) {
                continue;
            }
            if !yaml.is_map(root) {
                continue;
            }
            let kind = yaml.get(root, "kind").and_then(|k| yaml.str_value(k));
            if kind.is_some_and(|k| k == "List" || k.ends_with("List")) {
                if let Some(items) = yaml.get(root, "items") {
                    for (i, &item) in yaml.items(items).iter().enumerate() {
                        if yaml.is_map(item) {
                            m.add(yaml, profile, item, d, format!("items[{i}]."));
                        }
                    }
                }
                continue;
            }
            m.add(yaml, profile, root, d, String::new());
        }
        m.pod_by_metadata = m
            .pods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.metadata.map(|md| (md, i)))
            .collect();
        m
    }

    /// Whether the byte `offset` lies in a template document.
    pub fn in_template(&self, offset: usize) -> bool {
        self.templated
            .iter()
            .any(|t| (t.start..t.end).contains(&offset))
    }

    /// The pod (index into `pods`) whose metadata mapping is `metadata`.
    pub fn pod_of(&self, metadata: NodeId) -> Option<usize> {
        self.pod_by_metadata.get(&metadata).copied()
    }

    fn add(&mut self, yaml: &Yaml, profile: &Profile, node: NodeId, doc: usize, prefix: String) {
        let s = |key: &str| {
            yaml.get(node, key)
                .and_then(|v| yaml.str_value(v))
                .map(str::to_string)
        };
        let metadata = yaml.get(node, "metadata").filter(|&m| yaml.is_map(m));
        let ms = |key: &str| {
            metadata
                .and_then(|m| yaml.get(m, key))
                .and_then(|v| yaml.str_value(v))
                .map(str::to_string)
        };
        let namespace = ms("namespace");
        let obj = Object {
            node,
            kind: s("kind"),
            api_version: s("apiVersion"),
            name: ms("name").or_else(|| ms("generateName")),
            effective_namespace: namespace
                .clone()
                .unwrap_or_else(|| profile.namespace.clone()),
            namespace,
            prefix,
            doc,
        };
        let idx = self.objects.len();
        let kind = obj.kind().to_string();
        let own_place = match kind.as_str() {
            "Pod" => Place::Pod,
            "Namespace" => Place::Namespace,
            _ if obj.is_controller() => Place::ControllerOwn,
            _ => Place::Other,
        };
        self.objects.push(obj);
        if let Some(md) = metadata {
            self.holders.push(Holder {
                object: idx,
                metadata: md,
                path: "metadata".into(),
                place: own_place,
            });
        }
        if kind == "Pod" {
            self.pods.push(PodSite {
                object: idx,
                holder: node,
                metadata,
                spec: yaml.get(node, "spec"),
                path: String::new(),
            });
        } else if let Some((_, path)) = TEMPLATE_PATHS.iter().find(|(k, _)| *k == kind) {
            let mut cur = Some(node);
            for key in path.iter() {
                cur = cur
                    .and_then(|c| yaml.get(c, key))
                    .filter(|&c| yaml.is_map(c));
            }
            if let Some(t) = cur {
                let tmd = yaml.get(t, "metadata").filter(|&m| yaml.is_map(m));
                let tpath: String = path.iter().map(|p| format!("{p}.")).collect();
                if let Some(md) = tmd {
                    self.holders.push(Holder {
                        object: idx,
                        metadata: md,
                        path: format!("{tpath}metadata"),
                        place: Place::Template,
                    });
                }
                self.pods.push(PodSite {
                    object: idx,
                    holder: t,
                    metadata: tmd,
                    spec: yaml.get(t, "spec"),
                    path: tpath,
                });
            }
        }
    }
}

/// `metadata.annotations["key"]` style path segment for a map key.
pub fn key_path(prefix: &str, field: &str, key: &str) -> String {
    format!(
        "{prefix}{field}[{}]",
        serde_json::to_string(key).unwrap_or_default()
    )
}
