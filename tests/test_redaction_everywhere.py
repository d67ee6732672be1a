"""End to end, per point of issue 17 (part 2): every valid YAML form redacts and builds, pseudonyms
for people only, automatic withholdings everywhere in the file (a block's hit too), ages withheld
by default, and the forms that slipped. Each build must succeed, no withheld string may be read in
any public file (the search index decompressed, with the scanner of ``proof``, independent of the
build's own leak check), and every string that must stay is published.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from leakprobe import fold
from proof import build_in_process, exposures, write_content

# meeting stem → (file, withheld strings, strings that must stay)
CASES: dict[str, tuple[str, list[str], list[str]]] = {
    # item 1: the YAML forms
    "2024-04-01": ("""---
title: 令和6年度第1回個人情報保護運営審議会
date: 2024-04-01
summary: 申出人の山本
  花子氏から相談があり、相談員の小野寺
  修さんが対応した。
redact_terms:
  人名: [小野寺修]
---
{{redact:person|山本花子}}氏の相談を報告した。小野寺修さんが担当した。
""", ["山本花子", "小野寺修"], ["相談員の", "が対応した"]),
    "2024-04-02": ("""---
title: 令和6年度第2回個人情報保護運営審議会
date: 2024-04-02
summary: >
  申出人の鈴木
  一郎氏から相談があった。
public_attendance: false
public_attendance_reason: |
  鈴木
  一郎氏の個人情報を審議するため。
---
{{redact:personal|鈴木一郎}}氏の件。
""", ["鈴木一郎"], ["の個人情報を審議するため", "から相談があった"]),
    "2024-04-03": ("""---
title: "\\u9AD8\\u6A4B\\u4E00\\u90CEさんの件"
date: 2024-04-03
summary: "申出人の高橋\\n一郎さんから"
place: '申出人''高橋一郎''氏宅'
---
{{redact:personal|高橋一郎}}さん。
""", ["高橋一郎"], ["さんの件", "申出人の"]),
    "2024-04-04": ("""---
title: 令和6年度第4回個人情報保護運営審議会
date: 2024-04-04
agenda: [田辺誠司さんからの申出について, "\\u7530\\u8FBA誠司氏の件", その他]
x-notes: {担当: 田辺 誠司さん}
---
{{redact:personal|田辺誠司}}さんの申出。
""", ["田辺誠司"], ["からの申出について", "その他"]),
    # item 2: pseudonyms for people only
    "2024-05-01": ("""---
title: 令和6年度第5回個人情報保護運営審議会
date: 2024-05-01
summary: 申立人の電話番号は{{redact:personal|042-555-0199}}です。
---
申立人の{{redact:personal|久保田百合}}さんと、代理人の{{redact:person|乙部健}}から申出があった。

申立人の電話番号は042-555-0199です。
""", ["042-555-0199", "久保田百合", "乙部健"], ["申立人の電話番号は■■■です", "申立人のＡさんと、代理人のＢ氏から"]),
    # item 3 and C: automatic withholdings everywhere; a hit inside a block
    "2024-06-01": ("""---
title: 令和6年度第6回個人情報保護運営審議会（83歳の申出人）
date: 2024-06-01
summary: 申出人は83歳の男性で、連絡先は 090 3141 5926。振込先 7730215 を確認した。
agenda:
  - 口座の扱い（7730215）
---
申出人（83歳）から、電話で相談があった。電話 090-3141-5926 は本人のもの。

{{redact:administration}}
振込先の口座番号 7730215 は内部資料による。
{{/redact}}

樹齢183歳の木の件は別途報告する。
""", ["83歳", "3141", "7730215"], ["樹齢1■■■の木", "の申出人"]),
    # item 4: ages withheld by default; groups and statistics stay
    "2024-07-01": ("""---
title: 令和6年度第7回個人情報保護運営審議会
date: 2024-07-01
---
申出人は76歳の男性である。対象は65歳以上の方で、平均年齢45.2歳、40歳代が多い。
""", ["76歳"], ["65歳以上", "平均年齢45.2歳", "40歳代"]),
    # item 5: forms that slipped
    "2024-08-01": ("""---
title: 令和6年度第8回個人情報保護運営審議会
date: 2024-08-01
---
ゆうちょ銀行 記号　１０１９０　番号　２９３８４７５１ への返金。

| 氏名 | 生年月日 | 電話 |
|---|---|---|
| ○○ | 昭和五十年四月一日 | 0424-56-7890 |

| 生年月日 | 大正13年6月30日 |
|---|---|

住所は東京都東村山市本町一丁目2番地3 ○○マンション201号室、旧住所は東村山市大字野口字中原123番地。

申出人 宮下美千代から相談があった。相談者は佐々木健であり、氏名：石井由美。

担当の{{redact:person|ヤマダ}}さんと{{redact:person|Hanako Yamamoto}}氏が対応した。
""", ["10190", "１０１９０", "29384751", "昭和五十年四月一日", "0424-56-7890", "大正13年6月30日", "本町一丁目2番地3",
      "201号室", "野口字中原123", "宮下美千代", "佐々木健", "石井由美", "ヤマダ", "Hanako Yamamoto"],
        ["ゆうちょ銀行", "への返金", "から相談があった"]),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("everywhere")
    content = write_content(root / "content", {stem: text for stem, (text, _, _) in CASES.items()})
    run = build_in_process("build", "--content", str(content), "--out", str(root / "site"), "--jobs", "1")
    assert run.code == 0, run.stderr
    return root / "site"


@pytest.mark.parametrize("stem", sorted(CASES))
def test_the_build_publishes_nothing_withheld(site: Path, stem: str) -> None:
    _, withheld, _ = CASES[stem]
    assert exposures(site, withheld) == {}


@pytest.mark.parametrize("stem", sorted(CASES))
def test_what_must_stay_is_published(site: Path, stem: str) -> None:
    """On the meeting's page, or, for a front matter value not shown there (summary), in its open data."""
    _, _, stay = CASES[stem]
    text = _page_text(site / "privacy" / stem / "index.html") + fold(
        (site / "privacy" / stem / "meeting.json").read_text(encoding="utf-8"))
    for word in stay:
        assert fold(word) in text, word


def test_a_telephone_number_is_a_mark_and_two_people_are_a_and_b(site: Path) -> None:
    page = (site / "privacy" / "2024-05-01" / "index.html").read_text(encoding="utf-8")
    assert "Ａ氏です" not in _page_text(site / "privacy" / "2024-05-01" / "index.html")
    assert page.count('class="redacted redacted-pseudonym"') == 2
    head = page.split("</head>")[0]
    assert re.search(r'name="description" content="申立人の電話番号は■■■です。"', head)


def test_what_a_detector_finds_in_the_body_is_withheld_in_the_lists_feed_and_open_data(site: Path) -> None:
    meeting = json.loads((site / "privacy" / "2024-06-01" / "meeting.json").read_text(encoding="utf-8"))
    assert meeting["title"] == "令和6年度第6回個人情報保護運営審議会（■■■の申出人）"
    assert "振込先 ■■■ を確認した" in meeting["summary"]
    assert "（■■■の申出人）" in (site / "feed.xml").read_text(encoding="utf-8")
    assert "（■■■の申出人）" in (site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "■■■の申出人" in (site / "data" / "meetings.csv").read_text(encoding="utf-8-sig")


def _page_text(path: Path) -> str:
    """What a reader sees of a page: tags and screen-reader-only text removed."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", page)
    return fold(html.unescape(re.sub(r"<[^>]+>", "", page.split("<body")[1])))
