"""What day it is, for exceptions that expire (`fitness.policy.expiry`)."""

from __future__ import annotations

import os
import time

from fitness.errors import UsageError


def today() -> str:
    """Today's date (ISO, local time), against which exceptions expire.

    `FITNESS_TODAY=2027-03-31` fixes it: a reproducible run, and the tests' fixed clock.
    """
    fixed = os.environ.get("FITNESS_TODAY")
    if fixed:
        import datetime

        try:
            return datetime.date.fromisoformat(fixed).isoformat()
        except ValueError:
            raise UsageError(f"FITNESS_TODAY={fixed} is not a date: write YYYY-MM-DD") from None
    return time.strftime("%Y-%m-%d")  # time is loaded already; datetime need not be
