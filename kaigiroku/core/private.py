"""Where files that hold withheld text may go: never into a build, never into the content folder.

The redaction report (``report --csv``), the build cache and the preview hold withheld text. A folder
that holds an earlier build (``BUILD_MARK``) is one a person may copy to a web server whole, and the
content folder is committed and published from; a private file inside either is one ``rsync`` or a
``git push`` away from the public.
"""

from __future__ import annotations

from pathlib import Path

from .messages import say

BUILD_MARK = "search/pages.json"  # every public build writes it: a folder that holds it is a build


def is_build(folder: Path) -> bool:
    return (folder / BUILD_MARK).is_file()


def public_place(path: Path, content: Path | None = None) -> str:
    """Why ``path`` (a file or folder to be written) would be public: it lies inside an earlier build,
    or inside the content folder; "" if neither."""
    target = path.resolve()
    for folder in (target, *target.parents):
        if is_build(folder):
            return say("{folder} holds a built site", folder=folder)
    if content is not None:
        content = content.resolve()
        if target == content or content in target.parents:
            return say("it lies inside the content folder {folder}", folder=content)
    return ""
