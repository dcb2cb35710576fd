//! The engine for the browser, as a wasm module of its own (`/pkg/podnet_engine.wasm`).
//!
//! Only a private link (`/#v1.…`, whose text must never leave the browser) checks and fixes
//! in the browser; every other page asks the server. So the page's own wasm
//! (podnet-frontend) carries no engine, and `public/editor.js` loads this module the first
//! time a private link needs it (`podnetGlue.engineCheck` / `engineFix`): about 150 KB
//! (brotli) less on every other page load.
//!
//! Both functions take the profile as JSON and answer JSON, the same as the `check` and
//! `fix` server functions (both answer through `podnet_lint::ide::answer`): findings
//! and hovers, or the text with the safe fixes applied.

use podnet_lint::Profile;
use wasm_bindgen::prelude::wasm_bindgen;

use podnet_lint::ide::answer::{self, inventory_opt};

fn profile(json: &str) -> Profile {
    serde_json::from_slice(json.as_bytes()).unwrap_or_default()
}

/// The findings and hovers of `source`, as JSON.
#[wasm_bindgen]
pub fn check(source: &str, profile_json: &str, inventory: &str) -> String {
    let answer = answer::check_answer(source, &profile(profile_json), inventory);
    serde_json::to_string(&answer).unwrap_or_else(|_| "null".into())
}

/// `source` with every safe fix applied (a `FixOutcome`), as JSON.
#[wasm_bindgen]
pub fn fix(source: &str, profile_json: &str, inventory: &str) -> String {
    let outcome = answer::safe_fixes(source, &profile(profile_json), inventory);
    serde_json::to_string(&outcome).unwrap_or_else(|_| "null".into())
}

/// The forms' view of `source` (`podnet_lint::forms::FormView`), as JSON. The Forms panel
/// loads this module when it is opened.
#[wasm_bindgen]
pub fn forms_view(source: &str, profile_json: &str, inventory: &str) -> String {
    let view = podnet_lint::analyze(
        source,
        inventory_opt(inventory),
        &profile(profile_json),
        podnet_lint::forms::view,
    );
    serde_json::to_string(&view).unwrap_or_else(|_| "null".into())
}

/// Applies annotation changes (`[[key, value-or-null], ...]`) to pod `pod` of `source`
/// (`podnet_lint::forms::apply`): `{"ok": text}` or `{"err": message}`.
#[wasm_bindgen]
pub fn forms_apply(source: &str, pod: u32, changes_json: &str) -> String {
    let result = serde_json::from_slice::<Vec<podnet_lint::forms::Change>>(changes_json.as_bytes())
        .map_err(|e| format!("bad changes: {e}"))
        .and_then(|changes| podnet_lint::forms::apply(source, pod as usize, &changes));
    serde_json::to_string(&podnet_lint::forms::Applied::from(result))
        .unwrap_or_else(|_| "null".into())
}

#[cfg(test)]
mod engine_tests {
    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    cni.projectcalico.org/ipv4pools: \"default-ipv4-ippool\"\n";

    #[test]
    fn forms_view_and_apply_round_trip() {
        let v: serde_json::Value = serde_json::from_str(&super::forms_view(POD, "{}", "")).unwrap();
        assert_eq!(v["targets"][0]["label"], "Pod default/p");
        assert_eq!(
            v["targets"][0]["calico"]["ipv4pools"]["raw"],
            "default-ipv4-ippool"
        );
        let out: serde_json::Value = serde_json::from_str(&super::forms_apply(
            POD,
            0,
            r#"[["cni.projectcalico.org/ipv4pools", "[\"a\"]"]]"#,
        ))
        .unwrap();
        assert_eq!(
            out["ok"],
            POD.replace("\"default-ipv4-ippool\"", "'[\"a\"]'")
        );
        let err: serde_json::Value = serde_json::from_str(&super::forms_apply(
            POD,
            5,
            r#"[["cni.projectcalico.org/ipv4pools", null]]"#,
        ))
        .unwrap();
        assert_eq!(err["err"], "the pod is no longer in the text");
    }

    #[test]
    fn check_answers_findings_and_hovers() {
        let v: serde_json::Value = serde_json::from_str(&super::check(POD, "{}", "")).unwrap();
        assert_eq!(v["diagnostics"][0]["rule"], "CAL-A001");
        assert!(v["hovers"][0]["markdown"]
            .as_str()
            .unwrap()
            .contains("Calico IPv4 pools"));
        // The profile counts: namespace isolation makes a cross-namespace reference an error.
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: a\n  annotations:\n    k8s.v1.cni.cncf.io/networks: b/net\n";
        let off: serde_json::Value = serde_json::from_str(&super::check(src, "{}", "")).unwrap();
        let on: serde_json::Value = serde_json::from_str(&super::check(
            src,
            r#"{"multus": {"namespaceIsolation": true}}"#,
            "",
        ))
        .unwrap();
        assert_ne!(off["diagnostics"], on["diagnostics"]);
    }

    #[test]
    fn fix_applies_the_safe_fixes() {
        let outcome: podnet_lint::FixOutcome =
            serde_json::from_str(&super::fix(POD, "not json", "")).unwrap();
        assert!(outcome.fixed.contains("'[\"default-ipv4-ippool\"]'"));
        assert_eq!(outcome.applied[0].rule, "CAL-A001");
    }
}
