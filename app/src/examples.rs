//! The examples gallery: real situations, each a manifest under `app/examples/` that opens in
//! the editor with its findings.

use leptos::prelude::*;

/// One example of the gallery.
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub source: &'static str,
    /// The rules it shows with the default profile (checked by the tests).
    pub expected: &'static [&'static str],
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "calico-pools-not-array",
        title: "Calico pool annotation that is not a JSON array",
        summary: "ipv4pools holds a bare pool name; Calico fails with “invalid character”.",
        source: include_str!("../examples/calico-pools-not-array.yaml"),
        expected: &["CAL-A001"],
    },
    Example {
        id: "deployment-wrong-metadata",
        title: "Multus annotation on the Deployment’s own metadata",
        summary: "The annotation never reaches the Pods: no secondary interface, no error.",
        source: include_str!("../examples/deployment-wrong-metadata.yaml"),
        expected: &["MUL-P01"],
    },
    Example {
        id: "macvlan-static-ip",
        title: "macvlan with a static IP",
        summary: "Static IPAM needs the prefix length on every requested address.",
        source: include_str!("../examples/macvlan-static-ip.yaml"),
        expected: &["MUL-X04"],
    },
    Example {
        id: "sriov",
        title: "SR-IOV network",
        summary: "The NAD names a device resource that no container requests.",
        source: include_str!("../examples/sriov.yaml"),
        expected: &["MUL-N09", "MUL-X06"],
    },
    Example {
        id: "calico-secondary",
        title: "Calico as a secondary network",
        summary: "A Calico NAD through Multus next to Calico as the primary CNI.",
        source: include_str!("../examples/calico-secondary.yaml"),
        expected: &["CAL-M003", "CAL-M006"],
    },
    Example {
        id: "dual-stack-pools",
        title: "Dual-stack pools",
        summary: "An IPv6 pool listed under ipv4pools.",
        source: include_str!("../examples/dual-stack-pools.yaml"),
        expected: &["CAL-P003", "CAL-P008"],
    },
];

/// The gallery: a list of buttons; `open(source)` loads one into the editor.
#[component]
pub fn ExamplesPanel(
    open: RwSignal<bool>,
    on_pick: impl Fn(&'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <section
            id="examples-panel"
            class="panel"
            aria-labelledby="examples-heading"
            hidden=move || !open.get()
        >
            <div class="panel-head">
                <h2 id="examples-heading">"Examples"</h2>
                <button type="button" class="close" on:click=move |_| open.set(false)>
                    "Close"
                </button>
            </div>
            <ul class="gallery">
                {EXAMPLES
                    .iter()
                    .map(|ex| {
                        let source = ex.source;
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="example"
                                    data-example=ex.id
                                    data-expected=ex.expected.join(" ")
                                    on:click=move |_| on_pick(source)
                                >
                                    <span class="example-title">{ex.title}</span>
                                    <span class="example-summary">{ex.summary}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_shows_its_expected_findings() {
        for ex in EXAMPLES {
            let report = podnet_lint::check(ex.source, &Default::default());
            let mut rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
            rules.sort();
            rules.dedup();
            let mut want = ex.expected.to_vec();
            want.sort();
            assert_eq!(rules, want, "example {}", ex.id);
        }
    }
}
