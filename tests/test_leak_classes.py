"""Issue 17's leak classes A–F, end to end: a small content folder, the public build, and then
either a refusal with a located message (nothing written, the withheld text in no message) or a
site in which no withheld text can be read in any file, the search index decompressed and
decoded included (``leakprobe.exposed``, a scan apart from the build's own check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from leakprobe import LOCATED, exposed
from proof import build_in_process, meeting, write_content

PAGE = "privacy/2024-05-10/index.html"


def _build(tmp_path: Path, body: str, front: str = "", council: str | None = None,
           site_yaml: str | None = None) -> tuple[int, str, Path]:
    content = write_content(tmp_path / "content", {"2024-05-10": meeting(body, front=front)})
    if council is not None:
        (content / "privacy" / "_council.yaml").write_text(council, encoding="utf-8")
    if site_yaml is not None:
        (content / "site.yaml").write_text(site_yaml, encoding="utf-8")
    out = tmp_path / "site"
    run = build_in_process("build", "--content", str(content), "--out", str(out), "--jobs", "1", "--quiet")
    return run.code, run.stdout + run.stderr, out


def assert_safe(tmp_path: Path, secrets: list[str], body: str, front: str = "", **files: str) -> int:
    """The build refuses (located, the text in no message, nothing written) or publishes nothing withheld."""
    code, said, out = _build(tmp_path, body, front, **files)
    for secret in secrets:
        assert secret not in said
    if code == 0:
        assert exposed(out, secrets) == {}
    else:
        assert code == 1 and LOCATED.search(said), said
        assert not out.exists()
    return code


def assert_builds_clean(tmp_path: Path, secrets: list[str], body: str, front: str = "",
                        stays: tuple[str, ...] = (), **files: str) -> Path:
    code, said, out = _build(tmp_path, body, front, **files)
    assert code == 0, said
    assert exposed(out, secrets) == {}
    page = (out / PAGE).read_text(encoding="utf-8")
    for text in stays:
        assert text in page, text
    return out


# A. A kanji variant of a withheld text is withheld (or stops the build) wherever it stands.
@pytest.mark.parametrize("marked, written", [
    ("高田次郎", "髙田次郎"), ("髙田次郎", "高田次郎"), ("濵田商事", "浜田商事"), ("浜田商事", "濱田商事"),
    ("渡邊", "渡辺"), ("山﨑", "山崎"), ("齋藤", "斎藤")])
@pytest.mark.parametrize("where", ["summary", "title", "agenda", "body"])
def test_a_kanji_variant_is_withheld_everywhere(tmp_path: Path, marked: str, written: str, where: str) -> None:
    body = f"{{{{redact:personal|{marked}}}}}さんの件。"
    front = {"summary": f"summary: {written}さんの審査請求\n", "title": "",
             "agenda": f"agenda:\n  - {written}さんの件\n", "body": ""}[where]
    if where == "body":
        body += f"\n\n続いて{written}さんが説明した。"
    if where == "title":
        content = write_content(tmp_path / "content", {"2024-05-10": meeting(body, title=f"{written}さんの件")})
        out = tmp_path / "site"
        run = build_in_process("build", "--content", str(content), "--out", str(out), "--jobs", "1", "--quiet")
        assert run.code == 0, run.stderr
        assert exposed(out, [marked, written]) == {}
        return
    assert_builds_clean(tmp_path, [marked, written], body, front, stays=("の件",))


# B. A TEXT marked inside a block is looked for everywhere: split, escaped, quoted, entity.
@pytest.mark.parametrize("disguise", [
    "山本**商事**", "&#x5C71;本商事", "&#23665;本商事", "> 山本商事の件", "山本\\\n商事", "[山本](https://example.jp/)商事",
    "| 契約先 |\n|---|\n| 山本商事 |", "`山本商事`", "山本<!-- -->商事"])
def test_a_text_marked_inside_a_block_is_never_published(tmp_path: Path, disguise: str) -> None:
    body = ("{{redact:administration}}\n契約先は{{redact:corporate|山本商事}}である。\n{{/redact}}\n\n"
            f"本文。\n\n{disguise}\n\n以上。")
    assert_safe(tmp_path, ["山本商事"], body)


def test_a_text_marked_inside_a_block_in_an_escaped_summary(tmp_path: Path) -> None:
    body = "{{redact:administration}}\n契約先は{{redact:corporate|山本商事}}である。\n{{/redact}}\n"
    assert_builds_clean(tmp_path, ["山本商事"], body, 'summary: "\\u5C71\\u672C\\u5546\\u4E8Bとの契約"\n')


# C. A detector's hit inside a block is withheld elsewhere in the file, and looked for.
@pytest.mark.parametrize("front, extra", [
    ("summary: 口座 1234567 の件\n", ""),
    ("agenda:\n  - 口座1234567の扱い\n", ""),
    ("", "口座の控え 1234**567** あり。"),
    ("", "控え 1234&#x35;67 あり。")])
def test_a_detector_hit_inside_a_block_is_never_published(tmp_path: Path, front: str, extra: str) -> None:
    body = f"{{{{redact:administration}}}}\n振込先 口座番号 1234567 のとおり。\n{{{{/redact}}}}\n\n{extra}\n"
    assert_safe(tmp_path, ["1234567"], body, front)


# D. One- and two-character names: withheld and looked for with the word that followed the mark.
@pytest.mark.parametrize("front, extra", [
    ('summary: "\\u6797さんの件"\n', ""),
    ("", "&#x6797;さんが述べた。"),
    ("", "**林**さんが述べた。"),
    ("summary: 林 さんの件\n", ""),
])
def test_a_one_character_name_is_never_published_with_its_honorific(tmp_path: Path, front: str, extra: str) -> None:
    body = f"{{{{redact:personal|林}}}}さんの申出。\n\n{extra}\n\n林業の振興と森林の保全。"
    code = assert_safe(tmp_path, ["林さん"], body, front)
    if code == 0:
        page = (tmp_path / "site" / PAGE).read_text(encoding="utf-8")
        assert "林業の振興と森林の保全" in page  # the character in other words is not withheld


def test_a_two_character_name_is_caught_disguised(tmp_path: Path) -> None:
    body = "{{redact:personal|村山}}さんの申出。\n\n**村**山さんが述べた。"
    assert_safe(tmp_path, ["村山"], body)


# E. Markers outside meeting files are refused where they stand.
@pytest.mark.parametrize("file, text", [
    ("council", "name: 個人情報{{非公開:corporate|山本商事}}審議会\n"),
    ("council", "name: 個人情報保護運営審議会\ndescription: '{{redact:personal|山田}}'\n"),
    ("site_yaml", "title: 会議録{{redact:personal|山田}}\norganization: 東村山市\n"
                  "base_url: https://www.city.example.lg.jp/kaigiroku/\n"),
])
def test_a_marker_outside_a_meeting_file_is_refused(tmp_path: Path, file: str, text: str) -> None:
    code, said, out = _build(tmp_path, "本文。", **{file: text})
    assert code == 1 and not out.exists()
    assert "山本商事" not in said and "山田" not in said
    shown = "site.yaml" if file == "site_yaml" else "privacy/_council.yaml"
    assert any(m.group(1).endswith(shown) for m in LOCATED.finditer(said)), said
    assert "meeting file" in said


# F. Radicals that look like ideographs are folded: withheld, or the build stops.
@pytest.mark.parametrize("marked, written", [
    ("西村花子", "\u2ec4村花子"), ("長田花子", "\u2ed1田花子"), ("山本花子", "\u2f2d本花子"),
    ("\u2ec4村花子", "西村花子")])
@pytest.mark.parametrize("where", ["summary", "body"])
def test_a_radical_look_alike_is_withheld(tmp_path: Path, marked: str, written: str, where: str) -> None:
    body = f"{{{{redact:personal|{marked}}}}}さんの件。"
    front = f"summary: {written}さんの申出\n" if where == "summary" else ""
    if where == "body":
        body += f"\n\n{written}さんが述べた。"
    assert_builds_clean(tmp_path, [marked, written], body, front)


# A public word of the site that holds a short name: not a leak; the name alone still is.
OWN = ("title: 東村山市 会議録アーカイブ\norganization: 東村山市\n"
       "base_url: https://www.city.example.lg.jp/kaigiroku/\n")


def test_a_short_name_inside_the_site_s_own_name_builds(tmp_path: Path) -> None:
    body = "{{redact:personal|村山}}さんの申出。\n\n東村山市役所で開催。村山さんが述べた。"
    out = assert_builds_clean(tmp_path, ["村山さん"], body, site_yaml=OWN, stays=("東村山市役所",))
    assert "東村山市" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("extra", ["**村**山が述べた。", "村&#x5C71;委員が述べた。"])
def test_the_short_name_alone_is_still_caught(tmp_path: Path, extra: str) -> None:
    body = f"{{{{redact:personal|村山}}}}さんの申出。\n\n東村山市役所で開催。{extra}"
    assert assert_safe(tmp_path, ["村山が", "村山委"], body, site_yaml=OWN) == 1


def test_allow_terms_hold_public_words_with_a_short_name(tmp_path: Path) -> None:
    body = "{{redact:personal|大和}}さんの申出。\n\n大和市との連携。"
    assert_builds_clean(tmp_path, ["大和さん"], body, "allow_terms: [大和市]\n", stays=("大和市との連携",))


def test_check_runs_the_same_leak_check_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` finds the leak `build` would stop at, at the same source line, and leaves no site behind."""
    body = "{{redact:administration}}\n契約先は{{redact:corporate|山本商事}}である。\n{{/redact}}\n\n本文 山本**商事** 以上。"
    content = write_content(tmp_path / "content", {"2024-05-10": meeting(body)})
    monkeypatch.chdir(tmp_path)
    checked = build_in_process("check", "--content", "content")
    built = build_in_process("build", "--content", "content", "--out", "site", "--quiet")
    assert checked.code == built.code == 1
    assert checked.stderr.splitlines()[:-1] == built.stderr.splitlines()[:-1]  # the same errors; the count differs
    assert (checked.stderr.splitlines()[-1], built.stderr.splitlines()[-1]) == ("1 error", "1 error; nothing was written")
    assert checked.stderr.startswith("content/privacy/2024-05-10.md:10:4: withheld corporate text of "
                                     "privacy/2024-05-10 (inline) is written here")
    assert "reaches site/privacy/2024-05-10/index.html" in checked.stderr and "山本" not in checked.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["content"]
    (content / "privacy" / "2024-05-10.md").write_text(meeting(body.replace("山本**商事**", "その件")), encoding="utf-8")
    assert build_in_process("check", "--content", "content").code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["content"]


def test_an_approved_meeting_with_a_short_name_in_a_public_word_is_published_as_approved(tmp_path: Path) -> None:
    """`approve` redacts with the site's own names as the build does, so the edition it records is the
    one the build makes (else the meeting would stay 'changed since approval')."""
    body = "{{redact:personal|村山}}さんの申出。\n\n東村山市役所で開催。"
    content = write_content(tmp_path / "content", {"2024-05-10": meeting(body)})
    (content / "site.yaml").write_text(OWN + "require_approval: true\n", encoding="utf-8")
    assert build_in_process("approve", "privacy/2024-05-10", "--by", "検査", "--content", str(content)).code == 0
    run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "site"), "--quiet")
    assert run.code == 0 and "since approval" not in run.stdout + run.stderr, run.stdout + run.stderr
    assert "東村山市役所" in (tmp_path / "site" / PAGE).read_text(encoding="utf-8")
