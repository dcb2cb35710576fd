//! The real `pre-commit` (pinned, from PyPI, installed into target/pre-commit-venv by
//! scripts/pre-commit-venv.sh) runs the repository's `.pre-commit-hooks.yaml` through
//! `pre-commit try-repo` in a temporary git repository, with the podnet just built on PATH
//! (the hooks are `language: system`; see the README).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_podnet");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root")
}

fn pre_commit() -> PathBuf {
    let out = Command::new("bash")
        .arg(repo_root().join("scripts/pre-commit-venv.sh"))
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(
        String::from_utf8(out.stdout)
            .expect("a UTF-8 path from the script")
            .trim(),
    )
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn try_repo(pc: &Path, dir: &Path, hook: &str) -> (Output, String) {
    let bin_dir = Path::new(BIN).parent().expect("the binary's directory");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(pc)
        .args([
            "try-repo",
            repo_root().to_str().expect("a UTF-8 repository path"),
            hook,
            "--all-files",
            "--verbose",
        ])
        .current_dir(dir)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", dir.join(".cache-pre-commit"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("pre-commit runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, text)
}

const BROKEN: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    cni.projectcalico.org/ipv4pools: default-ipv4-ippool\nspec:\n  containers: []\n";

#[test]
fn pre_commit_hooks_fail_on_a_broken_manifest_and_pass_on_the_fixed_one() {
    let pc = pre_commit();
    let dir = std::env::temp_dir().join(format!("podnet-pre-commit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("manifests")).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["config", "user.email", "t@example.com"]);
    git(&dir, &["config", "user.name", "t"]);
    std::fs::write(dir.join(".gitignore"), ".cache-pre-commit/\n").unwrap();
    std::fs::write(dir.join("manifests/pod.yaml"), BROKEN).unwrap();
    git(&dir, &["add", "."]);

    let (out, text) = try_repo(&pc, &dir, "podnet-check");
    assert!(!out.status.success(), "{text}");
    assert!(
        text.contains("CAL-A001") && text.contains("manifests/pod.yaml"),
        "{text}"
    );

    // podnet-fix rewrites the file (pre-commit fails the run because files changed).
    let (out, text) = try_repo(&pc, &dir, "podnet-fix");
    assert!(!out.status.success(), "{text}");
    let fixed = std::fs::read_to_string(dir.join("manifests/pod.yaml")).unwrap();
    assert!(fixed.contains("'[\"default-ipv4-ippool\"]'"), "{fixed}");
    git(&dir, &["add", "."]);

    let (out, text) = try_repo(&pc, &dir, "podnet-check");
    assert!(out.status.success(), "{text}");
    let (out, text) = try_repo(&pc, &dir, "podnet-fix");
    assert!(out.status.success(), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
