"""Acme: the root package re-exports a helper from a high-level module."""

from acme.high.tools import helper

VERSION = "1.0"

__all__ = ["VERSION", "helper"]
