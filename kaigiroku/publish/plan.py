"""What a publish changes on its target, in which order, and which pages it withdraws.

The plan compares the manifest the target holds (its last publish) with
the one to publish: files added, changed (other bytes) and removed. They
go in an order that keeps the site readable while it runs: new search
files and assets first (nothing links to them yet), then the changed ones
(the search's entry points now name files that are there), new pages, the
changed pages (they may link the new ones), the removals (no page links to
them any more), and the sitemap, feed and robots.txt last.

Withdrawals: a page already on the target that showed text the new build
withholds (a redaction added after publication) is found two ways from the
target's previous version of every file that changes or goes. Each is read
with the leak check's own reader (``redaction.leakcheck``) for the new
build's withheld strings: a name marked since, a term added, a sentence now
inside a block, in a page, a list, the feed, open data or a search file.
And a meeting page is compared with its new version (``hides_more``): text
that stood where the new page has a mark, or right beside one, is text now
withheld, even when it is only a part of a withheld string (鷲尾 widened to
鷲尾環 withholds 環). Every file of a meeting taken down is withdrawn too. The
list names paths only; the text is never printed or stored.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from redaction.leakcheck import Scanner, Secret, reveals

from .manifest import FileEntry

LAST = ("sitemap.xml", "feed.xml", "robots.txt")  # they list pages: once the pages are there
SITEMAP = "sitemap.xml"


def is_page(path: str) -> bool:
    """A document a reader or a search engine asks for by its address (not an asset or a search file)."""
    return path.endswith((".html", "meeting.json")) or path.startswith("data/")


@dataclass(frozen=True)
class Plan:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def steps(self) -> list[tuple[str, tuple[str, ...]]]:
        """(what, paths) in the order they are done; ``remove`` removes, every other step sends."""
        def part(paths: tuple[str, ...], page: bool) -> tuple[str, ...]:
            return tuple(p for p in paths if p not in LAST and is_page(p) == page)

        return [(what, paths) for what, paths in (
            ("new search files and assets", part(self.added, False)),
            ("changed search files and assets", part(self.changed, False)),
            ("new pages", part(self.added, True)),
            ("changed pages", part(self.changed, True)),
            ("remove", self.removed),
            ("sitemap, feed and robots.txt", tuple(p for p in (*self.added, *self.changed) if p in LAST)),
        ) if paths]


def diff(old: Mapping[str, FileEntry], new: Mapping[str, FileEntry], orphans: Iterable[str] = ()) -> Plan:
    """From the files ``old`` to ``new``; ``orphans``: files an interrupted publish may have left."""
    removed = (old.keys() - new.keys()) | (set(orphans) - new.keys())
    return Plan(tuple(sorted(new.keys() - old.keys())), tuple(sorted(p for p in new.keys() & old.keys() if new[p] != old[p])),
                tuple(sorted(removed)))


def url(path: str) -> str:
    """A file's address below the archive's: ``privacy/2014-02-10/`` for its index.html."""
    return path.removesuffix("index.html")


def withdrawn(previous: Mapping[str, bytes], current: Mapping[str, bytes], secrets: Mapping[str, Secret],
              meetings: Iterable[str], taken_down: Iterable[str], old_files: Iterable[str]) -> list[str]:
    """The paths whose ``previous`` bytes (the target's, of the files that change or go) reveal a string
    the new build withholds, the meeting pages whose ``current`` version hides more than their
    previous one, and every file below a meeting folder of ``taken_down``. A meeting's page and its
    open data show the same minutes: when one of them is withdrawn, every file of its folder is."""
    found = {path for path, data in current.items() if path in previous and hides_more(previous[path], data)}
    if secrets and previous:
        scanner = Scanner(secrets)
        found |= {path for path, data in previous.items() if path not in found and reveals(data, scanner)}
    folders = (*taken_down, *(m for m in meetings if any(path.startswith(m) for path in found)))
    return sorted(found | {path for path in old_files if folders and path.startswith(folders)})


_MARK = re.compile(r'<span class="redacted[ "][^>]*>(?:<span[^>]*>[^<]*</span>)*</span>'
                   r'|<div class="redacted-block"[^>]*>.*?</div>', re.S)  # redaction/operators.py
_BREAK = re.compile(r"</(?:p|li|h[1-6]|div|td|th|dd|dt|pre|blockquote)>|<br\s*/?>|。")
_TAG = re.compile(r"<[^>]*>")
_HIDDEN = "\ue000"  # a mark, as the comparison sees it


def _shown(page: bytes) -> list[str]:
    """A page's text as its readers see it, a mark as one character, cut into sentences."""
    text = _MARK.sub(_HIDDEN, page.decode("utf-8", "replace"))
    text = _BREAK.sub(lambda m: m[0] + "\n", text)
    return [line for line in (re.sub(r"\s+", "", html.unescape(_TAG.sub("", t))) for t in text.split("\n")) if line]


def hides_more(old: bytes, new: bytes) -> bool:
    """Whether text that ``old`` shows stands where ``new`` has a mark, or right beside one."""
    before, after = _shown(old), _shown(new)
    if not any(_HIDDEN in line for line in after):
        return False
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal" and _HIDDEN in "".join(after[j1:j2]) and _covered("".join(before[i1:i2]), "".join(after[j1:j2])):
            return True
    return False


def _covered(old: str, new: str) -> bool:
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("replace", "delete") and old[i1:i2].replace(_HIDDEN, "") and _HIDDEN in new[max(j1 - 1, 0):j2 + 1]:
            return True
    return False


_URL = re.compile(r"(<url><loc>)([^<]*)(</loc><lastmod>)([^<]*)(</lastmod></url>)")


def moved_lastmod(sitemap: bytes, base_url: str, moved: Mapping[str, str]) -> bytes:
    """The sitemap with the ``lastmod`` of each page of ``moved`` (path → ISO time of the publish that
    withdrew it) moved forward to that time; nothing else changes."""
    if not moved:
        return sitemap
    times = {base_url.rstrip("/") + "/" + url(path): at for path, at in moved.items()}

    def move(m: re.Match[str]) -> str:
        at = times.get(html.unescape(m[2]))
        if at is None or at[:10] < m[4][:10]:
            return m[0]
        return f"{m[1]}{m[2]}{m[3]}{at}{m[5]}"

    return _URL.sub(move, sitemap.decode("utf-8")).encode("utf-8")
