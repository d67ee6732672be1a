"""What an import did, as the lines the command prints: one entry per file, then the totals.

Each imported meeting lists the detectors' findings a person must decide
before it is published, as ``check`` does: the text shown on a terminal,
masked to its first character in a log.
"""

from __future__ import annotations

from collections import Counter

from kaigiroku.core.errors import display_path

from .importer import FileImport, ImportResult


def report_lines(result: ImportResult, reveal: bool) -> list[str]:
    lines: list[str] = []
    for item in result.files:
        lines += _entry(item, result.dry_run, reveal)
    made = "would create" if result.dry_run else "created"
    if result.site_file is not None:
        lines.append(f"{made} {display_path(result.site_file)}: set the city's title, organization and base_url in it")
    for council in result.council_files:
        lines.append(f"{made} {display_path(council)}: check the council's name and description")
    lines.append(_totals(result))
    return lines + _next(result)


def _next(result: ImportResult) -> list[str]:
    """The command to run next, for what this import left to do."""
    if result.dry_run or not any(item.status == "imported" for item in result.files):
        return []
    if any(item.findings for item in result.files):
        return ["next: decide each finding above in the files (or in `python build.py serve`), "
                "then run `python build.py check`"]
    return ["next: review the imported minutes in `python build.py serve`, then run `python build.py check`"]


def _entry(item: FileImport, dry_run: bool, reveal: bool) -> list[str]:
    source = display_path(item.source)
    if item.status == "refused":
        more = f" (and {len(item.errors) - 1} more error(s) above)" if len(item.errors) > 1 else ""
        return [f"refused   {source}: {item.errors[0].message}{more}"]
    if item.status == "skipped":
        return [f"skipped   {source}: {item.skipped}"]
    assert item.written is not None
    found = f"{item.front.get('date', '')} {item.front.get('title', '')}".strip()
    lines = [f"{'would import' if dry_run else 'imported'}  {source} → {display_path(item.written)}  ({found})"]
    if not item.findings:
        return lines + ["          no findings of the detectors; still review the file before approving it"]
    lines.append(f"          {len(item.findings)} finding(s) to decide: mark each with {{{{redact:…}}}} or add it to "
                 "allow_terms, then run `python build.py check`")
    return lines + [f"            {f.path}:{f.line}:{f.col}: {f.message(reveal)}"
                    for f in sorted(item.findings, key=lambda f: (f.line, f.col))]


def _totals(result: ImportResult) -> str:
    counts = Counter(item.status for item in result.files)
    findings = sum(len(item.findings) for item in result.files)
    total = (f"{len(result.files)} file(s): {counts['imported']} {'to import' if result.dry_run else 'imported'}, "
             f"{counts['skipped']} skipped, {counts['refused']} refused; {findings} finding(s) to decide")
    if result.dry_run:
        total += "; dry run: nothing was written"
    if not counts["imported"] and not counts["refused"] and counts["skipped"]:
        total += "\nnothing to import: every file was imported before or is not a record"
    return total
