"""The leak check: every file read the way a reader (or Pagefind's client) would see it."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaigiroku.core.errors import BuildFailure
from kaigiroku.publish.manifest import FileEntry, files_of
from redaction import leakcheck, verifymemo
from redaction import searchform as searchtext
from redaction.leakcheck import Secret, readable, secrets_of, variants, verify
from redaction.ledger import Ledger
from redaction.model import Withholding
from redaction.normalize import normalize


def entry(text: str, how: str = "inline", meeting: str = "c/m") -> Withholding:
    return Withholding(meeting, "personal", how, 1, 1, "", text)


@pytest.mark.parametrize("data", [
    "鷲尾環".encode(),
    "鷲\u200b尾\u200b環".encode(),
    "鷲尾 環".encode(),
    "&#x9DF2;&#23614;環".encode(),
    "%E9%B7%B2%E5%B0%BE%E7%92%B0".encode(),
    b'"\\u9df2\\u5c3e\\u74b0"',
    gzip.compress(b"pagefind_dcd" + '{"content":"鷲\u200b尾\u200b環"}'.encode(), mtime=0),
])
def test_readable_undoes_encodings(data: bytes) -> None:
    assert "鷲尾環" in readable(data)


def test_secrets_skip_too_short_strings() -> None:
    secrets = secrets_of(Ledger([entry("甲"), entry("鷲尾 環")]), [])
    assert list(secrets) == ["鷲尾環"]


def test_block_pieces_published_elsewhere_are_not_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    block = "（委員）承知しました。\n鑑定評価額は二十四万円です。"
    secrets = secrets_of(Ledger([entry(block, "block")]), ["別の会議でも（委員）承知しました。と発言"])
    assert list(secrets) == ["鑑定評価額は二十四万円です"]
    monkeypatch.setattr(leakcheck, "SMALL", 0)
    texts = ["前の会議"] * 9 + ["別の会議でも（委員）承知しました。と発言"]  # read by two processes
    assert secrets_of(Ledger([entry(block, "block")]), texts, jobs=2) == secrets


def test_a_memo_of_quoted_pieces_reads_again_only_new_texts_and_new_pieces(tmp_path: Path) -> None:
    memo, quoted = tmp_path / "quoted", "（委員）承知しました。"
    first, second = "鑑定評価額は二十四万円です。", "入札の予定価格は三億円です。"
    texts, keys = ["前の会議", f"別の会議でも{quoted}と発言"], [KEY_A, KEY_B]
    ledger = Ledger([entry(quoted + first, "block")])
    assert list(secrets_of(ledger, texts, memo=memo, keys=keys)) == ["鑑定評価額は二十四万円です"]
    assert quoted not in memo.read_text() and "承知" not in memo.read_text()  # digests, never the text
    # Remembered: the texts are not read again (here they are given as blanks under the same keys).
    assert list(secrets_of(ledger, ["", ""], memo=memo, keys=keys)) == ["鑑定評価額は二十四万円です"]
    # A new piece is looked for in the remembered texts too.
    grown = Ledger([entry(quoted + first, "block"), entry(second, "block", "c/n")])
    assert set(secrets_of(grown, ["", f"{second}"], memo=memo, keys=keys)) == {"鑑定評価額は二十四万円です"}
    assert set(secrets_of(grown, texts, memo=memo, keys=keys)) == {"鑑定評価額は二十四万円です"}  # remembered
    # A text under a new key (its meeting edited) is read again: the piece it no longer quotes is a secret.
    assert set(secrets_of(grown, ["", "別の会議"], memo=memo, keys=[KEY_A, KEY_C])) == {
        "鑑定評価額は二十四万円です", "(委員)承知しました", "委員承知しました", "入札の予定価格は三億円です"}
    memo.write_text("{not json")  # an unreadable memo: everything is read
    assert list(secrets_of(ledger, texts, memo=memo, keys=keys)) == ["鑑定評価額は二十四万円です"]


def test_a_piece_whose_remembered_holders_are_gone_is_looked_for_in_the_other_texts(tmp_path: Path) -> None:
    memo, quoted = tmp_path / "quoted", "（委員）承知しました。"
    ledger = Ledger([entry(quoted, "block")])
    assert secrets_of(ledger, [quoted] * 3, memo=memo, keys=[KEY_A, KEY_B, KEY_C]) == {}
    # The memo names two of the three texts; both change. The third, unchanged, still quotes it.
    assert secrets_of(ledger, ["", "", quoted], memo=memo, keys=[KEY_D, KEY_E, KEY_C]) == {}
    assert set(secrets_of(ledger, ["", "", ""], memo=memo, keys=[KEY_D, KEY_E, KEY_F])) == {
        "(委員)承知しました", "委員承知しました"}


KEY_A, KEY_B, KEY_C, KEY_D, KEY_E, KEY_F = (c * 64 for c in "abcdef")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_check_started_before_the_index_is_written_covers_every_file(tmp_path: Path, jobs: int) -> None:
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    for n in range(20):
        (tmp_path / f"m{n}").mkdir()
        (tmp_path / f"m{n}" / "index.html").write_text(f"<p>会議 {n}</p>", encoding="utf-8")
    (tmp_path / "m7" / "index.html").write_text("<p>鷲尾 環</p>", encoding="utf-8")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "early.pf_meta").write_bytes(b"written before the check started")
    memo = tmp_path.parent / f"memo-{jobs}"
    with leakcheck.LeakCheck(tmp_path, secrets, "site", jobs, memo) as check:
        check.start("pagefind")
        (tmp_path / "pagefind" / "late.pf_fragment").write_bytes(
            gzip.compress(b"pagefind_dcd" + '{"content":"鷲尾環"}'.encode(), mtime=0))
        replaced = tmp_path / "m3" / "index.html"  # changed after it was checked: checked again
        replaced.with_name("new").write_text("<p>鷲尾環</p>", encoding="utf-8")
        replaced.with_name("new").replace(replaced)
        leaks = check.leaks()
    assert [leak.path for leak in leaks] == [
        "site/m3/index.html", "site/m7/index.html", "site/pagefind/late.pf_fragment"]
    replaced.write_text("<p>会議 3</p>", encoding="utf-8")
    assert not memo.exists()  # a run with a leak remembers nothing
    (tmp_path / "m7" / "index.html").write_text("<p>Ａ氏</p>", encoding="utf-8")
    (tmp_path / "pagefind" / "late.pf_fragment").unlink()
    with leakcheck.LeakCheck(tmp_path, secrets, "site", jobs, memo) as check:
        check.start("pagefind")
        assert check.leaks() == []
    assert len(json.loads(memo.read_text())["files"]) == 21


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_replaced_after_the_digests_is_checked_again_by_leaks(tmp_path: Path, jobs: int) -> None:
    """``digests`` (for the manifest) takes the stamps ``start`` took; ``leaks``, the last call,
    stamps every file again: a page replaced after it was read is read again there."""
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    for n in range(12):
        (tmp_path / f"m{n}").mkdir()
        (tmp_path / f"m{n}" / "index.html").write_text(f"<p>会議 {n}</p>", encoding="utf-8")
    with leakcheck.LeakCheck(tmp_path, secrets, "site", jobs) as check:
        check.start()
        replaced = tmp_path / "m3" / "index.html"
        replaced.write_text("<p>会議 3</p>", encoding="utf-8")  # the same bytes: a new time stamp only
        check.digests()
        replaced.with_name("new").write_text("<p>鷲尾環</p>", encoding="utf-8")
        replaced.with_name("new").replace(replaced)
        leaks = check.leaks()
    assert [leak.path for leak in leaks] == ["site/m3/index.html"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_second_start_takes_the_new_files_and_leaves_the_folders_being_written(tmp_path: Path, jobs: int) -> None:
    """The build starts the check again once the index's chunks are written, while its bundles are
    written in a folder of their own: the chunks are checked then, the folder being written is not
    (it is gone before ``leaks``), and a page started before is not checked twice."""
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    (tmp_path / "m0").mkdir()
    (tmp_path / "m0" / "index.html").write_text("<p>鷲尾環</p>", encoding="utf-8")
    with leakcheck.LeakCheck(tmp_path, secrets, "site", jobs) as check:
        check.start("pagefind")
        (tmp_path / "search" / "g" / "c0").mkdir(parents=True)
        (tmp_path / "search" / "g" / "c0" / "t0-0").write_bytes(gzip.compress('["鷲尾環"]'.encode(), mtime=0))
        (tmp_path / ".search-work").mkdir()
        (tmp_path / ".search-work" / "partial").write_text("鷲尾", encoding="utf-8")
        check.start("pagefind", ".search-work")
        assert sorted(check._stamps) == [str(tmp_path / "m0" / "index.html"), str(tmp_path / "search/g/c0/t0-0")]
        (tmp_path / ".search-work" / "partial").unlink()
        leaks = check.leaks()
    assert [leak.path for leak in leaks] == ["site/m0/index.html", "site/search/g/c0/t0-0"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_start_within_a_folder_leaves_the_others_to_the_last_walks(tmp_path: Path, jobs: int) -> None:
    """The build's second start walks the folders of the chunks written anew only; a file written
    elsewhere meanwhile is found by ``digests`` and ``leaks``, which walk every folder."""
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    (tmp_path / "m0").mkdir()
    (tmp_path / "m0" / "index.html").write_text("<p>会議</p>", encoding="utf-8")
    with leakcheck.LeakCheck(tmp_path, secrets, "site", jobs) as check:
        check.start()
        (tmp_path / "search" / "g" / "c0").mkdir(parents=True)
        (tmp_path / "search" / "g" / "c0" / "t0-0").write_bytes(gzip.compress('["会議"]'.encode(), mtime=0))
        (tmp_path / "m1").mkdir()
        (tmp_path / "m1" / "index.html").write_text("<p>鷲尾環</p>", encoding="utf-8")
        check.start(within=["search/g"])
        assert sorted(check._stamps) == [str(tmp_path / "m0" / "index.html"), str(tmp_path / "search/g/c0/t0-0")]
        assert sorted(check.digests()) == ["m0/index.html", "m1/index.html", "search/g/c0/t0-0"]
        leaks = check.leaks()
    assert [leak.path for leak in leaks] == ["site/m1/index.html"]


def test_the_walk_finds_what_os_walk_and_stat_find(tmp_path: Path) -> None:
    """The check's one-pass walk lists every file as ``os.walk`` does (a link to a folder not
    followed, a link to a file stamped as that file) and skips the named folders at the top only."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "p.html").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "q").write_text("yy", encoding="utf-8")
    (tmp_path / "skipped" / "skipped").mkdir(parents=True)
    (tmp_path / "skipped" / "r").write_text("z", encoding="utf-8")
    (tmp_path / "a" / "skipped").mkdir()
    (tmp_path / "a" / "skipped" / "s").write_text("z", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "a")
    (tmp_path / "file-link").symlink_to(tmp_path / "a" / "q")
    walked = []
    for folder, names, files in os.walk(tmp_path):
        if folder == str(tmp_path):
            names.remove("skipped")
        walked += [os.path.join(folder, name) for name in files]
    expected = [(p, (st.st_size, st.st_mtime_ns, st.st_ino)) for p in sorted(walked) for st in [os.stat(p)]]
    assert leakcheck._tree(str(tmp_path), {"skipped"}) == expected
    assert [Path(p).relative_to(tmp_path).as_posix() for p, _ in expected] == [
        "a/b/p.html", "a/q", "a/skipped/s", "file-link"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_the_check_cannot_read_stops_the_build(tmp_path: Path, jobs: int) -> None:
    """A link to nothing (or a folder that cannot be listed) is not passed over: the build stops,
    naming it, and publishes nothing."""
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    (tmp_path / "m0").mkdir()
    (tmp_path / "m0" / "index.html").write_text("<p>会議</p>", encoding="utf-8")
    (tmp_path / "m0" / "gone.html").symlink_to(tmp_path / "nowhere.html")
    with leakcheck.LeakCheck(tmp_path, secrets, "site", jobs) as check:
        with pytest.raises(BuildFailure, match="gone.html"):
            check.leaks()


def test_only_the_bundles_files_are_compared_with_their_namesakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind's scripts are the same in every bundle: such a copy is read once and takes its twin's
    result; pages of the same name and size elsewhere are each read (their bytes differ)."""
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    for bundle in ("pagefind", "pagefind/2019"):
        (tmp_path / bundle).mkdir(parents=True)
        (tmp_path / bundle / "pagefind.js").write_text("// 鷲尾環", encoding="utf-8")
    for page in ("a", "b"):
        (tmp_path / page).mkdir()
        (tmp_path / page / "index.html").write_text(f"<p>{page}</p>", encoding="utf-8")
    read: list[str] = []
    real = leakcheck.verifymemo.digest
    monkeypatch.setattr(leakcheck.verifymemo, "digest", lambda data: read.append(data) or real(data))
    with leakcheck.LeakCheck(tmp_path, secrets, "site", 1) as check:
        check.start()
        leaks = check.leaks()
    assert sorted(leak.path for leak in leaks) == ["site/pagefind/2019/pagefind.js", "site/pagefind/pagefind.js"]
    assert read.count("// 鷲尾環".encode()) == 3  # each compared, then the first checked: the twin is not
    assert read.count(b"<p>a</p>") == 1 and read.count(b"<p>b</p>") == 1


def test_verify_reports_every_file_without_the_text(tmp_path: Path) -> None:
    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "pagefind" / "fragment" / "ja_1.pf_fragment").write_bytes(
        gzip.compress(b"pagefind_dcd" + "請求者は鷲\u200b尾\u200b環".encode()))
    (tmp_path / "index.html").write_text("<p>鷲尾&#x3000;環</p>", encoding="utf-8")
    (tmp_path / "clean.html").write_text("<p>Ａ氏</p>", encoding="utf-8")
    leaks = verify(tmp_path, {"鷲尾環": Secret("c/m", "personal", "inline")})
    assert [leak.path for leak in leaks] == ["site/index.html", "site/pagefind/fragment/ja_1.pf_fragment"]
    assert {leak.message for leak in leaks} == {
        "withheld personal text of c/m (inline) appears in this public file; the build was stopped"}


def test_verify_without_secrets(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("鷲尾環", encoding="utf-8")
    assert verify(tmp_path, {}) == []


@given(st.text())
def test_a_token_stream_reads_back_as_its_runs(text: str) -> None:
    stream, count = searchtext.stream(text)
    assert searchtext.decode(stream) == "".join(f"{run} " for run in searchtext.runs(text))
    assert count == len(stream.split())


def test_what_is_not_a_token_is_read_as_it_is() -> None:
    assert searchtext.decode("0fmi zzzz 山田 0FMI 0fmi0rjk zzzy") == "会  山田  0FMI  0fmi0rjk  zzzy "


@given(st.text(st.sampled_from("%%%0123456789abcdefABCDEFgxyz/é山\x80 ")))
def test_percent_decoding_is_unquote(text: str) -> None:
    assert variants(text.encode())[-1] == urllib.parse.unquote(text)


def planted_site(root: Path) -> Path:
    (root / "pagefind").mkdir(parents=True)
    (root / "index.html").write_text("<p>Ａ氏の発言</p>", encoding="utf-8")
    (root / "pagefind" / "a.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd" + "鷲尾環".encode()))
    return root


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    scanned: list[int] = []
    original = leakcheck.readable
    monkeypatch.setattr(leakcheck, "readable", lambda data, scanner: scanned.append(len(data)) or original(data, scanner))
    return scanned


def test_the_memo_skips_files_found_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, memo = planted_site(tmp_path / "site"), tmp_path / "cache" / "verified"
    secrets = {"山田太郎": Secret("c/m", "personal", "inline")}
    scanned = counting_reads(monkeypatch)
    assert verify(site, secrets, memo=memo) == [] and len(scanned) == 2
    assert memo.stat().st_mode & 0o777 == 0o600
    (site / "new.html").write_text("<p>新しい頁</p>", encoding="utf-8")
    assert verify(site, secrets, memo=memo) == [] and len(scanned) == 3  # only the new file
    assert verify(site, secrets, memo=memo, jobs=2) == [] and len(scanned) == 3


def test_a_new_secret_is_searched_for_in_files_found_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, memo = planted_site(tmp_path / "site"), tmp_path / "verified"
    old = {"山田太郎": Secret("c/m", "personal", "inline")}
    assert verify(site, old, memo=memo) == []
    before = memo.read_bytes()
    leaks = verify(site, {**old, "鷲尾環": Secret("c/n", "personal", "inline")}, memo=memo)
    assert [(leak.path, leak.meeting) for leak in leaks] == [("site/pagefind/a.pf_fragment", "c/n")]
    assert memo.read_bytes() == before  # a run with a leak leaves the memo as it was


def test_a_corrupt_memo_means_scanning_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, memo = planted_site(tmp_path / "site"), tmp_path / "verified"
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    for garbage in [b"", b"{", b'{"files": "x", "secrets": []}', b'{"files": [1], "secrets": []}', b"\xff" * 9]:
        memo.write_bytes(garbage)
        scanned = counting_reads(monkeypatch)
        assert len(verify(site, secrets, memo=memo)) == 1 and len(scanned) == 2


@pytest.mark.parametrize("items, valid", [
    ([], True), (["0" * 64, "a" * 64], True), (["A" * 64], False), (["0" * 63], False), (["0" * 65], False),
    (["0" * 63 + "g"], False), (["0" * 32, "0" * 96], False), ([1], False), (["0" * 64, None], False),
])
def test_a_memo_lists_sha256_digests_only(items: list[object], valid: bool) -> None:
    assert verifymemo._digests(items) is valid


def counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the check reads (in this process: one job)."""
    read: list[str] = []
    original = leakcheck._check
    monkeypatch.setattr(leakcheck, "_check", lambda path: read.append(Path(path).name) or original(path))
    return read


def test_a_file_found_again_with_its_stamp_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild links most of its files from the cache: a file of the last clean run with the same
    path, size, time and inode is what that run read, and is not read again; a write, a replacement
    or a new secret means reading; the pair index's texts are read every time (their short secrets
    are counted); a run that finds a leak leaves the stamps as they were."""
    site, memo = planted_site(tmp_path / "site"), tmp_path / "cache" / "verified"
    texts = site / "search" / "g" / "c0"
    texts.mkdir(parents=True)
    (texts / "t0-0").write_bytes(gzip.compress('["会議の記録"]'.encode(), mtime=0))
    secrets = {"山田太郎": Secret("c/m", "personal", "inline")}
    read = counting_checks(monkeypatch)
    assert verify(site, secrets, memo=memo) == [] and sorted(read) == ["a.pf_fragment", "index.html", "t0-0"]
    read.clear()
    assert verify(site, secrets, memo=memo) == [] and read == ["t0-0"]
    (site / "index.html").write_text("<p>Ｂ氏の発言</p>", encoding="utf-8")  # the same size, another time
    (site / "copy").write_bytes((site / "pagefind" / "a.pf_fragment").read_bytes())
    (site / "copy").replace(site / "pagefind" / "a.pf_fragment")  # the same bytes, another inode
    read.clear()
    assert verify(site, secrets, memo=memo) == [] and sorted(read) == ["a.pf_fragment", "index.html", "t0-0"]
    read.clear()
    assert verify(site, secrets, memo=memo) == [] and read == ["t0-0"]
    stamps = memo.with_name("verified-stamps").read_bytes()
    (site / "leak.html").write_text("<p>山田太郎</p>", encoding="utf-8")
    assert len(verify(site, secrets, memo=memo)) == 1
    assert memo.with_name("verified-stamps").read_bytes() == stamps
    (site / "leak.html").unlink()
    read.clear()
    more = {**secrets, "鷲尾環": Secret("c/n", "personal", "inline")}
    assert len(verify(site, more, memo=memo)) == 1 and sorted(read) == ["a.pf_fragment", "index.html", "t0-0"]


@pytest.mark.parametrize("damaged", [b"", b"not a pickle", ("0" * 64, "same"), [1, 2], ("CHECKER", {"index.html": (1, 2, 3)}),
                                     ("CHECKER", {"index.html": "x"}), ("CHECKER", {"index.html": ("1", 2, 3, "d")})])
def test_damaged_stamps_mean_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: object) -> None:
    site, memo = planted_site(tmp_path / "site"), tmp_path / "verified"
    secrets = {"山田太郎": Secret("c/m", "personal", "inline")}
    assert verify(site, secrets, memo=memo) == []
    stamps = memo.with_name("verified-stamps")
    checker, same = pickle.loads(stamps.read_bytes())
    if isinstance(damaged, tuple):  # made by this checker, or another; the stamps as they are, or damaged
        damaged = pickle.dumps((checker if damaged[0] == "CHECKER" else damaged[0], same if damaged[1] == "same" else damaged[1]))
    stamps.write_bytes(damaged if isinstance(damaged, bytes) else pickle.dumps(damaged))
    read = counting_checks(monkeypatch)
    assert verify(site, secrets, memo=memo) == [] and sorted(read) == ["a.pf_fragment", "index.html"]


def test_a_memo_of_another_checker_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, memo = planted_site(tmp_path / "site"), tmp_path / "verified"
    secrets = {"山田太郎": Secret("c/m", "personal", "inline")}
    assert verify(site, secrets, memo=memo) == []
    monkeypatch.setattr(leakcheck, "_checker", lambda: "0" * 64)  # the code of the check changed
    scanned = counting_reads(monkeypatch)
    assert verify(site, secrets, memo=memo) == [] and len(scanned) == 2
    assert verify(site, secrets, memo=memo) == [] and len(scanned) == 2  # the new memo is used


def test_the_memo_holds_no_withheld_text(tmp_path: Path) -> None:
    site, memo = planted_site(tmp_path / "site"), tmp_path / "verified"
    secrets = {"山田太郎": Secret("c/m", "personal", "inline"), "0312345678": Secret("c/m", "personal", "term")}
    assert verify(site, secrets, memo=memo) == []
    data = memo.read_bytes()
    stamps = memo.with_name("verified-stamps").read_bytes()
    for secret in secrets:
        for encoded in (secret.encode(), secret.encode("utf-16-le"), secret.encode("unicode_escape")):
            assert encoded not in data and encoded not in stamps
    assert set(json.loads(data)) == {"checker", "files", "secrets"}
    assert sorted(verifymemo.load_stamps(memo.with_name("verified-stamps"), leakcheck._checker())) == [
        "index.html", "pagefind/a.pf_fragment"]
    assert not list(memo.parent.glob(".verified*"))  # no temporary file left behind


def test_workers_find_what_one_process_finds(tmp_path: Path) -> None:
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline"), "山田太郎": Secret("c/n", "personal", "term")}
    for i in range(40):
        text = ["<p>Ａ氏</p>", "山<b>田</b>太郎", "%E9%B7%B2尾環", "鷲尾環と山田 太郎"][i % 4]
        (tmp_path / f"d{i % 3}").mkdir(exist_ok=True)
        (tmp_path / f"d{i % 3}" / f"{i}.html").write_text(text * (i + 1), encoding="utf-8")
    one = verify(tmp_path, secrets)
    assert len(one) == 40 and one == verify(tmp_path, secrets, jobs=2)


TRICKY = list("山田太郎ガカか\u3099ｶﾞ가\u1100\u1161ㄱㅏ㈱㍿株(式)会社aA1１ \u200b\u3000<>/b&#;x%E5B1B1\\u5c71\"") + [
    "&#23665;", "%E5%B1%B1", "\\u5c71", "<b>", "&amp;"]


@given(st.lists(st.text(st.sampled_from(TRICKY[:30]), min_size=2, max_size=4), min_size=1, max_size=4),
       st.lists(st.sampled_from(TRICKY), max_size=60), st.booleans())
def test_the_scanner_finds_what_a_plain_search_finds(keys: list[str], parts: list[str], record: bool) -> None:
    """Blocks, the ASCII automaton and the variants left out change nothing."""
    secrets = {key for key in map(normalize, keys) if len(key) >= 2}
    data = (b"pagefind_dcd" if record else b"") + "".join(parts).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(leakcheck, "BLOCK", 5)
        scanner = leakcheck.Scanner(secrets)
        assert set(scanner.found(readable(data, scanner))) == {key for key in secrets if key in readable(data)}


def test_a_character_that_composes_or_decomposes_into_a_secret_is_read(tmp_path: Path) -> None:
    for i, text in enumerate(["㈱", "㍿", "ｶﾞ", "か\u3099", "ㄱㅏ", "\u1100\u1161"]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    secrets = {key: Secret("c/m", "personal", "term") for key in ["(株)", "株式会社", "ガ", "が", "가"]}
    assert [leak.path for leak in verify(tmp_path, secrets)] == [f"site/{i}.txt" for i in range(6)]


def test_files_of_the_same_bytes_are_each_reported(tmp_path: Path) -> None:
    """Pagefind writes the same scripts into every bundle; each content is scanned once, every path reported."""
    for folder in ("pagefind", "pagefind/fy2020"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "pagefind-ui.js").write_text("var x = '鷲尾環';", encoding="utf-8")
    (tmp_path / "pagefind" / "copy.js").write_text("var x = '鷲尾環';", encoding="utf-8")
    (tmp_path / "pagefind" / "fy2020" / "copy.js").write_text("var y = '鷲尾環';", encoding="utf-8")
    secrets = {"鷲尾環": Secret("c/m", "personal", "inline")}
    want = ["site/pagefind/copy.js", "site/pagefind/fy2020/copy.js", "site/pagefind/fy2020/pagefind-ui.js",
            "site/pagefind/pagefind-ui.js"]
    for jobs in (1, 2):
        assert sorted(leak.path for leak in verify(tmp_path, secrets, jobs=jobs)) == want


def test_pagefind_cbor_is_read_as_its_strings_and_words() -> None:
    """An index file: CBOR strings, among them words of one token each (header byte ``d``)."""
    words = [searchtext.code(c) for c in "鷲尾"]
    data = gzip.compress(b"pagefind_dcd\x82\x83" + b"".join(b"d" + w.encode() + b"\x81\x01" for w in words)
                         + "x環境&amp;<b>%41".encode())
    found = variants(data)
    assert "鷲\ufffd尾" in found[-1] and "環境" in found[0]
    assert len(found) == 2  # no markup or URL readings of binary CBOR


RECORD_TEXT = list("山田太郎花子ガカアイウｶﾞabcAB12１２、。・ 髙高\u3000-") + ["田中", "ﾀﾛｳ"]


@given(st.lists(st.sampled_from(RECORD_TEXT), max_size=40),
       st.lists(st.lists(st.sampled_from(RECORD_TEXT), min_size=1, max_size=4).map("".join), min_size=1, max_size=4))
def test_a_records_tokens_reveal_what_their_text_reveals(parts: list[str], keys: list[str]) -> None:
    """Searching a record's tokens as they are finds what decoding them and searching the text finds."""
    content, _ = searchtext.stream("".join(parts))
    data = gzip.compress(b"pagefind_dcd" + json.dumps({"url": "m/", "content": content, "meta": {"t": "髙"}},
                                                      separators=(",", ":"), ensure_ascii=False).encode())
    secrets = {normalize(k) for k in keys} | {"".join(searchtext.runs(k)) for k in keys}
    scanner = leakcheck.Scanner({s for s in secrets if len(s) >= 2})
    assert leakcheck.record_tokens(data) is not None
    assert set(leakcheck.reveals(data, scanner)) == set(scanner.found(readable(data)))


