"""Plugins' rule kinds that cannot be used: configuration errors naming the distribution.

Each plugin here is a distribution made on the fly in `tmp_path` (a dist-info
directory with its entry points, and its module) and put on `sys.path`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fitness.checks import PARSERS, plugin_versions
from fitness.config.load import load_config
from fitness.errors import PluginError
from fitness.explain import explain

CONFIG = """\
[rules.mine]
kind = "{kind}"
"""


def distribution(root: Path, name: str, points: str, module: str, text: str) -> None:
    """An installed distribution `name` 1.2 under `root`: its entry points and one module."""
    info = root / f"{name.replace('-', '_')}-1.2.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2\n")
    (info / "entry_points.txt").write_text(f"[fitness.kinds]\n{points}\n")
    (root / f"{module}.py").write_text(text)


def problems_for(tmp_path: Path, kind: str) -> list[str]:
    project = tmp_path / "project"
    (project / "src" / "app").mkdir(parents=True)
    (project / "src" / "app" / "__init__.py").write_text("")
    (project / "fitness.toml").write_text(CONFIG.format(kind=kind))
    _, problems = load_config(project / "fitness.toml", PARSERS)
    return [message.replace(f"{project}/", "") for message in problems.messages()]


def test_a_plugin_that_raises_on_import_is_a_configuration_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    distribution(
        site, "fitness-boom", "boom = boom_kind:Boom", "boom_kind", "raise RuntimeError('no')\n"
    )
    monkeypatch.syspath_prepend(str(site))

    assert problems_for(tmp_path, "boom") == [
        "fitness.toml:2: rules.mine.kind: plugin fitness-boom 1.2 (boom = boom_kind:Boom) "
        "failed to load: RuntimeError: no"
    ]


def test_a_plugin_whose_object_is_no_rule_kind_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    text = "class Half:\n    description = 'x'\n    def parse(self, table): ...\n"
    distribution(site, "fitness-half", "half = half_kind:Half", "half_kind", text)
    monkeypatch.syspath_prepend(str(site))

    assert problems_for(tmp_path, "half") == [
        "fitness.toml:2: rules.mine.kind: plugin fitness-half 1.2 (half = half_kind:Half) gives "
        "'Half', which is no rule kind: it lacks keys, examples, summary, check "
        "(see fitness.api.RuleKind)"
    ]


def test_a_plugin_that_takes_a_built_in_name_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    distribution(
        site,
        "fitness-thief",
        "layers = thief:Layers\nmine = thief:Mine",
        "thief",
        "Layers = Mine = 1\n",
    )
    monkeypatch.syspath_prepend(str(site))

    assert problems_for(tmp_path, "mine") == [
        "fitness.toml:2: rules.mine.kind: plugin fitness-thief 1.2 (layers = thief:Layers) "
        "declares the rule kind 'layers', which is a built-in kind's name: rename it in the "
        "plugin's entry points"
    ]


def test_two_plugins_with_one_kind_are_a_configuration_error_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("fitness-one", "fitness-two"):
        site = tmp_path / name
        module = name.replace("-", "_")
        distribution(site, name, f"same = {module}:Same", module, "Same = 1\n")
        monkeypatch.syspath_prepend(str(site))

    assert problems_for(tmp_path, "same") == [
        "fitness.toml:2: rules.mine.kind: the rule kind 'same' is declared by more than one "
        "plugin: fitness-one 1.2 (same = fitness_one:Same) and fitness-two 1.2 "
        "(same = fitness_two:Same); uninstall one of them"
    ]


def test_a_kind_no_plugin_declares_is_unknown_as_before(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "layer") == [
        "fitness.toml:2: rules.mine.kind: unknown rule kind 'layer' (did you mean 'layers'?); "
        "known kinds: acyclic, allowed, banned-api, classes, dependencies, forbidden, independence, "
        "layers, metrics, protected"
    ]


def test_explain_of_a_broken_plugin_kind_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    distribution(site, "fitness-boom", "boom = boom_kind:Boom", "boom_kind", "1 / 0\n")
    monkeypatch.syspath_prepend(str(site))

    with pytest.raises(PluginError) as raised:
        explain("boom")
    assert str(raised.value) == (
        "plugin fitness-boom 1.2 (boom = boom_kind:Boom) failed to load: "
        "ZeroDivisionError: division by zero"
    )
    assert raised.value.exit_code == 2


def test_built_in_kinds_have_no_plugin_version() -> None:
    assert plugin_versions(["layers", "forbidden"]) == ()
