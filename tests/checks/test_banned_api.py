"""`banned-api`: exact findings on hand-built facts, exact configuration errors, one run end to end."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from fitness.checks import KINDS, CheckContext
from fitness.checks.bans import configured_bans
from fitness.config.load import load_config
from fitness.config.schema import Config, Rule
from fitness.graph import ImportGraph
from fitness.model import UNMEASURED, ApiUse, Argument, Bans, FileFacts, Finding, Location, Severity
from support import Result

Run = Callable[..., Result]
Project = Callable[[dict[str, str]], Path]

PARSERS = {name: kind.parse for name, kind in KINDS.items()}


class _Expression:
    """An argument fitness does not evaluate: a name, a call."""


EXPR = _Expression()
Value = object  # a literal (bool, int, str, None), or EXPR


def use(
    api: str,
    written: str | None = None,
    at: str = "1:1-1:10",
    scope: str = "",
    *,
    call: bool = False,
    args: Sequence[Value] = (),
    kwargs: Mapping[str, Value] | None = None,
    star_args: bool = False,
    star_kwargs: bool = False,
    type_checking: bool = False,
) -> ApiUse:
    """A use as extraction records it; `at` is `line:col-end_line:end_col`."""
    start, end = at.split("-")
    line, column = (int(n) for n in start.split(":"))
    end_line, end_column = (int(n) for n in end.split(":"))
    return ApiUse(
        api=api,
        written=api if written is None else written,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        scope=scope,
        call=call or bool(args or kwargs or star_args or star_kwargs),
        positional=tuple(_argument(value) for value in args),
        keywords=tuple((name, _argument(value)) for name, value in (kwargs or {}).items()),
        star_args=star_args,
        star_kwargs=star_kwargs,
        type_checking=type_checking,
        local=bool(scope),
    )


def _argument(value: Value) -> Argument:
    if isinstance(value, _Expression):
        return Argument(False, None)
    assert value is None or isinstance(value, (bool, int, str))
    return Argument(True, value)


def configure(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "fitness.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    config, problems = load_config(path, PARSERS)
    assert problems.messages() == []
    return config


def check(config: Config, uses: Mapping[str, Sequence[ApiUse]], rule: int = 0) -> list[Finding]:
    """The findings of the config's `rule`-th rule on modules holding `uses`."""
    files = {
        module: (module.replace(".", "/") + ".py", FileFacts((), None, tuple(found)))
        for module, found in uses.items()
    }
    chosen: Rule = config.rules[rule]
    context = CheckContext(ImportGraph(files, []), chosen, config.source, "fitness.toml", files)
    return list(KINDS["banned-api"].check(chosen.params, context))


def found(findings: Sequence[Finding]) -> list[tuple[str, str]]:
    """Each finding as (message, path:line:col-end_line:end_col)."""
    return [(f.message, _where(f.location)) for f in findings]


def _where(loc: Location) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}-{loc.end_line}:{loc.end_column}"


def rule(body: str, extra: str = "") -> str:
    """A fitness.toml with one banned-api rule `no-apis`."""
    return f'{extra}\n[rules.no-apis]\nkind = "banned-api"\n{textwrap.dedent(body)}'


# --- names --------------------------------------------------------------------------------------


def test_a_module_ban_finds_its_imports_and_every_reference_under_it(tmp_path: Path) -> None:
    config = configure(tmp_path, rule('apis = ["pickle"]'))

    findings = check(
        config,
        {
            "shop.a": [
                use("pickle", "import pickle", "1:1-1:14"),
                use("pickle", "import pickle as p", "2:1-2:19"),
                use("pickle.loads", "pickle.loads", "4:1-4:13", call=True),
                use("pickle.dumps", "p.dumps", "5:1-5:8"),
                use("pickletools", "import pickletools", "6:1-6:19"),
                use("json.loads", "json.loads", "7:1-7:11", call=True),
            ]
        },
    )

    assert found(findings) == [
        ("pickle is banned", "shop/a.py:1:1-1:14"),
        ("pickle (as p) is banned", "shop/a.py:2:1-2:19"),
        ("pickle.loads is banned", "shop/a.py:4:1-4:13"),
        ("pickle.dumps (as p.dumps) is banned", "shop/a.py:5:1-5:8"),
    ]


def test_an_attribute_ban_finds_it_through_every_alias_and_nothing_beside_it(
    tmp_path: Path,
) -> None:
    config = configure(tmp_path, rule('apis = ["pickle.loads"]'))

    findings = check(
        config,
        {
            "shop.a": [
                use("pickle", "import pickle", "1:1-1:14"),
                use("pickle.loads", "from pickle import loads as ld", "2:1-2:31"),
                use("pickle.loads", "from pickle import loads", "3:1-3:25"),
                use("pickle.loads", "pickle.loads", "5:1-5:13", call=True),
                use("pickle.loads", "ld", "6:1-6:3", args=[EXPR]),
                use("pickle.loads", 'getattr(pickle, "loads")', "7:5-7:29"),
                use("pickle.loads", "p.loads", "8:5-8:12"),
                use("pickle.dumps", "pickle.dumps", "9:1-9:13", call=True),
                use("pickle.loadsx", "pickle.loadsx", "10:1-10:14"),
                use("pickle.loads.__doc__", "pickle.loads.__doc__", "11:1-11:21"),
            ]
        },
    )

    assert found(findings) == [
        ("pickle.loads (as ld) is banned", "shop/a.py:2:1-2:31"),
        ("pickle.loads is banned", "shop/a.py:3:1-3:25"),
        ("pickle.loads is banned", "shop/a.py:5:1-5:13"),
        ("pickle.loads (as ld) is banned", "shop/a.py:6:1-6:3"),
        ('pickle.loads (as getattr(pickle, "loads")) is banned', "shop/a.py:7:5-7:29"),
        ("pickle.loads (as p.loads) is banned", "shop/a.py:8:5-8:12"),
        ("pickle.loads.__doc__ is banned", "shop/a.py:11:1-11:21"),
    ]


