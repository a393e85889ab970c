"""30,000 findings: SARIF and Markdown stay within GitHub's limits and say what they left out."""

from __future__ import annotations

import gzip
import json

from fitness.model import Severity
from fitness.reporters import RenderOptions
from fitness.reporters.markdown import render_markdown
from fitness.reporters.sarif import Limits, render_sarif
from reporters.hand_built import finding, report

# 2,000 errors, 8,000 warnings, 20,000 notes, interleaved across files.
SEVERITIES = [Severity.ERROR] * 1 + [Severity.WARNING] * 4 + [Severity.NOTE] * 10


def many() -> tuple:
    findings = [
        finding(
            f"m{i} must not import c",
            path=f"src/p{i // 100:03d}/m{i:05d}.py",
            severity=SEVERITIES[i % 15],
            name=f"m{i}",
        )
        for i in range(30_000)
    ]
    return tuple(sorted(findings, key=lambda f: f.sort_key()))


def test_sarif_keeps_the_5000_most_severe_and_says_so() -> None:
    text = render_sarif(report(*many()), RenderOptions())

    run = json.loads(text)["runs"][0]
    levels = [result["level"] for result in run["results"]]
    assert (levels.count("error"), levels.count("warning"), levels.count("note")) == (2000, 3000, 0)
    paths = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert paths == sorted(paths)
    assert run["properties"]["truncated"] == {
        "findings": 30000,
        "results": 5000,
        "codeFlows": 0,
        "threadFlowLocations": 0,
        "relatedLocations": 0,
    }
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"] == (
        "25000 of 30000 findings are left out: code scanning keeps 5000 results of a run "
        "(or a 10 MB upload); the most severe were kept. The JSON report lists every finding."
    )
    assert len(gzip.compress(text.encode())) < 10_000_000


def test_sarif_drops_more_when_the_gzipped_file_would_be_too_large() -> None:
    findings = many()[:3000]

    text = render_sarif(report(*findings), RenderOptions(), Limits(gzipped_bytes=50_000))

    assert len(gzip.compress(text.encode())) <= 50_000
    truncated = json.loads(text)["runs"][0]["properties"]["truncated"]
    assert truncated["findings"] == 3000 and 0 < truncated["results"] < 3000


def test_sarif_chain_limits_per_result() -> None:
    one = finding()
    long = one._replace(chains=(one.chain * 60,) * 12)  # 120 hops a chain, 12 chains

    run = json.loads(render_sarif(report(long), RenderOptions()))["runs"][0]

    result = run["results"][0]
    assert len(result["relatedLocations"]) == 100
    assert (
        len(result["codeFlows"]) == 9
    )  # ten shown, but 1,000 steps fill nine of 120 and one of 40
    steps = sum(len(flow["threadFlows"][0]["locations"]) for flow in result["codeFlows"])
    assert steps == 1000
    assert run["properties"]["truncated"] == {
        "findings": 1,
        "results": 1,
        "codeFlows": 3,
        "threadFlowLocations": 200,
        "relatedLocations": 20,
    }


def test_markdown_stays_under_one_mebibyte_and_counts_what_it_left_out() -> None:
    out = render_markdown(report(*many()), RenderOptions())

    size = len(out.encode("utf-8"))
    assert size < 1024 * 1024
    rows = sum(
        1
        for line in out.splitlines()
        if line.startswith("| <code>src/") or line.startswith("| <code>services/")
    )
    assert 0 < rows < 30_000
    assert out.endswith(
        f"\n> [!WARNING]\n> {30_000 - rows} findings of 30000 not shown: GitHub limits a step "
        "summary to 1 MiB. The text, JSON and SARIF reports list every one.\n"
    )
    assert size > 1024 * 1024 - 4096 - 400  # it filled the summary before it stopped
