#!/usr/bin/env bash
# Diagrams checked by the tools that show them: `dot -Tsvg` (Graphviz, from Debian's packages)
# with no warning, and Mermaid's own parser (the pinned npm package, under Node) within
# GitHub's limits; on the golden files, examples/shop, and Django's and sympy's depth-1
# and depth-2 diagrams.
set -euo pipefail
cd "$(dirname "$0")/.."
fitness="$PWD/.venv/bin/fitness"

if ! command -v dot >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
fi
npm ci --prefix .ci/mermaid --silent --no-audit --no-fund

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for depth in 1 2; do
  (cd examples/shop && "$fitness" graph --depth "$depth" --output "$out/shop-$depth.mmd" \
    && "$fitness" graph --depth "$depth" --format dot --output "$out/shop-$depth.dot")
done
.venv/bin/python .ci/diagrams_of_real_projects.py "$fitness" "$out"

for diagram in tests/golden/diagrams/*.dot "$out"/*.dot; do
  if ! dot -Tsvg "$diagram" -o /dev/null 2>"$out/dot.err" || [ -s "$out/dot.err" ]; then
    echo "dot -Tsvg $diagram:"; cat "$out/dot.err"; exit 1
  fi
  echo "ok $diagram: dot -Tsvg, no warning"
done
# The step summary's pictures: each ```mermaid block of the Markdown goldens, as GitHub finds it;
# the history's step summary too (`fitness history --format markdown`): its xychart.
.venv/bin/python .ci/mermaid_blocks.py "$out" tests/golden/diagrams/*.md tests/golden/history/*.md
node .ci/mermaid/parse.mjs tests/golden/diagrams/*.mmd "$out"/*.mmd
