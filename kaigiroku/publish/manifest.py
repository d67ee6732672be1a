"""The build manifest, ``_manifest.json``: every file of a public build with its SHA-256 and size.

The build writes it into the staging folder once the search index is
written and before the leak check reads the last files, so the manifest
is checked like every other public file (it holds paths, digests, dates
and the archive's address, nothing else). It also names the build: the
digests of its inputs (the content, the policy, the layouts, this
program's code), the date of the newest input, whether approval was
required and which meetings it publishes. ``publish`` refuses a site whose
files no longer match it, and compares it with the manifest that the
target holds from its last publish. The file is deterministic: the same
inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from json.encoder import encode_basestring  # json.dumps(s, ensure_ascii=False) of one string
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from kaigiroku import __version__
from kaigiroku.content.approvals import read_approvals
from kaigiroku.content.model import Archive
from kaigiroku.core.errors import BuildFailure
from kaigiroku.core.messages import say, term

MANIFEST = "_manifest.json"
FORMAT = 1


class FileEntry(NamedTuple):  # a tuple: made 140,000 times in a build of 10,000 meetings
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    archive: str  # the site's base_url: which archive a folder holds
    inputs: dict[str, str]  # content, policy, layouts, program → SHA-256
    newest: str  # ISO date of the newest input: a meeting's date or an approval of a published meeting
    require_approval: bool
    meetings: tuple[str, ...]  # the meetings' folders, "privacy/2014-02-10/"
    files: dict[str, FileEntry]  # path → digest and size, the manifest itself left out
    version: str = __version__
    format: int = FORMAT
    raw: bytes = field(default=b"", compare=False, repr=False)  # the bytes it was read from or written as

    def to_bytes(self) -> bytes:
        data = {"format": self.format, "program": {"name": "kaigiroku", "version": self.version},
                "archive": self.archive, "inputs": self.inputs, "newest": self.newest,
                "require_approval": self.require_approval, "meetings": list(self.meetings), "files": _FILES}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        return text.replace(json.dumps(_FILES), _files_json(self.files), 1).encode("utf-8")

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.raw or self.to_bytes()).hexdigest()

    def with_file(self, path: str, data: bytes) -> Manifest:
        """The manifest with ``path`` holding ``data`` instead (the target's sitemap)."""
        files = {**self.files, path: FileEntry(hashlib.sha256(data).hexdigest(), len(data))}
        return replace(self, files=files, raw=b"")


_FILES = "\0files"  # where ``to_bytes`` puts the files, written apart: json's indenting encoder is slow


def _files_json(files: Mapping[str, FileEntry]) -> str:
    """``files`` as ``json.dumps(…, indent=1, sort_keys=True)`` writes them at the manifest's top level."""
    if not files:
        return "{}"
    return "{\n" + ",\n".join(f'  {encode_basestring(path)}: {{\n   "sha256": "{e.sha256}",\n'
                                f'   "size": {e.size}\n  }}' for path, e in sorted(files.items())) + "\n }"


def parse(data: bytes) -> Manifest:
    """A manifest from its bytes; ValueError (with what is wrong) if they are not one."""
    try:
        d = json.loads(data.decode("utf-8"))
        files = {str(path): FileEntry(str(e["sha256"]), int(e["size"])) for path, e in d["files"].items()}
        return Manifest(str(d["archive"]), {str(k): str(v) for k, v in d["inputs"].items()}, str(d["newest"]),
                        bool(d["require_approval"]), tuple(map(str, d["meetings"])), files,
                        str(d["program"]["version"]), int(d["format"]), raw=data)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(say("not a manifest of this program ({error}: {problem})", error=type(exc).__name__,
                             problem=exc)) from None


def newest_input(archive: Archive, content: Path) -> str:
    """The newest date among the published meetings and the approvals recorded for them."""
    keys = {m.key for m in archive.meetings}
    dates = [m.date.isoformat() for m in archive.meetings]
    dates += [a.at[:10] for a in read_approvals(content) if a.meeting in keys]
    return max(dates, default="")


def write_manifest(stage: Path, archive: Archive, inputs: Mapping[str, str], newest: str,
                   digests: Mapping[str, tuple[str, int]] | None = None) -> Manifest:
    """Describe every file of ``stage`` in ``stage/_manifest.json``; ``digests``: the SHA-256 and size of
    each file by its path in ``stage``, where they are known already (the leak check read every file)."""
    files = files_of(stage) if digests is None else {
        path: FileEntry(*entry) for path, entry in digests.items() if path != MANIFEST}
    manifest = Manifest(archive.site.base_url, dict(inputs), newest, archive.site.require_approval,
                        tuple(m.url for m in archive.meetings), files)
    data = manifest.to_bytes()
    try:
        (stage / MANIFEST).write_bytes(data)
    except OSError as exc:
        raise BuildFailure(say("cannot write the build: {problem} ({file}); free disk space or fix permissions, then "
                               "build again", problem=exc.strerror, file=MANIFEST)) from None
    return replace(manifest, raw=data)


def files_of(root: Path) -> dict[str, FileEntry]:
    """Every file below ``root`` but the manifest, by its path relative to ``root``."""
    found: dict[str, FileEntry] = {}
    for folder, names, files in os.walk(root):
        names.sort()
        inside = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in files:
            path = name if inside == "." else f"{inside}/{name}"
            if path != MANIFEST:
                found[path] = _entry(os.path.join(folder, name))
    return found


def _entry(path: str) -> FileEntry:
    """A file's digest and size (a path as a string: the index has tens of thousands of files)."""
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "sha256")
        return FileEntry(digest.hexdigest(), f.tell())


