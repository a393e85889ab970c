"""The golden fixture: a project one directory below its repository root.

Findings of several rule kinds (layers, forbidden with a two-hop chain, banned-api,
a parse-error, an ADR superseded, an unused suppression), an import after non-ASCII text on its line (columns count code
points: `𝛑` is two UTF-16 units, `€` three UTF-8 bytes), a rule that is kept, and for
coverage: a vacuous rule (its module imports nothing), an excluded directory, a gitignored
file and Python outside the source root.
"""

from __future__ import annotations

from pathlib import Path

from fitness.model import Report
from support import check_project, write_tree

PYPROJECT = """
[tool.fitness]
source_roots = ["src"]
exclude = ["**/generated/**"]

[tool.fitness.rules.layered]
kind = "layers"
layers = ["shop.api", "shop.services", "shop.domain"]
adr = "ADR-0002"

[tool.fitness.rules.domain-is-pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["sqlalchemy"]
adr = ["ADR-0004", "ADR-0005"]  # a rule may enforce several decisions
message = "Publish events through shop.domain.events and let services wire the bus."

[tool.fitness.rules.no-pickle]
kind = "banned-api"
apis = ["pickle.loads"]
message = "Use json for data that crosses a trust boundary."

[tool.fitness.rules.api-without-database]
kind = "forbidden"
from = ["shop.api"]
to = ["sqlalchemy"]
allow_indirect = true
adr = "ADR-0003"

[tool.fitness.rules.money-is-standalone]
kind = "forbidden"
from = ["shop.domain.money"]
to = ["shop.services"]
"""


def _record(number: int, title: str, status: str) -> str:
    return f"# {number}. {title}\n\nDate: 2026-02-0{number}\n\n## Status\n\n{status}\n"


FILES = {
    "app/pyproject.toml": PYPROJECT,
    "app/docs/adr/0002-layers.md": _record(2, "Layered architecture", "Accepted"),
    "app/docs/adr/0003-api-reads.md": _record(
        3, "The API reads through services", "Superceded by [5. Read models](0005-read-models.md)"
    ),
    "app/docs/adr/0004-pure-domain.md": _record(4, "The domain is pure", "Accepted"),
    "app/docs/adr/0005-read-models.md": _record(5, "Read models", "Accepted"),
    "app/src/shop/__init__.py": "",
    "app/src/shop/api/__init__.py": "",
    "app/src/shop/api/views.py": (
        "from shop.services import checkout\n"
        "from shop.domain import pricing  # fitness: ignore[layered] ADR-0002 until the split\n"
    ),
    "app/src/shop/services/__init__.py": "",
    "app/src/shop/services/checkout.py": "import pickle\n\nfrom shop.domain import events\n\n\ndef load(data):\n    return pickle.loads(data)\n",
    "app/src/shop/domain/__init__.py": "",
    "app/src/shop/domain/events.py": 'PRICE = "𝛑€"; from shop.infrastructure import bus  # 50, 100 [ok]\n',
    "app/src/shop/domain/pricing.py": "from shop.api import views\n",
    "app/src/shop/infrastructure/__init__.py": "",
    "app/src/shop/infrastructure/bus.py": "from sqlalchemy.orm import Session\n",
    "app/src/shop/broken.py": "def (:\n",
    "app/src/shop/domain/money.py": "",
    "app/src/shop/domain/generated/__init__.py": "",
    "app/src/shop/domain/generated/rows.py": "import sqlalchemy\n",
    "app/.gitignore": "scratch.py\n",
    "app/src/shop/services/scratch.py": "from shop.api import views\n",
    "app/scripts/seed.py": "from shop.domain import pricing\n",
    "app/setup.py": "",
}


def golden_report(tmp_path: Path) -> Report:
    """The report on the fixture, rendered with elapsed 0 and every rule's seconds 0."""
    write_tree(tmp_path, FILES)
    (tmp_path / ".git").mkdir()
    return check_project(tmp_path / "app")
