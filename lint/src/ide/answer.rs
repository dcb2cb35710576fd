//! The live answer: what the editor shows for one text, from one parse.

use serde::{Deserialize, Serialize};

use crate::forms::FormView;
use crate::ide::hover::{self, Hover};
use crate::model::semantic::Decodes;
use crate::{Diagnostic, FixOutcome, Profile};

/// What the live check answers: the findings and the hover content of annotation values
/// (the `check` server function, and podnet-engine in the browser for private links).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckAnswer {
    pub diagnostics: Vec<Diagnostic>,
    pub hovers: Vec<Hover>,
}

/// The pasted inventory, if it holds anything.
pub fn inventory_opt(inventory: &str) -> Option<&str> {
    Some(inventory).filter(|s| !s.trim().is_empty())
}

/// The findings and hovers of `source` (one parse).
pub fn check_answer(source: &str, profile: &Profile, inventory: &str) -> CheckAnswer {
    live(source, profile, inventory, false).0
}

/// `source` with every safe fix applied, never the unsafe ones.
pub fn safe_fixes(source: &str, profile: &Profile, inventory: &str) -> FixOutcome {
    crate::fix(source, inventory_opt(inventory), profile, false)
}

/// The findings, hovers and (with `forms`) the form view of `source`, all from one parse
/// and one decode of each annotation; also how many decodes that took (for tests and
/// benchmarks).
pub fn live(
    source: &str,
    profile: &Profile,
    inventory: &str,
    forms: bool,
) -> (CheckAnswer, Option<FormView>, Decodes) {
    let (report, (hovers, view, decodes)) =
        crate::check_with(source, inventory_opt(inventory), profile, |cx| {
            let hovers = hover::hovers(cx);
            let view = forms.then(|| crate::forms::view(cx));
            (hovers, view, cx.decodes())
        });
    let answer = CheckAnswer {
        diagnostics: report.diagnostics,
        hovers,
    };
    (answer, view, decodes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decode_of_each_annotation_per_live_check() {
        let src = "\
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: macvlan-conf
spec:
  config: '{\"cniVersion\": \"0.3.1\", \"type\": \"macvlan\", \"master\": \"eth0\", \"ipam\": {\"type\": \"static\"}}'
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: pool-a
spec:
  cidr: 10.1.0.0/16
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"macvlan-conf\", \"ips\": [\"10.9.0.5/24\"]}]'
    cni.projectcalico.org/ipv4pools: '[\"pool-a\"]'
    cni.projectcalico.org/ipAddrs: '[\"10.1.0.5\"]'
spec:
  containers:
  - name: c
    image: nginx
";
        let (answer, view, decodes) = live(src, &Profile::default(), "", true);
        assert!(!answer.hovers.is_empty());
        assert!(view.is_some_and(|v| v.targets.len() == 1));
        assert_eq!(
            decodes,
            Decodes {
                calico: 1,
                networks: 1,
                nads: 1
            },
            "{:?}",
            answer.diagnostics
        );
    }
}
