//! Project mode: many files, one inventory. The objects cross-object rules read
//! ([`INVENTORY_KINDS`]) are extracted from every file once, parsed once into a
//! [`ParsedInventory`], and each file is checked against it without its own objects
//! (they are in the input already, so nothing is counted twice).
//! Also: which texts are not manifests at all ([`classify`]).

use crate::checker::{Checker, Inventory};
use crate::k8s::{Model, TOOL_KINDS};
use crate::yaml::Yaml;
use crate::{rules, Profile, Report};

/// Kinds that rules resolve across objects (NADs, pools, namespaces, autoscalers).
pub const INVENTORY_KINDS: &[&str] = &[
    "NetworkAttachmentDefinition",
    "IPPool",
    "IPReservation",
    "Namespace",
    "HorizontalPodAutoscaler",
];

/// Owner id of objects that belong to no checked file (e.g. `--inventory`).
pub const NO_FILE: usize = usize::MAX;

/// What a YAML text is, for a project walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Classification {
    /// Kubernetes objects (or broken YAML): check it.
    Manifest,
    /// A Helm template (`{{ … }}`): not YAML until rendered.
    HelmTemplate,
    /// YAML that is not a Kubernetes object podnet reads; the reason says why.
    NotObjects(&'static str),
}

/// Classifies one source text: Helm templates, then YAML without any object that has both
/// `apiVersion` and `kind` (Helm values, CI workflows, CNI config fragments), and
/// Kustomizations. YAML that does not parse is a manifest (its syntax error is a finding).
pub fn classify(source: &str) -> Classification {
    if source.contains("{{") && source.contains("}}") {
        return Classification::HelmTemplate;
    }
    let yaml = Yaml::parse(source);
    if !yaml.issues.is_empty() {
        return Classification::Manifest;
    }
    let model = Model::build(&yaml, &Profile::default());
    let objects: Vec<_> = model
        .objects
        .iter()
        .filter(|o| o.kind.is_some() && o.api_version.is_some())
        .collect();
    if objects.is_empty() {
        return Classification::NotObjects("no Kubernetes object (apiVersion and kind)");
    }
    if objects.iter().all(|o| {
        TOOL_KINDS.contains(&o.kind())
            || o.api_version
                .as_deref()
                .is_some_and(|v| v.starts_with("kustomize.config.k8s.io/"))
    }) {
        return Classification::NotObjects("Kustomize configuration, not a cluster object");
    }
    Classification::Manifest
}

/// The project's inventory as YAML text: one document per object of [`INVENTORY_KINDS`],
/// with the file each came from.
#[derive(Debug, Clone, Default)]
pub struct InventoryText {
    pub text: String,
    /// (start, end, file) byte ranges of `text`, ascending.
    owners: Vec<(usize, usize, usize)>,
}

impl InventoryText {
    /// Adds the inventory objects of `source` (file id `file`; [`NO_FILE`] for objects that
    /// belong to no checked file). Texts without any inventory kind are skipped unparsed.
    pub fn add(&mut self, file: usize, source: &str, profile: &Profile) {
        if !INVENTORY_KINDS.iter().any(|k| source.contains(k)) {
            return;
        }
        let yaml = Yaml::parse(source);
        let model = Model::build(&yaml, profile);
        for o in &model.objects {
            if !INVENTORY_KINDS.contains(&o.kind()) {
                continue;
            }
            let n = yaml.node(o.node);
            let (start, end) = (n.start.min(source.len()), n.end.min(source.len()));
            if start >= end || !source.is_char_boundary(start) || !source.is_char_boundary(end) {
                continue;
            }
            let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
            let at = self.text.len();
            // Keep the object's column: what precedes it on its line (`- `, `--- `)
            // becomes spaces.
            self.text
                .extend(source[line_start..start].chars().map(|_| ' '));
            self.text.push_str(&source[start..end]);
            self.text.push('\n');
            self.owners.push((at, self.text.len(), file));
            self.text.push_str("---\n");
        }
    }

    /// Appends another inventory text (keeps ids).
    pub fn extend(&mut self, other: InventoryText) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.owners.extend(
            other
                .owners
                .into_iter()
                .map(|(s, e, f)| (s + base, e + base, f)),
        );
    }

    /// Adds a whole YAML stream (e.g. `--inventory cluster.yaml`) owned by no file.
    pub fn add_stream(&mut self, source: &str) {
        if !self.text.is_empty() && !self.text.ends_with("---\n") {
            self.text.push_str("\n---\n");
        }
        let at = self.text.len();
        self.text.push_str(source);
        self.owners.push((at, self.text.len(), NO_FILE));
        self.text.push_str("\n---\n");
    }

    fn owner_at(&self, offset: usize) -> usize {
        let i = self.owners.partition_point(|&(s, _, _)| s <= offset);
        match i.checked_sub(1).map(|i| self.owners[i]) {
            Some((_, e, f)) if offset < e => f,
            _ => NO_FILE,
        }
    }
}

/// The project inventory, parsed once; [`check_with_parsed_inventory`] reads it for every
/// file.
pub struct ParsedInventory<'a> {
    yaml: Yaml<'a>,
    model: Model,
    /// For each object of `model`, the file it came from.
    owners: Vec<usize>,
}

