"""The fixed corpus the search is measured on, and what its pages say.

Forty generated meetings (``gen_corpus.py``, fixed seed) plus the hand-made
meetings in ``handmade/`` (compounds, katakana, kanji variants, full- and
half-width numbers, a withheld speaker). ``expected`` is the reference:
a page is expected for a query when its visible text, normalised as the
search normalises, holds the query as written or every word of it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from build import main
from kaigiroku.search.pagetext import BLOCK, read_page
from redaction.searchform import normalize

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parents[2] / "shared" / "bench" / "gen_corpus.py"
CORPUS_ARGS = ["--meetings", "40", "--seed", "11", "--size-kb", "8", "--pii-rate", "0"]


def build_corpus(root: Path) -> tuple[Path, dict[str, Any]]:
    """Generate, add the hand-made meetings, build; the site folder and the generator's manifest."""
    content = root / "content"
    manifest = root / "manifest.json"
    subprocess.run([sys.executable, str(GENERATOR), *CORPUS_ARGS, "--out", str(content), "--manifest", str(manifest)],
                   check=True, capture_output=True)
    shutil.copytree(HERE / "handmade", content, dirs_exist_ok=True)
    site = root / "site"
    if main(["build", "--content", str(content), "--out", str(site)]) != 0:
        raise RuntimeError("the search corpus did not build")
    return site, json.loads(manifest.read_text(encoding="utf-8"))


def page_texts(site: Path) -> dict[str, str]:
    """Page URL (council/slug/) → its visible text, normalised, blocks kept apart."""
    texts = {}
    for path in sorted(site.glob("*/*/index.html")):
        if path.parent.parent.name in ("nendo", "search"):
            continue
        page = read_page(path.read_text(encoding="utf-8"))
        blocks = BLOCK.join(p.text for p in page.passages).split(BLOCK)
        texts[f"{path.parent.parent.name}/{path.parent.name}/"] = BLOCK.join(normalize(b) for b in blocks)
    return texts


def expected(query: str, texts: dict[str, str]) -> set[str]:
    phrase = normalize(query)
    words = [normalize(w) for w in query.split()]
    return {url for url, text in texts.items()
            if phrase and phrase in text or words and all(w in text for w in words)}


def withheld(manifest: dict[str, Any]) -> list[str]:
    """Every string the generated corpus withholds, and the hand-made withheld name."""
    secrets = {s["text"] for f in manifest["files"].values() for s in f["secrets"]}
    return sorted(secrets | {"鈴木一郎"})
