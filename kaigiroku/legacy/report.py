"""What an import did, as the lines the command prints: one entry per file, then the totals.

Each imported meeting lists the detectors' findings a person must decide
before it is published, as ``check`` does: the text shown on a terminal,
masked to its first character in a log.
"""

from __future__ import annotations

from collections import Counter

from kaigiroku.core.errors import display_path
from kaigiroku.core.messages import say, say_n

from .importer import FileImport, ImportResult


def report_lines(result: ImportResult, reveal: bool) -> list[str]:
    lines: list[str] = []
    for item in result.files:
        lines += _entry(item, result.dry_run, reveal)
    if result.site_file is not None:
        file = display_path(result.site_file)
        lines.append(say("would create {file}: set the city's title, organization and base_url in it", file=file)
                     if result.dry_run else
                     say("created {file}: set the city's title, organization and base_url in it", file=file))
    for council in result.council_files:
        file = display_path(council)
        lines.append(say("would create {file}: check the council's name and description", file=file) if result.dry_run
                     else say("created {file}: check the council's name and description", file=file))
    lines.append(_totals(result))
    return lines + _next(result)


def _next(result: ImportResult) -> list[str]:
    """The command to run next, for what this import left to do."""
    if result.dry_run or not any(item.status == "imported" for item in result.files):
        return []
    if any(item.findings for item in result.files):
        return [say("next: decide each finding above in the files (or in `python build.py serve`), then run "
                    "`python build.py check`")]
    return [say("next: review the imported minutes in `python build.py serve`, then run `python build.py check`")]


def _entry(item: FileImport, dry_run: bool, reveal: bool) -> list[str]:
    source = display_path(item.source)
    if item.status == "refused":
        if len(item.errors) > 1:
            return [say_n("refused   {file}: {message} (and {n} more error above)",
                          "refused   {file}: {message} (and {n} more errors above)", len(item.errors) - 1,
                          file=source, message=item.errors[0].message)]
        return [say("refused   {file}: {message}", file=source, message=item.errors[0].message)]
    if item.status == "skipped":
        return [say("skipped   {file}: {why}", file=source, why=item.skipped)]
    assert item.written is not None
    found = f"{item.front.get('date', '')} {item.front.get('title', '')}".strip()
    values = {"file": source, "written": display_path(item.written), "found": found}
    lines = [say("would import  {file} → {written}  ({found})", **values) if dry_run
             else say("imported  {file} → {written}  ({found})", **values)]
    if not item.findings:
        return lines + ["          " + say("no findings of the detectors; still review the file before approving it")]
    lines.append("          " + say_n("{n} finding to decide: mark it with {{redact:…}} or add it to allow_terms, then "
                                      "run `python build.py check`",
                                      "{n} findings to decide: mark each with {{redact:…}} or add it to allow_terms, "
                                      "then run `python build.py check`", len(item.findings)))
    return lines + [f"            {f.path}:{f.line}:{f.col}: {f.message(reveal)}"
                    for f in sorted(item.findings, key=lambda f: (f.line, f.col))]


def _totals(result: ImportResult) -> str:
    counts = Counter(item.status for item in result.files)
    findings = sum(len(item.findings) for item in result.files)
    values = {"files": say_n("{n} file", "{n} files", len(result.files)), "imported": counts["imported"],
              "skipped": counts["skipped"], "refused": counts["refused"],
              "findings": say_n("{n} finding to decide", "{n} findings to decide", findings)}
    if result.dry_run:
        total = say("{files}: {imported} to import, {skipped} skipped, {refused} refused; {findings}; dry run: "
                    "nothing was written", **values)
    else:
        total = say("{files}: {imported} imported, {skipped} skipped, {refused} refused; {findings}", **values)
    if not counts["imported"] and not counts["refused"] and counts["skipped"]:
        total += "\n" + say("nothing to import: every file was imported before or is not a record")
    return total
