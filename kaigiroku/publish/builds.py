"""What a public build did, and whether the next one has anything to do.

After a build is published the cache remembers the digest of every input
(content, policy, layouts, code) and a digest of the names, sizes and
modification times of the files it published. A later build whose inputs
and output folder are both unchanged stops there: its result would be the
same bytes, already checked for leaks.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Mapping

from kaigiroku.core.cache import Cache, code_digest, digest, listing_digest, tree_digest
from kaigiroku.render.pages import OPEN_DATA_INDEX, Site
from redaction.policy import policy_bytes

from .receipt import RECEIPTS
from .swap import recover


@dataclass(frozen=True)
class Built:
    meetings: int
    withholdings: int
    drafts: tuple[str, ...]  # the meetings left out as drafts
    left_out: tuple[str, ...] = ()  # a line per meeting left out for want of approval
    up_to_date: bool = False  # nothing had changed: the output folder was left as it was
    work: tuple[int, int, int, int] = (0, 0, 0, 0)  # meeting pages rendered, reused; search bundles built, reused


def inputs(content: Path, files: Mapping[Path, str], policy: Path, layouts: Path) -> dict[str, str]:
    """The digest of each input of a build: ``files`` (the ``file_digests`` of ``content``) but the
    receipts of publishing, which no build reads; the policy, the layouts, this program's code."""
    receipts = content / RECEIPTS
    return {"content": listing_digest(content, {path: sha for path, sha in files.items() if path != receipts}),
            "policy": digest(policy_bytes(policy)), "layouts": tree_digest(layouts), "program": code_digest()}


def inputs_digest(parts: Mapping[str, str]) -> str:
    """One digest of ``inputs``: what the build cache is keyed by."""
    return digest(*(f"{k}\t{v}" for k, v in sorted(parts.items())))


def pages_digest(layouts: Path, site: Site) -> str:
    """Everything a meeting page depends on besides the meeting and its neighbours."""
    return digest(code_digest(), tree_digest(layouts), repr(site.archive.site))


def output_digest(out: Path, files: Mapping[str, tuple[int, int]] | None = None) -> str:
    """The names, sizes and modification times of the files in ``out`` (not their bytes); ``files``:
    those, by path relative to ``out``, where they are known (the leak check stamped every file)."""
    if files is None:
        files = {}
        for folder, _, found in os.walk(out):
            inside = os.path.relpath(folder, out).replace(os.sep, "/")
            for name in found:
                st = os.stat(os.path.join(folder, name), follow_symlinks=False)
                files[name if inside == "." else f"{inside}/{name}"] = st.st_size, st.st_mtime_ns
    return digest(*sorted(f"{path}\t{size}\t{time}" for path, (size, time) in files.items()))


def up_to_date(cache: Cache, inputs: str, out: Path) -> Built | None:
    """The last build's result if neither its inputs nor the files it published have changed
    (what an interrupted build left beside ``out`` is cleared first)."""
    recover(out.resolve())
    last = cache.last()
    if last.get("inputs") != inputs or not out.is_dir() or last.get("output") != output_digest(out):
        return None
    try:
        result = last["built"]
        return Built(result["meetings"], result["withholdings"], tuple(result["drafts"]), tuple(result["left_out"]),
                     up_to_date=True)  # and no work done
    except (KeyError, TypeError):
        return None


def remember(cache: Cache, inputs: str, out: Path, built: Built,
             files: Mapping[str, tuple[int, int]] | None = None) -> None:
    """After a publish: keep what ``up_to_date`` needs, and drop the entries this build did not use.
    ``files``: the size and modification time of every published file, where known (``output_digest``)."""
    cache.prune()
    cache.remember({"inputs": inputs, "output": output_digest(out, files), "built": asdict(built)})


def withdrawn(out: Path, keys: Iterable[str]) -> list[str]:
    """The meetings that the build now in ``out`` publishes and a build of ``keys`` would not (by the
    open data index of that build; none if ``out`` holds no build or no readable index)."""
    try:
        index = json.loads((out / OPEN_DATA_INDEX).read_text(encoding="utf-8"))
        before = {str(record["issueID"]) for record in index["meetings"]}
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return sorted(before - set(keys))
