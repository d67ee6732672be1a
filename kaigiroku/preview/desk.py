"""The review desk: what the preview's pages ask `serve` to do, each an edit of a meeting file that a
person would have typed (``kaigiroku.content.edits``), or an approval.

An action names the meeting and the SHA-256 of the file's bytes its page was rendered from; it is
refused if the file changed since (the page then reloads: nothing is written over). Writes go to
the meeting files the preview lists and to the approvals file, inside the content folder, whole
(written under a temporary name and renamed); an approval is the command line's, which also keeps
the approved edition's source (``content/_approved/``). Every action is logged in ``content/_review.log``
(who, what, where, when; never the withheld text or a NOTE), and the last action of this `serve`
can be undone while the file is as the action left it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from kaigiroku.content.approvals import APPROVALS, approve_meeting, approved_copy
from kaigiroku.content.edits import (
    EditRefused,
    MeetingFile,
    change_marker,
    change_term,
    keep_public,
    locate,
    remove_marker,
    withhold_everywhere,
    withhold_here,
)
from kaigiroku.content.loading import SLUG
from kaigiroku.core.errors import CommandError, ContentErrors, display_path
from kaigiroku.core.files import write_atomic

from .edition import Preview

REVIEW_LOG = "_review.log"
ACTIONS = ("withhold", "allow", "change", "remove", "approve", "undo")


class Refused(Exception):
    """An action not done: an HTTP status and a message for the reviewer (Japanese)."""

    def __init__(self, status: int, message: str, reload: bool = False):
        super().__init__(message)
        self.status, self.message, self.reload = status, message, reload


@dataclass(frozen=True)
class Written:
    """A file an action wrote: its bytes before (None: it did not exist) and the SHA-256 of those it wrote."""

    path: Path
    before: bytes | None
    after: str


@dataclass(frozen=True)
class Done:
    """An action of this session that undo can revert."""

    files: tuple[Written, ...]  # a meeting file; or the approvals and the copy of the approved edition
    meeting: str
    action: str


def _sha(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data is not None else ""


class Desk:
    def __init__(self, preview: Preview, clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)):
        self.preview = preview
        self.clock = clock
        self.done: list[Done] = []

    @property
    def log(self) -> Path:
        return self.preview.content / REVIEW_LOG

    def act(self, request: Any) -> dict[str, Any]:
        """Do one action (the caller holds the preview's lock); raise ``Refused`` if it cannot be done."""
        if not isinstance(request, dict) or request.get("action") not in ACTIONS:
            raise Refused(400, "操作の種類がわかりません。")
        action = request["action"]
        by = _text(request, "by", 60)
        if not by.strip():
            raise Refused(400, "お名前を入れてください（操作の記録に残ります）。")
        if action == "undo":
            return self._undo(by)
        if self.preview.errors:
            raise Refused(409, "会議録などに誤りがあるため、直すまで操作できません。", reload=True)
        key = _text(request, "meeting", 200)
        path = self._meeting_file(key)
        if action == "approve":
            return self._approve(key, by)
        data = path.read_bytes()
        if _sha(data) != request.get("sha"):
            self.preview.update([path])  # so that the page, reloaded, shows the file as it is now
            raise Refused(409, "このページを表示したあとで、ファイルが変更されています。何も書き込まずに、ページを最新の内容で"
                               "開き直します。", reload=True)
        preview = self.preview
        try:
            f = MeetingFile.read(path, preview.councils[preview.paths[path]], preview.file_policy, preview.detectors, data)  # type: ignore[arg-type]
            new, line, col, message = self._edit(f, action, request)
        except EditRefused as exc:
            raise Refused(422, str(exc)) from None
        category = request.get("category") if action in ("withhold", "change") else ""
        self._write(path, data, new, key, action, by, line, col, category)
        return {"ok": True, "message": message, "version": preview.version}

    def _edit(self, f: MeetingFile, action: str, request: dict[str, Any]) -> tuple[bytes, int, int, str]:
        """The new bytes of the file, where the action was made, and what to tell the reviewer."""
        category = _text(request, "category", 100)
        label = f.policy.lookup(category).label if category and f.policy.lookup(category) else ""
        if action in ("withhold", "allow"):
            start, end = self._where(f, request)
            text = f.text[start:end]
            line, col = _position(f, start)
            if action == "allow":
                return keep_public(f, text, _text(request, "reason", 500)), line, col, f"「{text}」を公開のままにしました（allow_terms）。"
            if request.get("scope") == "meeting":
                return withhold_everywhere(f, text, category), line, col, \
                    f"「{text}」をこの会議録のすべての箇所で非公開にしました（{label}、redact_terms）。"
            return withhold_here(f, start, end, category, _text(request, "note", 500)), line, col, \
                f"「{text}」を非公開にしました（{label}）。"
        target = request.get("target")
        if not isinstance(target, dict):
            raise Refused(400, "変更する箇所がわかりません。")
        line, col, how = _number(target, "line"), _number(target, "col"), _text(target, "how", 40)
        text, current = _text(target, "text", 10000), _text(target, "category", 100)
        if how == "term":
            return change_term(f, current, text, category if action == "change" else None), line, col, \
                (f"「{text}」の区分を{label}に変えました。" if action == "change" else f"「{text}」を redact_terms から外しました。")
        if how.startswith("auto:") and action == "change":
            start = f.offset(line, col)
            if f.text[start:start + len(text)] != text:
                raise Refused(409, "ページとファイルの位置が合いません。ページを読み込み直してください。", reload=True)
            return withhold_here(f, start, start + len(text), category, _text(request, "note", 500)), line, col, \
                f"「{text}」を{label}として非公開にしました。"
        if how not in ("inline", "block"):
            raise Refused(422, "この非公開の箇所は、ここでは変更できません。元になった指定を変更してください。")
        if action == "change":
            note = request.get("note")
            return change_marker(f, line, col, category, note if isinstance(note, str) else None), line, col, \
                f"区分を{label}に変えました。"
        return remove_marker(f, line, col), line, col, "非公開の指定を外しました。"

    def _where(self, f: MeetingFile, request: dict[str, Any]) -> tuple[int, int]:
        """Where the text of a withhold or allow action stands: a finding's position, or a selection."""
        finding = request.get("finding")
        if isinstance(finding, dict):
            start, text = f.offset(_number(finding, "line"), _number(finding, "col")), _text(finding, "text", 10000)
            if not text or f.text[start:start + len(text)] != text:
                raise Refused(409, "指摘の位置がファイルと合いません。ページを読み込み直してください。", reload=True)
            return start, start + len(text)
        selection = request.get("selection")
        if not isinstance(selection, dict):
            raise Refused(400, "非公開にする文字がわかりません。")
        return locate(f, _text(selection, "region", 40), _text(selection, "text", 10000),
                      _number(selection, "nth"), _number(selection, "count"))

    def _meeting_file(self, key: str) -> Path:
        """The meeting file of ``council/slug``: a file the preview lists, inside the content folder."""
        council, _, slug = key.partition("/")
        path = self.preview.keys.get(key)
        if not (SLUG.match(council) and SLUG.match(slug)) or path is None:
            raise Refused(404, "この会議録のファイルが見つかりません。")
        if path.is_symlink() or not path.resolve().is_relative_to(self.preview.content) or not path.is_file():
            raise Refused(403, "content フォルダの中の会議録ファイルにだけ書き込めます。")
        return path

    def _approve(self, key: str, by: str) -> dict[str, Any]:
        preview = self.preview
        path, copy = preview.content / APPROVALS, approved_copy(preview.content, key)
        before = {p: p.read_bytes() if p.is_file() else None for p in (path, copy)}
        try:
            record, new = approve_meeting(preview.content, key, by, preview.policy, preview.detectors, self.clock())  # type: ignore[arg-type]
        except ContentErrors as exc:
            raise Refused(409, f"確認待ちの指摘が {len(exc.errors)} 件あるか、ファイルに誤りがあるため承認できません。"
                               "すべて判断してから承認してください。") from None
        except CommandError as exc:
            raise Refused(422, f"承認できません（{exc}）。") from None
        if not new:
            return {"ok": True, "message": f"この版はすでに承認されています（{record.by}）。", "version": preview.version}
        self.done.append(Done(tuple(Written(p, data, _sha(p.read_bytes() if p.is_file() else None))
                                    for p, data in before.items()), key, "approve"))
        self._record("approve", by, key, path, 0, 0, "", before[path], path.read_bytes())
        preview.update([path])
        return {"ok": True, "message": f"承認を記録しました（{record.by}）。", "version": preview.version}

    def _write(self, path: Path, before: bytes, after: bytes, key: str, action: str, by: str, line: int, col: int,
               category: object) -> None:
        if path.read_bytes() != before:  # an editor saved it while the edit was worked out
            raise Refused(409, "ファイルが変更されたため、書き込みませんでした。ページを開き直します。", reload=True)
        write_atomic(path, after, stat.S_IMODE(path.stat().st_mode))
        self.done.append(Done((Written(path, before, _sha(after)),), key, action))
        self._record(action, by, key, path, line, col, category if isinstance(category, str) else "", before, after)
        self.preview.update([path])

    def _undo(self, by: str) -> dict[str, Any]:
        if not self.done:
            raise Refused(409, "元に戻せる操作がありません（この serve を起動してからの操作だけを戻せます）。")
        last = self.done[-1]
        now = {w.path: w.path.read_bytes() if w.path.is_file() else None for w in last.files}
        if any(_sha(now[w.path]) != w.after for w in last.files):
            raise Refused(409, "最後の操作のあとでファイルが変更されているため、元に戻せません。ファイルを直接直してください。")
        for w in last.files:
            if w.before is None:
                w.path.unlink(missing_ok=True)
            else:
                write_atomic(w.path, w.before, stat.S_IMODE(w.path.stat().st_mode))
        self.done.pop()
        first = last.files[0]
        self._record("undo", by, last.meeting, first.path, 0, 0, last.action, now[first.path], first.before)
        self.preview.update([w.path for w in last.files])
        return {"ok": True, "message": "直前の操作を元に戻しました。", "version": self.preview.version}

    def _record(self, action: str, by: str, meeting: str, path: Path, line: int, col: int, what: str,
                before: bytes | None, after: bytes | None) -> None:
        """One line of the action log: who, what, where, when; digests of the file before and after."""
        entry = {"at": self.clock().astimezone(dt.timezone.utc).replace(microsecond=0).isoformat(), "by": by,
                 "action": action, "meeting": meeting, "file": display_path(path), "line": line, "col": col,
                 "category" if action != "undo" else "undone": what, "before": _sha(before), "after": _sha(after)}
        line_bytes = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line_bytes)
        finally:
            os.close(fd)


def _text(data: dict[str, Any], key: str, limit: int) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or len(value) > limit:
        raise Refused(400, "操作の内容が正しくありません。ページを読み込み直してください。")
    return value


def _number(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10_000_000:
        raise Refused(400, "操作の内容が正しくありません。ページを読み込み直してください。")
    return value


def _position(f: MeetingFile, offset: int) -> tuple[int, int]:
    line = f.text.count("\n", 0, offset) + 1
    return line, offset - (f.text.rfind("\n", 0, offset) + 1) + 1
