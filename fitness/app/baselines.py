"""Which baseline a run reads: `--baseline`, the project's file, or (`--config-from`) REV's."""

from __future__ import annotations

from pathlib import Path

from fitness.app.options import CheckOptions
from fitness.config.schema import Config
from fitness.model import (
    BaselineEntry,
)
from fitness.policy import BASELINE_NAME


def baseline_path(config: Config, options: CheckOptions) -> Path:
    return options.baseline or config.project_root / BASELINE_NAME


def baseline_entries(config: Config, options: CheckOptions) -> list[BaselineEntry] | None:
    """The baseline's entries: `--baseline PATH` (which must exist), or the default file if any.

    With `--config-from REV` the default file is REV's too: a pull request judged
    by its base's rules must not add its own findings to the baseline.
    """
    if not options.use_baseline:
        return None
    if options.config_from is not None and options.baseline is None:
        return _baseline_at(config, options.config_from)
    path = baseline_path(config, options)
    if options.baseline is None and not path.is_file():
        return None
    from fitness.policy.baseline import read

    return read(path)


def _baseline_at(config: Config, revision: str) -> list[BaselineEntry] | None:
    import tempfile

    from fitness.policy.baseline import read
    from fitness.revision import export

    with tempfile.TemporaryDirectory(prefix="fitness-baseline-") as directory:
        root = export(
            config.project_root, revision, Path(directory), (), (BASELINE_NAME,), "--config-from"
        )
        path = root / BASELINE_NAME
        return read(path) if path.is_file() else None
