"""From files on disk to per-file facts: discovery, and the one place that uses libcst."""
