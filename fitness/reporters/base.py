"""The reporter protocol."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol

from fitness.model import Report

if TYPE_CHECKING:  # drawn only by the Markdown summary, when a run made pictures
    from fitness.views.package_view import PackageView


class RenderOptions(NamedTuple):
    """How to render, beyond the report itself.

    `cwd` is the absolute POSIX path of the current directory: the text report
    shows paths relative to it, as a terminal or editor opens them (`None`:
    relative to the project root). Machine formats keep project-relative paths.

    The CLI fills the rest from the environment, which reporters never read:
    `workspace` is `GITHUB_WORKSPACE` as an absolute POSIX path (GitHub
    annotations name files relative to it); `source_url` is where the
    repository's files can be browsed at this commit
    (`$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA`), so the Markdown
    summary and SARIF help can link the ADR files (else: repository-relative links).

    `pictures` are the broken rules' own views (rule id, view), which the Markdown
    summary draws; the application makes them when a Markdown output is asked for.
    """

    color: bool = False
    cwd: str | None = None
    workspace: str | None = None
    source_url: str | None = None
    include_suppressed: bool = False  # SARIF: also the findings policy did not count
    show_rules: bool = False  # text: list the kept rules too, not only the broken ones
    pictures: tuple[tuple[str, PackageView], ...] = ()


class Reporter(Protocol):
    def __call__(self, report: Report, options: RenderOptions) -> str:
        """The whole output, ending with a newline."""
        ...
