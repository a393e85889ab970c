#!/usr/bin/env bash
# The configuration's JSON schema (issue 27), checked by validators other than the tests':
#   check-jsonschema (PyPI, the test extra) on the JSON form of every configuration in the
#   repository, each of which must pass, and of each invalid one, each of which must fail;
#   taplo (npm @taplo/cli, what Even Better TOML runs) on a fitness.toml with a `#:schema`
#   directive and a pyproject.toml associated through .taplo.toml, as the README says.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf '\nVALIDATION FAILED: %s\n' "$*"; exit 1; }
TAPLO=@taplo/cli@0.7.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for layout in fitness pyproject pyproject-file pack; do
  .venv/bin/fitness schema --layout "$layout" > "$work/$layout.json"
done
cmp -s "$work/fitness.json" docs/fitness.schema.json || fail "docs/fitness.schema.json is stale"
cmp -s "$work/pyproject.json" docs/partial-fitness.json || fail "docs/partial-fitness.json is stale"
cmp -s "$work/pyproject-file.json" docs/pyproject-fitness.schema.json || fail "docs/pyproject-fitness.schema.json is stale"
cmp -s "$work/pack.json" docs/fitness-pack.schema.json || fail "docs/fitness-pack.schema.json is stale"

.venv/bin/check-jsonschema --check-metaschema docs/fitness.schema.json docs/partial-fitness.json \
  docs/pyproject-fitness.schema.json docs/fitness-pack.schema.json || fail "a schema is no valid draft-07 schema"

.venv/bin/python .ci/schema_instances.py "$work/instances"
declare -A schemas=(
  [fitness]=docs/fitness.schema.json
  [pyproject]=docs/partial-fitness.json
  [pack]=docs/fitness-pack.schema.json
)
for layout in fitness pyproject pack; do
  valid=("$work/instances/$layout/valid/"*.json)
  .venv/bin/check-jsonschema --schemafile "${schemas[$layout]}" "${valid[@]}" \
    || fail "a valid $layout configuration fails ${schemas[$layout]}"
  echo "$layout: ${#valid[@]} valid configurations pass"
done
rejected=0
for instance in "$work/instances/fitness/invalid/"*.json; do
  if .venv/bin/check-jsonschema --schemafile docs/fitness.schema.json "$instance" >/dev/null; then
    fail "$(basename "$instance" .json): an invalid configuration passes docs/fitness.schema.json"
  fi
  rejected=$((rejected + 1))
done
[ "$rejected" -gt 0 ] || fail "no invalid configuration was tried"
echo "fitness: $rejected invalid configurations rejected"

taplo="$work/npm/node_modules/.bin/taplo"
npm install -q --no-audit --no-fund --prefix "$work/npm" "$TAPLO" >/dev/null || fail "cannot install $TAPLO"
mkdir -p "$work/taplo/good" "$work/taplo/bad" "$work/taplo/pyproject"
cp docs/fitness.schema.json "$work/taplo/"
printf '#:schema ../fitness.schema.json\nsource_roots = ["src"]\n\n[rules.layered]\nkind = "layers"\nlayers = ["shop.api", "shop.domain"]\n' \
  > "$work/taplo/good/fitness.toml"
printf '#:schema ../fitness.schema.json\nsource_roots = ["src"]\n\n[rules.layered]\nkind = "layers"\nlayers = ["shop.api", "shop.domain"]\nexhaustiv = true\n' \
  > "$work/taplo/bad/fitness.toml"
(cd "$work/taplo/good" && "$taplo" check fitness.toml 2>/dev/null) || fail "taplo rejects a valid fitness.toml"
if (cd "$work/taplo/bad" && "$taplo" check fitness.toml >/dev/null 2>&1); then
  fail "taplo accepts a fitness.toml with an unknown key"
fi
# pyproject.toml: the README's .taplo.toml, beside this repository's own pyproject.toml.
cp pyproject.toml "$work/taplo/pyproject/"
mkdir -p "$work/taplo/pyproject/docs" && cp docs/pyproject-fitness.schema.json "$work/taplo/pyproject/docs/"
printf '[[rule]]\ninclude = ["pyproject.toml"]\n\n[rule.schema]\npath = "./docs/pyproject-fitness.schema.json"\n' \
  > "$work/taplo/pyproject/.taplo.toml"
(cd "$work/taplo/pyproject" && "$taplo" check pyproject.toml 2>/dev/null) || fail "taplo rejects this repository's pyproject.toml"
sed -i 's/^source_roots = /source_root = /' "$work/taplo/pyproject/pyproject.toml"
if (cd "$work/taplo/pyproject" && "$taplo" check pyproject.toml >/dev/null 2>&1); then
  fail "taplo accepts a pyproject.toml whose [tool.fitness] has an unknown key"
fi
echo "taplo: the #:schema directive and the .taplo.toml association both validate"
