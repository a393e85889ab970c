"""Which configured bans a file's facts must have been gathered for, known from the facts alone.

A ban on a module root can only match in a file that imports that root (its
absolute imports, dynamic ones included), and a ban on a builtin only in a
file whose text mentions the name (`FileFacts.builtins`). So the part of the
configured `Bans` a file needs is known from its cached facts without reading
it, and cached facts serve a run as long as they were gathered for that part:
adding a ban re-examines only the files it can affect; removing one, none.
The sections the metrics read (`Bans.measures`) are needed by every file or
by none: facts gathered without them serve only runs that do not read them.
"""

from __future__ import annotations

from fitness.model import NO_BANS, UNMEASURED, ApiUse, Bans, FileFacts

_NONE: frozenset[str] = frozenset()


def needed(facts: FileFacts, bans: Bans) -> Bans:
    """The part of `bans` that can match in the file `facts` describe."""
    roots, builtins, measures = bans
    if roots:
        imported = [
            top
            for raw in facts.imports
            if not raw.level and (top := raw.module.partition(".")[0]) in roots
        ]
        if "." in roots and any(raw.level and not raw.dynamic for raw in facts.imports):
            imported.append(".")  # relative imports, for a ban on the project's own API
        roots = frozenset(imported) if imported else _NONE
    if builtins:
        builtins = builtins & facts.builtins if facts.builtins else _NONE
    if not roots and not builtins:
        return NO_BANS if measures else UNMEASURED
    return Bans(roots, builtins, measures)


def reusable(facts: FileFacts, bans: Bans) -> FileFacts | None:
    """`facts` as extracting the file with `bans` gives them; None if they lack a needed ban.

    Facts gathered for more than the file needs now (a ban was removed since)
    are narrowed to the uses of what it needs, so a run's facts never depend
    on what earlier runs asked for.
    """
    examined = facts.examined
    if examined is bans and not bans:
        return facts  # nothing banned, then or now: every run without banned-api rules
    need = needed(facts, bans)
    if need == examined:
        return facts
    if (
        need.roots <= examined.roots
        and need.builtins <= examined.builtins
        and (examined.measures or not need.measures)
    ):
        return narrowed(facts, need)
    return None


def trimmed(facts: FileFacts) -> FileFacts:
    """Fresh facts with `examined` cut to what the file needs of it, as the cache keeps them.

    A file is parsed with every configured ban (its imports are not known
    before); its entry records only those that can match in it, so entries
    stay small and any later configuration that needs no more reuses them.
    """
    reduced = reusable(facts, facts.examined)
    assert reduced is not None  # what a file needs of its examined bans is among them
    return reduced


def wider(first: Bans, second: Bans) -> Bans:
    """The bans of both."""
    if second is NO_BANS and first.measures:
        return first
    return Bans(
        first.roots | second.roots,
        first.builtins | second.builtins,
        first.measures or second.measures,
    )


def narrowed(facts: FileFacts, bans: Bans) -> FileFacts:
    """`facts` with only the uses of `bans` (and the measured sections if it `measures`),
    and `bans` as what was examined."""
    uses = tuple(use for use in facts.uses if _of(use, bans))
    if bans.measures:
        return facts._replace(uses=uses, examined=bans)
    return facts._replace(uses=uses, examined=bans, lines=0, classes=(), functions=())


def _of(use: ApiUse, bans: Bans) -> bool:
    """Whether `use` is found by looking for `bans`: by its root, or as a builtin."""
    root, _, rest = use.api.partition(".")
    if use.api.startswith("."):
        return "." in bans.roots
    return root in bans.roots or (root == "builtins" and rest.partition(".")[0] in bans.builtins)
