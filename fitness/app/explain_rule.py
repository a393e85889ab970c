"""`fitness explain RULE`: one configured rule, and whether it runs for this project."""

from __future__ import annotations

from pathlib import Path

from fitness.checks import PARSERS
from fitness.config.load import find_config, load_config
from fitness.config.schema import Config, Rule
from fitness.errors import ConfigError


def configured_rule(
    cwd: Path, config_path: Path | None, rule_id: str
) -> tuple[Config, Rule] | None:
    """The configuration and its rule `rule_id` (running or not), or None when it has none.

    A configuration with problems raises them, as any command that reads it does.
    """
    if config_path is not None:
        path = config_path
    else:
        try:
            path = find_config(cwd.resolve())
        except ConfigError:
            return None  # without a configuration, a name is judged as a rule kind
    config, problems = load_config(path, PARSERS)
    if problems.found:
        raise problems.error()
    for rule in (*config.rules, *config.dormant):
        if rule.id == rule_id:
            return config, rule
    return None
