"""`fitness init`'s draft (issue 22, item 6): vendored code left out, `a | b` siblings,
the TYPE_CHECKING proposal, labelled chains, and a pointer to import-linter's configuration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

PYPROJECT = '[project]\nname = "app"\n'
NO_ADR = (
    "\n"
    "# No ADR directory found (looked for .adr-dir, .log4brains.yml, doc/adr, docs/adr,\n"
    "# docs/decisions, docs/architecture/decisions). Record each decision as an ADR and cite\n"
    '# it in its rule (adr = "ADR-0001"); then set:\n'
    "# [tool.fitness.adr]\n"
    '# dir = "docs/adr"\n'
    "\n"
)
INTRO = (
    "# A starter configuration written by `fitness init`: a draft to read and edit.\n"
    "# `fitness explain layers` describes every key; `fitness check` runs the rules.\n"
    "[tool.fitness]\n"
    'source_roots = ["src"]  # src/ exists\n'
)


def _layers_comment(violations: str, packages: int) -> str:
    return (
        "# The children of app as layers, top to bottom: a layer may import the layers below it,\n"
        f"# never those above, directly or through other modules. This order has {violations}: no\n"
        f'# order of these {packages} packages has fewer (an exact search). One entry "a | b" holds\n'
        "# siblings that must not import each other (packages that do not depend on each other\n"
        '# share a layer), "a : b" siblings that may. Cite the decision this rule enforces with\n'
        '# adr = "ADR-0001".\n'
        "[tool.fitness.rules.layered-architecture]\n"
        'kind = "layers"\n'
    )


# api and web use core, core uses db; api and jobs do not depend on each other, nor
# web on jobs; jobs uses db only.
SIBLINGS = {
    "pyproject.toml": PYPROJECT,
    "src/app/__init__.py": "",
    "src/app/api.py": "from app import core\n",
    "src/app/web.py": "from app import core\n",
    "src/app/jobs.py": "from app import db\n",
    "src/app/core.py": "from app import db\n",
    "src/app/db.py": "",
}


def test_packages_that_do_not_depend_on_each_other_share_a_layer(
    project: Project, run: Run
) -> None:
    root = project(SIBLINGS)

    result = run("init", cwd=root)

    assert result.out == (
        "Appended [tool.fitness] to pyproject.toml. Proposed 3 layers with 0 violations: no "
        "order of these 5 packages has fewer (an exact search).\n"
        "Read the draft, edit it, then run `fitness check`.\n"
    )
    draft = (root / "pyproject.toml").read_text().split("[tool.fitness.rules.layered-architecture]")
    assert draft[1] == (
        '\nkind = "layers"\n'
        "layers = [\n"
        '  "app.api | app.web",\n'
        '  "app.core | app.jobs",\n'
        '  "app.db",\n'
        "]\n"
        "# This order has no violation.\n"
    )
    assert run("check", "--no-cache", cwd=root).code == 0
    # The siblings must stay apart: web importing api breaks the rule.
    (root / "src/app/web.py").write_text("from app import core\nfrom app import api\n")
    check = run("check", "--no-cache", cwd=root)
    assert check.code == 1
    assert check.out.splitlines()[0] == (
        "src/app/web.py:2:1: layered-architecture: app.web must not import app.api "
        "(independent siblings)"
    )


VENDORED = {
    "pyproject.toml": PYPROJECT + '\n[tool.vendoring]\ndestination = "src/app/third_party/"\n',
    "src/app/__init__.py": "",
    "src/app/api.py": "from app import core\nfrom app._vendor import six\n",
    "src/app/core.py": "from app.extern import idna\nfrom app.third_party import attr\n",
    # Each imports the product, so each would be the top layer if it were analysed.
    "src/app/_vendor/six.py": "import app.api\n",
    "src/app/extern/idna/__init__.py": "import app.api\n",
    "src/app/extern/idna-3.7.dist-info/METADATA": "Name: idna\n",
    "src/app/third_party/__init__.py": "",
    "src/app/third_party/attr.py": "import app.api\n",
}


def test_vendored_code_is_left_out_and_said_so(project: Project, run: Run) -> None:
    root = project(VENDORED)

    result = run("init", "--dry-run", cwd=root)

    assert result.out == (
        INTRO + "# Not product code, left out of the analysis (gitignore-style paths):\n"
        "# Among them, vendored third-party code: /src/app/_vendor/ (a directory named _vendor),\n"
        "# /src/app/extern/ (it holds idna-3.7.dist-info), /src/app/third_party/ (the destination\n"
        "# of [tool.vendoring]).\n"
        'exclude = ["/src/app/_vendor/", "/src/app/extern/", "/src/app/third_party/"]\n'
        + NO_ADR
        + _layers_comment("0 violations", 2)
        + 'layers = [\n  "app.api",\n  "app.core",\n]\n'
        "# This order has no violation.\n"
    )
    assert result.err == (
        "Proposed 2 layers with 0 violations: no order of these 2 packages has fewer (an "
        "exact search). Left out vendored code: /src/app/_vendor/, /src/app/extern/, "
        "/src/app/third_party/.\n"
        "Dry run: nothing written to pyproject.toml.\n"
    )


# core imports api in a function; db and schemas import api and core under TYPE_CHECKING
# only: counted, they make three violations in the best order; left out, one is left.
TYPE_CHECKING = {
    "pyproject.toml": PYPROJECT,
    "src/app/__init__.py": "",
    "src/app/api.py": "from app import core\n",
    "src/app/core.py": (
        "from app import db\nfrom app import schemas\n\n\ndef hook():\n    from app import api\n"
    ),
    "src/app/db.py": (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        "    from app import api\n    from app import core\n"
    ),
    "src/app/schemas.py": (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        "    from app import api\n    from app import core\n"
    ),
}


def test_most_violations_type_checking_only_proposes_ignoring_them(
    project: Project, run: Run
) -> None:
    root = project(TYPE_CHECKING)

    result = run("init", "--dry-run", cwd=root)

    assert result.out.split("[tool.fitness.rules.layered-architecture]\n")[1] == (
        'kind = "layers"\n'
        'layers = [\n  "app.api",\n  "app.core",\n  "app.db | app.schemas",\n]\n'
        "# Imports under `if TYPE_CHECKING:` never run: counting them would make 3 violations in\n"
        "# the best order, 2 more.\n"
        'type_checking = "ignore"\n'
        "# These import each other in a loop: app.api, app.core.\n"
        "# The 1 violation this order still has: fix the code, change the order, or ignore an\n"
        '# import with ignore = ["importer -> imported"]:\n'
        "#   app.core must not import app.api (a higher layer)\n"
        "#     app.core -> app.api (src/app/core.py:6, local)\n"
    )
    assert result.err == (
        "Proposed 3 layers with 1 violation: no order of these 4 packages has fewer (an exact "
        'search). type_checking = "ignore" (imports under `if TYPE_CHECKING:` not counted) '
        "removes 2 of the 3 that counting them makes.\n"
        "Dry run: nothing written to pyproject.toml.\n"
    )
    write = run("init", cwd=root)
    assert write.code == 0
    check = run("check", "--no-cache", cwd=root)
    assert (check.code, check.out.splitlines()[0]) == (
        1,
        "src/app/core.py:6:5: layered-architecture: app.core must not import app.api "
        "(a higher layer)",
    )


def test_a_few_type_checking_violations_stay_counted_with_their_labels(
    project: Project, run: Run
) -> None:
    # api <-> core through core's function, api <-> db through db's TYPE_CHECKING import:
    # one of each loop is broken whatever the order; leaving out TYPE_CHECKING removes one
    # of two, not most.
    root = project(
        {
            "pyproject.toml": PYPROJECT,
            "src/app/__init__.py": "",
            "src/app/api.py": "from app import core\nfrom app import db\n",
            "src/app/core.py": "import os\n\n\ndef hook():\n    from app import api\n",
            "src/app/db.py": (
                "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from app import api\n"
            ),
        }
    )

    result = run("init", "--dry-run", cwd=root)

    assert "type_checking" not in result.out.split("[tool.fitness.rules")[1]
    assert result.out.split('ignore = ["importer -> imported"]:\n')[1] == (
        "#   app.core must not import app.api (a higher layer)\n"
        "#     app.core -> app.api (src/app/core.py:5, local)\n"
        "#   app.db must not import app.api (a higher layer)\n"
        "#     app.db -> app.api (src/app/db.py:4, TYPE_CHECKING)\n"
    )


def test_an_import_linter_configuration_is_pointed_at(project: Project, run: Run) -> None:
    root = project({**SIBLINGS, ".importlinter": "[importlinter]\nroot_package = app\n"})

    result = run("init", "--dry-run", cwd=root)

    assert result.err == (
        "Proposed 3 layers with 0 violations: no order of these 5 packages has fewer (an "
        "exact search). .importlinter holds an import-linter configuration: `fitness init "
        "--from-import-linter` converts its contracts instead.\n"
        "Dry run: nothing written to pyproject.toml.\n"
    )
