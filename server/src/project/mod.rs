//! Project mode for `podnet check` and `podnet fix --write`: paths (files, directories,
//! globs) → one project whose inventory objects resolve each other's references, files
//! read and checked in parallel (rayon), output sorted by path then position.

pub mod config;
pub mod run;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use podnet_lint::project::{self, Classification, InventoryText, ParsedInventory, NO_FILE};
use podnet_lint::{Diagnostic, Profile};
use rayon::prelude::*;

/// One file met by the walk (or standard input).
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as shown (relative to the working directory when inside it).
    pub shown: String,
    /// The real path; `None` for standard input.
    pub path: Option<PathBuf>,
}

/// Why a file was not checked.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub shown: String,
    pub reason: String,
    pub helm: bool,
}

/// A checked file.
pub struct Checked {
    pub input: Input,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Walk {
    pub inputs: Vec<Input>,
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let p = p.trim_start_matches("./");
        b.add(Glob::new(p).map_err(|e| format!("bad pattern `{p}`: {e}"))?);
        if !p.contains('/') {
            b.add(Glob::new(&format!("**/{p}")).map_err(|e| e.to_string())?);
            b.add(Glob::new(&format!("**/{p}/**")).map_err(|e| e.to_string())?);
        } else {
            b.add(Glob::new(&format!("{p}/**")).map_err(|e| e.to_string())?);
        }
    }
    b.build().map_err(|e| e.to_string())
}

fn shown(path: &Path, cwd: &Path) -> String {
    let rel = path.strip_prefix(cwd).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expands the command-line paths. Directories are walked recursively with `.gitignore`,
/// `.ignore` and hidden files respected even outside a git repository (as ruff does:
/// `require_git(false)`), keeping `*.yaml`/`*.yml` and `extensions`; a file named
/// explicitly is always kept; `exclude` patterns (relative to `root`) drop paths.
pub fn walk(
    paths: &[String],
    extensions: &[String],
    exclude: &[String],
    root: &Path,
    cwd: &Path,
) -> Result<Walk, String> {
    let excluded = glob_set(exclude)?;
    let is_excluded = |p: &Path| {
        let abs = if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        };
        let rel = abs.strip_prefix(root).unwrap_or(&abs);
        let rel = rel.strip_prefix(".").unwrap_or(rel);
        !rel.as_os_str().is_empty() && excluded.is_match(rel)
    };
    let mut exts: Vec<String> = vec!["yaml".into(), "yml".into()];
    exts.extend(
        extensions
            .iter()
            .map(|e| e.trim_start_matches('.').to_string()),
    );
    let wanted = |p: &Path| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        exts.iter().any(|e| name.ends_with(&format!(".{e}")))
    };
    let mut inputs = Vec::new();
    let walk_dir =
        |dir: &Path, filter: Option<&GlobSet>, inputs: &mut Vec<Input>| -> Result<(), String> {
            let mut b = ignore::WalkBuilder::new(dir);
            b.require_git(false)
                .follow_links(false)
                .sort_by_file_name(|a, b| a.cmp(b));
            for entry in b.build() {
                let entry = entry.map_err(|e| format!("cannot walk {}: {e}", dir.display()))?;
                let p = entry.path();
                if entry.depth() > 0 && is_excluded(p) {
                    continue;
                }
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let keep = match filter {
                    Some(g) => g.is_match(p.strip_prefix("./").unwrap_or(p)),
                    None => wanted(p),
                };
                if keep {
                    inputs.push(Input {
                        shown: shown(p, cwd),
                        path: Some(p.to_path_buf()),
                    });
                }
            }
            Ok(())
        };
    for raw in paths {
        if raw == "-" {
            inputs.push(Input {
                shown: "<stdin>".into(),
                path: None,
            });
            continue;
        }
        let p = Path::new(raw);
        if p.is_file() {
            inputs.push(Input {
                shown: shown(p, cwd),
                path: Some(p.to_path_buf()),
            });
        } else if p.is_dir() {
            walk_dir(p, None, &mut inputs)?;
        } else if is_glob(raw) {
            // Walk the literal prefix of the glob and keep what matches it.
            let base: PathBuf = p
                .components()
                .take_while(|c| !is_glob(&c.as_os_str().to_string_lossy()))
                .collect();
            let base = if base.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                base
            };
            let pattern = raw.trim_start_matches("./");
            let g = GlobSetBuilder::new()
                .add(Glob::new(pattern).map_err(|e| format!("bad glob `{raw}`: {e}"))?)
                .build()
                .map_err(|e| e.to_string())?;
            let before = inputs.len();
            walk_dir(&base, Some(&g), &mut inputs)?;
            if inputs.len() == before {
                return Err(format!("no file matches {raw}"));
            }
        } else {
            return Err(format!("cannot read {raw}: no such file or directory"));
        }
    }
    inputs.sort_by(|a, b| a.shown.cmp(&b.shown));
    inputs.dedup_by(|a, b| a.shown == b.shown);
    Ok(Walk { inputs })
}

/// What happened to each file of a project.
pub struct Outcome {
    pub checked: Vec<Checked>,
    pub skipped: Vec<Skipped>,
}

enum Read1 {
    Text(String),
    Bytes(Vec<u8>),
}

fn read(input: &Input) -> Result<Read1, String> {
    let bytes = match &input.path {
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read <stdin>: {e}"))?;
            buf
        }
        Some(p) => std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", input.shown))?,
    };
    Ok(match String::from_utf8(bytes) {
        Ok(s) => Read1::Text(s),
        Err(e) => Read1::Bytes(e.into_bytes()),
    })
}

