"""Helpers shared by the adversarial, property, fault and browser tests.

The leak scan here is written independently of ``redaction.leakcheck`` so
that a test does not only ask the build's own verifier whether it passed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from leakprobe import exposed

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GEN_CORPUS = SHARED / "bench" / "gen_corpus.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ADVERSARIAL = FIXTURES / "adversarial" / "content"
# What the adversarial fixture withholds, in the spellings it uses.
ADVERSARIAL_SECRETS = [
    "山田太郎", "山田 太郎", "秘密工業", "ヤマダ・ハナコ", "鈴木花子", "ナイショ商事", "ﾅｲｼｮ商事", "ABC興業", "田中一郎",
    "本人から削除の依頼、要確認メモ",  # a NOTE: internal only
    "認証基盤のパスワードは全職員で共通である", "管理者画面の所在地は内部ネットワークの奥にある",  # a block
]

SITE_YAML = """title: 東村山市 会議録アーカイブ
organization: 東村山市
base_url: https://www.city.example.lg.jp/kaigiroku/
language: ja
"""
COUNCIL_YAML = "name: 個人情報保護運営審議会\norder: 1\n"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def write_content(root: Path, meetings: Mapping[str, str], council: str = "privacy") -> Path:
    """A content folder with one council and the given meeting files (stem → text)."""
    (root / council).mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / council / "_council.yaml").write_text(COUNCIL_YAML, encoding="utf-8")
    for stem, text in meetings.items():
        (root / council / f"{stem}.md").write_text(text, encoding="utf-8")
    return root


def meeting(body: str, title: str = "令和6年度第1回個人情報保護運営審議会", date: str = "2024-05-10",
            front: str = "") -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {date}\n{front}---\n\n{body}\n"


def generate_corpus(out: Path, meetings: int = 20, seed: int = 1) -> Path:
    """Call the shared corpus generator (never copied into the project)."""
    subprocess.run([sys.executable, str(GEN_CORPUS), "--meetings", str(meetings), "--seed", str(seed),
                    "--out", str(out), "--pii-rate", "0", "--size-kb", "8", "--force"],
                   check=True, capture_output=True)
    return out


def build_in_process(*args: str) -> Run:
    """``build.main`` in this process, its output captured."""
    import build

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = build.main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def build_subprocess(*args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None,
                     timeout: float = 120) -> Run:
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True,
                          env=dict(env) if env is not None else None, cwd=cwd, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def exposures(site: Path, secrets: Iterable[str]) -> dict[str, list[str]]:
    """secret → the public files in which it can be read (empty when nothing leaks): ``leakprobe``'s scan."""
    return exposed(site, secrets)


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file below ``root``."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def search(page: Any, base_url: str, query: str) -> None:
    """Open the search page with ``?q=`` in a Playwright page and wait for the first result."""
    page.goto(f"{base_url}search/?q={query}")
    page.locator(".search-result").first.wait_for(timeout=15000)
