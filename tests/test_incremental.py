"""Incremental builds: the cache of the output folder (.cache/kaigiroku/ in the project) gives the bytes of a clean
build, does only the work an edit needs, never lets a public file or the cache's public entries
hold withheld text, and the leak check still sees the withheld text of every meeting."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from proof import build_in_process, generate_corpus, tree_digest, write_content

from kaigiroku.content import loading
from kaigiroku.core.cache import Cache, cache_root, open_cache
from kaigiroku.publish.builds import output_digest
from kaigiroku.render import pages as render_pages
from kaigiroku.render import people as people_module
from kaigiroku.render import writing as rendering

MEETING = """---
title: 令和5年度第{n}回情報公開運営審議会
date: 2023-0{n}-14
attendees:
  - 会長
---
(総務課長) 開示請求者である{{{{redact:personal|鷲尾環}}}}様あての通知書を誤って郵送しました。
(会長) 再発防止策を報告してください。第{n}回の議事です。
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("incremental") / "content", meetings=12, seed=11)


def counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    """Count the calls of ``module.name`` (the build runs with --jobs 1, so they happen here)."""
    calls: list[object] = []
    real = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args[0])
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, counted)
    return calls


def build(content: Path, out: Path, *extra: str) -> str:
    run = build_in_process("build", "--content", str(content), "--out", str(out), "--jobs", "1", "--quiet", *extra)
    assert run.code == 0, run.stderr
    return run.stdout


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def templates_rendered(monkeypatch: pytest.MonkeyPatch, content: Path, out: Path) -> list[str]:
    """Build ``content`` into ``out``: the layouts rendered, one name per page."""
    rendered: list[str] = []
    real = render_pages.Site.page
    monkeypatch.setattr(render_pages.Site, "page", lambda self, template, *a, **k: rendered.append(template)
                        or real(self, template, *a, **k))
    build(content, out)
    monkeypatch.undo()
    return rendered


def assert_as_clean(content: Path, site: Path, tmp_path: Path) -> None:
    """``site`` is byte for byte a build of ``content`` without the cache."""
    build(content, tmp_path / "clean", "--no-cache")
    assert tree_digest(site) == tree_digest(tmp_path / "clean")
    shutil.rmtree(tmp_path / "clean")


