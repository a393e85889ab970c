"""The `classes` kind's examples: what `fitness explain classes` prints and
tests/checks/test_kind_examples.py runs."""

from __future__ import annotations

from fitness.checks.docs import Example

_PURE = """\
[rules.pure-domain]
kind = "classes"
in = ["shop.domain"]
must_not_subclass = "sqlalchemy.orm.DeclarativeBase"
"""

_ORM = {
    "src/shop/__init__.py": "",
    "src/shop/db.py": (
        "from sqlalchemy.orm import DeclarativeBase as B\n\n\nclass Base(B):\n    pass\n"
    ),
    "src/shop/domain/__init__.py": "",
}

_HANDLERS = """\
[rules.handlers]
kind = "classes"
decorated_with = "fastapi.APIRouter.*"
must_live_in = ["shop.api"]
must_be_async = true
"""

_API = {
    "src/shop/__init__.py": "",
    "src/shop/api.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        '@router.get("/orders")\nasync def orders():\n    return []\n'
    ),
}

EXAMPLES = (
    Example(
        "domain entities are plain classes; the ORM's tables live outside the domain",
        _PURE,
        {
            **_ORM,
            "src/shop/domain/order.py": "class Order:\n    pass\n",
            "src/shop/tables.py": "from shop.db import Base\n\n\nclass OrderRow(Base):\n    pass\n",
        },
    ),
    Example(
        "an entity subclasses the ORM's base through the project's Base (imported under an alias)",
        _PURE,
        {
            **_ORM,
            "src/shop/domain/order.py": (
                "from shop.db import Base as Model\n\n\nclass Order(Model):\n    pass\n"
            ),
        },
        (
            "src/shop/domain/order.py:4:1: pure-domain: class shop.domain.order.Order may not "
            "subclass sqlalchemy.orm.DeclarativeBase (through shop.db.Base)",
        ),
    ),
    Example(
        "an entity whose base fitness cannot resolve: reported as unknown, not guessed",
        _PURE,
        {
            **_ORM,
            "src/shop/domain/order.py": "Model = make_base()\n\n\nclass Order(Model):\n    pass\n",
        },
        (
            "src/shop/domain/order.py:4:1: pure-domain: fitness cannot tell whether class "
            "shop.domain.order.Order subclasses sqlalchemy.orm.DeclarativeBase: the base Model "
            "of shop.domain.order.Order is unknown",
        ),
    ),
    Example(
        "route handlers are async functions in shop.api",
        _HANDLERS,
        _API,
    ),
    Example(
        "a route handler outside shop.api, and not async",
        _HANDLERS,
        {
            **_API,
            "src/shop/admin.py": (
                "from fastapi import APIRouter as R\n\nadmin = R()\n\n\n"
                '@admin.post("/reset")\ndef reset():\n    pass\n'
            ),
        },
        (
            "src/shop/admin.py:7:1: handlers: function shop.admin.reset must be async",
            "src/shop/admin.py:7:1: handlers: function shop.admin.reset must live in shop.api",
        ),
    ),
)
