"""Messages about another revision's tree, without the temporary directory it was read into.

A revision's files are written under a temporary directory (`fitness.revision`);
an error in them must name them as the project does, `pyproject.toml:5`, never
by a path that is gone when the user reads it.
"""

from __future__ import annotations

import os
from pathlib import Path


def without_directory(text: str, directory: Path) -> str:
    """`text` with every path under `directory` made relative to it."""
    for form in {str(directory), str(directory.resolve())}:
        text = text.replace(form + os.sep, "").replace(form, ".")
    return text
