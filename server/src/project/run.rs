//! The `check` and `fix --write` commands over a project: settings (podnet.toml, flags),
//! the walk, the engine, the renderings and the summary line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use podnet_lint::output::{self, FileReport};
use podnet_lint::{rules, Diagnostic, Profile, Severity, Summary};

use super::config::{self, Loaded};
use crate::cli::{read_text, usage_error, CheckArgs, FailOn, FixArgs, Format, ProfileArgs};

/// Resolved settings, each with where it came from.
pub struct Settings {
    pub root: PathBuf,
    pub loaded: Loaded,
    pub profile: Profile,
    pub select: Vec<&'static str>,
    pub ignore: Vec<&'static str>,
    pub fail_on: Severity,
    pub exclude: Vec<String>,
    pub extension: Vec<String>,
    pub inventory: Vec<String>,
    /// (setting, value, source) for `--show-settings`.
    pub shown: Vec<(String, String, String)>,
}

fn resolve_ids(ids: &[String]) -> Result<Vec<&'static str>, String> {
    ids.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|id| {
            rules::find(id.trim())
                .map(|r| r.id)
                .ok_or_else(|| format!("unknown rule `{id}` (see `podnet rules`)"))
        })
        .collect()
}

fn flatten_json(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                flatten_json(&format!("{prefix}{k}."), v, out);
            }
        }
        other => out.push((prefix.trim_end_matches('.').to_string(), other.to_string())),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn settings(
    cwd: &Path,
    profile_args: &ProfileArgs,
    select: &[String],
    ignore: &[String],
    fail_on: Option<FailOn>,
    exclude: &[String],
    extension: &[String],
) -> Result<Settings, String> {
    let loaded = match config::discover(cwd) {
        Some(p) => config::load(&p)?,
        None => Loaded::default(),
    };
    let root = loaded
        .dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.to_path_buf());
    let file = loaded
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let from_file = |key: &str| loaded.keys.get(key).map(|l| format!("{file}:{l}"));
    let mut shown = Vec::new();
    let cfg = &loaded.config;

    let base = cfg.profile.clone().unwrap_or_default();
    let profile = profile_args.apply(base)?;
    let json_keys: Vec<String> = match &profile_args.profile {
        Some(p) => std::fs::read_to_string(p)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .map(|v| {
                let mut out = Vec::new();
                flatten_json("", &v, &mut out);
                out.into_iter().map(|(k, _)| k).collect()
            })
            .unwrap_or_default(),
        None => vec![],
    };
    let flags = profile_args.flag_keys();
    let mut keys = Vec::new();
    flatten_json(
        "",
        &serde_json::to_value(&profile).unwrap_or_default(),
        &mut keys,
    );
    for (k, v) in keys {
        let source = if let Some((_, f)) = flags.iter().find(|(fk, _)| *fk == k) {
            format!("flag {f}")
        } else if let Some(p) = profile_args
            .profile
            .as_ref()
            .filter(|_| json_keys.contains(&k))
        {
            format!("--profile {p}")
        } else if profile_args.profile.is_some() {
            "default (--profile replaces podnet.toml's profile)".to_string()
        } else if let Some(at) = from_file(&format!("profile.{k}")) {
            at
        } else {
            "default".into()
        };
        shown.push((format!("profile.{k}"), v, source));
    }

    let pick = |name: &str, flag: &[String], file: &Option<Vec<String>>| -> (Vec<String>, String) {
        if !flag.is_empty() {
            (flag.to_vec(), format!("flag --{name}"))
        } else if let Some(v) = file {
            (v.clone(), from_file(name).unwrap_or_default())
        } else {
            (vec![], "default".into())
        }
    };
    let (sel, sel_src) = pick("select", select, &cfg.select);
    let (ign, ign_src) = pick("ignore", ignore, &cfg.ignore);
    shown.push(("select".into(), format!("{sel:?}"), sel_src));
    shown.push(("ignore".into(), format!("{ign:?}"), ign_src));
    let select = resolve_ids(&sel)?;
    let ignore = resolve_ids(&ign)?;

    let (fail_on, fail_src) = match (fail_on, &cfg.fail_on) {
        (Some(f), _) => (
            match f {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            },
            "flag --fail-on".to_string(),
        ),
        (None, Some(s)) => (
            match s.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                other => {
                    return Err(format!(
                        "invalid config {file}:{}: fail-on must be error, warning or info, not `{other}`",
                        loaded.keys.get("fail-on").copied().unwrap_or(0)
                    ))
                }
            },
            from_file("fail-on").unwrap_or_default(),
        ),
        (None, None) => (Severity::Error, "default".into()),
    };
    shown.push(("fail-on".into(), fail_on.as_str().into(), fail_src));

    // Lists add up: the file's, then the flags'.
    let mut exclude_all = cfg.exclude.clone();
    exclude_all.extend(exclude.iter().cloned());
    let mut extension_all = cfg.extension.clone();
    extension_all.extend(extension.iter().cloned());
    let cfg_dir = loaded
        .dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.to_path_buf());
    let mut inventory: Vec<String> = cfg
        .inventory
        .iter()
        .map(|p| cfg_dir.join(p).to_string_lossy().into_owned())
        .collect();
    inventory.extend(profile_args.inventory.iter().cloned());
    let list_src = |key: &str, flag: &[String]| {
        let mut s: Vec<String> = from_file(key).into_iter().collect();
        if !flag.is_empty() {
            s.push(format!("flag --{key}"));
        }
        if s.is_empty() {
            "default".into()
        } else {
            s.join(" + ")
        }
    };
    shown.push((
        "exclude".into(),
        format!("{exclude_all:?}"),
        list_src("exclude", exclude),
    ));
    shown.push((
        "extension".into(),
        format!(
            "{:?}",
            [
                &["yaml".to_string(), "yml".to_string()][..],
                &extension_all[..]
            ]
            .concat()
        ),
        list_src("extension", extension),
    ));
    shown.push((
        "inventory".into(),
        format!("{inventory:?}"),
        list_src("inventory", &profile_args.inventory),
    ));
    for (glob, ids) in &cfg.per_path_ignores {
        shown.push((
            format!("per-path-ignores.\"{glob}\""),
            format!("{ids:?}"),
            from_file("per-path-ignores").unwrap_or_default(),
        ));
    }
    shown.insert(
        0,
        (
            "config".into(),
            if file.is_empty() {
                "(none)".into()
            } else {
                file.clone()
            },
            "discovered upward from the working directory".into(),
        ),
    );
    shown.insert(
        1,
        (
            "root".into(),
            root.display().to_string(),
            if file.is_empty() {
                "working directory".into()
            } else {
                "directory of the config".into()
            },
        ),
    );
    Ok(Settings {
        root,
        loaded,
        profile,
        select,
        ignore,
        fail_on,
        exclude: exclude_all,
        extension: extension_all,
        inventory,
        shown,
    })
}

