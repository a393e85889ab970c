"""The one place where errors become messages and exit codes."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

import click

from fitness import __version__
from fitness.errors import ConfigError, FitnessError
from fitness.reporters.neutral import message, text


def run(command: Callable[[], int], debug: bool) -> int:
    """Run `command` and turn whatever it raises into an exit code, with a message on stderr.

    0 clean, 1 failing findings, 2 configuration or usage error, 3 internal error,
    130 interrupted. Messages quote the repository (paths, configuration values):
    they are shown inert (`neutral.message`), as CI logs read stderr too.
    """
    debug = debug or os.environ.get("FITNESS_DEBUG") == "1"
    try:
        return command()
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(text(problem), err=True)  # one line each
        return exc.exit_code
    except FitnessError as exc:
        click.echo(message(f"fitness: {exc}"), err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("fitness: interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("fitness: interrupted", err=True)
        return 130
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            return _internal(exc, debug)
        # Only a path given to fitness (an option, a configuration value) can be too long.
        click.echo(message(f"fitness: {exc.filename}: {exc.strerror}"), err=True)
        return 2
    except Exception as exc:
        return _internal(exc, debug)


def _internal(exc: Exception, debug: bool) -> int:
    if debug:
        import traceback  # only an internal error shown with --debug needs it

        sys.stderr.write(message(traceback.format_exc()))
    hint = "with the traceback above" if debug else "with the traceback that --debug shows"
    said = f"fitness {__version__}: internal error: {type(exc).__name__}: {exc}"
    click.echo(message(said), err=True)
    click.echo(f"This is a bug in fitness: please report it {hint}.", err=True)
    return 3
