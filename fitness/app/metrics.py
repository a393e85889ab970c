"""`fitness metrics`: coupling, instability, abstractness and distance of each package."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fitness.app.configure import Configured, configure
from fitness.app.options import CheckOptions
from fitness.app.run import Run, run_check
from fitness.app.trees import Revisions
from fitness.checks.bans import configured_bans
from fitness.errors import UsageError
from fitness.parsing.cache import FactsCache
from fitness.parsing.collect import collect_facts
from fitness.tree.work import WORK
from fitness.views.metrics import Metrics, package_metrics


def project_metrics(options: CheckOptions, roots: Sequence[str], depth: int) -> Metrics:
    """The metrics of the packages `depth` levels below `roots` (none: the top-level packages).

    The rules run as `fitness check` runs them (reused when nothing changed), for
    the imports between modules; lines and classes come from the facts cache,
    which that run filled: a warm run parses nothing.
    """
    revisions = Revisions()
    configured = configure(options, WORK, revisions)
    ran = run_check(options._replace(fail_on="never", measured=True), lambda: 0.0, now=configured)
    unknown = [root for root in roots if root not in ran.modules]
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)}: no such module under the source roots "
            f"(fitness metrics takes module names, such as {min(ran.modules, default='app')})"
        )
    if ran.between is None:  # stored findings from before views were stored with them
        raise UsageError("the cache holds no import counts: run once with --no-cache")
    return metrics_of(
        ran, configured, configured.cache_dir, options.jobs, not options.fresh_cache, roots, depth
    )


def metrics_of(
    ran: Run,
    configured: Configured,
    facts_dir: Path | None,
    jobs: int,
    read: bool = True,
    roots: Sequence[str] = (),
    depth: int = 1,
    own: bool = True,
) -> Metrics:
    """The metrics of what `ran` checked (the tree `configured` read), its lines and
    classes from the facts cache in `facts_dir`, which the run filled. `own=False`:
    the tree is not the work tree (a commit of `fitness history`), whose paths and
    stamps must not replace the work tree's in that cache."""
    config, discovery, _, tree = configured[:4]
    bans = configured_bans(
        config.rules, frozenset(module.partition(".")[0] for module in discovery.modules)
    )._replace(measures=True)  # lines of code and classes, whatever the rules read
    cache = FactsCache.in_directory(facts_dir, paths=own, read=read)
    paths = [source.path for source in discovery.files]
    facts = collect_facts(config.project_root, paths, cache, jobs, None, bans, tree=tree)
    cache.save()
    by_module = {source.module: facts[source.path] for source in discovery.files}
    assert ran.between is not None
    return package_metrics(
        ran.modules,
        ran.between(),
        {module: found.lines for module, found in by_module.items()},
        {module: found.classes for module, found in by_module.items()},
        roots,
        depth,
    )


def point_metrics(metrics: Metrics) -> tuple[tuple[str, float], ...]:
    """Each package's numbers as `history` keeps them: `package:ca`, `:ce`, `:instability`,
    `:abstractness`, `:distance`, rounded to 4 places."""
    return tuple(
        (f"{package.name}:{name}", round(float(value), 4))
        for package in metrics.packages
        for name, value in (
            ("ca", package.ca),
            ("ce", package.ce),
            ("instability", package.instability),
            ("abstractness", package.abstractness),
            ("distance", package.distance),
        )
    )
