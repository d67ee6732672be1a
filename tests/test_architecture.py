"""The direction of imports is a contract (pyproject.toml, [tool.importlinter]): a stage imports only
the stages before it, and no modules of a package import each other in a cycle."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"], cwd=root,
                          capture_output=True, text=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_the_stages_keep_their_import_contracts() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for name in ("kaigiroku", "redaction"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.parametrize("module, line, broken", [
    ("kaigiroku/content/model.py", "from kaigiroku.render import urls", "A stage imports only the stages before it"),
    ("redaction/markup.py", "from kaigiroku.content import model", "A stage imports only the stages before it"),
    ("kaigiroku/core/errors.py", "import redaction.policy", "A stage imports only the stages before it"),
    ("kaigiroku/search/shards.py", "from kaigiroku.publish import swap", "A stage imports only the stages before it"),
    ("kaigiroku/preview/server.py", "from kaigiroku.legacy import importer", "A stage imports only the stages before it"),
    ("kaigiroku/render/urls.py", "from . import pages", "No import cycles"),
    ("redaction/normalize.py", "from . import engine", "No import cycles"),
], ids=["content-imports-render", "redaction-imports-content", "core-imports-redaction", "search-imports-publish",
        "preview-imports-legacy", "cycle-in-render", "cycle-in-redaction"])
def test_an_upward_import_or_a_cycle_breaks_the_contract(copy: Path, module: str, line: str, broken: str) -> None:
    path = copy / module
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\nfrom __future__ import annotations\n")
    path.write_text(head + sep + line + "\n" + rest if sep else line + "\n" + text, encoding="utf-8")
    result = lint(copy)
    assert result.returncode == 1, result.stdout
    assert broken in result.stdout.split("Broken contracts")[-1]
