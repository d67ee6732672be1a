"""Detectors inside the redaction stage: withheld numbers, names as findings, allow lists, officials."""

from __future__ import annotations

import dataclasses

from redaction.detectors import build_detectors
from redaction.engine import redact_file
from redaction.placeholders import PRIVATE_USE
from redaction.policy import load_policy

POLICY = load_policy()

MEETING = """---
title: 平成25年度第3回個人情報保護運営審議会
date: 2014-02-10
attendees: [臼井雅子会長, 嶋田節男委員]
secretariat: [瀬川総務課長]
contact: 電話番号 042-393-5111（内線2317）
{allow}---

臼井会長から開会の挨拶があった。嶋田委員から質問があった。

当日、中島花子さんの連絡先は 090-1234-5678、勤務先は０３（１２３４）５６７８と記載されていた。

{{{{redact:personal|小川隆}}}}氏の件、小川隆さんの件は次回に報告する。
"""


def redact(text: str, policy=POLICY):
    return redact_file(text, "content/privacy/2014-02-10.md", "privacy/2014-02-10", policy, build_detectors(policy))


def test_unmarked_numbers_are_withheld_and_names_become_findings() -> None:
    red = redact(MEETING.format(allow=""))
    auto = [w for w in red.withholdings if w.how.startswith("auto:")]
    assert [(w.how, w.category, w.line) for w in auto] == [("auto:phone", "personal", 11), ("auto:phone", "personal", 11)]
    assert "090-1234-5678" not in red.body and "５６７８" not in red.body
    assert PRIVATE_USE.search(red.body)  # placeholders stand where the numbers were
    assert red.front.data["contact"] == "電話番号 042-393-5111（内線2317）"  # the city's own number is allowed
    assert [(f.line, f.col, f.kind) for f in red.findings] == [(11, 4, "personal name")]
    finding = red.findings[0]
    assert finding.message() == "possible personal name 中○○○ — mark it with {{redact:…}} or add it to allow_terms"


def test_allow_terms_leave_nothing_to_review() -> None:
    red = redact(MEETING.format(allow="allow_terms: [中島花子]\n"))
    assert red.findings == []


def test_a_roster_name_is_a_finding_even_among_the_attendees() -> None:
    policy = dataclasses.replace(POLICY, roster=("嶋田節男",))
    red = redact(MEETING.format(allow="").replace("嶋田委員から", "嶋田節男委員から"), policy)
    assert [f.line for f in red.findings if f.kind == "listed private person"] == [4, 9]  # attendees, body
