"""A run-level notice: something about the run as a whole that the reports must say.

Not a finding (no rule made it, no fingerprint): why every finding counts as new,
which configuration judged the change, which renames were followed, that
baseline entries are fixed. The app layer decides them; reporters render them.
"""

from __future__ import annotations

from typing import NamedTuple

from fitness.model.finding import Severity


class Notice(NamedTuple):
    """One notice. `id` names its kind for machines (`config-from-without-configuration`);
    `path` (project-relative, POSIX) and `line` place it in a file, when known.

    `details` are lines that follow the message (the stale baseline entries).
    A notice of severity error explains a failed run that no finding explains.
    """

    id: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    details: tuple[str, ...] = ()
