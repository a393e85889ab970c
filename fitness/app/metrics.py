"""`fitness metrics`: coupling, instability, abstractness and distance of each package."""

from __future__ import annotations

from collections.abc import Sequence

from fitness.app.configure import configure
from fitness.app.options import CheckOptions
from fitness.app.run import run_check
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
    ran = run_check(options._replace(fail_on="never"), lambda: 0.0, now=configured)
    unknown = [root for root in roots if root not in ran.modules]
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)}: no such module under the source roots "
            f"(fitness metrics takes module names, such as {min(ran.modules, default='app')})"
        )
    if ran.between is None:  # stored findings from before views were stored with them
        raise UsageError("the cache holds no import counts: run once with --no-cache")
    config, discovery, cache_dir, tree = configured[:4]
    bans = configured_bans(
        config.rules, frozenset(module.partition(".")[0] for module in discovery.modules)
    )
    cache = FactsCache.in_directory(cache_dir, read=not options.fresh_cache)
    paths = [source.path for source in discovery.files]
    facts = collect_facts(config.project_root, paths, cache, options.jobs, None, bans, tree=tree)
    cache.save()
    by_module = {source.module: facts[source.path] for source in discovery.files}
    return package_metrics(
        ran.modules,
        ran.between(),
        {module: found.lines for module, found in by_module.items()},
        {module: found.classes for module, found in by_module.items()},
        roots,
        depth,
    )
