//! `podnet.toml`: found upward from the working directory; flags override it.
//!
//! ```toml
//! select = ["MUL-S01"]          # only these rules
//! ignore = ["MUL-X01"]          # never these
//! exclude = ["vendor/**"]       # more paths to leave out of a walk
//! extension = ["tpl.yaml"]      # more file endings (besides .yaml/.yml)
//! inventory = ["cluster.yaml"]  # further objects references resolve against
//! fail-on = "warning"
//! [per-path-ignores]
//! "legacy/**" = ["CAL-A001"]
//! [profile]                     # the same keys as the --profile JSON
//! namespace = "apps"
//! [profile.multus]
//! namespaceIsolation = true
//! ```
//!
//! Unknown keys are errors with their line and column (the `toml` crate's spans).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use podnet_lint::Profile;
use serde::Deserialize;

pub const FILE_NAME: &str = "podnet.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub exclude: Vec<String>,
    pub extension: Vec<String>,
    pub inventory: Vec<String>,
    pub fail_on: Option<String>,
    pub per_path_ignores: BTreeMap<String, Vec<String>>,
    pub profile: Option<Profile>,
}

/// A loaded config file: its settings, where it is, and which keys it sets (for
/// `--show-settings`).
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
    /// Dotted keys the file sets, with their line.
    pub keys: BTreeMap<String, usize>,
}

impl Loaded {
    /// The directory paths in the file are relative to.
    pub fn dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

/// `podnet.toml` in `start` or its nearest ancestor.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

pub fn load(path: &Path) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text, path)
}

pub fn parse(text: &str, path: &Path) -> Result<Loaded, String> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let (l, c) = line_col(text, s.start);
                format!(":{l}:{c}")
            })
            .unwrap_or_default();
        format!("invalid config {}{at}: {}", path.display(), e.message())
    })?;
    let mut keys = BTreeMap::new();
    if let Ok(table) = text.parse::<toml::Table>() {
        flatten("", &table, &mut keys, text);
    }
    Ok(Loaded {
        config,
        path: Some(path.to_path_buf()),
        keys,
    })
}

fn flatten(prefix: &str, t: &toml::Table, out: &mut BTreeMap<String, usize>, text: &str) {
    for (k, v) in t {
        let key = format!("{prefix}{k}");
        match v {
            toml::Value::Table(inner) if key.starts_with("profile") => {
                flatten(&format!("{key}."), inner, out, text)
            }
            _ => {
                let line = find_key_line(text, k);
                out.insert(key, line);
            }
        }
    }
}

fn find_key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(key) || l.starts_with(&format!("\"{key}\""))
        })
        .map_or(0, |i| i + 1)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
