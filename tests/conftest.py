"""Shared test set-up: the project root on sys.path, the default policy, the CLI in-process,
Hypothesis profiles."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# `ci` (chosen when CI=true) keeps the whole suite well under ten minutes and is derandomized,
# so a red CI run is reproducible; `dev` is lighter; HYPOTHESIS_PROFILE=thorough for a long hunt.
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=_QUIET)
settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

# The build caches of the tests' output folders: a private folder per test process, removed with it
# (the default, .cache/kaigiroku/ in the project, would keep a cache for every test's tmp folder).
_CACHE = tempfile.TemporaryDirectory(prefix="kaigiroku-cache-")
os.environ["KAIGIROKU_CACHE_DIR"] = _CACHE.name
# The suite's assertions are in English (tests/test_messages.py and the CLI tests of both languages
# choose Japanese where they test it): for this process and every process it starts.
os.environ["KAIGIROKU_LANG"] = "en"

import build  # noqa: E402
from redaction.policy import Policy, load_policy  # noqa: E402


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run ``build.main`` in-process and capture what it prints."""
    def run(*argv: str) -> Run:
        capsys.readouterr()
        try:
            code = build.main(list(argv))
        except SystemExit as exc:  # argparse on wrong usage
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)
    return run


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Create ``files`` (relative path → text) under ``root``; return ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


SITE_YAML = "title: テスト会議録\norganization: テスト市\nbase_url: https://example.jp/minutes/\n"
COUNCIL_YAML = "name: 情報公開運営審議会\n"


def meeting(body: str = "本文。\n", front: str = "") -> str:
    """A minimal meeting file with ``front`` added to the front matter."""
    return f"---\ntitle: 令和5年度第1回情報公開運営審議会\ndate: 2023-07-14\n{front}---\n{body}"