fn read_inventories(paths: &[String]) -> Result<Vec<String>, String> {
    paths.iter().map(|p| read_text(p).map(|t| t.0)).collect()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn check(args: CheckArgs) -> ExitCode {
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return usage_error(&format!("no working directory: {e}")),
    };
    let s = match settings(
        &cwd,
        &args.profile,
        &args.select,
        &args.ignore,
        args.fail_on,
        &args.exclude,
        &args.extension,
    ) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    if args.show_settings {
        let mut out = String::new();
        for (k, v, src) in &s.shown {
            out.push_str(&format!("{k} = {v}  # {src}\n"));
        }
        let _ = std::io::stdout().write_all(out.as_bytes());
        return ExitCode::SUCCESS;
    }
    let per_path = match super::per_path(&s.loaded.config.per_path_ignores) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    let mut walk = match super::walk(&paths, &s.extension, &s.exclude, &s.root, &cwd) {
        Ok(w) => w,
        Err(e) => return usage_error(&e),
    };
    if let Some(name) = &args.stdin_filename {
        for i in walk.inputs.iter_mut().filter(|i| i.path.is_none()) {
            i.shown = name.clone();
        }
    }
    let inventories = match read_inventories(&s.inventory) {
        Ok(i) => i,
        Err(e) => return usage_error(&e),
    };
    let root = s.root.clone();
    let cwd2 = cwd.clone();
    let (select, ignore) = (s.select.clone(), s.ignore.clone());
    let keep = move |shown: &str, d: &Diagnostic| {
        let rule = d.rule.as_str();
        if !(select.is_empty() || select.contains(&rule)) || ignore.contains(&rule) {
            return false;
        }
        let abs = cwd2.join(shown);
        let rel = abs.strip_prefix(&root).unwrap_or(Path::new(shown));
        !per_path
            .iter()
            .any(|(g, ids)| ids.contains(&rule) && g.is_match(rel))
    };
    let outcome = match super::check(walk.inputs, &inventories, &s.profile, &keep) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    let all: Vec<Diagnostic> = outcome
        .checked
        .iter()
        .flat_map(|c| c.diagnostics.iter().cloned())
        .collect();
    let sum = Summary::of(&all);
    let summary = format!(
        "Checked {}, skipped {}: {}, {}, {}.\n",
        plural(outcome.checked.len(), "file"),
        outcome.skipped.len(),
        plural(sum.errors, "error"),
        plural(sum.warnings, "warning"),
        plural(sum.infos, "info"),
    );
    // SARIF names files relative to the project root; the others as the user sees them.
    let sarif_paths: Vec<String> = outcome
        .checked
        .iter()
        .map(|c| match &c.input.path {
            Some(p) => {
                let abs = if p.is_absolute() {
                    p.clone()
                } else {
                    cwd.join(p)
                };
                let abs = abs
                    .components()
                    .filter(|c| !matches!(c, std::path::Component::CurDir))
                    .collect::<PathBuf>();
                abs.strip_prefix(&s.root)
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_else(|_| c.input.shown.clone())
            }
            None => c.input.shown.clone(),
        })
        .collect();
    let files: Vec<FileReport> = outcome
        .checked
        .iter()
        .enumerate()
        .map(|(i, c)| FileReport {
            path: if matches!(args.format, Format::Sarif) {
                &sarif_paths[i]
            } else {
                &c.input.shown
            },
            source: &c.source,
            diagnostics: &c.diagnostics,
        })
        .collect();
    let mut notes = String::new();
    for sk in &outcome.skipped {
        if args.show_skipped || sk.helm {
            notes.push_str(&format!("{}: skipped: {}\n", sk.shown, sk.reason));
        }
    }
    let rendered = if args.quiet {
        summary.clone()
    } else {
        match args.format {
            Format::Text => {
                let mut t = output::text(&files);
                // output::text ends with its own count line; the project summary replaces it.
                let body_end = t.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
                t.truncate(body_end);
                format!("{t}{notes}{summary}")
            }
            Format::Json => output::json(&files),
            Format::Sarif => output::sarif(&files, &args.docs_url),
            Format::Github => {
                let mut g = output::github(&files);
                for sk in outcome.skipped.iter().filter(|s| s.helm) {
                    g.push_str(&format!("::notice file={}::{}\n", sk.shown, sk.reason));
                }
                g
            }
        }
    };
    if !args.quiet && !matches!(args.format, Format::Text) {
        eprint!(
            "{}",
            if matches!(args.format, Format::Github) {
                String::new()
            } else {
                notes.clone()
            }
        );
        eprint!("{summary}");
    }
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(rendered.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    ExitCode::from(u8::from(all.iter().any(|d| d.severity >= s.fail_on)))
}

pub fn fix_write(args: &FixArgs) -> ExitCode {
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return usage_error(&format!("no working directory: {e}")),
    };
    let s = match settings(&cwd, &args.profile, &[], &[], None, &[], &[]) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    let walk = match super::walk(&args.paths, &s.extension, &s.exclude, &s.root, &cwd) {
        Ok(w) => w,
        Err(e) => return usage_error(&e),
    };
    let inventories = match read_inventories(&s.inventory) {
        Ok(i) => i,
        Err(e) => return usage_error(&e),
    };
    match super::fix_write(walk.inputs, &inventories, &s.profile, args.include_unsafe) {
        Ok(results) => {
            for (path, applied, errors) in results.iter().filter(|r| r.1 > 0 || r.2 > 0) {
                eprintln!("podnet: {applied} fix(es) applied to {path}; {errors} error(s) remain");
            }
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e),
    }
}
