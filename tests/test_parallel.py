"""Redaction on several worker processes (ported from the perf branch) gives what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from proof import build_subprocess, generate_corpus, tree_digest

from kaigiroku.content.loading import load_content
from kaigiroku.core.errors import ContentErrors
from redaction.detectors import build_detectors
from redaction.policy import load_policy


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("parallel") / "content", meetings=24, seed=5)


def test_a_parallel_build_is_byte_identical_to_a_single_process_build(corpus: Path, tmp_path: Path) -> None:
    one = build_subprocess("build", "--content", str(corpus), "--out", str(tmp_path / "one"), "--jobs", "1")
    many = build_subprocess("build", "--content", str(corpus), "--out", str(tmp_path / "many"), "--jobs", "3")
    assert one.code == 0, one.stderr
    assert many.code == 0, many.stderr
    a, b = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "many")
    assert any(p.startswith("pagefind/") for p in a)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    assert one.stdout.replace(str(tmp_path / "one"), "OUT") == many.stdout.replace(str(tmp_path / "many"), "OUT")


def test_workers_load_the_same_archive_and_report_errors_in_the_same_order(corpus: Path, tmp_path: Path) -> None:
    policy = load_policy()
    detectors = build_detectors(policy)
    serial = load_content(corpus, policy, detectors, include_drafts=True, jobs=1)
    parallel = load_content(corpus, policy, detectors, include_drafts=True, jobs=3)
    assert parallel.archive == serial.archive
    assert parallel.ledger.entries == serial.ledger.entries
    assert parallel.drafts == serial.drafts
    broken = tmp_path / "content"
    generate_corpus(broken, meetings=24, seed=5)
    files = sorted(broken.glob("*/*.md"))
    for path in (files[1], files[-2]):
        path.write_bytes(b"\xff\xfe not UTF-8")
    errors = []
    for jobs in (1, 3):
        with pytest.raises(ContentErrors) as caught:
            load_content(broken, policy, detectors, jobs=jobs)
        errors.append([str(e) for e in caught.value.errors])
    assert len(errors[0]) >= 2
    assert errors[0] == errors[1]
