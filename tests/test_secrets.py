"""The leak check's own reading of the sources (``redaction.secrets``), the rule for short texts
(``redaction.shortnames``), and the way back from a leak to the line that wrote it
(``redaction.origin``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redaction.leakcheck import Scanner, Secret, secrets_of
from redaction.ledger import Ledger
from redaction.normalize import normalize
from redaction.origin import find, locate, reading
from redaction.policy import Policy
from redaction.secrets import allow_terms_in, read_sources, withheld_in
from redaction.shortnames import context, inside_public, keys_of

RAW = """---
title: 第1回
summary: "{{redact:personal|佐藤花子}}の件"
redact_terms:
  corporate: [株式会社サンプル]
allow_terms: [東村山市]
---
{{redact:administration}}
契約先は{{redact:corporate|山本商事}}である。振込先は別紙のとおり。
{{/redact}}

{{redact:person|林}}さんと{{redact:corporate|Ａ}}社の件。\\{{redact:personal|見本}}
"""


def test_every_withheld_text_is_read_from_the_raw_file(policy: Policy) -> None:
    found = {(w.how, w.category, w.text.strip()) for w in withheld_in(RAW, "c/m", policy)}
    assert ("inline", "personal", "佐藤花子") in found  # in the front matter
    assert ("inline", "corporate", "山本商事") in found  # inside a block
    assert ("block", "administration", "契約先は山本商事である。振込先は別紙のとおり。") in found
    assert ("term", "corporate", "株式会社サンプル") in found
    assert {("inline", "personal", "林" + h) for h in ("さん", "氏", "委員")} <= found  # with what followed it
    assert ("inline", "corporate", "A社") in found
    assert not any("見本" in text for _, _, text in found)  # an escaped marker withholds nothing
    assert allow_terms_in(RAW) == ["東村山市"]


def test_a_withholding_is_placed_where_its_text_stands(policy: Policy) -> None:
    inside = next(w for w in withheld_in(RAW, "c/m", policy) if w.text == "山本商事")
    assert (inside.line, inside.col) == (9, 24)


@pytest.mark.parametrize("following, expected", [("さんが", 15), ("氏は", 15), ("社の件", 1), ("", 0), ("\n\nは", 1)])
def test_the_context_of_one_character(following: str, expected: int) -> None:
    assert len(context(following)) == expected


def test_keys_of_short_and_long_texts() -> None:
    assert keys_of("山本商事", "の") == ["山本商事"]
    assert keys_of("村山", "さん") == ["村山"]
    assert keys_of("林", "は") == ["林は"]
    assert "林さん" in keys_of("林", None)  # a term: with every honorific


def test_a_public_word_holds_a_short_name_only_where_it_stands_whole() -> None:
    text = "東村山市の村山さん"
    assert inside_public(text, 1, 2, ["東村山市"])
    assert not inside_public(text, 5, 2, ["東村山市"])


def test_the_check_tells_a_short_name_from_the_public_word_that_holds_it() -> None:
    ledger = Ledger([])
    secrets = secrets_of(ledger, [], public=["東村山市"])
    assert secrets == {}
    secrets = {"村山": Secret("c/m", "personal", "inline", ("東村山市",))}
    scanner = Scanner(secrets, {k: s.public for k, s in secrets.items()})
    assert scanner.found(normalize("東村山市役所で開催")) == []
    assert scanner.found(normalize("東村山市の村山が述べた")) == ["村山"]


@pytest.mark.parametrize("written", ["山本**商事**", "&#x5C71;本商事", "&#23665;本商事", "\\u5C71本商事",
                                     "[山本](https://example.jp/)商事", "山本<!-- -->商事", "> 山本\n> 商事",
                                     "| 山本 | 商事 |", "⼭本商事", "山本 商事"])
def test_a_leaked_text_is_found_where_it_is_written(written: str) -> None:
    raw = f"---\ntitle: x\n---\n{{{{redact:corporate|山本商事}}}}の件。\n\n本文\n{written}\n"
    at = find(normalize("山本商事"), raw)
    assert at is not None and raw[:at].count("\n") == 6


def test_markers_and_blocks_are_not_where_a_leak_is_written() -> None:
    raw = "{{redact:corporate|山本商事}}\n{{redact:safety}}\n山本商事\n{{/redact}}\n"
    assert find(normalize("山本商事"), raw) is None
    assert "山本商事" not in reading(raw)[0]


def test_locate_names_the_first_source_that_writes_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("何もない\n", encoding="utf-8")
    b.write_text("一行目\n二行目 髙田次郎\n", encoding="utf-8")
    origin = locate(normalize("高田次郎"), [("a.md", a), ("b.md", b)])
    assert origin is not None and (origin.path, origin.line, origin.col) == ("b.md", 2, 5)


def _record(text: str) -> bytes:
    import gzip
    import json

    from redaction.searchform import stream

    content, _ = stream(text)
    return gzip.compress(b"pagefind_dcd" + json.dumps({"url": "m/", "content": content}, separators=(",", ":")).encode())


@pytest.mark.parametrize("text, leaks", [("支出額は11,890,023円", False), ("第1890023号", True), ("〒１８９－００２３ 東京都", True),
                                         ("郵便番号 189 0023", True), ("5189-0023", True)])
def test_a_number_read_without_separators_is_no_leak_inside_a_longer_number(text: str, leaks: bool) -> None:
    """〒189-0023 withheld: the search's form 1890023 is looked for with no digit next to it, so a sum of
    11,890,023 (1 1 ‖ 8 9 0 ‖ 0 2 3 in the index) is no leak; the number itself, however written, is."""
    from redaction.leakcheck import reveals
    from redaction.model import Withholding

    secrets = secrets_of(Ledger([Withholding("c/m", "personal", "auto:postal_code", 1, 1, "", "１８９－００２３")]), [])
    scanner = Scanner(secrets, {}, [k for k, s in secrets.items() if s.apart])
    page = f"<p>{text}</p>".encode()
    assert bool(reveals(_record(text), scanner) or reveals(page, scanner)) is leaks


class _Entries(dict):
    def load(self, kind: str, key: str) -> object:
        return self.get((kind, key))

    def store(self, kind: str, key: str, value: object) -> None:
        self[(kind, key)] = value


def test_a_file_read_before_under_the_same_key_is_taken_from_the_cache(tmp_path: Path, policy: Policy) -> None:
    """The key is the digest of all the meeting was made from: under the same key the cache answers
    (here the file is even gone), from a private entry; under a new key, or without a cache, the
    file is read."""
    path, cache = tmp_path / "m.md", _Entries()
    path.write_text(RAW, encoding="utf-8")
    first = read_sources([("c/m", path, "k1")], policy, cache)
    assert {w.text for w in first[0]} >= {"佐藤花子", "山本商事"} and first[1] == ["東村山市"]
    assert list(cache) == [("withheld", "k1-sources")]
    path.unlink()
    assert read_sources([("c/m", path, "k1")], policy, cache) == first  # from the cache
    assert read_sources([("c/m", path, "k2")], policy, cache) == ([], [])  # a new key: read (and gone)
    path.write_text(RAW, encoding="utf-8")
    assert read_sources([("c/m", path, "")], policy, None) == first
