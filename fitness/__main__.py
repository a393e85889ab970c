"""`fitness` and `python -m fitness`: the cyclic collector is off from the first import.

Importing the command line builds a few hundred classes and functions; with the
collector off they are not traversed while they are made (see `fitness.cli.main`).
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()
    from fitness.cli import main as run

    run()


if __name__ == "__main__":
    main()