def test_a_dotted_module_ban_finds_what_lies_under_it(tmp_path: Path) -> None:
    config = configure(tmp_path, rule('apis = ["xml.etree", "datetime.datetime.utcnow"]'))

    findings = check(
        config,
        {
            "shop.a": [
                use("xml", "import xml", "1:1-1:11"),
                use("xml.etree.ElementTree", "import xml.etree.ElementTree as ET", "2:1-2:35"),
                use("xml.etree.ElementTree.parse", "ET.parse", "3:1-3:9", args=["f.xml"]),
                use("xml.dom.minidom.parse", "minidom.parse", "4:1-4:14", args=["f.xml"]),
                use("datetime.datetime", "from datetime import datetime", "5:1-5:30"),
                use("datetime.datetime.utcnow", "datetime.utcnow", "6:1-6:16", call=True),
                use("datetime.datetime.now", "datetime.now", "7:1-7:13", call=True),
            ]
        },
    )

    assert found(findings) == [
        ("xml.etree.ElementTree (as ET) is banned", "shop/a.py:2:1-2:35"),
        ("xml.etree.ElementTree.parse (as ET.parse) is banned", "shop/a.py:3:1-3:9"),
        ("datetime.datetime.utcnow (as datetime.utcnow) is banned", "shop/a.py:6:1-6:16"),
    ]


def test_a_builtin_is_banned_by_its_name_or_through_the_builtins_module(tmp_path: Path) -> None:
    config = configure(tmp_path, rule('apis = ["eval", "builtins.exec"]'))

    findings = check(
        config,
        {
            "shop.a": [
                use("builtins.eval", "eval", "1:1-1:5", args=["1"]),
                use("builtins", "import builtins", "2:1-2:16"),
                use("builtins.eval", "builtins.eval", "3:1-3:14", args=[EXPR]),
                use("builtins.exec", "exec", "4:1-4:5", args=[EXPR]),
                use("builtins.exec", "run_code", "5:1-5:9", args=[EXPR]),
                use("builtins.print", "print", "6:1-6:6", args=[EXPR]),
            ]
        },
    )

    assert found(findings) == [
        ("eval is banned", "shop/a.py:1:1-1:5"),
        ("eval is banned", "shop/a.py:3:1-3:14"),
        ("exec is banned", "shop/a.py:4:1-4:5"),
        ("exec (as run_code) is banned", "shop/a.py:5:1-5:9"),
    ]


def test_a_star_is_one_segment_and_a_double_star_one_or_more(tmp_path: Path) -> None:
    config = configure(tmp_path, rule('apis = ["subprocess.*", "os.*.join", "shutil.**.rm"]'))

    findings = check(
        config,
        {
            "shop.a": [
                use("subprocess", "import subprocess", "1:1-1:18"),
                use("subprocess.run", "subprocess.run", "2:1-2:15", args=[EXPR]),
                use("subprocess.Popen.wait", "subprocess.Popen.wait", "3:1-3:22"),
                use("os.path.join", "os.path.join", "4:1-4:13", args=[EXPR]),
                use("os.join", "os.join", "5:1-5:8"),
                use("os.a.b.join", "os.a.b.join", "6:1-6:12"),
                use("shutil.rm", "shutil.rm", "7:1-7:10"),
                use("shutil.a.rm", "shutil.a.rm", "8:1-8:12"),
                use("shutil.a.b.rm.x", "shutil.a.b.rm.x", "9:1-9:16"),
            ]
        },
    )

    assert found(findings) == [
        ("subprocess.run is banned", "shop/a.py:2:1-2:15"),
        ("subprocess.Popen.wait is banned", "shop/a.py:3:1-3:22"),
        ("os.path.join is banned", "shop/a.py:4:1-4:13"),
        ("shutil.a.rm is banned", "shop/a.py:8:1-8:12"),
        ("shutil.a.b.rm.x is banned", "shop/a.py:9:1-9:16"),
    ]


# --- argument conditions ------------------------------------------------------------------------