impl<'a> ParsedInventory<'a> {
    pub fn parse(text: &'a InventoryText, profile: &Profile) -> Self {
        let yaml = Yaml::parse(&text.text);
        let model = Model::build(&yaml, profile);
        let owners = model
            .objects
            .iter()
            .map(|o| text.owner_at(yaml.node(o.node).start))
            .collect();
        ParsedInventory {
            yaml,
            model,
            owners,
        }
    }

    pub fn len(&self) -> usize {
        self.model.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.model.objects.is_empty()
    }
}

/// Check one file of a project: `inventory` is the project's (parsed once), `file` the id
/// the file's objects were added under; those objects are left out of the inventory for
/// this check, since the file itself holds them.
pub fn check_with_parsed_inventory(
    source: &str,
    file: usize,
    inventory: Option<&ParsedInventory>,
    profile: &Profile,
) -> Report {
    let parsed = Yaml::parse(source);
    let model = Model::build(&parsed, profile);
    let filtered;
    let inv = match inventory {
        Some(pi) if !pi.is_empty() => {
            let m = if file != NO_FILE && pi.owners.contains(&file) {
                let mut m = Model::default();
                m.objects = pi
                    .model
                    .objects
                    .iter()
                    .zip(&pi.owners)
                    .filter(|(_, &f)| f != file)
                    .map(|(o, _)| o.clone())
                    .collect();
                filtered = m;
                &filtered
            } else {
                &pi.model
            };
            Some(Inventory {
                yaml: &pi.yaml,
                model: m,
            })
        }
        _ => None,
    };
    let mut cx = Checker::new(&parsed, &model, profile, inv);
    rules::run(&mut cx);
    let mut diagnostics = std::mem::take(&mut cx.diagnostics);
    crate::ide::cause::attach(&cx, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        (a.range.start.offset, a.range.end.offset, &a.rule).cmp(&(
            b.range.start.offset,
            b.range.end.offset,
            &b.rule,
        ))
    });
    Report { diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAD: &str = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: macvlan-conf\nspec:\n  config: '{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth0\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.1.0.0/24\"}}'\n";
    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: macvlan-conf\nspec:\n  containers: []\n";

    fn rules_of(r: &Report) -> Vec<String> {
        r.diagnostics.iter().map(|d| d.rule.clone()).collect()
    }

    #[test]
    fn references_resolve_across_files_and_own_objects_are_not_counted_twice() {
        let p = Profile::default();
        let mut text = InventoryText::default();
        text.add(0, NAD, &p);
        text.add(1, POD, &p);
        let inv = ParsedInventory::parse(&text, &p);
        assert_eq!(inv.len(), 1);
        let alone = crate::check(POD, &p);
        assert!(
            rules_of(&alone).contains(&"MUL-X01".to_string()),
            "{alone:?}"
        );
        let pod = check_with_parsed_inventory(POD, 1, Some(&inv), &p);
        assert!(!rules_of(&pod).contains(&"MUL-X01".to_string()), "{pod:?}");
        // The NAD's own file: same findings as checking it alone (no duplicate of itself).
        let nad = check_with_parsed_inventory(NAD, 0, Some(&inv), &p);
        assert_eq!(nad, crate::check(NAD, &p));
        // Without leaving it out, the NAD would meet itself in the inventory.
        let pool = "apiVersion: crd.projectcalico.org/v1\nkind: IPPool\nmetadata:\n  name: a\nspec:\n  cidr: 10.9.0.0/16\n---\napiVersion: crd.projectcalico.org/v1\nkind: IPPool\nmetadata:\n  name: b\nspec:\n  cidr: 10.9.0.0/24\n";
        let both = format!("{NAD}---\n{POD}---\n{pool}");
        let mut text = InventoryText::default();
        text.add(7, &both, &p);
        let inv = ParsedInventory::parse(&text, &p);
        let own = check_with_parsed_inventory(&both, 7, Some(&inv), &p);
        assert_eq!(own, crate::check(&both, &p));
        let unfiltered = check_with_parsed_inventory(&both, NO_FILE, Some(&inv), &p);
        assert_ne!(unfiltered, own, "{unfiltered:?}");
    }

    #[test]
    fn list_items_and_indented_documents_keep_their_shape() {
        let p = Profile::default();
        let list = format!(
            "apiVersion: v1\nkind: List\nitems:\n- {}",
            NAD.replace('\n', "\n  ").trim_end()
        );
        let mut text = InventoryText::default();
        text.add(3, &list, &p);
        let inv = ParsedInventory::parse(&text, &p);
        assert_eq!(inv.len(), 1);
        assert!(inv.yaml.issues.is_empty(), "{}", text.text);
        assert_eq!(inv.owners, vec![3]);
    }

    #[test]
    fn classifies_non_objects() {
        assert_eq!(classify(POD), Classification::Manifest);
        assert_eq!(
            classify("replicaCount: 2\nimage:\n  tag: x\n"),
            Classification::NotObjects("no Kubernetes object (apiVersion and kind)")
        );
        assert!(matches!(classify("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n"), Classification::NotObjects(_)));
        assert_eq!(
            classify("metadata:\n  name: {{ .Release.Name }}\n"),
            Classification::HelmTemplate
        );
        assert_eq!(classify("a: [\n"), Classification::Manifest);
    }
}
