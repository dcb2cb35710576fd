use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::model::calico::{
    is_dns1123_subdomain, is_list, ALLOWED_SOURCE_PREFIXES, FLOATING_IPS, IPV4POOLS, IPV6POOLS,
    IP_ADDRS, IP_ADDRS_NO_IPAM, IP_FAMILIES, PREFIX,
};
use crate::model::k8s::key_path;
use crate::rules::checker::Checker;
use crate::syntax::gojson::{self, GoJsonError};
use crate::syntax::gonet;
use crate::syntax::yaml::Kind;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the Calico annotations read as JSON arrays of strings (`ipv4pools`,
    /// `ipv6pools`, `ipFamilies`, `ipAddrs`, `ipAddrsNoIpam`, `floatingIPs`,
    /// `allowedSourcePrefixes`) decode the way Calico decodes them: Go's `encoding/json`
    /// into `[]string`. The finding quotes the exact Go error and points at the character
    /// where decoding fails.
    ///
    /// ## Why is this bad?
    /// Calico reads the annotation when the pod sandbox is created. A value that is not a
    /// JSON array fails every attempt and the pod stays in `ContainerCreating`, with an
    /// event like `plugin type="calico" failed (add): invalid character 'd' looking for
    /// beginning of value`. Kubernetes accepts any string, so nothing warns earlier.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: "default-ipv4-ippool"
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the intended list is unambiguous (bare token(s), single quotes,
    /// typographic quotes, unquoted items in brackets, a trailing comma, a JSON string,
    /// or a Go slice rendering `[a b]`) **and** every element is then valid for the key:
    /// a CIDR of the key's family or a valid pool name for the pool keys, `IPv4`/`IPv6` for
    /// `ipFamilies`, a bare IP for the address keys (a host `/32` or `/128` is dropped, as
    /// CAL-S001 does), a CIDR for `allowedSourcePrefixes`. Only then does the wrap remove
    /// the failure; wrapping `z` into `["z"]` still fails, so it gets no fix. The value is
    /// rewritten as compact JSON in YAML single quotes. Other shapes (objects, numbers,
    /// mixed quoting) get no fix.
    pub static CAL_A001 = ("CAL-A001", "calico-pools-not-json-array", Error, Sometimes, ["MUL-C01"]);
}

pub fn check(cx: &mut Checker) {
    for ann in cx.annotations() {
        if !ann.key.strip_prefix(PREFIX).is_some_and(is_list) {
            continue;
        }
        let Some(vid) = cx.yaml.resolve(ann.value_node) else {
            continue;
        };
        let Kind::Scalar { value, .. } = &cx.yaml.node(vid).kind else {
            continue;
        };
        if cx.yaml.is_null(vid) || value.is_empty() {
            continue;
        }
        let value: &str = value;
        let Err(err) = gojson::unmarshal(value, &gojson::STRING_SLICE) else {
            continue;
        };
        let object = cx.object(ann.holder.object);
        let whole = edit::node_text_range(cx.yaml, vid);
        let range = error_range(cx, vid, value, &err).unwrap_or(whole);
        let message = message_for(ann.key, value, err.message());
        let path = key_path("", &format!("{}.annotations", ann.holder.path), ann.key);
        let mut d = cx.object_diagnostic(&CAL_A001, object, path, range, message);
        let short = ann.key.strip_prefix(PREFIX).unwrap_or_default();
        if let Some(items) = recover_string_list(value).and_then(|i| valid_for_key(short, i)) {
            let json = serde_json::to_string(&items).unwrap_or_default();
            let (s, e, text) = edit::replace_scalar(cx.yaml, vid, &json);
            d.fix = Some(cx.fix(
                "Wrap in a JSON array",
                Applicability::Safe,
                vec![(s, e, text)],
            ));
        }
        cx.push(d);
    }
}

/// Where the error is inside the value: the offending character, mapped to the source.
/// `None` means the value as a whole (it is not JSON at all, or the wrong JSON type).
fn error_range(cx: &Checker, vid: usize, value: &str, err: &GoJsonError) -> Option<(usize, usize)> {
    let (s, e) = err.span();
    let whole_value =
        s == 0 && (e == 0 || e >= value.trim_end().len() || matches!(err, GoJsonError::Syntax(_)));
    if whole_value {
        return None;
    }
    let map = cx.value_map(vid);
    if !map.is_exact() {
        return None;
    }
    if s >= value.len() {
        // Unexpected end: the last character of the value.
        let last = value.char_indices().last().map(|(i, _)| i).unwrap_or(0);
        return Some(map.source_range_bytes(value, last, value.len()));
    }
    Some(map.source_range_bytes(value, s, e.max(s + 1)))
}

/// The wrapped elements when each is valid for the key `short` (a host `/32` or `/128` on an
/// address key becomes the bare address, as CAL-S001 fixes it); `None` when any is not, so
/// that the wrap would not remove the failure.
pub fn valid_for_key(short: &str, items: Vec<String>) -> Option<Vec<String>> {
    let cidr_of = |s: &str, v4: Option<bool>| {
        gonet::parse_cidr(s).is_ok_and(|(ip, _, _)| v4.is_none_or(|v4| gonet::is_ipv4(&ip) == v4))
    };
    items
        .into_iter()
        .map(|i| {
            let ok = match short {
                IPV4POOLS | IPV6POOLS => {
                    cidr_of(&i, Some(short == IPV4POOLS))
                        || (gonet::parse_ip(&i).is_none() && is_dns1123_subdomain(&i))
                }
                IP_FAMILIES => i == "IPv4" || i == "IPv6",
                IP_ADDRS | IP_ADDRS_NO_IPAM | FLOATING_IPS => {
                    if gonet::parse_ip(&i).is_some() {
                        true
                    } else {
                        return host_address(&i);
                    }
                }
                ALLOWED_SOURCE_PREFIXES => cidr_of(&i, None),
                _ => false,
            };
            ok.then_some(i)
        })
        .collect()
}

/// `ip/32` or `ip/128`: the bare address.
pub fn host_address(v: &str) -> Option<String> {
    let (ip, _, prefix) = gonet::parse_cidr(v).ok()?;
    let host = (ip.is_ipv4() && prefix == 32) || (ip.is_ipv6() && prefix == 128);
    host.then(|| v.split('/').next().unwrap_or(v).to_string())
}

/// The message names the annotation and quotes what Calico would say.
pub fn message_for(key: &str, value: &str, go_error: &str) -> String {
    let short = key.trim_start_matches("cni.projectcalico.org/");
    let calico_says = match short {
        "ipAddrs" | "ipAddrsNoIpam" => {
            format!("failed to parse IPs {value} for annotation \"{key}\": failed to parse '{value}' as JSON: {go_error}")
        }
        "floatingIPs" | "allowedSourcePrefixes" => {
            format!("failed to parse '{value}' as JSON: {go_error}")
        }
        _ => go_error.to_string(),
    };
    format!("{key} must be a JSON array of strings; Calico fails with: {calico_says}")
}

/// The list the author evidently meant, when that is unambiguous.
pub fn recover_string_list(value: &str) -> Option<Vec<String>> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let ok = |s: &str| -> Option<Vec<String>> {
        let parsed = gojson::unmarshal(s, &gojson::STRING_SLICE).ok()?;
        let items: Vec<String> = match &parsed.value {
            gojson::Value::Array(items) => items
                .iter()
                .map(|i| match &i.value {
                    gojson::Value::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect::<Option<_>>()?,
            _ => return None,
        };
        (!items.is_empty() && items.iter().all(|i| is_token(i))).then_some(items)
    };
    // Typographic quotes, then single quotes, then a trailing comma.
    let mut cand = v
        .replace(['\u{201c}', '\u{201d}', '\u{201e}', '\u{2033}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'");
    if let Some(items) = ok(&cand) {
        return Some(items);
    }
    if cand.contains('\'') && !cand.contains('"') {
        cand = cand.replace('\'', "\"");
        if let Some(items) = ok(&cand) {
            return Some(items);
        }
    }
    if let Some(stripped) = strip_trailing_comma(&cand) {
        if let Some(items) = ok(&stripped) {
            return Some(items);
        }
    }
    // A JSON string: its content as one element (or, if it holds a JSON array, that array).
    if let Ok(parsed) = gojson::parse(&cand) {
        if let gojson::Value::String(inner) = &parsed.value {
            if let Some(items) = ok(inner) {
                return Some(items);
            }
            return is_token(inner).then(|| vec![inner.clone()]);
        }
        return None;
    }
    // Brackets around unquoted items: `[a, b]` or the Go slice rendering `[a b]`.
    let inner = match cand.strip_prefix('[') {
        Some(rest) => rest.strip_suffix(']')?,
        None => &cand,
    };
    if inner.contains(['[', ']', '{', '}', '"', '\'']) {
        return None;
    }
    let parts: Vec<&str> = if inner.contains(',') {
        inner.split(',').map(str::trim).collect()
    } else {
        inner.split_whitespace().collect()
    };
    let parts: Vec<&str> = if parts.last() == Some(&"") {
        parts[..parts.len() - 1].to_vec()
    } else {
        parts
    };
    if parts.is_empty() || !parts.iter().all(|p| is_token(p)) {
        return None;
    }
    Some(parts.into_iter().map(str::to_string).collect())
}

fn strip_trailing_comma(s: &str) -> Option<String> {
    let t = s.trim_end().strip_suffix(']')?;
    let t2 = t.trim_end().strip_suffix(',')?;
    Some(format!("{t2}]"))
}

/// A pool name, CIDR, IP address or family: what a list item plausibly is.
fn is_token(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '/'))
}

#[cfg(test)]
mod tests {
    use super::recover_string_list as r;

    fn v(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn recovers_each_listed_shape() {
        assert_eq!(r("default-ipv4-ippool"), v(&["default-ipv4-ippool"]));
        assert_eq!(r("pool-a, pool-b"), v(&["pool-a", "pool-b"]));
        assert_eq!(r("['10.0.0.1']"), v(&["10.0.0.1"]));
        assert_eq!(
            r("[\u{201c}pool-1\u{201d}, \u{201c}pool-2\u{201d}]"),
            v(&["pool-1", "pool-2"])
        );
        assert_eq!(r("\u{201c}pool-a\u{201d}"), v(&["pool-a"]));
        assert_eq!(r("[default-ipv4-ippool]"), v(&["default-ipv4-ippool"]));
        assert_eq!(r("[\"pool-a\",]"), v(&["pool-a"]));
        assert_eq!(r("\"default-ipv4-ippool\""), v(&["default-ipv4-ippool"]));
        assert_eq!(r("[pool-a pool-b]"), v(&["pool-a", "pool-b"]));
        assert_eq!(r("10.0.0.0/16"), v(&["10.0.0.0/16"]));
        assert_eq!(r("2001:db8::/64"), v(&["2001:db8::/64"]));
    }

    #[test]
    fn a_wrap_is_offered_only_when_every_element_is_then_valid() {
        use super::valid_for_key as ok;
        let l = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(ok("ipAddrs", l(&["z"])), None);
        assert_eq!(ok("ipAddrs", l(&["10.0.0.5"])), Some(l(&["10.0.0.5"])));
        assert_eq!(ok("ipAddrs", l(&["10.0.0.5/32"])), Some(l(&["10.0.0.5"])));
        assert_eq!(ok("ipAddrs", l(&["10.0.0.0/24"])), None);
        assert_eq!(
            ok("ipv4pools", l(&["default-ipv4-ippool"])),
            Some(l(&["default-ipv4-ippool"]))
        );
        assert_eq!(
            ok("ipv4pools", l(&["10.0.0.0/16"])),
            Some(l(&["10.0.0.0/16"]))
        );
        assert_eq!(ok("ipv4pools", l(&["fd00::/64"])), None);
        assert_eq!(ok("ipv4pools", l(&["10.0.0.0"])), None);
        assert_eq!(ok("ipv4pools", l(&["Pool_A"])), None);
        assert_eq!(
            ok("ipv6pools", l(&["2001:db8::/64"])),
            Some(l(&["2001:db8::/64"]))
        );
        assert_eq!(ok("ipFamilies", l(&["IPv4", "ipv6"])), None);
        assert_eq!(ok("allowedSourcePrefixes", l(&["10.1.2.3"])), None);
    }

    #[test]
    fn ambiguous_shapes_get_none() {
        assert_eq!(r("{\"pools\":[\"a\"]}"), None);
        assert_eq!(r("[10, 20]"), None);
        assert_eq!(r("[\"a\" 'b']"), None);
        assert_eq!(r("pool a; b"), None);
        assert_eq!(r("[[a]]"), None);
    }
}