def test_a_keyword_condition_matches_calls_passing_that_literal_only(tmp_path: Path) -> None:
    config = configure(
        tmp_path, rule('apis = [{ name = "subprocess.run", when = { shell = true } }]')
    )

    findings = check(
        config,
        {
            "shop.a": [
                use("subprocess", "import subprocess", "1:1-1:18"),
                use("subprocess.run", "from subprocess import run as sh", "2:1-2:33"),
                use(
                    "subprocess.run",
                    "subprocess.run",
                    "3:1-3:15",
                    args=["ls"],
                    kwargs={"shell": True},
                ),
                use("subprocess.run", "sh", "4:1-4:3", args=["ls"], kwargs={"shell": True}),
                use("subprocess.run", "subprocess.run", "5:1-5:15", kwargs={"shell": False}),
                use("subprocess.run", "subprocess.run", "6:1-6:15", kwargs={"shell": 1}),
                use("subprocess.run", "subprocess.run", "7:1-7:15", kwargs={"shell": EXPR}),
                use("subprocess.run", "subprocess.run", "8:1-8:15", args=["ls", True]),
                use("subprocess.run", "subprocess.run", "9:1-9:15", args=["ls"]),
                use("subprocess.run", "f = subprocess.run", "10:5-10:19"),
                use("subprocess.run", "subprocess.run", "11:1-11:15", star_kwargs=True),
                use(
                    "subprocess.run",
                    "subprocess.run",
                    "12:1-12:15",
                    kwargs={"shell": False},
                    star_kwargs=True,
                ),
                use("subprocess.run", "subprocess.run", "13:1-13:15", star_args=True),
            ]
        },
    )

    assert found(findings) == [
        ("subprocess.run with shell=True is banned", "shop/a.py:3:1-3:15"),
        ("subprocess.run (as sh) with shell=True is banned", "shop/a.py:4:1-4:3"),
        ("subprocess.run with shell=True is banned", "shop/a.py:6:1-6:15"),  # 1 is truthy
        (
            "subprocess.run with shell=True is banned, and fitness cannot tell whether this call "
            "passes shell=True through **kwargs (so a warning, not an error)",
            "shop/a.py:11:1-11:15",
        ),
    ]


def test_not_a_value_matches_another_literal_or_a_missing_argument(tmp_path: Path) -> None:
    config = configure(
        tmp_path, rule('apis = [{ name = "hashlib.md5", when = { usedforsecurity = "!false" } }]')
    )

    findings = check(
        config,
        {
            "shop.a": [
                use("hashlib.md5", at="1:1-1:12", args=[EXPR]),
                use("hashlib.md5", at="2:1-2:12", kwargs={"usedforsecurity": False}),
                use("hashlib.md5", at="3:1-3:12", kwargs={"usedforsecurity": True}),
                use("hashlib.md5", at="4:1-4:12", kwargs={"usedforsecurity": 0}),
                use("hashlib.md5", at="5:1-5:12", kwargs={"usedforsecurity": EXPR}),
                use("hashlib.md5", at="6:1-6:12", star_kwargs=True),
            ]
        },
    )

    assert found(findings) == [
        ("hashlib.md5 without usedforsecurity=False is banned", "shop/a.py:1:1-1:12"),
        ("hashlib.md5 without usedforsecurity=False is banned", "shop/a.py:3:1-3:12"),
        (
            "hashlib.md5 without usedforsecurity=False is banned, and fitness cannot tell whether "
            "this call passes usedforsecurity=False through **kwargs (so a warning, not an error)",
            "shop/a.py:6:1-6:12",
        ),
    ]


def test_missing_matches_calls_without_that_keyword(tmp_path: Path) -> None:
    config = configure(
        tmp_path, rule('apis = [{ name = "yaml.load", when = { missing = "Loader" } }]')
    )

    findings = check(
        config,
        {
            "shop.a": [
                use("yaml", "import yaml", "1:1-1:12"),
                use("yaml.load", at="2:1-2:10", args=[EXPR]),
                use("yaml.load", at="3:1-3:10", args=[EXPR], kwargs={"Loader": EXPR}),
                use("yaml.load", at="4:1-4:10", args=[EXPR, EXPR]),
                use("yaml.load", at="5:1-5:10", args=[EXPR], star_kwargs=True),
                use("yaml.load", at="6:1-6:10", args=[EXPR], star_args=True),
                use("yaml.load", "loader = yaml.load", at="7:10-7:19"),
            ]
        },
    )

    assert found(findings) == [
        ("yaml.load without Loader is banned", "shop/a.py:2:1-2:10"),
        # A position is never matched to a keyword's name: `yaml.load(f, SafeLoader)` lacks Loader.
        ("yaml.load without Loader is banned", "shop/a.py:4:1-4:10"),
        (
            "yaml.load without Loader is banned, and fitness cannot tell whether this call passes "
            "Loader through **kwargs (so a warning, not an error)",
            "shop/a.py:5:1-5:10",
        ),
        ("yaml.load without Loader is banned", "shop/a.py:6:1-6:10"),
    ]


def test_missing_positions_and_keywords_together(tmp_path: Path) -> None:
    config = configure(
        tmp_path, rule('apis = [{ name = "yaml.load", when = { missing = ["Loader", "1"] } }]')
    )

    findings = check(
        config,
        {
            "shop.a": [
                use("yaml.load", at="1:1-1:10", args=[EXPR]),
                use("yaml.load", at="2:1-2:10", args=[EXPR, EXPR]),
                use("yaml.load", at="3:1-3:10", args=[EXPR], kwargs={"Loader": EXPR}),
                use("yaml.load", at="4:1-4:10", args=[EXPR], star_args=True),
            ]
        },
    )

    assert found(findings) == [
        (
            "yaml.load without Loader and without positional argument 1 is banned",
            "shop/a.py:1:1-1:10",
        ),
        (
            "yaml.load without Loader and without positional argument 1 is banned, and fitness "
            "cannot tell whether this call passes positional argument 1 through *args (so a warning, not an error)",
            "shop/a.py:4:1-4:10",
        ),
    ]


