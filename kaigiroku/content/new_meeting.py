"""`python build.py new COUNCIL DATE`: a meeting file from a template, never over an existing one."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from kaigiroku.core.errors import CommandError, display_path
from kaigiroku.core.messages import say

from .loading import SLUG, load_council
from .scaffold import ensure_council, ensure_site
from .wareki import era_year, fiscal_year, japanese_date

MEETING_SLUG = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?$")

TEMPLATE = """\
---
# 必須 (required)
title: {title}
date: {date}
# 以下は任意です。使うものの先頭の「# 」を外してください (optional: uncomment what you need)
# start: "18:30"
# end: "20:40"
# place: 東村山市役所本庁舎501会議室
# attendees:
#   - 〇〇〇〇会長
# absentees:
#   - 〇〇〇〇委員
# explainers:              # 説明のため出席した者（議会の会議録）
#   - 市長　〇〇〇〇
# secretariat:
#   - 〇〇課長
# public_attendance: true
# public_attendance_reason: 個人情報を審議するため
# agenda:
#   - 開会
# contact: 〇〇部〇〇課 電話042-393-5111
# summary: 一覧・フィード・検索結果に出る一段落の要約
# speaker_style: council   # 発言者の書き方: council（○議長（〇〇君））, brackets（（総務課長））, auto
# redact_terms:            # このファイルのどこに出ても非公開にする語
#   personal: [山田太郎, 山田]
# allow_terms:             # 検出器が指摘しない語
#   - 042-393-5111
# x-メモ: 「x-」で始まるキーは自由に使えます (keys starting with x- are yours)
status: draft  # 下書き：公開するときは published にするか、この行を消します
# 非公開にする部分の印の書き方は README.md の「Redaction markup」にあります
---

### 1. 開会

（ここに会議経過を書きます）
"""


def meeting_slug(text: str) -> str:
    """DATE or DATE-N (a second meeting that day); argparse reports anything else as wrong usage."""
    m = MEETING_SLUG.match(text)
    try:
        if m:
            dt.date.fromisoformat(m.group(1))
            return text
    except ValueError:
        pass
    raise ValueError(say("`{text}` is not a meeting date: write it as 2014-02-10, or 2014-02-10-2 for a second meeting "
                         "that day", text=text))


def new_meeting(content: Path, council_slug: str, slug: str, council_name: str = "") -> tuple[Path, list[str]]:
    """Write ``content/COUNCIL/SLUG.md`` from the template; refuse to overwrite. A first meeting gets
    what it needs (``site.yaml``, the council's folder and ``_council.yaml``): the path, and a line
    per file created besides it."""
    folder = content / council_slug
    if not SLUG.match(council_slug):
        known = ", ".join(sorted(p.parent.name for p in content.glob("*/_council.yaml"))) or say("none yet")
        raise CommandError(say("`{slug}` is not a council folder name: use lower-case ASCII letters, digits and "
                               "hyphens, e.g. privacy (councils so far: {known})", slug=council_slug, known=known))
    created = [line for made in (ensure_site(content), ensure_council(content, council_slug, council_name))
               if made for line in [made[1]]]
    path = folder / f"{slug}.md"
    if path.exists():
        day = slug[:10]
        n = 2
        while (folder / f"{day}-{n}.md").exists():
            n += 1
        raise CommandError(say("{file} already exists and was left unchanged; for another meeting the same day run "
                               "`python build.py new {council} {slug}`", file=display_path(path), council=council_slug,
                               slug=f"{day}-{n}"))
    council = load_council(folder)
    date = dt.date.fromisoformat(slug[:10])
    title = f"{era_year(fiscal_year(date), 5, 1)[:-1]}年度第〇回{council.name}"
    # quoted (a JSON string is YAML): a council name may hold `: ` or ` #`, which YAML reads otherwise
    text = TEMPLATE.format(title=json.dumps(title, ensure_ascii=False), date=date.isoformat())
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise CommandError(say("cannot write {file}: {problem}", file=display_path(path), problem=exc.strerror)) from None
    return path, created


def created_message(path: Path) -> str:
    date = dt.date.fromisoformat(path.stem[:10])
    return say("wrote {file} ({date}, status: draft); edit it, then preview with `python build.py serve`",
               file=display_path(path), date=japanese_date(date))
