"""Typed content errors, printed in one place as ``path:line:col: message``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem in one input file, with a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ContentErrors(Exception):
    """Raised by a stage that found one or more content errors."""

    def __init__(self, errors: list[ContentError]):
        super().__init__(f"{len(errors)} content error(s)")
        self.errors = sorted(errors)


class Findings(ContentErrors):
    """Findings of the detectors that a person must decide: they stop a build as errors do."""


class BuildFailure(Exception):
    """A build that cannot finish for a reason outside the content (disk, tools)."""


class CommandError(Exception):
    """A command that cannot do what was asked (a file exists, a meeting is unknown); exit 1."""


class UsageError(Exception):
    """Options that cannot be used together or on these folders (an output folder that would
    replace the content); exit 2, like a wrong option."""


def display_path(path: Path) -> str:
    """A path relative to the working directory where possible, else absolute."""
    try:
        return str(_real(path).relative_to(_real_folder(os.getcwd())))
    except ValueError:
        return str(path)


def _real(path: Path) -> Path:
    """``path.resolve()``, with the folders that hold many files resolved once."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    return _real_folder(os.path.abspath(path.parent)) / path.name


@lru_cache(maxsize=256)
def _real_folder(folder: str) -> Path:
    return Path(folder).resolve()
