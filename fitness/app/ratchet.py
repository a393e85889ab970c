"""`fitness baseline` as a ratchet: it shrinks on its own, grows only by decision.

Without `--allow-growth` the command drops fixed entries and lowers counts, and
refuses (a usage error, exit 2, nothing written) when a finding is not covered
by the file (`fitness.policy.growth`), listing each. Creating the file is the
deliberate act that records everything, so a first baseline needs no flag,
except in CI (`--ci`, or a `CI` variable that is set and not false), where no
baseline is ever created: one lost from a checkout must not come back holding
every finding (ArchUnit's `allowStoreCreation=false`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from fitness.app.baselines import missing_in_ci
from fitness.config.schema import Config
from fitness.errors import UsageError
from fitness.model import Finding

_OFF = ("", "0", "false", "no", "off")


class Written(NamedTuple):
    """What `fitness baseline` did: the file, its entries and findings, and what changed.

    `created`: there was no file before. `dropped`: the fixed entries removed.
    `grown`: the findings recorded that the file did not cover (`--allow-growth`).
    `left_out`: those `--prune` left unrecorded. `sealed`: the rules whose findings
    were left out because they cannot be silenced (`suppressible = false`).
    """

    path: Path
    entries: int
    findings: int
    created: bool = False
    dropped: int = 0
    grown: int = 0
    left_out: int = 0
    sealed: tuple[str, ...] = ()


def in_ci(flag: bool, environ: dict[str, str] | None = None) -> bool:
    """`--ci`, or a `CI` environment variable set to something other than empty or false."""
    value = (os.environ if environ is None else environ).get("CI", "")
    return flag or value.strip().lower() not in _OFF


def never_created(config: Config, path: Path) -> UsageError:
    """The error of `fitness baseline` in CI when there is no baseline to update."""
    if config.baseline is not None:
        return UsageError(missing_in_ci(config))
    return UsageError(
        f"{os.path.relpath(path)}: no such file: in CI `fitness baseline` updates a baseline, "
        "never creates one; write it with `fitness baseline` outside CI and commit it"
    )


def refused(path: Path, grown: Sequence[Finding]) -> UsageError:
    """The error of `fitness baseline` without `--allow-growth` when findings are new."""
    count = len(grown)
    listed = "\n".join(
        f"  {f.location.path}:{f.location.line}:{f.location.column}: {f.rule_id}: {f.message}"
        for f in grown
    )
    return UsageError(
        f"{os.path.relpath(path)} does not hold {count} finding{'' if count == 1 else 's'}, "
        "and `fitness baseline` records new findings only with --allow-growth; "
        f"nothing was written:\n{listed}\n"
        "Fix them, or record them deliberately with `fitness baseline --allow-growth` "
        "(`--prune` drops the fixed entries and records none)"
    )
