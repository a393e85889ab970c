"""The project as it was at a git revision (`--since REV`): its findings and its imports.

REV is read from git's objects (`fitness.tree.git`), never checked out or
copied, and judged by the configuration it had then, with no baseline. Its
files' facts come from this project's facts cache where it knows their
contents, so only the files that differ are parsed, and their facts are kept
there by content for the next run (never REV's paths and stamps).
"""

from __future__ import annotations

from fitness.app.configure import Configured, configure
from fitness.app.options import CheckOptions
from fitness.app.run import run_check
from fitness.app.trees import Revisions
from fitness.config.load import has_configuration
from fitness.errors import ConfigError, UsageError
from fitness.model import Past
from fitness.tree.work import WORK

NOTHING = Past((), frozenset(), configured=False)


def state_at(
    options: CheckOptions,
    now: Configured | None = None,
    revisions: Revisions | None = None,
) -> Past:
    """The findings and imports of the project at `options.since` (`Past`).

    `Past.findings` are REV's findings, judged by REV's own configuration with
    no baseline; `Past.imports` every (importer, imported) pair of REV's graph
    (module granularity, whatever the import's flags); `Past.configured` is
    False when REV has no fitness configuration, and then both are empty.

    `now` is the work tree as configured for this run (configured here when
    not given), which says where the configuration file is and which cache to
    read; `revisions` holds the git trees this run has opened already, so
    `--since REV --config-from REV` reads REV's tree once.
    """
    revision = options.since
    if revision is None:
        raise UsageError("state_at needs a revision (options.since)")
    revisions = revisions if revisions is not None else Revisions()
    if now is None:
        now = configure(options, WORK, revisions)
    config = now.config
    tree = revisions.at(revision, config.project_root, "--since")
    located = config.path.resolve()
    if not has_configuration(located, tree):
        return NOTHING  # no configuration then: every finding is new
    then = CheckOptions(
        cwd=located.parent,
        config=located,
        fail_on="never",
        cache=options.cache,
        fresh_cache=options.fresh_cache,
        jobs=options.jobs,
        use_baseline=False,
        facts_from=now.cache_dir,
    )
    try:
        ran = run_check(
            then, lambda: 0.0, now=configure(then, tree, revisions), revisions=revisions
        )
    except (ConfigError, UsageError) as exc:
        raise UsageError(f"--since {revision}: at that revision, {exc}") from None
    return Past(tuple(ran.report.findings), ran.imports or frozenset())
