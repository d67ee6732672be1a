"""The real record in shared/seeds, as a meeting file: what the detectors leave for a person to look at.

Its members and staff go in the front matter as the spec asks; the city's
published numbers are on the policy's allow list. What remains is the one
private-or-public judgement a person must make: 舛添氏, a candidate in the
news, named by the chair of the secretariat in his greeting.
"""

from __future__ import annotations

from pathlib import Path

from redaction.detectors import build_detectors
from redaction.engine import redact_file
from redaction.policy import load_policy

SEED = Path(__file__).resolve().parents[2] / "shared/seeds/000_cc6683e4e7f3583a.txt"

FRONT = """---
title: 平成25年度第3回個人情報保護運営審議会
date: 2014-02-10
start: "18:30"
end: "20:40"
place: 東村山市役所本庁舎501会議室
attendees: [臼井雅子会長, 嶋田節男委員, 杉本みさ子委員, 羽生田孝雄委員, 水越久吉委員, 水戸部瑞江委員]
absentees: [田村初恵委員]
secretariat: [當間総務部長, 根建総務部次長, 瀬川総務課長, 湯浅情報公開係長, 中村情報公開係主事]
contact: 総務部 総務課 情報公開係 電話番号 042-393-5111(内線2317) ファックス番号 042-390-6227
---
"""


def test_the_seed_leaves_only_the_politician_in_the_news_to_review() -> None:
    policy = load_policy()
    raw = FRONT + SEED.read_text(encoding="utf-8")
    red = redact_file(raw, "content/privacy/2014-02-10.md", "privacy/2014-02-10", policy, build_detectors(policy))
    assert [(f.line, f.col, f.kind, f.masked()) for f in red.findings] == [(22, 293, "personal name", "舛○○")]
    assert raw.splitlines()[21][292:295] == "舛添氏"
    assert [w for w in red.withholdings if w.how.startswith("auto:")] == []
