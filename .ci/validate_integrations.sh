#!/usr/bin/env bash
# The integrations, checked by the real validators (issue 15). Every validator is installed
# here, pinned, from PyPI or npm; one that cannot be installed fails the run, never skips it.
#   action.yml:            check-jsonschema's vendored GitHub Actions schema, action-validator
#                          (npm @action-validator/cli), zizmor --offline (its default persona:
#                          a finding of any severity fails).
#   .pre-commit-hooks.yaml: pre-commit validate-manifest (pre-commit comes with the test extra).
# Each validator is first shown a broken action, which it must reject: a validator that
# passes everything would pass ours too.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf '\nVALIDATION FAILED: %s\n' "$*"; exit 1; }
tools=.ci/tools
CHECK_JSONSCHEMA=check-jsonschema==0.39.0
ZIZMOR=zizmor==1.32.0
ACTION_VALIDATOR=@action-validator/cli@0.6.0

.venv/bin/pip install -q "$CHECK_JSONSCHEMA" "$ZIZMOR" || fail "cannot install $CHECK_JSONSCHEMA and $ZIZMOR"
validator="$tools/npm/node_modules/.bin/action-validator"
installed=$(cat "$tools/npm/node_modules/@action-validator/cli/package.json" 2>/dev/null | .venv/bin/python -c 'import json, sys; print(json.load(sys.stdin)["version"])' 2>/dev/null || true)
if [ ! -x "$validator" ] || [ "$installed" != "${ACTION_VALIDATOR##*@}" ]; then
  npm install -q --no-audit --no-fund --prefix "$tools/npm" "$ACTION_VALIDATOR" >/dev/null \
    || fail "cannot install $ACTION_VALIDATOR"
fi
[ -x "$validator" ] || fail "$ACTION_VALIDATOR installed no action-validator command"
[ -x .venv/bin/pre-commit ] || fail "pre-commit is not installed (the test extra lists it)"

# A broken action: a script that interpolates an expression, an action pinned by tag, and
# (for the schemas) a run step without its shell.
broken=$(mktemp -d)
trap 'rm -rf "$broken"' EXIT
cat >"$broken/action.yml" <<'YAML'
name: broken
description: an action every validator must reject
runs:
  using: composite
  steps:
    - run: echo "${{ github.event.pull_request.title }}"
    - uses: actions/checkout@v4
YAML
sed 's/^    - run: /    - shell: bash\n      run: /' "$broken/action.yml" >"$broken/audited.yml"
mkdir "$broken/audited" && mv "$broken/audited.yml" "$broken/audited/action.yml"
printf -- '- id: broken\n  language: python\n' >"$broken/.pre-commit-hooks.yaml"

run() {  # run NAME EXPECTED COMMAND...: EXPECTED is pass or fail
  local name=$1 expected=$2 code=0
  shift 2
  "$@" >"$broken/log" 2>&1 || code=$?
  if [ "$expected" = pass ] && [ "$code" -ne 0 ]; then
    cat "$broken/log"
    fail "$name exited $code"
  fi
  if [ "$expected" = fail ] && [ "$code" -eq 0 ]; then
    cat "$broken/log"
    fail "$name accepted a broken file: it validates nothing"
  fi
  printf '%s: %s (exit %s)\n' "$name" "$([ "$code" -eq 0 ] && echo ok || echo rejected the broken file)" "$code"
  if [ "$expected" = pass ]; then sed 's/^/  | /' "$broken/log"; fi
}

run "check-jsonschema (broken)" fail .venv/bin/check-jsonschema --builtin-schema vendor.github-actions "$broken/action.yml"
run "action-validator (broken)" fail "$validator" "$broken/action.yml"
run "zizmor (broken)" fail .venv/bin/zizmor --offline --no-progress "$broken/audited/action.yml"
run "pre-commit validate-manifest (broken)" fail .venv/bin/pre-commit validate-manifest "$broken/.pre-commit-hooks.yaml"

run "check-jsonschema --builtin-schema vendor.github-actions action.yml" pass \
  .venv/bin/check-jsonschema --builtin-schema vendor.github-actions action.yml
run "action-validator action.yml" pass "$validator" action.yml
run "zizmor --offline action.yml" pass .venv/bin/zizmor --offline --no-progress action.yml
run "pre-commit validate-manifest .pre-commit-hooks.yaml" pass \
  .venv/bin/pre-commit validate-manifest .pre-commit-hooks.yaml

# The README's examples: the workflow (with the action's placeholder reference pinned to a
# dummy SHA, since OWNER/fitness@REF stands for the user's pin) and the pre-commit config.
mkdir "$broken/readme"
.venv/bin/python - "$broken/readme" <<'PY' || fail "cannot extract the README's examples"
import re, sys
from pathlib import Path
text = Path("README.md").read_text(encoding="utf-8")
blocks = re.findall(r"```yaml\n(# (\S+)\n.*?)```", text, re.S)
found = {name: block for block, name in blocks}
workflow = found[".github/workflows/architecture.yml"].replace("OWNER/fitness@REF", "OWNER/fitness@" + "0" * 40)
Path(sys.argv[1], "architecture.yml").write_text(workflow, encoding="utf-8")
Path(sys.argv[1], ".pre-commit-config.yaml").write_text(found[".pre-commit-config.yaml"], encoding="utf-8")
PY
run "check-jsonschema --builtin-schema vendor.github-workflows (README's workflow)" pass \
  .venv/bin/check-jsonschema --builtin-schema vendor.github-workflows "$broken/readme/architecture.yml"
run "zizmor --offline (README's workflow)" pass .venv/bin/zizmor --offline --no-progress "$broken/readme/architecture.yml"
run "pre-commit validate-config (README's .pre-commit-config.yaml)" pass \
  .venv/bin/pre-commit validate-config "$broken/readme/.pre-commit-config.yaml"
printf '\nThe action, the hook manifest and the README examples validate.\n'
