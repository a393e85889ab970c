"""The web-facing layer."""