def test_a_positional_condition_looks_at_that_position_only(tmp_path: Path) -> None:
    config = configure(tmp_path, rule('apis = [{ name = "open", when = { "1" = "w" } }]'))

    findings = check(
        config,
        {
            "shop.a": [
                use("builtins.open", "open", "1:1-1:5", args=["f", "w"]),
                use("builtins.open", "open", "2:1-2:5", args=["f", "r"]),
                use("builtins.open", "open", "3:1-3:5", args=["f"]),
                use("builtins.open", "open", "4:1-4:5", args=["f"], kwargs={"mode": "w"}),
                use("builtins.open", "open", "5:1-5:5", args=["f"], star_args=True),
                use("builtins.open", "open", "6:1-6:5", args=["f", "w"], star_args=True),
                use("builtins.open", "open", "7:1-7:5", args=["f"], star_kwargs=True),
            ]
        },
    )

    assert found(findings) == [
        ("open with 'w' as positional argument 1 is banned", "shop/a.py:1:1-1:5"),
        (
            "open with 'w' as positional argument 1 is banned, and fitness cannot tell whether "
            "this call passes 'w' as positional argument 1 through *args (so a warning, not an error)",
            "shop/a.py:5:1-5:5",
        ),
        ("open with 'w' as positional argument 1 is banned", "shop/a.py:6:1-6:5"),
    ]


@pytest.mark.parametrize(
    ("when", "value", "matches", "shown"),
    [
        pytest.param('{ dir = "None" }', None, True, "with dir=None", id="None-is-None"),
        pytest.param('{ dir = "None" }', "None", False, "with dir=None", id="None-is-not-'None'"),
        pytest.param("{ dir = \"'None'\" }", "None", True, "with dir='None'", id="quoted-string"),
        pytest.param("{ dir = \"'None'\" }", None, False, "with dir='None'", id="quoted-not-None"),
        pytest.param('{ dir = "!None" }', "/tmp", True, "without dir=None", id="!None-string"),
        pytest.param('{ dir = "!None" }', None, False, "without dir=None", id="!None-None"),
        pytest.param("{ dir = \"!'/tmp'\" }", "/var", True, "without dir='/tmp'", id="!quoted"),
        pytest.param("{ dir = \"!'/tmp'\" }", "/tmp", False, "without dir='/tmp'", id="!quoted-eq"),
        pytest.param("{ dir = 0 }", 0, True, "with dir=0", id="int"),
        pytest.param("{ dir = 0 }", False, False, "with dir=0", id="int-is-not-bool"),
        pytest.param("{ dir = false }", 0, True, "with dir=False", id="false-is-falsy"),
        pytest.param("{ dir = false }", "", True, "with dir=False", id="false-is-empty"),
        pytest.param("{ dir = false }", None, False, "with dir=False", id="false-is-not-none"),
        pytest.param("{ dir = true }", "yes", True, "with dir=True", id="true-is-truthy"),
        pytest.param('{ dir = "!0" }', 1, True, "without dir=0", id="!int"),
        pytest.param('{ dir = "!-1" }', -1, False, "without dir=-1", id="!negative-int"),
        pytest.param('{ dir = "!true" }', False, True, "without dir=True", id="!true"),
        pytest.param('{ dir = "x!" }', "x!", True, "with dir='x!'", id="bang-inside"),
        pytest.param('{ dir = "true" }', True, False, "with dir='true'", id="string-true"),
    ],
)
def test_literal_spellings(
    tmp_path: Path, when: str, value: Value, matches: bool, shown: str
) -> None:
    config = configure(tmp_path, rule(f'apis = [{{ name = "tempfile.mkdtemp", when = {when} }}]'))

    findings = check(config, {"shop.a": [use("tempfile.mkdtemp", kwargs={"dir": value})]})

    expected = [(f"tempfile.mkdtemp {shown} is banned", "shop/a.py:1:1-1:10")]
    assert found(findings) == (expected if matches else [])


def test_conditions_combine_with_and(tmp_path: Path) -> None:
    config = configure(
        tmp_path,
        rule('apis = [{ name = "subprocess.run", when = { shell = true, "0" = "ls" } }]'),
    )

    findings = check(
        config,
        {
            "shop.a": [
                use("subprocess.run", at="1:1-1:15", args=["ls"], kwargs={"shell": True}),
                use("subprocess.run", at="2:1-2:15", args=["rm"], kwargs={"shell": True}),
                use("subprocess.run", at="3:1-3:15", args=["ls"], kwargs={"shell": False}),
                use("subprocess.run", at="4:1-4:15", args=["ls"], star_kwargs=True),
                use("subprocess.run", at="5:1-5:15", star_args=True, star_kwargs=True),
                use("subprocess.run", at="6:1-6:15", args=["rm"], star_kwargs=True),
            ]
        },
    )

    condition = "with shell=True and with 'ls' as positional argument 0"
    assert found(findings) == [
        (f"subprocess.run {condition} is banned", "shop/a.py:1:1-1:15"),
        (
            f"subprocess.run {condition} is banned, and fitness cannot tell whether this call "
            "passes shell=True through **kwargs (so a warning, not an error)",
            "shop/a.py:4:1-4:15",
        ),
        (
            f"subprocess.run {condition} is banned, and fitness cannot tell whether this call "
            "passes shell=True through **kwargs or 'ls' as positional argument 0 through *args (so a warning, not an error)",
            "shop/a.py:5:1-5:15",
        ),
    ]


def test_a_conditional_wildcard_ban(tmp_path: Path) -> None:
    config = configure(
        tmp_path, rule('apis = [{ name = "subprocess.*", when = { shell = true } }]')
    )

    findings = check(
        config,
        {
            "shop.a": [
                use("subprocess.Popen", at="1:1-1:17", args=["ls"], kwargs={"shell": True}),
                use("subprocess.call", at="2:1-2:16", args=["ls"]),
                use("subprocess", "import subprocess", "3:1-3:18"),
            ]
        },
    )

    assert found(findings) == [
        ("subprocess.Popen with shell=True is banned", "shop/a.py:1:1-1:17"),
    ]


