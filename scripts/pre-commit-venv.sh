#!/usr/bin/env bash
# Installs pre-commit (pinned, from PyPI) into target/pre-commit-venv if it is missing and
# prints the path of its `pre-commit` executable. Used by server/tests/pre_commit.rs.
set -euo pipefail
VERSION=4.3.0
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${CARGO_TARGET_DIR:-$root/target}/pre-commit-venv"
bin="$venv/bin/pre-commit"
if ! [ -x "$bin" ] || [ "$("$bin" --version 2>/dev/null)" != "pre-commit $VERSION" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$VERSION" >&2
fi
echo "$bin"