def test_an_edit_rebuilt_from_the_cache_is_byte_identical_to_a_clean_build(corpus: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    build(content, tmp_path / "site")
    append(sorted(content.glob("*/*.md"))[5], "\n（追記）一文を加えました。\n")
    build(content, tmp_path / "site")
    build(content, tmp_path / "clean", "--no-cache")
    a, b = tree_digest(tmp_path / "site"), tree_digest(tmp_path / "clean")
    assert any(p.startswith("pagefind/") for p in a)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    assert not cache_root(tmp_path / "clean").exists()  # --no-cache keeps nothing


def test_nothing_changed_means_nothing_done(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(corpus, tmp_path / "site")
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*")}
    redacted = counting(monkeypatch, loading, "_load_one")
    out = build(corpus, tmp_path / "site")
    assert "is up to date" in out and "12 meetings" in out
    assert redacted == []
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*")} == before


def test_the_output_remembered_from_the_leak_checks_stamps_is_the_output_on_disk(corpus: Path, tmp_path: Path) -> None:
    """A build remembers its output's listing from what the leak check stamped, not by walking it;
    the next build walks it: the two must agree, or nothing would ever be up to date."""
    build(corpus, tmp_path / "site")
    remembered = Cache(cache_root(tmp_path / "site")).last()["output"]
    assert remembered == output_digest(tmp_path / "site")
    (tmp_path / "site" / "robots.txt").write_text("changed", encoding="utf-8")
    assert remembered != output_digest(tmp_path / "site")


def test_a_changed_or_damaged_output_folder_is_built_again(corpus: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(corpus, site)
    expected = tree_digest(site)
    (site / "feed.xml").unlink()
    (site / "index.html").write_text("defaced", encoding="utf-8")
    assert "is up to date" not in build(corpus, site)
    assert tree_digest(site) == expected


def test_an_edit_redacts_and_renders_only_that_meeting(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    build(content, tmp_path / "site")
    edited = sorted(content.glob("*/*.md"))[3]
    append(edited, "\n（追記）本文だけを変えました。\n")
    redacted = counting(monkeypatch, loading, "_load_one")
    rendered = counting(monkeypatch, rendering, "_render_one")
    build(content, tmp_path / "site")
    assert [job[1] for job in redacted] == [edited]  # type: ignore[index]
    assert len(rendered) == 1  # its neighbours show only its title, which did not change


def test_a_speakers_page_is_rendered_again_only_when_what_it_shows_changed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A speaker's page is kept in the cache under everything it shows: an edit of another meeting
    renders no speaker's page; an edit of the start of one of their speeches renders theirs only;
    the site is a clean build's either way."""
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    build(content, tmp_path / "site")
    people = sorted((tmp_path / "site" / "hatsugensha").glob("*/index.html"))
    assert len(people) >= 2
    name = re.search(r"<h1>(.+)の発言</h1>", people[0].read_text(encoding="utf-8"))[1]
    files = sorted(content.glob("*/*.md"))
    spoken = next(f for f in files if f"\n（{name}" in f.read_text(encoding="utf-8"))
    silent = next(f for f in files if not re.search(r"^（\S+委員）", f.read_text(encoding="utf-8"), re.M))
    for edited, change, renders in ((silent, lambda t: t + "\n（追記）一文を加えました。\n", 0),
                                    (spoken, lambda t: t.replace(f"\n（{name}委員）", f"\n（{name}委員）（改）", 1), 1)):
        edited.write_text(change(edited.read_text(encoding="utf-8")), encoding="utf-8")
        assert templates_rendered(monkeypatch, content, tmp_path / "site").count("person.html") == renders
        assert_as_clean(content, tmp_path / "site", tmp_path)


def test_a_list_page_is_rendered_again_only_when_a_meeting_it_lists_changed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages that list meetings are kept in the cache under the digests of the meetings they
    list and the archive's shape: an edit of an old meeting's text renders its council's page and
    its fiscal year's again, not the others (nor the front page and the feed, which list the newest);
    a new council description renders every one; the site is a clean build's each time."""
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    build(content, tmp_path / "site")
    meetings = sorted(content.glob("*/*.md"), key=lambda f: f.stem)
    oldest = meetings[0]
    council = (content / oldest.parent.name / "_council.yaml")
    for change, expected in ((lambda: append(oldest, "\n（追記）本文だけを変えました。\n"),
                              {"council.html": 1, "year.html": 1}),
                             (lambda: council.write_text(re.sub(r"^description: ", "description: （改）",
                                                                council.read_text(encoding="utf-8"), flags=re.M),
                                                         encoding="utf-8"),
                              {"council.html": len(list(content.glob("*/_council.yaml"))), "index.html": 1})):
        change()
        rendered = templates_rendered(monkeypatch, content, tmp_path / "site")
        assert {t: rendered.count(t) for t in expected} == expected
        if "index.html" not in expected:
            assert rendered.count("index.html") == 0 and rendered.count("years.html") == 0
            assert rendered.count("year.html") + rendered.count("council.html") == 2
        assert_as_clean(content, tmp_path / "site", tmp_path)


def test_the_open_data_index_is_made_again_only_when_a_record_of_it_changed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """data/meetings.json and .csv are kept under their records: a word changed inside a speech
    leaves them as they were; a new title makes them again; the site is a clean build's each time."""
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    build(content, tmp_path / "site")
    edited = sorted(content.glob("*/*.md"))[2]
    text = edited.read_text(encoding="utf-8")
    body = text.index("\n---\n", 4) + 5
    word = re.search(r"[一-龥]{2}", text[body:])[0]
    for change, made in ((lambda t: t[:body] + t[body:].replace(word, word + "等", 1), 0),
                         (lambda t: t.replace("title: ", "title: （改）", 1), 1)):
        text = change(text)
        edited.write_text(text, encoding="utf-8")
        calls = counting(monkeypatch, render_pages, "to_csv")  # made for the index alone
        build(content, tmp_path / "site")
        monkeypatch.undo()
        assert len(calls) == made
        assert_as_clean(content, tmp_path / "site", tmp_path)


def test_the_speakers_pages_data_shows_every_field_in_its_repr() -> None:
    """The cache's key of a speaker's page is the ``repr`` of the person: every field must be in it."""
    for cls in (people_module.Person, people_module.Sitting, people_module.Spoken, people_module.Role):
        assert all(f.repr for f in dataclasses.fields(cls)) and dataclasses.is_dataclass(cls)
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_a_changed_title_renders_the_neighbours_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = write_content(tmp_path / "content", {f"2023-0{n}-14": MEETING.format(n=n) for n in (4, 5, 6)})
    build(content, tmp_path / "site")
    edited = content / "privacy" / "2023-05-14.md"  # between the other two
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: （改）", 1), encoding="utf-8")
    rendered = counting(monkeypatch, rendering, "_render_one")
    build(content, tmp_path / "site")
    assert len(rendered) == 3  # the meeting and the two pages whose pager shows its title


@pytest.mark.parametrize("change", ["layout", "policy"])
def test_a_layout_or_policy_change_does_everything_again(corpus: Path, tmp_path: Path, change: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import build as pipeline
    layouts, policy = tmp_path / "layouts", tmp_path / "policy.yaml"
    shutil.copytree(pipeline.LAYOUTS, layouts)
    shutil.copyfile(pipeline.DEFAULT_POLICY, policy)
    opts = pipeline.Options(content=corpus, out=tmp_path / "site", policy=policy, layouts=layouts, quiet=True)
    pipeline.build(opts)
    if change == "layout":
        append(layouts / "meeting.html", "{# a comment changes the layouts' digest #}\n")
    else:
        append(policy, "# a comment changes the policy's digest\n")
    redacted = counting(monkeypatch, loading, "_load_one")
    rendered = counting(monkeypatch, rendering, "_render_one")
    assert not pipeline.build(opts).up_to_date
    assert len(rendered) == 12
    assert len(redacted) == (12 if change == "policy" else 0)


def test_the_cache_keeps_withheld_text_only_in_private_entries(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {f"2023-0{n}-14": MEETING.format(n=n) for n in (4, 5)})
    build(content, tmp_path / "site")
    root = cache_root(tmp_path / "site")
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    secret = "鷲尾環".encode("utf-8")
    private = [p for p in (root / "withheld").rglob("*") if p.is_file()]
    assert private and all(secret in p.read_bytes() for p in private)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in private)
    public = [p for p in root.rglob("*") if p.is_file() and "withheld" not in p.relative_to(root).parts]
    assert public and not [p for p in public if secret in p.read_bytes()]


def test_a_new_meeting_that_leaks_a_cached_meetings_secret_is_stopped(tmp_path: Path) -> None:
    """The withheld text of a meeting taken from the cache still reaches the leak check."""
    content = write_content(tmp_path / "content", {"2023-04-14": MEETING.format(n=4)})
    build(content, tmp_path / "site")
    before = tree_digest(tmp_path / "site")
    (content / "privacy" / "2023-05-14.md").write_text(
        MEETING.format(n=5).replace("{{redact:personal|鷲尾環}}様", "鷲尾環"), encoding="utf-8")
    run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "site"), "--jobs", "1")
    assert run.code == 1
    assert "withheld personal text of privacy/2023-04-14" in run.stderr and "鷲尾環" not in run.stderr
    assert tree_digest(tmp_path / "site") == before


def test_a_meeting_with_findings_is_not_cached_and_stops_every_build(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {"2023-04-14": MEETING.format(n=4) + "小川隆氏からの相談です。\n"})
    for _ in range(2):
        run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "site"), "--jobs", "1")
        assert run.code == 1 and "possible" in run.stderr
    assert not list((cache_root(tmp_path / "site") / "meetings").rglob("*.pickle"))