# --- which entry, guidance, identity ------------------------------------------------------------


def test_the_most_specific_matching_entry_gives_the_guidance(tmp_path: Path) -> None:
    config = configure(
        tmp_path,
        rule(
            """
            apis = [
              { name = "pickle", message = "No pickle at all." },
              { name = "pickle.loads", message = "Use json.loads." },
              { name = "subprocess.run", when = { shell = true }, message = "Quote it." },
              { name = "subprocess.run", when = { "0" = "ls" }, message = "Use os.listdir." },
              "subprocess.*",
            ]
            message = "See the wiki."
            """
        ),
    )

    findings = check(
        config,
        {
            "shop.a": [
                use("pickle", "import pickle", "1:1-1:14"),
                use("pickle.loads", at="2:1-2:13", args=[EXPR]),
                use("pickle.dumps", at="3:1-3:13", args=[EXPR]),
                use("subprocess.run", at="4:1-4:15", args=["rm"], kwargs={"shell": True}),
                use("subprocess.run", at="5:1-5:15", args=["ls"], star_kwargs=True),
                use("subprocess.run", at="6:1-6:15", args=["rm"], star_kwargs=True),
                use("subprocess.run", at="7:1-7:15", args=["rm"]),
            ]
        },
    )

    assert [(f.message, f.location.line, f.guidance) for f in findings] == [
        ("pickle is banned", 1, "No pickle at all."),
        ("pickle.loads is banned", 2, "Use json.loads."),
        ("pickle.dumps is banned", 3, "No pickle at all."),
        ("subprocess.run with shell=True is banned", 4, "Quote it."),
        # Decided beats undecided, though `shell` comes first in `apis`.
        ("subprocess.run with 'ls' as positional argument 0 is banned", 5, "Use os.listdir."),
        # Undecided for the first entry, no match for the second, decided for the wildcard.
        ("subprocess.run is banned", 6, "See the wiki."),
        ("subprocess.run is banned", 7, "See the wiki."),
    ]


def test_a_finding_carries_the_rule_its_location_and_a_line_free_identity(tmp_path: Path) -> None:
    config = configure(
        tmp_path,
        rule(
            """
            apis = ["pickle.loads"]
            severity = "warning"
            adr = "ADR-0007"
            """
        ),
    )

    (finding,) = check(config, {"shop.a": [use("pickle.loads", "ld", "3:9-3:11", "Order.save")]})

    assert finding == Finding(
        rule_id="no-apis",
        severity=Severity.WARNING,
        template="{api} (as {alias}) is banned",
        args=(("alias", "ld"), ("api", "pickle.loads")),
        location=Location("shop/a.py", 3, 9, 3, 11),
        chains=(),
        modules=("shop.a",),
        adr="ADR-0007",
        guidance=None,
        identity=("no-apis", "shop.a", "pickle.loads", "Order.save", "1"),
    )


def test_the_identity_counts_uses_of_an_api_per_scope_in_file_order(tmp_path: Path) -> None:
    config = configure(
        tmp_path,
        rule('apis = ["pickle.dumps", { name = "pickle.loads", when = { "0" = "x" } }]'),
    )
    uses = [
        use("pickle.loads", at="9:1-9:10", scope="Order.save", args=["x"]),
        use("pickle.loads", at="3:1-3:10", scope="Order.save", args=["x"]),
        use("pickle.loads", at="4:1-4:10", scope="Order.save", args=["y"]),  # not banned
        use("pickle.loads", at="5:1-5:10", scope="Order.load", args=["x"]),
        use("pickle.loads", at="6:1-6:10", args=["x"]),
        use("pickle.dumps", at="7:1-7:10", scope="Order.save", args=["x"]),
    ]

    findings = check(config, {"shop.a": uses, "shop.b": uses[:1]})

    assert [(f.location.path, f.location.line, f.identity[2:]) for f in findings] == [
        ("shop/a.py", 3, ("pickle.loads", "Order.save", "1")),
        ("shop/a.py", 5, ("pickle.loads", "Order.load", "1")),
        ("shop/a.py", 6, ("pickle.loads", "", "1")),
        ("shop/a.py", 7, ("pickle.dumps", "Order.save", "1")),
        ("shop/a.py", 9, ("pickle.loads", "Order.save", "2")),
        ("shop/b.py", 9, ("pickle.loads", "Order.save", "1")),
    ]


def test_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    config = configure(tmp_path, rule('apis = ["eval"]'))
    before = [use("builtins.eval", "eval", "3:1-3:5", "f"), use("builtins.eval", "eval", "4:1-4:5")]
    after = [
        use("builtins.eval", "eval", "13:5-13:9", "f"),
        use("builtins.eval", "eval", "1:1-1:5"),
    ]

    fingerprints = [sorted(f.fingerprint for f in check(config, {"m": u})) for u in (before, after)]

    assert fingerprints[0] == fingerprints[1]
    assert len(set(fingerprints[0])) == 2


# --- where uses count ---------------------------------------------------------------------------


def test_allow_in_allows_the_modules_it_names_and_everything_inside_them(tmp_path: Path) -> None:
    config = configure(
        tmp_path, rule('apis = ["os.system"]\nallow_in = ["shop.ops", "shop.*.legacy"]')
    )
    system = [use("os.system", at="2:1-2:10", args=["ls"])]

    findings = check(
        config,
        {
            name: system
            for name in [
                "shop.ops",
                "shop.ops.shell",
                "shop.opsx",
                "shop.api.legacy",
                "shop.api.legacy.old",
                "shop.legacy",
                "shop",
            ]
        },
    )

    assert [f.location.path for f in findings] == ["shop.py", "shop/legacy.py", "shop/opsx.py"]