/// Checks a project: reads and classifies every file in parallel, builds one inventory of
/// the objects cross-object rules read (plus `extra_inventory` texts), then checks every
/// manifest against it in parallel. `keep(path, diagnostic)` filters findings.
pub fn check(
    inputs: Vec<Input>,
    extra_inventory: &[String],
    profile: &Profile,
    keep: &(dyn Fn(&str, &Diagnostic) -> bool + Sync),
) -> Result<Outcome, String> {
    // stdin first (it cannot be read from several threads).
    let read_all: Vec<Result<Read1, String>> = inputs.par_iter().map(read).collect();
    let mut texts = Vec::with_capacity(inputs.len());
    for r in read_all {
        texts.push(r?);
    }
    // Standard input is always checked (it is what the user piped, e.g. `helm template`).
    let classes: Vec<Classification> = texts
        .par_iter()
        .zip(inputs.par_iter())
        .map(|(t, input)| match t {
            Read1::Text(s) if input.path.is_some() => project::classify(s),
            _ => Classification::Manifest,
        })
        .collect();
    let mut skipped = Vec::new();
    for (i, c) in classes.iter().enumerate() {
        match c {
            Classification::Manifest => {}
            Classification::HelmTemplate => skipped.push(Skipped {
                shown: inputs[i].shown.clone(),
                reason: format!(
                    "Helm template; check the rendered manifests: helm template <release> <chart> | podnet check --stdin-filename {} -",
                    inputs[i].shown
                ),
                helm: true,
            }),
            Classification::NotObjects(why) => skipped.push(Skipped {
                shown: inputs[i].shown.clone(),
                reason: (*why).to_string(),
                helm: false,
            }),
        }
    }
    let manifests: Vec<usize> = (0..inputs.len())
        .filter(|&i| classes[i] == Classification::Manifest)
        .collect();
    let parts: Vec<InventoryText> = manifests
        .par_iter()
        .map(|&i| {
            let mut t = InventoryText::default();
            if let Read1::Text(s) = &texts[i] {
                t.add(i, s, profile);
            }
            t
        })
        .collect();
    let mut inv_text = InventoryText::default();
    for p in parts {
        inv_text.extend(p);
    }
    for extra in extra_inventory {
        inv_text.add_stream(extra);
    }
    let inventory = ParsedInventory::parse(&inv_text, profile);
    let checked: Vec<Checked> = manifests
        .par_iter()
        .map(|&i| {
            let (source, report) = match &texts[i] {
                Read1::Text(s) => {
                    let r = project::check_with_parsed_inventory(s, i, Some(&inventory), profile);
                    (s.clone(), r)
                }
                Read1::Bytes(b) => (
                    String::from_utf8_lossy(b).into_owned(),
                    podnet_lint::check_bytes(b, profile),
                ),
            };
            let diagnostics = report
                .diagnostics
                .into_iter()
                .filter(|d| keep(&inputs[i].shown, d))
                .collect();
            Checked {
                input: inputs[i].clone(),
                source,
                diagnostics,
            }
        })
        .collect();
    let _ = NO_FILE;
    Ok(Outcome { checked, skipped })
}

/// `podnet fix --write` over a project: every manifest's safe (and with `include_unsafe`
/// unsafe) fixes, checked against the project inventory; returns (path, applied, errors
/// remaining) for each file that changed or still has errors.
pub fn fix_write(
    inputs: Vec<Input>,
    extra_inventory: &[String],
    profile: &Profile,
    include_unsafe: bool,
) -> Result<Vec<(String, usize, usize)>, String> {
    let texts: Vec<(Input, String)> = inputs
        .into_par_iter()
        .filter_map(|i| match read(&i) {
            Ok(Read1::Text(s)) if project::classify(&s) == Classification::Manifest => {
                Some(Ok((i, s)))
            }
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()?;
    let mut inv_text = InventoryText::default();
    for (i, (_, s)) in texts.iter().enumerate() {
        inv_text.add(i, s, profile);
    }
    for extra in extra_inventory {
        inv_text.add_stream(extra);
    }
    let inventory = ParsedInventory::parse(&inv_text, profile);
    let results: Vec<Result<(String, usize, usize), String>> = texts
        .par_iter()
        .enumerate()
        .map(|(i, (input, s))| {
            let check = |t: &str| {
                project::check_with_parsed_inventory(t, i, Some(&inventory), profile).diagnostics
            };
            let outcome = podnet_lint::fix::fix_all(s, check(s), check, include_unsafe);
            if outcome.fixed != *s {
                if let Some(p) = &input.path {
                    std::fs::write(p, &outcome.fixed)
                        .map_err(|e| format!("cannot write {}: {e}", input.shown))?;
                }
            }
            let errors = outcome
                .remaining
                .iter()
                .filter(|d| d.severity == podnet_lint::Severity::Error)
                .count();
            Ok((input.shown.clone(), outcome.applied.len(), errors))
        })
        .collect();
    results.into_iter().collect()
}

/// Per-path ignores: glob → rule IDs.
pub fn per_path(
    map: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<(GlobSet, Vec<&'static str>)>, String> {
    let mut out = Vec::new();
    for (pattern, ids) in map {
        let set = glob_set(std::slice::from_ref(pattern))?;
        let mut rules = Vec::new();
        for id in ids {
            rules.push(
                podnet_lint::rules::find(id.trim())
                    .map(|r| r.id)
                    .ok_or_else(|| {
                        format!("unknown rule `{id}` in per-path-ignores (see `podnet rules`)")
                    })?,
            );
        }
        out.push((set, rules));
    }
    Ok(out)
}
