"""The built-in finding kinds: findings no configured rule makes, with what they mean.

SARIF `rules[]`, JUnit suites and the Markdown summary describe a built-in
finding from here, as they describe a configured rule from its `RuleSummary`.
"""

from __future__ import annotations

from typing import NamedTuple

from fitness.model.finding import Severity


class FindingKind(NamedTuple):
    """One built-in finding id.

    `topic` groups the kinds: `files` (a file or directory fitness could not
    check), `adr` (the decision records and their citations), `suppressions`,
    `configuration` (what a rule names, and what `--config-from REV`'s rules name that
    the change removed).
    `summary` is one line; `description` says what it reports; `help` how to fix it.
    """

    id: str
    topic: str
    severity: Severity
    summary: str
    description: str
    help: str


BUILT_IN_KINDS: tuple[FindingKind, ...] = (
    FindingKind(
        "adr-confirmation-disabled",
        "adr",
        Severity.ERROR,
        "An ADR's Confirmation names a rule that does not run.",
        "An accepted decision record's Confirmation (MADR 3: Validation) section names a "
        "rule that is switched off (enabled = false) or dormant (its python is not met by "
        "every Python the project supports): nothing confirms the decision.",
        "Switch the rule on, or change the record's Confirmation to name the rules that "
        "confirm it.",
    ),
    FindingKind(
        "adr-confirmation-unknown",
        "adr",
        Severity.ERROR,
        "An ADR's Confirmation names a rule that does not exist.",
        "An accepted decision record's Confirmation (MADR 3: Validation) section names "
        "fitness:ID, and the configuration has no rule of that id: a rule was renamed or "
        "removed, or the record has a typo.",
        "Name the rule by its id in the configuration, or add the rule that confirms the decision.",
    ),
    FindingKind(
        "adr-missing",
        "adr",
        Severity.ERROR,
        "A reference points to no ADR.",
        "A rule, a suppression, a code comment or a record's superseded-by link cites a "
        "decision record that no file in the ADR directory holds.",
        "Fix the reference (the key is like ADR-0004), or add the record to the ADR directory.",
    ),
    FindingKind(
        "adr-not-accepted",
        "adr",
        Severity.WARNING,
        "A reference cites an ADR that is not accepted.",
        "A rule or a suppression cites a decision record whose status is proposed, rejected "
        "or deprecated: the check enforces a decision that was not taken, or no longer holds.",
        "Accept the decision in its record, or cite the decision the rule actually enforces.",
    ),
    FindingKind(
        "adr-superseded",
        "adr",
        Severity.WARNING,
        "A reference cites a superseded ADR.",
        "A rule or a suppression cites a decision record that a later one supersedes; "
        "the finding names the successor.",
        "Cite the successor, and check that the rule still matches what it decided.",
    ),
    FindingKind(
        "adr-required",
        "adr",
        Severity.ERROR,
        "A rule or a suppression cites no ADR.",
        "The configuration requires every rule (require_for_rules) or every inline "
        "suppression (require_for_suppressions) to cite a decision record, "
        "and this one cites none.",
        'Add `adr = "ADR-NNNN"` to the rule, or the ADR key to the suppression comment.',
    ),
    FindingKind(
        "adr-unreadable",
        "adr",
        Severity.ERROR,
        "An ADR file cannot be understood.",
        "A decision record has no status, broken front matter or an unknown status, "
        "or two records have the same number.",
        "Give the record one status (proposed, accepted, rejected, deprecated or superseded) "
        "and a number of its own.",
    ),
    FindingKind(
        "analysis-error",
        "files",
        Severity.ERROR,
        "fitness could not analyse a file.",
        "fitness failed on a file it should have read: a bug in fitness. The file's imports "
        "are unknown, so findings may be missing.",
        "Report the bug with the file (or the smallest part of it that fails) and the message.",
    ),
    FindingKind(
        "duplicate-module",
        "files",
        Severity.WARNING,
        "A module is found under two source roots.",
        "The same module name is found under two source roots; the second copy is not checked.",
        "Remove one copy, or exclude it, or list only one of the roots in source_roots.",
    ),
    FindingKind(
        "expired-baseline-entry",
        "suppressions",
        Severity.ERROR,
        "A baseline entry is past its `until` date.",
        "A baseline entry stamped `until` (`fitness baseline --until DATE`) covers its findings "
        "up to and including that day; after it, its findings count again and this finding "
        "names the entry's owner.",
        "Fix the findings and prune the entry (`fitness baseline --prune`), or renew the "
        "exception with a later `until`, as its owner decides.",
    ),
    FindingKind(
        "expired-suppression",
        "suppressions",
        Severity.ERROR,
        "An inline suppression is past its `until` date.",
        "A suppression written with `until=YYYY-MM-DD` silences its findings up to and "
        "including that day; after it, they count again and this finding names its owner.",
        "Fix the finding and remove the comment, or renew the exception with a later `until=`, "
        "as its owner decides.",
    ),
    FindingKind(
        "expiring-baseline-entry",
        "suppressions",
        Severity.WARNING,
        "A baseline entry expires soon.",
        "A baseline entry's `until` date is within `warn_days` ([tool.fitness.exceptions], "
        "14 by default): it still covers its findings, for the days the message counts.",
        "Fix the findings before the date, or have the owner renew the exception.",
    ),
    FindingKind(
        "expiring-suppression",
        "suppressions",
        Severity.WARNING,
        "An inline suppression expires soon.",
        "A suppression's `until=` date is within `warn_days` ([tool.fitness.exceptions], "
        "14 by default): it still silences its findings, for the days the message counts.",
        "Fix the finding before the date, or have the owner renew the exception.",
    ),
    FindingKind(
        "invalid-baseline-entry",
        "suppressions",
        Severity.ERROR,
        "A baseline entry lacks what [tool.fitness.exceptions] requires.",
        "With `require_owner = true` every baseline entry needs an `owner`; with `max_days` "
        "every one needs an `until` at most that many days ahead. The entry still covers "
        "its findings.",
        'Add `"owner": "@team"` or `"until": "YYYY-MM-DD"` to the entry, or let '
        "`fitness baseline --owner @team --until DATE` write the entries it adds so.",
    ),
    FindingKind(
        "invalid-suppression",
        "suppressions",
        Severity.ERROR,
        "An inline suppression fitness cannot apply.",
        "A `# fitness:` comment that names no rule (`# fitness: ignore` alone), names an id "
        "that is no configured rule nor built-in check, is not an `ignore` directive, names "
        "a rule that cannot be silenced (`suppressible = false`), has an `until=` that is no "
        "date, or lacks the `owner=` or `until=` that [tool.fitness.exceptions] requires.",
        "Write `# fitness: ignore[rule-id] ADR-NNNN why`, naming the rules it suppresses.",
    ),
    FindingKind(
        "parse-error",
        "files",
        Severity.ERROR,
        "A file could not be parsed.",
        "A Python file has a syntax error or cannot be decoded: its imports are unknown, so "
        "the rules could not check it.",
        "Fix the syntax error or the encoding, or exclude the file if it is not Python.",
    ),
    FindingKind(
        "rule-target-removed",
        "configuration",
        Severity.ERROR,
        "The change removes a module that the base's rules name.",
        "With `--config-from REV` (the Action's `config-from: base`) the change is judged by "
        "REV's rules, and this one names a module the change deletes: the rule can no longer "
        "check it. A module the change renames is checked under its new name instead.",
        "Land the configuration change (the rule without the module) first, in a change of "
        "its own; then delete the module.",
    ),
    FindingKind(
        "unknown-module",
        "configuration",
        Severity.WARNING,
        "A rule names a third-party module that nothing knows.",
        "A rule names a module outside the project (in `to`, `may_import`, `allow_in` "
        "or a banned API) that the project does not import, that is not installed "
        "and that is not in the standard library. A rule may name what no module imports yet, "
        "so this is no error; but a misspelt name never matches, and the finding names the "
        "imported module it resembles, if any. Names that differ only in digits, such as "
        "PyQt5 and PyQt6, are versions of one package, not typos of each other: a version "
        "of a package the project imports is known.",
        "Fix the spelling; a name that is right (a package the project must never import) "
        "can stay, or be installed where fitness runs so that it is known.",
    ),
    FindingKind(
        "unreadable",
        "files",
        Severity.ERROR,
        "A directory could not be read, or a name is not UTF-8.",
        "A directory under a source root could not be listed, or a Python file or directory "
        "has a name that is not UTF-8 (no module name can hold it): the modules in it are "
        "unknown.",
        "Give the user that runs fitness permission to read it, rename it, or exclude it.",
    ),
    FindingKind(
        "unused-suppression",
        "suppressions",
        Severity.WARNING,
        "An inline suppression suppresses nothing.",
        "A `# fitness: ignore[...]` comment matches no finding on its line or the line below.",
        "Remove the comment: what it suppressed was fixed, or it names the wrong rule.",
    ),
    FindingKind(
        "vacuous-rule",
        "configuration",
        Severity.WARNING,
        "A rule examined no import at all.",
        "The modules the rule matched import nothing (or nothing the rule counts): it "
        "cannot fail whatever the code does, so it enforces nothing. Often its modules "
        "are misspelt or narrowed away by `include` / `exclude`, or the code moved.",
        "Check the rule's modules against the code (`fitness rules --coverage` shows what it "
        "matched), or remove the rule.",
    ),
)

_BY_ID = {kind.id: kind for kind in BUILT_IN_KINDS}


def built_in_kind(kind_id: str) -> FindingKind | None:
    """The built-in kind `kind_id`, or None for a configured rule's id."""
    return _BY_ID.get(kind_id)