def test_include_and_exclude_narrow_the_modules_checked(tmp_path: Path) -> None:
    config = configure(
        tmp_path,
        rule('apis = ["os.system"]\ninclude = ["shop.api"]\nexclude = ["shop.api.internal"]'),
    )
    system = [use("os.system", at="2:1-2:10", args=["ls"])]

    findings = check(
        config,
        {name: system for name in ["shop.api", "shop.api.v1", "shop.api.internal.x", "shop.b"]},
    )

    assert [f.location.path for f in findings] == ["shop/api.py", "shop/api/v1.py"]


@pytest.mark.parametrize(
    ("top", "own", "counted"),
    [
        pytest.param("", "", True, id="default-check"),
        pytest.param("", 'type_checking = "ignore"', False, id="rule-ignore"),
        pytest.param('type_checking = "ignore"', "", False, id="top-level-ignore"),
        pytest.param('type_checking = "ignore"', 'type_checking = "check"', True, id="rule-wins"),
    ],
)
def test_uses_under_type_checking_follow_the_rule_then_the_top_level(
    tmp_path: Path, top: str, own: str, counted: bool
) -> None:
    config = configure(tmp_path, rule(f'apis = ["typing_extensions"]\n{own}', extra=top))
    uses = [
        use("typing_extensions", "import typing_extensions", "2:5-2:29", type_checking=True),
        use("typing_extensions.Self", at="5:1-5:10"),
    ]

    findings = check(config, {"shop.a": uses})

    assert [f.location.line for f in findings] == ([2, 5] if counted else [5])


# --- what the rules ask extraction for ----------------------------------------------------------


def test_configured_bans_are_the_union_of_every_banned_api_rule(tmp_path: Path) -> None:
    config = configure(
        tmp_path,
        """
        [rules.one]
        kind = "banned-api"
        apis = ["pickle.loads", "xml.etree.ElementTree", { name = "eval" }]

        [rules.two]
        kind = "banned-api"
        apis = [{ name = "subprocess.*", when = { shell = true } }, "builtins.exec", "pickle"]

        [rules.graph]
        kind = "independence"
        modules = ["pickle", "shelve"]
        """,
    )

    assert configured_bans(config.rules) == Bans(
        roots=frozenset({"pickle", "xml", "subprocess", "builtins"}),
        builtins=frozenset({"eval", "exec"}),
        measures=False,  # no rule reads lines of code, classes or functions
    )
    assert configured_bans(config.rules[2:]) is UNMEASURED


def test_summary_lists_the_bans_and_where_they_are_allowed(tmp_path: Path) -> None:
    config = configure(
        tmp_path,
        rule(
            """
            apis = ["os.system", { name = "yaml.load", when = { missing = "Loader" } }]
            allow_in = ["shop.ops"]
            """
        ),
    )

    (only,) = config.rules
    assert KINDS["banned-api"].summary(only.params) == (
        "bans os.system, yaml.load without Loader (allowed in shop.ops)"
    )


# --- configuration errors -----------------------------------------------------------------------

MODULES = {
    "src/shop/__init__.py": "",
    "src/shop/ops/__init__.py": "",
}


def errors(project: Project, run: Run, rules: str) -> list[str]:
    root = project(
        {**MODULES, "pyproject.toml": "[tool.fitness]\n" + textwrap.dedent(rules).lstrip("\n")}
    )
    result = run("check", cwd=root)
    assert (result.code, result.out) == (2, "")
    return result.err.splitlines()


def test_the_shape_of_apis(project: Project, run: Run) -> None:
    rules = """
        [tool.fitness.rules.none]
        kind = "banned-api"

        [tool.fitness.rules.empty]
        kind = "banned-api"
        apis = []

        [tool.fitness.rules.string]
        kind = "banned-api"
        apis = "pickle"

        [tool.fitness.rules.number]
        kind = "banned-api"
        apis = 3

        [tool.fitness.rules.items]
        kind = "banned-api"
        apis = [3, ["pickle"], { nme = "pickle", mesage = "x" }, { name = 4 }]
        alow_in = ["shop.ops"]
        """

    assert errors(project, run, rules) == [
        "pyproject.toml:2: tool.fitness.rules.none: missing required key 'apis'",
        "pyproject.toml:7: tool.fitness.rules.empty.apis: must list at least one API",
        "pyproject.toml:11: tool.fitness.rules.string.apis: expected a list of API names, got a "
        'string (write ["pickle"])',
        "pyproject.toml:15: tool.fitness.rules.number.apis: expected a list of API names, got an "
        "integer (3)",
        "pyproject.toml:19: tool.fitness.rules.items.apis[0]: expected an API name or a table "
        'such as { name = "pickle.loads" }, got an integer (3)',
        "pyproject.toml:19: tool.fitness.rules.items.apis[1]: expected an API name or a table "
        'such as { name = "pickle.loads" }, got a list',
        "pyproject.toml:19: tool.fitness.rules.items.apis[2]: missing required key 'name'",
        "pyproject.toml:19: tool.fitness.rules.items.apis[2]: unknown key 'mesage' "
        "(did you mean 'message'?)",
        "pyproject.toml:19: tool.fitness.rules.items.apis[2]: unknown key 'nme' "
        "(did you mean 'name'?)",
        "pyproject.toml:19: tool.fitness.rules.items.apis[3].name: expected a string, got an "
        "integer (4)",
        "pyproject.toml:20: tool.fitness.rules.items: unknown key 'alow_in' "
        "(did you mean 'allow_in'?)",
    ]


