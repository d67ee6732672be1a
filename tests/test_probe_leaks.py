"""A probe that keeps looking for leaks (issue 17): Hypothesis writes meetings that withhold a text
(marked inline, inside a block, in the front matter, or listed in ``redact_terms``) and then place
it again in random carriers — every front matter key, the council and site files, headings, links
and their URLs, alt text, tables, quotes, code, footnotes, raw HTML — under random disguises —
kanji variants, radicals, character references, ``\\u`` escapes, emphasis splits, line breaks.
Every build must either refuse (exit 1, each message located, the withheld text in none of them,
nothing written) or publish nothing withheld (``leakprobe.exposed``, a scan apart from the build's).

CI runs a fixed seed and ``PROBE_EXAMPLES`` examples (default 30, about a second each);
``PROBE_SEED=<n> PROBE_EXAMPLES=500 pytest tests/test_probe_leaks.py`` looks further.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from leakprobe import LOCATED, exposed, fold
from proof import COUNCIL_YAML, SITE_YAML, build_in_process

# A withheld text, and the look-alike spellings a writer might use for it (each folds to it).
SECRETS = {
    "山本商事": ["\u2f2d本商事"], "高田次郎": ["髙田次郎"], "西村花子": ["\u2ec4村花子"], "長谷川健": ["\u2ed1谷川健"],
    "浜田商事": ["濵田商事", "濱田商事"], "渡辺一郎": ["渡邊一郎", "渡邉一郎"], "斎藤美和": ["齋藤美和"],
    "7654321": ["７６５４３２１"],  # an account number: withheld by the detector, not by a marker
}
MARKINGS = ["inline", "block", "term", "front"]
DETECTED = ["detected", "detected-in-block"]  # the number after 口座番号, in the body or inside a block
DISGUISES = ["plain", "lookalike", "entity", "escape", "split", "break"]
FRONT_KEYS = ["title", "summary", "place", "contact", "public_attendance_reason", "agenda", "attendees",
              "absentees", "secretariat", "x-memo"]
BODY_PLACES = ["paragraph", "heading", "link", "url", "alt", "table", "quote", "code", "fence", "footnote",
               "list", "html"]
FILES = ["council-name", "council-description", "site-title", "site-description"]


def disguise(text: str, how: str, spelling: str, in_yaml: bool) -> str:
    """``text`` as a writer might disguise it (``spelling``: a look-alike of it)."""
    first, rest = text[0], text[1:]
    if how == "lookalike":
        return spelling
    if how == "entity":
        return f"&#x{ord(first):X};{rest}"
    if how == "escape":
        return f"\\u{ord(first):04X}{rest}"
    if how == "split":
        return f"{text[:2]}**{text[2:]}**"
    if how == "break":
        return f"{text[:2]}\n  {text[2:]}" if in_yaml else f"{text[:2]}\n{text[2:]}"
    return text


def yaml_text(value: str) -> str:
    """A double-quoted YAML scalar holding ``value`` as written (escapes kept as escapes)."""
    return '"' + value.replace('"', "'") + '"'


@st.composite
def meetings(draw: st.DrawFn) -> dict[str, object]:
    secret = draw(st.sampled_from(sorted(SECRETS)))
    return {
        "secret": secret,
        "spelling": draw(st.sampled_from(SECRETS[secret])),
        "marking": draw(st.sampled_from(MARKINGS + DETECTED if secret.isdigit() else MARKINGS)),
        "places": draw(st.lists(st.tuples(st.sampled_from(FRONT_KEYS + BODY_PLACES + FILES),
                                          st.sampled_from(DISGUISES)), min_size=1, max_size=4, unique_by=lambda p: p[0])),
    }


def write(root: Path, case: dict[str, object]) -> None:
    secret, spelling = str(case["secret"]), str(case["spelling"])
    marking = case["marking"]
    front: dict[str, str] = {"title": "令和6年度第1回個人情報保護運営審議会"}
    lists: dict[str, list[str]] = {}
    body = ["開会。"]
    council, site = COUNCIL_YAML, SITE_YAML
    if marking == "inline":
        body.append(f"{{{{redact:personal|{secret}}}}}の申出について審議した。")
    elif marking == "block":
        body.append(f"{{{{redact:administration}}}}\n契約の相手方は{{{{redact:corporate|{secret}}}}}である。\n{{{{/redact}}}}")
    elif marking == "front":
        front["summary"] = f"{{{{redact:personal|{secret}}}}}の申出"
    elif marking == "detected":
        body.append(f"振込先の口座番号 {secret} のとおり。")
    elif marking == "detected-in-block":
        body.append(f"{{{{redact:administration}}}}\n振込先の口座番号 {secret} のとおり。\n{{{{/redact}}}}")
    for where, how in case["places"]:  # type: ignore[attr-defined]
        in_yaml = where in FRONT_KEYS or where in FILES
        text = disguise(secret, how, spelling, in_yaml)
        if where in ("agenda", "attendees", "absentees", "secretariat"):
            lists[where] = [f"{text}の件"]
        elif where in FRONT_KEYS:
            front[where] = f"{front.get(where, '')}{text}の件"
        elif where == "council-name":
            council = f"name: {yaml_text('個人情報保護運営審議会' + text)}\norder: 1\n"
        elif where == "council-description":
            council = f"{COUNCIL_YAML}description: {yaml_text(text + 'の件')}\n"
        elif where == "site-title":
            site = SITE_YAML.replace("title: 東村山市 会議録アーカイブ", f"title: {yaml_text('会議録' + text)}")
        elif where == "site-description":
            site = f"{SITE_YAML}description: {yaml_text(text + 'の件')}\n"
        else:
            body.append({"paragraph": f"本文 {text} 以上。", "heading": f"## {text} について",
                         "link": f"[{text}](https://example.jp/)", "url": f"[資料](https://example.jp/{text})",
                         "alt": f"![{text}](https://example.jp/a.png)", "table": f"| 件名 |\n|---|\n| {text} |",
                         "quote": f"> {text}の件", "code": f"`{text}`", "fence": f"```\n{text}\n```",
                         "footnote": f"注記[^1]\n\n[^1]: {text}の件", "list": f"- {text}の件",
                         "html": f'<span title="{text}">参考</span>'}[where])
    lines = ["---", *(f"{k}: {yaml_text(v)}" for k, v in front.items()), "date: 2024-05-10"]
    if "public_attendance_reason" in front:
        lines.append("public_attendance: false")
    lines += [f"{k}:\n" + "".join(f"  - {yaml_text(v)}\n" for v in items) for k, items in lists.items()]
    if marking == "term":
        lines.append(f"redact_terms:\n  personal: [{yaml_text(secret)}]")
    text = "\n".join([*lines, "---", "", "\n\n".join(body), ""])
    (root / "privacy").mkdir(parents=True)
    (root / "site.yaml").write_text(site, encoding="utf-8")
    (root / "privacy" / "_council.yaml").write_text(council, encoding="utf-8")
    (root / "privacy" / "2024-05-10.md").write_text(text, encoding="utf-8")


@seed(int(os.environ.get("PROBE_SEED", "17")))
@settings(max_examples=int(os.environ.get("PROBE_EXAMPLES", "30")), deadline=None, database=None,
          derandomize=False, suppress_health_check=list(HealthCheck))
@given(meetings())
def test_no_build_publishes_a_withheld_text(case: dict[str, object]) -> None:
    secret = str(case["secret"])
    forms = [secret, *SECRETS[secret]]
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        root = Path(folder)
        write(root / "content", case)
        out = root / "site"
        run = build_in_process("build", "--content", str(root / "content"), "--out", str(out), "--jobs", "1",
                               "--quiet", "--no-cache")
        said = run.stdout + run.stderr
        assert fold(secret) not in fold(said), said
        if run.code == 0:
            assert exposed(out, forms) == {}, json.dumps(case, ensure_ascii=False)
        else:
            assert run.code == 1, said
            errors = [line for line in run.stderr.splitlines() if not line.endswith("nothing was written")]
            assert errors and all(LOCATED.match(line) for line in errors), said
            assert not out.exists()
