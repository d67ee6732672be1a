"""The redaction engine: spans, merging, positions, pseudonyms, ledger, detectors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

import pytest
from conftest import meeting

from kaigiroku.core.errors import ContentErrors
from redaction.detection import Detection
from redaction.engine import redact_file
from redaction.ledger import Ledger
from redaction.normalize import NormalizedText
from redaction.placeholders import FILLER, PATTERN
from redaction.policy import DetectorSettings, Policy
from redaction.pseudonyms import Pseudonyms


def test_nothing_withheld_reaches_the_redacted_text(policy: Policy) -> None:
    raw = meeting("氏名は{{redact:personal|山田太郎|本人}}。\n山田 太郎氏\n", "summary: 山田太郎氏の件\n")
    red = redact_file(raw, "m.md", "c/m", policy)
    assert "山田" not in red.body and "山田" not in str(red.front.data)
    assert "本人" not in red.body
    assert FILLER not in red.body


def test_the_body_keeps_the_lines_of_the_raw_file(policy: Policy) -> None:
    raw = meeting("一\n{{redact:safety}}\n二\n三\n{{/redact}}\n四 {{redact:corporate|株式会社サンプル}} 五\n")
    red = redact_file(raw, "m.md", "c/m", policy)
    assert red.body_line == 5
    assert red.body.count("\n") == raw.split("---\n", 2)[2].count("\n")
    assert red.body.splitlines()[-1].startswith("四 ") and red.body.splitlines()[-1].endswith(" 五")


def test_withholdings_carry_raw_line_and_column(policy: Policy) -> None:
    raw = meeting("前置き\n  {{redact:personal|山田}}と山田\n")
    red = redact_file(raw, "m.md", "c/m", policy)
    assert [(w.line, w.col, w.how) for w in red.withholdings] == [(6, 3, "inline"), (6, 26, "repeat")]
    assert all(w.meeting == "c/m" for w in red.withholdings)


def test_one_placeholder_per_merged_group(policy: Policy) -> None:
    raw = meeting("{{redact:personal|山田太郎}}、山田太郎、{{redact:corporate|サンプル商事}}\n",
                  "redact_terms:\n  personal: [太郎]\n")
    red = redact_file(raw, "m.md", "c/m", policy)
    assert len(PATTERN.findall(red.body)) == 3
    assert [r.category.key for r in red.redactions][-3:] == ["personal", "personal", "corporate"]


def test_pseudonyms_are_per_meeting(policy: Policy) -> None:
    labels = []
    for name in ("佐藤", "鈴木"):
        red = redact_file(meeting(f"{{{{redact:person|{name}}}}}が来た。\n"), "m.md", "c/m", policy)
        labels.append(red.redactions[0].label)
    assert labels == ["Ａ氏", "Ａ氏"]


def test_non_pseudonym_categories_use_a_fixed_width_mark(policy: Policy) -> None:
    red = redact_file(meeting("{{redact:corporate|短}}と{{redact:corporate|とても長い法人の名前株式会社}}\n"),
                      "m.md", "c/m", policy)
    assert {r.label for r in red.redactions} == {"■■■"}


def test_pseudonym_letters() -> None:
    p = Pseudonyms()
    assert [p.label(n, "が") for n in ("甲", "乙", "甲", "ｺｳ", "コウ")] == ["Ａ氏", "Ｂ氏", "Ａ氏", "Ｃ氏", "Ｃ氏"]
    assert p.label("甲", "委員は") == "Ａ"
    many = Pseudonyms()
    assert [many.letter(str(i)) for i in range(28)][25:] == ["Ｚ", "Ａ１", "Ｂ１"]


def test_ledger_table_and_csv(policy: Policy) -> None:
    red = redact_file(meeting("{{redact:personal|山田|苦情の申出人}}\n"), "m.md", "c/m", policy)
    ledger = Ledger(list(red.withholdings))
    assert "5:1\tpersonal\tinline\tmanual\t山田  [苦情の申出人]" in ledger.table()
    assert ledger.csv().splitlines() == ["meeting,line,col,category,how,origin,text,note",
                                         "c/m,5,1,personal,inline,manual,山田,苦情の申出人"]
    assert Ledger().table() == "no withholdings\n"


def test_redact_terms_errors_are_located(policy: Policy) -> None:
    raw = meeting("x\n", "redact_terms:\n  secret: [山田]\n  personal: ['']\nallow_terms: 山田\n")
    with pytest.raises(ContentErrors) as exc:
        redact_file(raw, "m.md", "c/m", policy)
    assert [str(e) for e in exc.value.errors] == [
        "m.md:5:3: unknown redaction category `secret` in redact_terms; use one of law, personal, corporate, "
        "safety, deliberation, administration, provided, withdrawn, closed (or an item number such as 2号, or a "
        "label from the policy)",
        "m.md:6:3: redact_terms `personal` must be a list of non-empty strings",
        "m.md:7:14: `allow_terms` must be a list of strings",
    ]


def test_private_use_characters_are_refused(policy: Policy) -> None:
    with pytest.raises(ContentErrors) as exc:
        redact_file(meeting("a\U000f0001b\n"), "m.md", "c/m", policy)
    assert str(exc.value.errors[0]) == "m.md:5:2: private-use character U+F0001 is not allowed in content; delete it"


def test_missing_front_matter(policy: Policy) -> None:
    with pytest.raises(ContentErrors) as exc:
        redact_file("# 会議録\n", "m.md", "c/m", policy)
    assert "m.md:1:1: a meeting file starts with front matter" in str(exc.value.errors[0])


@dataclass
class Word:
    """A test detector that finds one word."""

    word: str
    name: str = "word"
    kind: str = "test word"

    def analyze(self, text: NormalizedText) -> Iterable[Detection]:
        for a, b in text.find_all(self.word):
            yield Detection(a, b, self.name)


def test_detector_findings_and_allow_terms(policy: Policy) -> None:
    raw = meeting("東村山と東村山\n")
    red = redact_file(raw, "m.md", "c/m", policy, [Word("東村山")])
    assert [(f.line, f.col, f.kind) for f in red.findings] == [(5, 1, "test word"), (5, 5, "test word")]
    assert "東村山" not in red.findings[0].message() and red.findings[0].message(reveal=True).startswith("possible test word 東村山")
    allowed = redact_file(meeting("東村山と東村山\n", "allow_terms: [東村山]\n"), "m.md", "c/m", policy, [Word("東村山")])
    assert allowed.findings == []


def test_detector_with_redact_action(policy: Policy) -> None:
    strict = replace(policy, detectors={"word": DetectorSettings(action="redact", category="safety")})
    red = redact_file(meeting("鍵は金庫に\n"), "m.md", "c/m", strict, [Word("金庫")])
    assert "金庫" not in red.body
    assert [(w.category, w.how) for w in red.withholdings] == [("safety", "auto:word")]


def test_findings_in_the_front_matter_point_into_the_raw_file(policy: Policy) -> None:
    from redaction.detectors import build_detectors

    raw = meeting("本文。\n", 'summary: 当日、相談の\n  小川隆氏から説明があった。\nplace: "\\u5C0F\\u5DDD隆氏宅"\n')
    red = redact_file(raw, "m.md", "c/m", policy, build_detectors(policy))
    assert [(f.line, f.col, f.kind) for f in red.findings] == [(5, 3, "personal name"), (6, 8, "personal name")]


def test_a_name_across_a_fold_keeps_the_yaml_valid_and_is_withheld_in_the_value(policy: Policy) -> None:
    raw = meeting("{{redact:person|山本花子}}の件。\n", "summary: 申出人の山本\n  花子から。\nagenda: [山本 花子の件]\n")
    red = redact_file(raw, "m.md", "c/m", policy)
    assert red.front.data["summary"] == "申出人の" + PATTERN.findall(red.front.data["summary"])[0] + "から。"
    assert "山本" not in str(red.front.data) and "花子" not in str(red.front.data)
    assert [(w.line, w.col, w.how) for w in red.withholdings] == [(4, 14, "repeat"), (6, 10, "repeat"), (8, 1, "inline")]
