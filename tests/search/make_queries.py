"""Write queries.yaml: the committed query set of the search-quality test.

    python -m tests.search.make_queries      # from the project root

Builds the fixed corpus (``corpus.py``), then chooses queries: hand-picked
ones for the hard cases (compounds and their parts, katakana, kanji
variants, full- and half-width numbers and letters, several words) and
deterministic samples of the corpus text. For each query ``must_find`` is
every page the reference (``corpus.expected``) gives, and ``must_not_find``
the pages that share a fragment of the query (a bigram, or one of its
words) without holding it. Rerun it only on purpose, when the corpus or the
rules change, and review the diff.
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import yaml

from redaction.searchform import normalize

from .corpus import HERE, build_corpus, expected, page_texts

HAND = [
    "交通安全", "安全", "交通", "交通安全計画", "海外療養費", "療養費", "療養", "海外", "海外 療養費", "療養費 海外",
    "プライバシーマーク", "マーク", "ケースワーカー", "ワーカー", "ｹｰｽﾜｰｶｰ", "ケース", "令和6年度", "令和６年度",
    "第6条", "第６条", "2023", "２０２３", "2023年度", "髙橋", "高橋", "山﨑", "山崎", "渡邊", "渡辺", "渡邉",
    "isms", "ＩＳＭＳ", "ISMS", "atm", "ＡＴＭ", "会議経過", "個人情報 委託", "個人情報", "委託", "通学路",
    "ガードレール", "見守り活動", "情報セキュリティマネジメントシステム", "セキュリティ", "マネジメント",
    "国民健康保険", "健康保険", "保険", "支給申請", "不正請求", "点検", "出張", "海外出張", "公共交通機関",
    "交通機関", "機関", "12件", "１２件", "第11次", "マーケット", "ワーカーズコープ", "生活保護受給者",
    "受給者", "社会福祉協議会", "福祉", "ヒヤリハット", "ハット", "東村山市", "村山", "委員 ケースワーカー",
]
KATAKANA = re.compile(r"[ァ-ヶー]{3,}")
DIGITS = re.compile(r"[0-9]{2,}")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
RUN = re.compile(r"[^\W_]{2,}")


def sample(texts: dict[str, str], rng: random.Random) -> list[str]:
    urls = sorted(texts)
    runs = sorted({r for url in urls for r in RUN.findall(texts[url])})
    out: list[str] = []
    for _ in range(90):  # parts of words: substrings of runs
        run = rng.choice(runs)
        n = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - n)
        out.append(run[start:start + n])
    for _ in range(20):  # two words from one page
        url = rng.choice(urls)
        a, b = rng.sample(RUN.findall(texts[url]), 2)
        out.append(f"{a[:rng.randint(2, 4)]} {b[:rng.randint(2, 4)]}")
    katakana = sorted({k for t in texts.values() for k in KATAKANA.findall(t)})
    out += rng.sample(katakana, min(15, len(katakana)))
    numbers = sorted({d for t in texts.values() for d in DIGITS.findall(t)})
    for d in rng.sample(numbers, min(10, len(numbers))):
        out.append(d if rng.random() < .5 else d.translate(FULL_WIDTH))
    return out


def confusers(query: str, found: set[str], texts: dict[str, str]) -> list[str]:
    """Pages that share a bigram or a word of the query but are not expected."""
    phrase = normalize(query)
    parts = {phrase[i:i + 2] for i in range(len(phrase) - 1)} | {normalize(w) for w in query.split()}
    return sorted(url for url, text in texts.items() if url not in found and any(p in text for p in parts))[:10]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site, _ = build_corpus(Path(tmp))
        texts = page_texts(site)
    rng = random.Random(6)
    queries: list[dict[str, object]] = []
    seen: set[str] = set()
    for query in HAND + sample(texts, rng):
        if query in seen:
            continue
        seen.add(query)
        found = expected(query, texts)
        queries.append({"query": query, "must_find": sorted(found), "must_not_find": confusers(query, found, texts)})
    header = "# Written by `python -m tests.search.make_queries`; see that module. Pages are council/slug/.\n"
    (HERE / "queries.yaml").write_text(header + yaml.safe_dump(queries, allow_unicode=True, sort_keys=False, width=200),
                                       encoding="utf-8")
    print(f"wrote {len(queries)} queries")


if __name__ == "__main__":
    main()
