"""`fitness explain`: the rule kinds, and each kind's description, keys and examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fitness.checks import KINDS
from support import Result

Run = Callable[..., Result]

ALLOWED = (
    "allowed: modules in `from` may import only their own modules, `may_import` and the stdlib\n"
    "\n"
    "Modules in `from` may directly import only their own modules, `may_import` and the stdlib.\n"
    "\n"
    "A module of a `from` package may import anything inside that package, any\n"
    "module that a `may_import` expression matches or that lies inside one it\n"
    "matches (internal or third-party, `*` / `**` allowed), and the standard\n"
    "library of the Python running fitness unless `allow_stdlib = false`\n"
    "(`__future__` included). Every other direct import is a finding, one per\n"
    "import statement, located at it. Like every graph rule it follows\n"
    "`include` / `exclude`, `ignore`, `type_checking` and `dynamic`; a finding\n"
    "about a dynamic import says so.\n"
    "\n"
    '`may_import` also takes two words. `"stdlib"` is the standard library: the\n'
    "same as `allow_stdlib = true` (the default), written out so that\n"
    '`may_import = ["stdlib", "pydantic"]` reads as the rule it is ("the standard\n'
    'library, pydantic and no other package"); with `allow_stdlib = false` it is\n'
    'a configuration error. `"third-party"` is every module from outside the\n'
    "project that is not in the standard library, whatever its distribution:\n"
    '`may_import = ["third-party"]` restricts only the project\'s own modules.\n'
    "\n"
    "Keys:\n"
    "  from           (required)                     module expressions: the packages whose imports are checked\n"
    "                 type: list of module expressions\n"
    "  may_import     []                             module expressions (internal or third-party) they may also import, "
    'and the words "stdlib" (the standard library) and "third-party" (every other outside package)\n'
    '                 type: list of module expressions | "third-party" | "stdlib"\n'
    "  allow_stdlib   true                           whether they may import the standard library "
    '("stdlib" in may_import says true)\n'
    "                 type: boolean\n"
    "  ignore         []                             imports the rule does not count, as 'importer -> imported' "
    "(a third-party package names its submodules too)\n"
    "                 type: list of 'a -> b'\n"
    '  type_checking  "check" (or [tool.fitness]\'s)  "ignore" leaves out imports under `if TYPE_CHECKING:`\n'
    '                 type: "check" | "ignore"\n'
    '  dynamic        "check" (or [tool.fitness]\'s)  "ignore" leaves out literal importlib.import_module("x")\n'
    '                 type: "check" | "ignore"\n'
    "Every rule also takes: severity, adr, message, tags, python, include, exclude, "
    "suppressible, enabled (`fitness schema` describes each)\n"
    "\n"
    "Valid example: the domain imports itself, shop.base and the standard library\n"
    "  fitness.toml\n"
    "    [rules.pure-domain]\n"
    '    kind = "allowed"\n'
    '    from = ["shop.domain"]\n'
    '    may_import = ["shop.base"]\n'
    "  src/shop/__init__.py (empty)\n"
    "  src/shop/base.py (empty)\n"
    "  src/shop/domain/__init__.py (empty)\n"
    "  src/shop/domain/events.py (empty)\n"
    "  src/shop/domain/order.py\n"
    "    import json\n"
    "    from shop import base\n"
    "    from shop.domain import events\n"
    "  fitness check: no findings\n"
    "\n"
    "Invalid example: the domain imports the infrastructure and a third-party package\n"
    "  fitness.toml\n"
    "    [rules.pure-domain]\n"
    '    kind = "allowed"\n'
    '    from = ["shop.domain"]\n'
    '    may_import = ["shop.base"]\n'
    "  src/shop/__init__.py (empty)\n"
    "  src/shop/base.py (empty)\n"
    "  src/shop/infra.py (empty)\n"
    "  src/shop/domain/__init__.py (empty)\n"
    "  src/shop/domain/order.py\n"
    "    import json\n"
    "    from shop.infra import db\n"
    "    import requests\n"
    "  fitness check:\n"
    "    src/shop/domain/order.py:2:1: pure-domain: shop.domain.order may not import shop.infra (shop.domain may import only its own modules, shop.base and the standard library)\n"
    "    src/shop/domain/order.py:3:1: pure-domain: shop.domain.order may not import requests (shop.domain may import only its own modules, shop.base and the standard library)\n"
    "\n"
    'Invalid example: "stdlib": the domain imports the standard library and pydantic, and no other package\n'
    "  fitness.toml\n"
    "    [rules.pure-domain]\n"
    '    kind = "allowed"\n'
    '    from = ["shop.domain"]\n'
    '    may_import = ["stdlib", "pydantic"]\n'
    "  src/shop/__init__.py (empty)\n"
    "  src/shop/domain.py\n"
    "    import json\n"
    "    import pydantic\n"
    "    import requests\n"
    "  fitness check:\n"
    "    src/shop/domain.py:3:1: pure-domain: shop.domain may not import requests (shop.domain may import only its own modules, pydantic and the standard library)\n"
    "\n"
    'Invalid example: "third-party": any outside package, but of the project only the domain\'s own modules\n'
    "  fitness.toml\n"
    "    [rules.pure-domain]\n"
    '    kind = "allowed"\n'
    '    from = ["shop.domain"]\n'
    '    may_import = ["third-party"]\n'
    "  src/shop/__init__.py (empty)\n"
    "  src/shop/infra.py (empty)\n"
    "  src/shop/domain.py\n"
    "    import json\n"
    "    import requests\n"
    "    from shop import infra\n"
    "  fitness check:\n"
    "    src/shop/domain.py:3:1: pure-domain: shop.domain may not import shop.infra (shop.domain may import only its own modules, third-party packages and the standard library)\n"
)


def test_explain_allowed_prints_its_description_keys_and_examples(tmp_path: Path, run: Run) -> None:
    result = run("explain", "allowed", cwd=tmp_path)

    assert (result.code, result.err) == (0, "")
    assert result.out == ALLOWED


@pytest.mark.parametrize("name", sorted(KINDS))
def test_explain_prints_every_example_of_the_kind(name: str, tmp_path: Path, run: Run) -> None:
    result = run("explain", name, cwd=tmp_path)

    assert (result.code, result.err) == (0, "")
    kind = KINDS[name]
    assert result.out.startswith(f"{name}: {kind.description}\n")
    for key in kind.keys:
        assert f"\n  {key.name}  " in result.out
    for example in kind.examples:
        shown = [f"  {path}" for path in example.files]
        shown += [f"    {line}" for line in example.rule.splitlines()]
        shown += [f"    {line}" for text in example.files.values() for line in text.splitlines()]
        shown += [f"    {finding}" for finding in example.findings]
        shown.append(f"xample: {example.title}")
        missing = [line for line in shown if line not in result.out]
        assert missing == []
        if example.valid:
            assert "  fitness check: no findings\n" in result.out


def test_explain_without_a_kind_lists_the_kinds(tmp_path: Path, run: Run) -> None:
    result = run("explain", cwd=tmp_path)

    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Rule kinds:\n"
        "  acyclic       no import cycles among the children of each listed package\n"
        "  allowed       modules in `from` may import only their own modules, `may_import` and "
        "the stdlib\n"
        "  banned-api    banned modules, attributes and calls, found through every alias\n"
        "  classes       classes and functions selected by module, base, decorator or name obey "
        "conditions\n"
        "  dependencies  the distributions each project imports, against those it declares\n"
        "  forbidden     modules in `from` must not import modules in `to`\n"
        "  independence  the listed modules must not import each other\n"
        "  layers        higher layers may import lower ones, never the reverse\n"
        "  metrics       thresholds on package coupling, instability, distance and size; "
        "stable dependencies\n"
        "  protected     a protected module may be imported only by `allowed_importers`, "
        "through `public`\n"
        "\n"
        "Built-in findings (no rule makes them; they always run):\n"
        "  adr-confirmation-disabled  An ADR's Confirmation names a rule that does not run.\n"
        "  adr-confirmation-unknown   An ADR's Confirmation names a rule that does not exist.\n"
        "  adr-missing                A reference points to no ADR.\n"
        "  adr-not-accepted           A reference cites an ADR that is not accepted.\n"
        "  adr-superseded             A reference cites a superseded ADR.\n"
        "  adr-required               A rule or a suppression cites no ADR.\n"
        "  adr-unreadable             An ADR file cannot be understood.\n"
        "  analysis-error             fitness could not analyse a file.\n"
        "  duplicate-module           A module is found under two source roots.\n"
        "  expired-baseline-entry     A baseline entry is past its `until` date.\n"
        "  expired-suppression        An inline suppression is past its `until` date.\n"
        "  expiring-baseline-entry    A baseline entry expires soon.\n"
        "  expiring-suppression       An inline suppression expires soon.\n"
        "  invalid-baseline-entry     A baseline entry lacks what [tool.fitness.exceptions] requires.\n"
        "  invalid-suppression        An inline suppression fitness cannot apply.\n"
        "  parse-error                A file could not be parsed.\n"
        "  rule-target-removed        The change removes a module that the base's rules name.\n"
        "  unknown-module             A rule names a third-party module that nothing knows.\n"
        "  unreadable                 A directory could not be read, or a name is not UTF-8.\n"
        "  unused-suppression         An inline suppression suppresses nothing.\n"
        "  vacuous-rule               A rule examined no import at all.\n"
        "\n"
        "Run `fitness explain KIND` for one.\n"
    )


def test_explain_an_unknown_kind_is_a_usage_error(tmp_path: Path, run: Run) -> None:
    result = run("explain", "alowed", cwd=tmp_path)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "fitness: unknown rule kind 'alowed' (did you mean 'allowed'?); known kinds: acyclic, "
        "allowed, banned-api, classes, dependencies, forbidden, independence, layers, metrics, protected\n"
    )


def test_a_built_in_finding_explains_itself(run: Run) -> None:
    result = run("explain", "adr-superseded", cwd=Path.cwd())

    assert (result.code, result.out) == (
        0,
        "adr-superseded: A reference cites a superseded ADR. (built-in, warning)\n\n"
        "A rule or a suppression cites a decision record that a later one supersedes; the "
        "finding names the successor.\n\n"
        "To fix: Cite the successor, and check that the rule still matches what it decided.\n",
    )
