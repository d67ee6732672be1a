"""The receipts of publishing: ``content/_published.jsonl``, one hash-chained record per publish.

``python build.py publish`` appends, once the target holds the whole build::

    {"at": "2026-11-26T10:05:00+00:00", "by": "情報公開係 山田", "target": "www:/var/www/kaigiroku",
     "manifest": "<SHA-256 of the manifest now on the target>",
     "added": [...], "changed": [...], "removed": [...], "withdrawn": [...],
     "prev": "<digest of the record before>", "digest": "<SHA-256 of this record>"}

The lists hold paths of the site (``privacy/2014-02-10/index.html``);
``withdrawn`` those that showed text now withheld, or belonged to a meeting
taken down. No record holds withheld text. The chain is that of the
approvals (``kaigiroku.core.chain``): an edited or removed record stops
the next publish with its ``path:line:col``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kaigiroku.core.chain import Chain
from kaigiroku.core.messages import say, term

RECEIPTS = "_published.jsonl"
_LISTS = ("added", "changed", "removed", "withdrawn")
_TEXTS = ("at", "by", "target", "manifest")


@dataclass(frozen=True)
class Receipt:
    at: str
    by: str
    target: str
    manifest: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    withdrawn: tuple[str, ...]
    prev: str = ""
    digest: str = ""

    def fields(self) -> dict[str, Any]:
        """The record as written, without its place in the chain."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items() if k not in ("prev", "digest")}

    @classmethod
    def of(cls, data: dict[str, Any]) -> Receipt:
        return cls(**{k: tuple(v) if k in _LISTS else v for k, v in data.items()})


def _problem(data: dict[str, Any]) -> str:
    if (set(data) != {*_TEXTS, *_LISTS, "prev", "digest"} or not all(isinstance(data[k], str) for k in _TEXTS)
            or not all(isinstance(data[k], list) and all(isinstance(v, str) for v in data[k]) for k in _LISTS)):
        return say("a publish record holds exactly the text fields {texts}, prev, digest and the lists of paths {lists}",
                   texts=", ".join(_TEXTS), lists=", ".join(_LISTS))
    return ""


def _chain(content: Path) -> Chain:
    return Chain(content / RECEIPTS, term("publish records"), "`python build.py publish`", _problem)


def read_receipts(content: Path) -> list[Receipt]:
    """Every record, the chain verified (a broken chain is a content error naming the line)."""
    return [Receipt.of(record) for record in _chain(content).read()]


def record(content: Path, receipt: Receipt) -> Receipt:
    """Append ``receipt`` to the chain; the record as written."""
    chain = _chain(content)
    return Receipt.of(chain.append(chain.read(), receipt.fields()))


def now(zone: str = "Asia/Tokyo") -> str:
    """The time of a publish to the second, local to the site's time zone with its offset, as a clerk
    reads it (the clock is read here and for approvals only)."""
    return dt.datetime.now(zoneinfo.ZoneInfo(zone)).replace(microsecond=0).isoformat()


def listing(receipts: list[Receipt]) -> str:
    """The receipts for ``report --published``: one paragraph per publish, newest last."""
    if not receipts:
        return say("nothing has been published yet (no content/_published.jsonl)")
    blocks = []
    for r in receipts:
        lines = [say("{at}  {target}  by {by}  (manifest {manifest}, record {record})", at=r.at, target=r.target,
                     by=r.by, manifest=r.manifest[:12], record=r.digest[:12]),
                 "  " + say("added {added}, changed {changed}, removed {removed}, withdrawn {withdrawn}",
                            added=len(r.added), changed=len(r.changed), removed=len(r.removed),
                            withdrawn=len(r.withdrawn))]
        lines += ["  " + say("withdrawn: {path}", path=path) for path in r.withdrawn]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
