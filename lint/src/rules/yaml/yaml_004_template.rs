//! YAML-004: a document that is a template, not an object.

use crate::rules::checker::Checker;
use crate::syntax::template::Syntax;

crate::declare_rule! {
    /// ## What it does
    /// Reports, once per text, YAML documents that hold template syntax where it shapes the
    /// document or fills a value podnet reads: Helm and Go-template actions (`{{ … }}`),
    /// Jinja blocks (`{% … %}`), and envsubst placeholders (`${NAME}`) in a value podnet
    /// checks. The document is not checked and never fixed: its text is not what the
    /// cluster receives.
    ///
    /// Template text in free text that something else reads at run time is left alone: a
    /// container's command (`${HOME}`), ConfigMap data, a Prometheus alert's
    /// `{{ $labels.instance }}`, or another tool's annotation.
    ///
    /// ## Why is this bad?
    /// It is not wrong, but it cannot be checked as written. Read as YAML,
    /// `k8s.v1.cni.cncf.io/networks: {{ .Values.nets | quote }}` is a mapping, and a
    /// "fix" would write `'[{"{\".Values.nets | quote\":null}":null}]'`. Check what the
    /// template renders to: `helm template <release> <chart> | podnet check -`, or
    /// `envsubst < pod.yaml | podnet check -`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: app
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: {{ .Values.networks | quote }}
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// The rendered manifest:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: app
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the template is the author's source.
    pub static YAML_004 = ("YAML-004", "yaml-template", Info, None);
}

pub fn check(cx: &mut Checker) {
    let Some(first) = cx.model.templated.first().copied() else {
        return;
    };
    let count = cx.model.templated.len();
    let text = &cx.yaml.text()[first.token.start..first.token.end];
    let shown: String = text.chars().take(60).collect();
    let how = match first.token.syntax {
        Syntax::Action => "helm template <release> <chart> | podnet check -",
        Syntax::Placeholder => "envsubst < file.yaml | podnet check -",
    };
    let what = if count == 1 {
        "this document is a template".to_string()
    } else {
        format!("{count} documents here are templates")
    };
    let msg = format!(
        "{what} (`{shown}`), not YAML as the cluster receives it; not checked or fixed. Check the rendered output: {how}"
    );
    let d = cx.diagnostic(&YAML_004, first.token.start, first.token.end, msg);
    cx.push(d);
}

#[cfg(test)]
mod tests {
    use crate::{check, fix, Profile};

    fn rules(src: &str) -> Vec<String> {
        check(src, &Profile::default())
            .diagnostics
            .into_iter()
            .map(|d| d.rule)
            .collect()
    }

    /// Shaped after openperouter's `charts/openperouter/templates/router.yaml`: read as YAML
    /// the value is a mapping, and the old "safe" fix wrote
    /// `'[{"{\".Values.nets | quote\":null}":null}]'`.
    const HELM: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ template "openperouter.fullname" . }}-router
spec:
  template:
    metadata:
      annotations:
        k8s.v1.cni.cncf.io/networks: {{ .Values.openperouter.workerMultusNetworkAnnotation | quote }}
    spec:
      containers:
      - name: router
        image: quay.io/openperouter/router
"#;

    #[test]
    fn a_helm_template_gets_one_info_and_no_fix() {
        assert_eq!(rules(HELM), ["YAML-004"]);
        let out = fix(HELM, None, &Profile::default(), true);
        assert_eq!(out.fixed, HELM);
        assert!(out.applied.is_empty());
    }

    #[test]
    fn templated_json_inside_a_quoted_value_is_a_template() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  annotations:\n    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"{{ .Values.net }}\"}]'\n    cni.projectcalico.org/ipv4pools: '[\"${POOL}\"]'\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
        assert_eq!(rules(src), ["YAML-004"]);
    }

    #[test]
    fn template_text_in_free_text_leaves_the_document_checked() {
        // A Vault agent template, a shell `${HOME}` and a ConfigMap's data are not ours:
        // the empty networks element is still found.
        let src = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        vault.hashicorp.com/agent-inject-template-db: |
          {{- with secret "database/creds/db-app" -}}
          postgres://{{ .Data.username }}@postgres:5432/app
          {{- end }}
        k8s.v1.cni.cncf.io/networks: macvlan-conf,
    spec:
      containers:
      - name: app
        image: nginx
        command: ["sh", "-c", "echo ${HOME}"]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: alerts
data:
  rule: "{{ $labels.instance }} is down"
"#;
        let r = rules(src);
        assert!(r.contains(&"MUL-S01".to_string()), "{r:?}");
        assert!(!r.contains(&"YAML-004".to_string()), "{r:?}");
    }

    #[test]
    fn only_the_template_documents_are_left_out() {
        let src = format!(
            "{HELM}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: plain\n  annotations:\n    k8s.v1.cni.cncf.io/networks: a,,b\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
        );
        let r = rules(&src);
        assert_eq!(r.iter().filter(|r| *r == "YAML-004").count(), 1);
        assert!(r.contains(&"MUL-S01".to_string()), "{r:?}");
    }

    #[test]
    fn a_template_that_breaks_the_yaml_is_not_a_syntax_error() {
        let src = "{{- if .Values.multus.enabled }}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    k8s.v1.cni.cncf.io/networks: {{ .Values.networks }}\n{{- end }}\n";
        assert_eq!(rules(src), ["YAML-004"]);
    }
}
