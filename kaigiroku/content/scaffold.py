"""What a first meeting needs besides its file: ``site.yaml`` and the council's ``_council.yaml``.

``new`` and ``import`` create them when missing, with placeholders that build (〇〇市, 〇〇審議会) and
a line saying what to fill in; they never overwrite a file that exists.
"""

from __future__ import annotations

import json
from pathlib import Path

from kaigiroku.core.errors import CommandError, display_path
from kaigiroku.core.files import write_atomic
from kaigiroku.core.messages import say

SITE_TEMPLATE = """\
# サイト全体の設定 (site settings; README.md, section Content)
title: 〇〇市 会議録アーカイブ
organization: 〇〇市
# 公開先の絶対URL。フィード・サイトマップ・正規URLだけに使います (used by the feed and the sitemap only)
base_url: https://www.city.example.lg.jp/kaigiroku/
language: ja
timezone: Asia/Tokyo
require_approval: false
"""
COUNCIL_PLACEHOLDER = "〇〇審議会"


def ensure_site(content: Path) -> tuple[Path, str] | None:
    """Write ``content/site.yaml`` if missing; the path and what to do next, or None."""
    path = content / "site.yaml"
    if path.exists():
        return None
    _write(path, SITE_TEMPLATE)
    return path, say("created {file}: set the city's title, organization and base_url in it", file=display_path(path))


def ensure_council(content: Path, slug: str, name: str = "") -> tuple[Path, str] | None:
    """Write ``content/<slug>/_council.yaml`` if missing (``name``, else a placeholder)."""
    path = content / slug / "_council.yaml"
    if path.exists():
        return None
    # quoted (a JSON string is YAML): a name may hold `: ` or ` #`, which YAML reads otherwise
    _write(path, f"name: {json.dumps(name or COUNCIL_PLACEHOLDER, ensure_ascii=False)}\n")
    if name:
        return path, say("created {file}: check the council's name in it", file=display_path(path))
    return path, say("created {file}: write the council's name in it (e.g. 個人情報保護運営審議会)", file=display_path(path))


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise CommandError(say("cannot write {file}: {problem}", file=display_path(path), problem=exc.strerror)) from None