def test_malformed_names(project: Project, run: Run) -> None:
    rules = """
        [tool.fitness.rules.names]
        kind = "banned-api"
        apis = [
          "",
          "pickle..loads",
          "pickle.lo-ads",
          "*.loads",
          "os.**.**",
          "builtins",
          "builtins.evl",
          "builtins.*",
          { name = "pickle.", message = "x" },
          "eval",
          "builtins.eval",
          { name = "subprocess.run", when = { shell = true } },
          { name = "subprocess.run", when = { shell = true } },
          { name = "subprocess.run", when = { shell = false } },
        ]
        """

    assert errors(project, run, rules) == [
        "pyproject.toml:5: tool.fitness.rules.names.apis[0]: empty API name",
        "pyproject.toml:6: tool.fitness.rules.names.apis[1]: 'pickle..loads' has an empty segment",
        "pyproject.toml:7: tool.fitness.rules.names.apis[2]: 'pickle.lo-ads' is not a dotted name "
        "('lo-ads' is not an identifier)",
        "pyproject.toml:8: tool.fitness.rules.names.apis[3]: '*.loads' starts with a wildcard: "
        "name a module or a builtin first",
        "pyproject.toml:9: tool.fitness.rules.names.apis[4]: 'os.**.**' has '**' twice in a row: "
        "write '*.**' for two or more segments",
        "pyproject.toml:10: tool.fitness.rules.names.apis[5]: 'builtins' is the builtins module: "
        "name a builtin ('eval' or 'builtins.eval')",
        "pyproject.toml:11: tool.fitness.rules.names.apis[6]: 'builtins.evl': 'evl' is not a "
        "builtin (did you mean 'eval'?)",
        "pyproject.toml:12: tool.fitness.rules.names.apis[7]: 'builtins.*': a wildcard cannot "
        "follow 'builtins': name each builtin",
        "pyproject.toml:13: tool.fitness.rules.names.apis[8].name: 'pickle.' has an empty segment",
        "pyproject.toml:15: tool.fitness.rules.names.apis[10]: 'builtins.eval' is already banned "
        "by apis[9]",
        "pyproject.toml:17: tool.fitness.rules.names.apis[12]: 'subprocess.run' is already banned "
        "by apis[11]",
    ]


def test_bad_conditions(project: Project, run: Run) -> None:
    rules = """
        [tool.fitness.rules.conditions]
        kind = "banned-api"
        apis = [
          { name = "pickle", when = { protocol = 0 } },
          { name = "subprocess.run", when = "shell" },
          { name = "subprocess.run", when = {} },
          { name = "subprocess.run", when = { shell = 1.5, "shell-x" = true, class = 1 } },
          { name = "subprocess.run", when = { shell = "!True", cwd = "!", env = "!x" } },
          { name = "subprocess.run", when = { shell = ["!true", 1.5], env = { a = 1 } } },
          { name = "yaml.load", when = { missing = ["Loader", 3.5, "x-y"] } },
          { name = "yaml.load", when = { missing = [] } },
          { name = "yaml.load", when = { missing = true } },
          { name = "open", when = { "1" = "True", closefd = "False", mode = [], x = [[1]] } },
        ]
        type_checking = "skip"
        """

    assert errors(project, run, rules) == [
        "pyproject.toml:5: tool.fitness.rules.conditions.apis[0].when: 'pickle' is a module, used "
        "by importing it and never called: put the condition on one of its functions, or on "
        "'pickle.*'",
        "pyproject.toml:6: tool.fitness.rules.conditions.apis[1].when: expected a table such as "
        "{ shell = true }, got a string ('shell')",
        "pyproject.toml:7: tool.fitness.rules.conditions.apis[2].when: must hold at least one "
        "condition, such as { shell = true }",
        "pyproject.toml:8: tool.fitness.rules.conditions.apis[3].when.class: 'class' is neither a "
        "keyword argument nor a position ('0', '1', ...)",
        "pyproject.toml:8: tool.fitness.rules.conditions.apis[3].when.shell: expected true, false, "
        'an integer, a string ("None", "!value") or a list of values, got a number (1.5)',
        "pyproject.toml:8: tool.fitness.rules.conditions.apis[3].when.shell-x: 'shell-x' is "
        "neither a keyword argument nor a position ('0', '1', ...)",
        "pyproject.toml:9: tool.fitness.rules.conditions.apis[4].when.cwd: '!' is not a value: "
        "after '!' write true, false, None, an integer or a quoted string (\"!'text'\")",
        "pyproject.toml:9: tool.fitness.rules.conditions.apis[4].when.env: '!x' is not a value: "
        "after '!' write true, false, None, an integer or a quoted string (\"!'text'\") "
        "(did you mean \"!'x'\"?)",
        "pyproject.toml:9: tool.fitness.rules.conditions.apis[4].when.shell: '!True' is not a "
        "value: after '!' write true, false, None, an integer or a quoted string (\"!'text'\") "
        "(did you mean '!true'?)",
        "pyproject.toml:10: tool.fitness.rules.conditions.apis[5].when.env: expected true, false, "
        'an integer, a string ("None", "!value") or a list of values, got a table',
        "pyproject.toml:10: tool.fitness.rules.conditions.apis[5].when.shell: '!true' in a list: "
        'a list means any of its values, so a negation ("!...") stands alone, never in a list',
        "pyproject.toml:11: tool.fitness.rules.conditions.apis[6].when.missing[1]: expected a "
        "keyword argument or a position ('0', '1', ...), got a number (3.5)",
        "pyproject.toml:11: tool.fitness.rules.conditions.apis[6].when.missing[2]: 'x-y' is "
        "neither a keyword argument nor a position ('0', '1', ...)",
        "pyproject.toml:12: tool.fitness.rules.conditions.apis[7].when.missing: must list at "
        "least one argument",
        "pyproject.toml:13: tool.fitness.rules.conditions.apis[8].when.missing: expected a "
        "keyword argument or a position ('0', '1', ...), got a boolean (true)",
        "pyproject.toml:14: tool.fitness.rules.conditions.apis[9].when.1: 'True' is Python's "
        "spelling: in TOML the boolean is true, without quotes (did you mean true?); for the "
        "string True, write \"'True'\"",
        "pyproject.toml:14: tool.fitness.rules.conditions.apis[9].when.closefd: 'False' is "
        "Python's spelling: in TOML the boolean is false, without quotes (did you mean false?); "
        "for the string False, write \"'False'\"",
        "pyproject.toml:14: tool.fitness.rules.conditions.apis[9].when.mode: expected at least "
        "one value: a list means any of its values",
        "pyproject.toml:14: tool.fitness.rules.conditions.apis[9].when.x: a list of values holds "
        "true, false, integers and strings, not another list",
        "pyproject.toml:16: tool.fitness.rules.conditions.type_checking: 'skip' is not one of "
        "'check', 'ignore'",
    ]


