"""fitness: architecture decisions as checks that run on every commit."""

__version__ = "0.1.0"