def test_a_record_that_is_not_tokens_alone_is_read_whole() -> None:
    data = b"pagefind_dcd" + json.dumps({"content": "0fmi 0rjk \u9df2\u5c3e\u74b0"}).encode()
    assert leakcheck.record_tokens(data) is None
    assert leakcheck.reveals(data, leakcheck.Scanner(["鷲尾環"])) == ["鷲尾環"]


def test_a_memo_that_cannot_be_written_is_left_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from redaction import verifymemo

    memo = tmp_path / "verified"
    verifymemo.save(memo, "checker", ["a" * 64], ["b" * 64])
    before = memo.read_bytes()

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(verifymemo.os, "replace", full)
    verifymemo.save(memo, "checker", ["c" * 64], ["d" * 64])  # a full disk: no traceback, the build goes on
    assert memo.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verified"]  # no temporary file left


def _gz(value: object) -> bytes:
    return gzip.compress(json.dumps(value, ensure_ascii=False).encode(), mtime=0)


@pytest.mark.parametrize("text, leaks", [
    ("東村山市役所で開催。", []),  # the pair stands only inside a public word: the keys are no leak
    ("東村山市役所で開催。村山さんが述べた。", ["site/search/g/c0/t0-0"]),  # alone in the text: the text is reported
    ("本日開催。", ["site/search/g/c0/0", "site/search/g/k0"]),  # keys no text explains
])
def test_a_short_secret_among_the_pair_index_keys_is_judged_by_the_index_text(
        tmp_path: Path, text: str, leaks: list[str]) -> None:
    """The pair index's keys are pairs and triples without the text around them: a short secret
    (村山, public inside 東村山市) found there is judged where the chunk's text holds it."""
    g = tmp_path / "search" / "g"
    (g / "c0").mkdir(parents=True)
    (g / "c0" / "0").write_bytes(_gz({"東村": [0, 1, 0], "村山": [0, 1, 1], "山市": [0, 1, 2]}))
    (g / "k0").write_bytes(_gz({"東村山": [0], "村山": [0], "村山市": [0]}))
    (g / "c0" / "t0-0").write_bytes(_gz([text]))
    secret = Secret("privacy/2024-05-10", "personal", "inline", public=("東村山市",))
    assert sorted(leak.path for leak in verify(tmp_path, {"村山": secret})) == leaks


@pytest.mark.parametrize("secrets", [{}, {"鷲尾環": Secret("c/m", "personal", "inline")}])
def test_the_digests_of_the_check_are_those_of_the_manifest(tmp_path: Path, secrets: dict[str, Secret]) -> None:
    """The build's manifest takes each file's SHA-256 and size from the check, which read them all
    (with nothing to look for, it reads them for this)."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_text("<p>会議</p>", encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text("<p>会議</p>", encoding="utf-8")  # the same bytes twice
    (tmp_path / "data.json").write_bytes(b"{}")
    with leakcheck.LeakCheck(tmp_path, secrets, "site", 2) as check:
        check.start()
        (tmp_path / "late.txt").write_bytes(b"written after the start")
        digests = check.digests()
        assert check.leaks() == []
    assert {path: FileEntry(*entry) for path, entry in digests.items()} == files_of(tmp_path)
