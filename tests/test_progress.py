"""Build progress on stderr (from the perf branch): stage names and counts only, never content."""

from __future__ import annotations

import io
import time

import pytest

from kaigiroku.core.progress import Progress


def test_progress_prints_lines_for_long_stages_when_not_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    progress = Progress(out)
    with progress.stage("redact", 2) as bar:
        bar.advance()  # quick: nothing shown
    clock = iter(range(0, 100, 3))
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    with progress.stage("render", 3) as bar:
        for _ in range(3):
            bar.advance()
    assert out.getvalue().splitlines() == ["render: 2/3", "render: 3/3 done"]
    assert set(progress.timings) == {"redact", "render"}


def test_a_long_stage_without_counts_says_it_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    clock = iter(range(0, 100, 6))
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    with Progress(out).stage("index"):
        pass
    assert out.getvalue().splitlines() == ["index: done"]


def test_quiet_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    clock = iter(range(0, 100, 6))
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    progress = Progress(out, quiet=True)
    with progress.stage("verify", 2) as bar:
        bar.advance(2)
    assert out.getvalue() == ""
    assert "verify" in progress.timings
