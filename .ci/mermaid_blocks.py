"""Write each ```mermaid block of the Markdown files given into OUT, as `<file>-<n>.mmd`:
the diagrams GitHub would draw in a step summary, for Mermaid's own parser."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def main(out: Path, summaries: list[str]) -> int:
    found = 0
    for summary in map(Path, summaries):
        text = summary.read_text("utf-8")
        for number, block in enumerate(re.findall(r"```mermaid\n(.*?)```", text, re.DOTALL), 1):
            (out / f"{summary.stem}-{number}.mmd").write_text(block, "utf-8")
            found += 1
    print(f"{found} Mermaid blocks in {len(summaries)} Markdown files")
    return 0 if found else 1  # none found: the summaries draw nothing, or this looks wrong


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
