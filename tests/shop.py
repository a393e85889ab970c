"""A small layered project used by the end-to-end tests."""

from __future__ import annotations

PYPROJECT = """
[tool.fitness]

[tool.fitness.rules.layered]
kind = "layers"
layers = ["shop.api", "shop.services | shop.jobs", "shop.domain"]
adr = "ADR-0002"

[tool.fitness.rules.domain-is-pure]
kind = "forbidden"
from = ["shop.domain"]
to = ["sqlalchemy", "shop.infrastructure"]
adr = "ADR-0004"
message = "Let services wire the infrastructure."
"""


def _record(number: int, title: str) -> str:
    return f"# {number}. {title}\n\nDate: 2026-01-05\n\n## Status\n\nAccepted\n"


FILES = {
    "pyproject.toml": PYPROJECT,
    "docs/adr/0002-layered-architecture.md": _record(2, "Layered architecture"),
    "docs/adr/0004-pure-domain.md": _record(4, "The domain is pure"),
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "from shop.services import checkout\n",
    "src/shop/services/__init__.py": "",
    "src/shop/services/checkout.py": "from shop.domain import order\n",
    "src/shop/jobs/__init__.py": "",
    "src/shop/jobs/nightly.py": "def run():\n    from shop.services import checkout\n",
    "src/shop/domain/__init__.py": "from .order import Order\n",
    "src/shop/domain/order.py": "from . import events\n\n\nclass Order:\n    pass\n",
    "src/shop/domain/events.py": "import json\n\nfrom shop.infrastructure.bus import send\n",
    "src/shop/domain/pricing.py": "from shop.api.views import checkout\n",
    "src/shop/infrastructure/__init__.py": "",
    "src/shop/infrastructure/bus.py": "from sqlalchemy.orm import Session\n\n\ndef send(): ...\n",
}
