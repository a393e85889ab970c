"""The baseline's changes against a base revision, as Markdown for a pull request's summary."""

from __future__ import annotations

from fitness.policy.baseline_diff import ADDED, GROWN, REMOVED, SHRUNK, BaselineDiff, EntryChange
from fitness.reporters.catalogue import code_span, markdown_text

HEADING = "### Changes to the baseline"
# What the baseline's changes mean for the check that ran, as the Action ran it.
JUDGED = {
    "base": (
        "This change was judged by the base commit's baseline (`config-from: base`): its own "
        "edits to the baseline hide none of its findings here; they take effect once it is merged."
    ),
    "head": (
        "This change was judged with its own baseline (`config-from: head`): the entries it "
        "adds hide their findings from this check. `config-from: base` judges a pull request "
        "by its base's baseline."
    ),
}


def render_baseline_diff(diff: BaselineDiff, judged_by: str | None = None) -> str:
    """A heading, a sentence of counts, a table of the changed entries and, when the
    baseline changed, what that meant for the check (`judged_by`: `base` or `head`, the
    baseline it read); "" when neither side has a baseline."""
    if diff.before is None and diff.after is None:
        return ""
    where = f"{code_span(diff.path)} against the base commit {code_span(diff.revision)}"
    if not diff.changes:
        return f"{HEADING}\n\n{where}: no changes.\n"
    counts = ", ".join(
        f"{diff.count(change)} {change}"
        for change in (ADDED, REMOVED, GROWN, SHRUNK)
        if diff.count(change)
    )
    before = "no file" if diff.before is None else _findings(diff.before)
    after = "no file" if diff.after is None else _findings(diff.after)
    said = (
        f"{where}: {_entries(len(diff.changes))} changed ({counts}); {before} before, {after} now."
    )
    if diff.grows:
        said += (
            "\n\n**This change grows the baseline:** the findings of the entries added or grown "
            "would be known, not reported. Review them as a decision."
        )
    rows = [
        "| change | rule | about | findings | imports |",
        "|---|---|---|---|---|",
        *(_row(each) for each in diff.changes),
    ]
    judged = f"\n{JUDGED[judged_by]}\n" if judged_by is not None else ""
    return f"{HEADING}\n\n{said}\n\n" + "\n".join(rows) + "\n" + judged


def _row(each: EntryChange) -> str:
    imports = [f"added {markdown_text(text)}" for text in each.imports_added]
    imports += [f"removed {markdown_text(text)}" for text in each.imports_removed]
    return (
        f"| {each.change} | {markdown_text(each.rule)} | {markdown_text(each.summary)} "
        f"| {each.before} → {each.after} | {'<br>'.join(imports)} |"
    )


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _findings(count: int) -> str:
    return f"{count} finding{'' if count == 1 else 's'}"
