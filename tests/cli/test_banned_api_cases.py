"""banned-api end to end: each snippet through `fitness check`, with its exact findings.

Every alias form, scope rule and argument condition of issue 10, including the
cases that must not be found (shadowing by each binding form, class scope,
`self.x`, comprehensions, a re-import under another name). A finding reads
`line:column-end_line:end_column message`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple, Union

import pytest

from support import check_project, write_tree

Ban = Union[str, tuple[str, dict[str, object]]]


class Case(NamedTuple):
    id: str
    bans: list[Ban]
    snippet: str
    expected: list[str]


CASES = [
    # Issue 22: a module held in a variable, at module level and in a function.
    Case(
        "module-in-a-variable",
        ["pickle.loads"],
        "import importlib\n\nm = importlib.import_module('pickle')\nm.loads(b'')\n\n\n"
        "def f():\n    n = __import__('pickle')\n    return n.loads(b'')\n",
        [
            "4:1-4:8 pickle.loads (as m.loads) is banned",
            "9:12-9:19 pickle.loads (as n.loads) is banned",
        ],
    ),
    # Issue 22: after a star import, the names it may bind.
    Case(
        "star-import",
        ["pickle.loads"],
        "from pickle import *\n\nloads(b'')\n\n\ndef f():\n    return loads(b'')\n",
        [
            "3:1-3:6 pickle.loads (as loads) is banned",
            "7:12-7:17 pickle.loads (as loads) is banned",
        ],
    ),
    Case(
        "star-import-of-a-banned-module",
        ["pickle"],
        "from pickle import *\n\nloads(b'')\n",
        ["1:1-1:21 pickle is banned"],
    ),
    # Issue 22: one finding per fact: the from-import, not each use of the name it binds;
    # a module imported whole is reported at each use.
    Case(
        "one-finding-per-from-import",
        ["typing.Sequence"],
        "from typing import Sequence\nimport typing\n\n\n"
        "def f(a: Sequence[int]) -> Sequence[str]:\n    return typing.Sequence\n",
        ["1:20-1:28 typing.Sequence is banned", "6:12-6:27 typing.Sequence is banned"],
    ),
    # Issue 22: "cannot tell" only where the callable takes the argument (the security pack
    # lists them), one severity lower.
    Case(
        "kwargs-only-where-the-argument-is-taken",
        [("httpx.get", {"verify": False}), ("httpx.Client", {"verify": False})],
        "import httpx\n\n\ndef f(**kw):\n    httpx.Response(**kw)\n    return httpx.get('u', **kw)\n",
        [
            "6:12-6:21 httpx.get with verify=False is banned, and fitness cannot tell whether "
            "this call passes verify=False through **kwargs (so a warning, not an error)"
        ],
    ),
    # Issue 21: `true` is any truthy literal, `false` any falsy one but None.
    Case(
        "when-true-is-truthy",
        [("subprocess.run", {"shell": True})],
        "import subprocess\n\nsubprocess.run('ls', shell=1)\nsubprocess.run('ls', shell='yes')\n"
        "subprocess.run('ls', shell=0)\nsubprocess.run('ls', shell='')\n",
        [
            "3:1-3:15 subprocess.run with shell=True is banned",
            "4:1-4:15 subprocess.run with shell=True is banned",
        ],
    ),
    Case(
        "when-false-is-falsy",
        [("requests.get", {"verify": False})],
        "import requests\n\nrequests.get(u, verify=0)\nrequests.get(u, verify='')\n"
        "requests.get(u, verify=None)\nrequests.get(u, verify=1)\n",
        [
            "3:1-3:13 requests.get with verify=False is banned",
            "4:1-4:13 requests.get with verify=False is banned",
        ],
    ),
    # Issue 21: a string written in pieces is the same string.
    Case(
        "getattr-concatenated",
        ["eval"],
        "import builtins\n\ngetattr(builtins, 'ev' 'al')('1')\n",
        ["3:1-3:29 eval (as getattr(builtins, 'ev' 'al')) is banned"],
    ),
    Case(
        "getattr-f-string",
        ["exec"],
        "import builtins\n\ngetattr(builtins, f'exec')('1')\n",
        ["3:1-3:27 exec (as getattr(builtins, f'exec')) is banned"],
    ),
    Case(
        "import-module-pieces",
        ["pickle.loads"],
        "import importlib\n\nimportlib.import_module('pic' 'kle').loads(b'')\n"
        "importlib.__import__(f'pickle').loads(b'')\n",
        [
            "3:1-3:43 pickle.loads (as importlib.import_module('pic' 'kle').loads) is banned",
            "4:1-4:38 pickle.loads (as importlib.__import__(f'pickle').loads) is banned",
        ],
    ),
    Case(
        "attribute-call",
        ["pickle.loads"],
        "import pickle\n\npickle.loads(b'')\n",
        ["3:1-3:13 pickle.loads is banned"],
    ),
    Case(
        "module-alias",
        ["pickle.loads"],
        "import pickle as p\n\np.loads(b'')\n",
        ["3:1-3:8 pickle.loads (as p.loads) is banned"],
    ),
    Case(
        "from-import",
        ["pickle.loads"],
        "from pickle import loads\n\nloads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "from-import-alias",
        ["pickle.loads"],
        "from pickle import loads as ld\n\nld(b'')\n",
        ["1:20-1:31 pickle.loads (as ld) is banned"],
    ),
    Case(
        "dotted-module-alias",
        ["xml.etree.ElementTree.parse"],
        "import xml.etree.ElementTree as ET\n\nET.parse('f.xml')\n",
        ["3:1-3:9 xml.etree.ElementTree.parse (as ET.parse) is banned"],
    ),
    Case(
        "from-os-system",
        ["os.system"],
        "from os import system\n\nsystem('ls')\n",
        ["1:16-1:22 os.system is banned"],
    ),
    Case(
        "submodule-attribute",
        ["os.path.join"],
        "import os.path\n\nos.path.join('a', 'b')\n",
        ["3:1-3:13 os.path.join is banned"],
    ),
    Case(
        "reference-not-call",
        ["pickle.loads"],
        "import pickle\n\nf = pickle.loads\n",
        ["3:5-3:17 pickle.loads is banned"],
    ),
    Case(
        "module-import",
        ["pickle"],
        "import pickle\n",
        ["1:8-1:14 pickle is banned"],
    ),
    Case(
        "module-from-import",
        ["pickle"],
        "from pickle import dumps\n",
        ["1:20-1:25 pickle.dumps is banned"],
    ),
    Case(
        "getattr",
        ["pickle.loads"],
        "import pickle\n\ngetattr(pickle, 'loads')(b'')\n",
        ["3:1-3:25 pickle.loads (as getattr(pickle, 'loads')) is banned"],
    ),
    Case(
        "import-module",
        ["pickle.loads"],
        "import importlib\n\nimportlib.import_module('pickle').loads(b'')\n",
        ["3:1-3:40 pickle.loads (as importlib.import_module('pickle').loads) is banned"],
    ),
    Case(
        "dunder-import",
        ["pickle"],
        "m = __import__('pickle')\n",
        ["1:5-1:25 pickle (as __import__('pickle')) is banned"],
    ),
    Case(
        "builtin",
        ["eval"],
        "eval('1')\n",
        ["1:1-1:5 eval is banned"],
    ),
    Case(
        "builtins-module",
        ["builtins.eval"],
        "import builtins\n\nbuiltins.eval('1')\n",
        ["3:1-3:14 eval is banned"],
    ),
    Case(
        "wildcard",
        ["subprocess.*"],
        "import subprocess\n\nsubprocess.run(['ls'])\nsubprocess.check_output(['ls'])\n",
        ["3:1-3:15 subprocess.run is banned", "4:1-4:24 subprocess.check_output is banned"],
    ),
    Case(
        "prefix-module-ban",
        ["xml.etree"],
        "from xml.etree import ElementTree\n\nElementTree.fromstring('<a/>')\n",
        ["1:23-1:34 xml.etree.ElementTree is banned"],
    ),
    Case(
        "shadow-parameter",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f(loads):\n    return loads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-assignment",
        ["pickle.loads"],
        "import pickle\n\n\ndef f():\n    pickle = object()\n    return pickle.loads(b'')\n",
        [],
    ),
    Case(
        "shadow-for",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f(items):\n    for loads in items:\n        loads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-with",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f(cm):\n    with cm as loads:\n        loads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-inner-def",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f():\n    def loads(data):\n        return data\n    return loads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-inner-class",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f():\n    class loads:\n        pass\n    return loads()\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-comprehension",
        ["pickle.loads"],
        "from pickle import loads\n\nresult = [loads(b'') for loads in []]\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-except",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f():\n    try:\n        pass\n    except Exception as loads:\n        loads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-lambda",
        ["pickle.loads"],
        "from pickle import loads\n\nf = lambda loads: loads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-walrus",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f():\n    if (loads := None):\n        loads(b'')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "shadow-reimport",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f():\n    from json import loads\n    return loads('1')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "self-attribute",
        ["pickle.loads"],
        "import pickle\n\n\nclass C:\n    def f(self):\n        return self.loads(b'')\n",
        [],
    ),
    Case(
        "attribute-of-other",
        ["pickle.loads"],
        "import json as pickle_like\n\npickle_like.loads('1')\n",
        [],
    ),
    Case(
        "class-scope-does-not-leak",
        ["pickle.loads"],
        "from pickle import *\n\n\nclass C:\n    loads = staticmethod(len)\n\n    def f(self):\n        return loads(b'')\n",
        ["8:16-8:21 pickle.loads (as loads) is banned"],
    ),
    Case(
        "class-scope-shadows-in-body",
        ["pickle.loads"],
        "from pickle import loads\n\n\nclass C:\n    loads = len\n    x = loads('a')\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "global-keeps-import",
        ["pickle.loads"],
        "from pickle import *\n\n\ndef f():\n    global loads\n    return loads(b'')\n",
        ["6:12-6:17 pickle.loads (as loads) is banned"],
    ),
    Case(
        "nonlocal-shadow",
        ["pickle.loads"],
        "from pickle import loads\n\n\ndef f():\n    loads = len\n\n    def g():\n        nonlocal loads\n        return loads('a')\n    return g\n",
        ["1:20-1:25 pickle.loads is banned"],
    ),
    Case(
        "builtin-shadowed",
        ["eval"],
        "def eval(x):\n    return x\n\n\neval('1')\n",
        [],
    ),
    Case(
        "builtin-param",
        ["eval"],
        "def f(eval):\n    return eval('1')\n",
        [],
    ),
    Case(
        "when-keyword",
        [("subprocess.run", {"shell": True})],
        "import subprocess\n\nsubprocess.run('ls', shell=True)\nsubprocess.run(['ls'])\nsubprocess.run('ls', shell=False)\n",
        ["3:1-3:15 subprocess.run with shell=True is banned"],
    ),
    Case(
        "when-missing",
        [("yaml.load", {"missing": "Loader"})],
        "import yaml\n\nyaml.load(f)\nyaml.load(f, Loader=yaml.SafeLoader)\n",
        ["3:1-3:10 yaml.load without Loader is banned"],
    ),
    Case(
        "when-not",
        [("hashlib.md5", {"usedforsecurity": "!false"})],
        "import hashlib\n\nhashlib.md5(b'', usedforsecurity=False)\nhashlib.md5(b'', usedforsecurity=True)\n",
        ["4:1-4:12 hashlib.md5 without usedforsecurity=False is banned"],
    ),
    Case(
        "when-positional",
        [("os.chmod", {"1": 511})],
        "import os\n\nos.chmod('f', 511)\nos.chmod('f', 420)\n",
        ["3:1-3:9 os.chmod with 511 as positional argument 1 is banned"],
    ),
    Case(
        "when-kwargs-undecided",
        [("subprocess.run", {"shell": True})],
        "import subprocess\n\n\ndef f(**options):\n    return subprocess.run('ls', **options)\n",
        [
            "5:12-5:26 subprocess.run with shell=True is banned, and fitness cannot tell whether this call passes shell=True through **kwargs (so a warning, not an error)"
        ],
    ),
    Case(
        "when-reference-not-judged",
        [("subprocess.run", {"shell": True})],
        "import subprocess\n\nrun = subprocess.run\n",
        [],
    ),
    Case(
        "when-list-is-any-of",
        [("open", {"mode": ["w", "a"]})],
        "open('f', mode='w')\nopen('f', mode='a')\nopen('f', mode='r')\nopen('f')\n",
        [
            "1:1-1:5 open with mode='w' or mode='a' is banned",
            "2:1-2:5 open with mode='w' or mode='a' is banned",
        ],
    ),
    Case(
        "when-list-by-position",
        [("open", {"1": ["w", "x"]})],
        "open('f', 'x')\nopen('f', 'r')\nopen('f', mode='w')\n",
        ["1:1-1:5 open with 'w' or 'x' as positional argument 1 is banned"],
    ),
    Case(
        "when-list-true-is-truthy",
        [("subprocess.run", {"shell": [True, "yes"]})],
        "import subprocess\n\nsubprocess.run('ls', shell=1)\nsubprocess.run('ls', shell='yes')\n",
        [
            "3:1-3:15 subprocess.run with shell=True or shell='yes' is banned",
            "4:1-4:15 subprocess.run with shell=True or shell='yes' is banned",
        ],
    ),
    Case(
        "type-checking",
        ["pickle"],
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import pickle\n",
        ["4:12-4:18 pickle is banned"],
    ),
]


def _entry(ban: Ban) -> str:
    if isinstance(ban, str):
        return json.dumps(ban)
    name, when = ban
    conditions = ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in when.items())
    return f"{{ name = {json.dumps(name)}, when = {{ {conditions} }} }}"


def _toml(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else json.dumps(value)


def findings(tmp_path: Path, bans: list[Ban], files: dict[str, str], extra: str = "") -> list[str]:
    config = (
        '[tool.fitness]\n\n[tool.fitness.rules.ban]\nkind = "banned-api"\n'
        f"apis = [{', '.join(map(_entry, bans))}]\n{extra}"
    )
    root = write_tree(tmp_path, {"pyproject.toml": config, "src/app/__init__.py": "", **files})
    return [
        f"{f.location.line}:{f.location.column}-{f.location.end_line}:{f.location.end_column} "
        f"{f.message}"
        for f in check_project(root).findings
    ]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40
    assert sum(1 for case in CASES if not case.expected or case.id.startswith("shadow")) >= 15


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_snippet_gives_exactly_its_findings(tmp_path: Path, case: Case) -> None:
    assert findings(tmp_path, case.bans, {"src/app/mod.py": case.snippet}) == case.expected


USES = "import pickle\n\npickle.loads(b'')\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("", ["src/app/ops/shell.py", "src/app/ops/shell.py", "src/app/web.py", "src/app/web.py"]),
        ('allow_in = ["app.ops"]\n', ["src/app/web.py", "src/app/web.py"]),
        ('allow_in = ["app.ops.*"]\n', ["src/app/web.py", "src/app/web.py"]),
        ('exclude = ["app.web"]\n', ["src/app/ops/shell.py", "src/app/ops/shell.py"]),
        ('include = ["app.web"]\n', ["src/app/web.py", "src/app/web.py"]),
    ],
)
def test_allow_in_include_and_exclude_scope_the_rule(
    tmp_path: Path, extra: str, expected: list[str]
) -> None:
    config = (
        "[tool.fitness]\n\n[tool.fitness.rules.ban]\n"
        f'kind = "banned-api"\napis = ["pickle"]\n{extra}'
    )
    files = {
        "pyproject.toml": config,
        "src/app/__init__.py": "",
        "src/app/ops/__init__.py": "",
        "src/app/ops/shell.py": USES,
        "src/app/web.py": USES,
    }

    report = check_project(write_tree(tmp_path, files))

    assert [f.location.path for f in report.findings] == expected


def test_type_checking_ignore_drops_uses_under_type_checking(tmp_path: Path) -> None:
    snippet = (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import pickle\nimport marshal\n"
    )

    found = findings(
        tmp_path, ["pickle", "marshal"], {"src/app/mod.py": snippet}, 'type_checking = "ignore"\n'
    )

    assert found == ["5:8-5:15 marshal is banned"]


def test_fingerprints_name_the_scope_and_the_occurrence_not_the_line(tmp_path: Path) -> None:
    snippet = (
        "import pickle\n\n\nclass Store:\n    def load(self, data):\n"
        "        first = pickle.loads(data)\n        return pickle.loads(first)\n"
    )
    root = write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.fitness]\n\n[tool.fitness.rules.ban]\nkind = "banned-api"\n'
            'apis = ["pickle.loads"]\n',
            "src/app/__init__.py": "",
            "src/app/mod.py": snippet,
        },
    )
    before = [f.fingerprint for f in check_project(root).findings]
    (root / "src/app/mod.py").write_text('"""Moved down."""\n\n' + snippet, encoding="utf-8")

    after = check_project(root).findings

    assert [f.location.line for f in after] == [8, 9]
    assert [f.fingerprint for f in after] == before
    assert len(set(before)) == 2
