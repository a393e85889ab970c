"""Check that the modules a rule names exist, once the source roots have been read.

`check_modules` runs on the file listing, before anything is parsed. Third-party
names are judged later, on the import graph (`fitness.checks.unknown_names`):
a name nothing knows is a warning finding, never a configuration error.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from fitness.config.installed import is_installed, is_stdlib
from fitness.config.layout import Layout, elsewhere, no_python
from fitness.config.schema import Config, NamesUnderModules, Rule
from fitness.config.source import Problems
from fitness.config.table import ModuleRef, word_form
from fitness.suggest import did_you_mean


def check_modules(
    config: Config, layout: Layout, problems: Problems, skip: Collection[str] = ()
) -> None:
    """Report source roots that hold no Python file, and each module name that matches nothing.

    The names in `skip` are not checked (`--config-from REV`'s names of modules the
    change removed: findings of their own, `rule-target-removed`).

    A rule's own side (`ModuleRef.internal`) must name modules under the source
    roots. Elsewhere a name whose first segment is not one of the project's
    top-level packages is taken as third-party (it need not be installed),
    unless it looks like a typo of one of them, or of a word its key accepts
    (`"thirdparty"` for `"third-party"`) while nothing installs it.
    """
    if not layout.roots:
        return  # every configured root is missing, and each is already a problem
    if not layout.files:
        problems.add(() if layout.defaulted else ("source_roots",), no_python(layout))
        return  # every module name would be reported too
    internal = layout.modules
    tops = {name.split(".")[0] for name in internal}
    found, outside = [], []
    for ref in _refs(config):
        if ref.expr.text in skip:
            continue
        if _matches(ref, internal):
            found.append(ref)
            continue
        text = ref.expr.text
        top = text.split(".")[0]
        if top in tops:
            problems.add(ref.where, _missing(ref) + _typo(text, internal, ()))
        elif ref.internal:
            outside.append(ref)
        elif _word_typo(ref, config.project_root):
            word = did_you_mean(word_form(text), ref.words, cutoff=0.8)
            problems.add(
                ref.where,
                f"'{text}' is no module of the project, installed or in the standard library{word}",
            )
        elif "*" not in top and not is_stdlib(top) and did_you_mean(top, tops, cutoff=0.8):
            problems.add(ref.where, _missing(ref) + _typo(text, internal, tops))
    for rule in config.rules:
        if isinstance(rule.params, NamesUnderModules):
            for where, message in rule.params.layout_problems(internal):
                problems.add(where, message)
    if outside:
        keep = layout.roots_holding(lambda name: any(ref.expr.matches(name) for ref in found))
        for ref in outside:
            problems.add(ref.where, _missing(ref) + _outside(ref, layout, tops, keep, config))


def _refs(config: Config) -> Iterator[ModuleRef]:
    for rule in config.rules:
        yield from rule_refs(rule)


def rule_refs(rule: Rule) -> Iterator[ModuleRef]:
    """Every module expression `rule` names: `include`, `exclude` and its kind's own."""
    yield from rule.include
    yield from rule.exclude
    yield from rule.params.module_refs()


def _matches(ref: ModuleRef, internal: Collection[str]) -> bool:
    if ref.expr.has_wildcard:
        return any(ref.expr.matches(name) for name in internal)
    return ref.expr.text in internal


def _word_typo(ref: ModuleRef, project_root: Path) -> bool:
    """Whether `ref` misspells a word its key accepts: close to one, and no module anywhere."""
    text = ref.expr.text
    top = text.split(".")[0]
    if not ref.words or "*" in text or did_you_mean(word_form(text), ref.words, 0.8) == "":
        return False
    return not is_stdlib(top) and not is_installed(top, project_root)


def _missing(ref: ModuleRef) -> str:
    if ref.expr.has_wildcard:
        return f"'{ref.expr.text}' matches no module under the source roots"
    return f"no module '{ref.expr.text}' under the source roots"


def _typo(text: str, internal: Collection[str], tops: Collection[str]) -> str:
    if "*" in text:
        return ""
    top = text.split(".")[0]
    return did_you_mean(text, internal) or did_you_mean(top, tops)


def _outside(
    ref: ModuleRef, layout: Layout, tops: Collection[str], keep: list[str], config: Config
) -> str:
    """Why an own-side name is not under the source roots, and what to do about it."""
    text = ref.expr.text
    top = text.split(".")[0]
    if "*" not in top and did_you_mean(top, tops, cutoff=0.8):
        return _typo(text, layout.modules, tops)
    key = next((part for part in reversed(ref.where.path) if isinstance(part, str)), "")
    if "*" in top:
        hint = None
    else:
        hint = elsewhere(top, layout, keep) or _not_own(top, key, config.project_root)
    return f" ({layout.searched()}{'; ' + hint if hint else ''})"


def _not_own(top: str, key: str, project_root: Path) -> str | None:
    if is_stdlib(top):
        return f"'{top}' is in the standard library, but '{key}' names the project's own modules"
    if is_installed(top, project_root):
        return f"'{top}' is an installed package, but '{key}' names the project's own modules"
    return None