@dataclass(frozen=True)
class Mismatch:
    """How a folder differs from its manifest."""

    edited: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.edited or self.added or self.removed)

    def describe(self) -> str:
        parts = [say(what, n=len(paths), paths=_some(paths)) for what, paths in
                 ((term("{n} edited ({paths})"), self.edited), (term("{n} added ({paths})"), self.added),
                  (term("{n} removed ({paths})"), self.removed)) if paths]
        return ", ".join(parts)


def mismatch(root: Path, manifest: Manifest) -> Mismatch:
    actual = files_of(root)
    return Mismatch(tuple(sorted(p for p in actual.keys() & manifest.files.keys() if actual[p] != manifest.files[p])),
                    tuple(sorted(actual.keys() - manifest.files.keys())),
                    tuple(sorted(manifest.files.keys() - actual.keys())))


def _some(paths: Iterable[str], most: int = 3) -> str:
    paths = list(paths)
    shown = ", ".join(paths[:most])
    return say("{paths} and {n} more", paths=shown, n=len(paths) - most) if len(paths) > most else shown


def read_site_manifest(site: Path) -> Manifest:
    """The manifest of a built site, checked against its files: a site edited, added to or cut after
    its build is refused (exit 1)."""
    try:
        manifest = parse((site / MANIFEST).read_bytes())
    except FileNotFoundError:
        raise BuildFailure(say("{site}/ has no {file}: it is not a build of this version of the program (or not a "
                               "build at all); build it again, then publish", site=site, file=MANIFEST)) from None
    except OSError as exc:
        raise BuildFailure(say("cannot read {site}/{file}: {problem}", site=site, file=MANIFEST,
                               problem=exc.strerror)) from None
    except ValueError as exc:
        raise BuildFailure(say("{site}/{file} is {problem}; build again, then publish", site=site, file=MANIFEST,
                               problem=exc)) from None
    if problems := mismatch(site, manifest):
        raise BuildFailure(say("{site}/ does not match its manifest: {problems}; only a site exactly as built is "
                               "published: build again, then publish", site=site, problems=problems.describe()))
    return manifest