def test_allow_in_names_are_checked_like_every_module_name(project: Project, run: Run) -> None:
    rules = """
        [tool.fitness.rules.ok]
        kind = "banned-api"
        apis = ["os.system"]
        allow_in = ["shop.opz", "shop..x"]
        """

    assert errors(project, run, rules) == [
        "pyproject.toml:5: tool.fitness.rules.ok.allow_in[0]: no module 'shop.opz' under the "
        "source roots (did you mean 'shop.ops'?)",
        "pyproject.toml:5: tool.fitness.rules.ok.allow_in[1]: 'shop..x' has an empty segment",
    ]


# --- end to end ---------------------------------------------------------------------------------

SHOP = {
    "pyproject.toml": """
        [tool.fitness]
        source_roots = ["src"]

        [tool.fitness.rules.no-shell]
        kind = "banned-api"
        apis = [
          "os.system",
          { name = "subprocess.run", when = { shell = true } },
          { name = "pickle.loads", message = "Use json.loads." },
          "eval",
          { name = "yaml.load", when = { missing = "Loader" } },
        ]
        allow_in = ["shop.ops"]
        message = "Run commands through shop.ops.shell, which quotes arguments."
        adr = "ADR-0009"
        """,
    "docs/adr/0009-quote-shell-commands.md": "# 9. Quote shell commands\n\n* Status: accepted\n",
    "src/shop/__init__.py": "",
    "src/shop/ops/__init__.py": "import os\n\nos.system('ls')\n",
    "src/shop/api.py": """
        import os
        import pickle as p
        import subprocess
        from subprocess import run as sh

        import yaml


        def handler(data, options):
            os.system("ls")
            subprocess.run(["ls"], shell=True)
            subprocess.run(["ls"])
            sh("ls", shell=True)
            value = p.loads(data)
            config = yaml.load(data, Loader=yaml.SafeLoader)
            config = yaml.load(data)
            config = yaml.load(data, **options)
            return eval(value)
        """,
}

SHOP_TEXT = """\
src/shop/api.py:10:5: no-shell: os.system is banned (ADR-0009: Quote shell commands)
  = Run commands through shop.ops.shell, which quotes arguments.
src/shop/api.py:11:5: no-shell: subprocess.run with shell=True is banned (ADR-0009: Quote shell commands)
  = Run commands through shop.ops.shell, which quotes arguments.
src/shop/api.py:13:5: no-shell: subprocess.run (as sh) with shell=True is banned (ADR-0009: Quote shell commands)
  = Run commands through shop.ops.shell, which quotes arguments.
src/shop/api.py:14:13: no-shell: pickle.loads (as p.loads) is banned (ADR-0009: Quote shell commands)
  = Use json.loads.
src/shop/api.py:16:14: no-shell: yaml.load without Loader is banned (ADR-0009: Quote shell commands)
  = Run commands through shop.ops.shell, which quotes arguments.
src/shop/api.py:17:14: no-shell: yaml.load without Loader is banned, and fitness cannot tell \
whether this call passes Loader through **kwargs (so a warning, not an error) \
(ADR-0009: Quote shell commands) [warning]
  = Run commands through shop.ops.shell, which quotes arguments.
src/shop/api.py:18:12: no-shell: eval is banned (ADR-0009: Quote shell commands)
  = Run commands through shop.ops.shell, which quotes arguments.

no-shell  banned-api  broken  7 findings
Rules: 0 kept, 1 broken. Found 7 findings (6 errors, 1 warning) in 3 files (0.00s).
"""


def test_fitness_check_reports_banned_uses_end_to_end(project: Project, run: Run) -> None:
    root = project(SHOP)

    result = run("check", cwd=root)

    assert (result.code, result.out, result.err) == (1, SHOP_TEXT, "")


def test_the_readme_example_is_a_valid_rule(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Banned APIs", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]

    config = configure(tmp_path, example.replace("[tool.fitness.rules.", "[rules."))

    assert [(r.id, r.kind) for r in config.rules] == [("no-shell", "banned-api")]