def test_two_builds_of_one_output_folder_cannot_run_at_once(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {"2023-04-14": MEETING.format(n=4)})
    with open_cache(tmp_path / "site") as cache:
        assert cache is not None
        run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "site"))
    assert run.code == 1 and "another build of" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists()


def test_a_damaged_cache_entry_is_work_done_again(corpus: Path, tmp_path: Path) -> None:
    build(corpus, tmp_path / "site")
    expected = tree_digest(tmp_path / "site")
    root = cache_root(tmp_path / "site")
    for path in [*(root / "meetings").rglob("*.pickle"), *(root / "pages").rglob("*.pickle")][::3]:
        path.write_bytes(b"not a pickle")
    (root / "last.json").unlink()
    shutil.rmtree(tmp_path / "site")
    build(corpus, tmp_path / "site")
    assert tree_digest(tmp_path / "site") == expected
    assert sorted(os.listdir(tmp_path)) == ["site"]  # the cache is never beside the site


def test_a_published_file_edited_in_place_is_not_reused(corpus: Path, tmp_path: Path) -> None:
    """Published meeting pages are links to the cache's read-only files; writing into one through the
    link changes the cache's copy too, which the next build notices by its digest and renders again."""
    site = tmp_path / "site"
    build(corpus, site)
    expected = tree_digest(site)
    page = next(p for p in sorted(site.glob("*/*/index.html")))
    assert page.stat().st_nlink == 2 and not page.stat().st_mode & 0o222
    page.chmod(0o644)
    with page.open("r+b") as f:  # in place, as an editor that does not replace files would
        f.write(b"<!-- defaced -->")
    assert "is up to date" not in build(corpus, site)
    assert tree_digest(site) == expected


def test_a_cached_file_is_read_again_only_when_its_size_or_time_changed(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    sha = Cache(tmp_path / "cache").put_file(b"<p>page</p>", tmp_path / "one" / "index.html")
    first = Cache(tmp_path / "cache")
    assert first.link_file(sha, tmp_path / "two" / "index.html")  # no stamps kept yet: read
    first.remember({})
    reads: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    cache = Cache(tmp_path / "cache")
    assert cache.link_file(sha, tmp_path / "three" / "index.html") and sha not in reads
    os.utime(tmp_path / "three" / "index.html", ns=(1, 1))  # touched through a link: read again, still good
    assert cache.link_file(sha, tmp_path / "four" / "index.html") and reads.count(sha) == 1
    assert cache.link_file(sha, tmp_path / "five" / "index.html") and reads.count(sha) == 1
    assert (tmp_path / "five" / "index.html").read_bytes() == b"<p>page</p>"


def test_a_build_without_a_cache_is_kept_apart_from_another_build_too(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {"2023-04-14": MEETING.format(n=4)})
    with open_cache(tmp_path / "site", enabled=False) as cache:  # a --no-cache build holding site/
        assert cache is None
        for extra in ((), ("--no-cache",)):
            run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "site"), *extra)
            assert run.code == 1 and "another build of" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists()
    assert not cache_root(tmp_path / "site").exists()  # only the lock beside where the cache would be
