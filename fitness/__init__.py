"""fitness: architecture decisions as checks that run on every commit."""

__version__ = "0.1.0"

# Where users read about fitness (SARIF's informationUri and helpUri need an absolute URI).
# A placeholder until the project is published under a name of its own (SPEC.md section 7).
__url__ = "https://github.com/fitness-lint/fitness"
