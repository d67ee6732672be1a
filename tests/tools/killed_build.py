"""Run a build and SIGKILL it at a named point of the pipeline: a fault injected from outside.

usage: python tests/tools/killed_build.py POINT [build.py arguments...]

The production code has no test hooks; this runner patches the stages in
its own process, then calls ``build.main``. Points, in pipeline order:
writing (the first pages staged), indexed (search bundle written, not yet
verified), before-swap, after-swap (new site in place, old one not yet
removed), removing-old (the old build half deleted).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any, Callable, Mapping

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from kaigiroku.publish import swap as publish  # noqa: E402
from kaigiroku.render import writing as rendering  # noqa: E402


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def writing(real: Callable[[Path, Mapping[str, bytes]], None]) -> Callable[..., None]:
    def half(stage: Path, files: Mapping[str, bytes]) -> None:
        items = list(files.items())
        real(stage, dict(items[: len(items) // 2]))
        die()
    return half


def after(real: Callable[..., Any]) -> Callable[..., Any]:
    def call_then_die(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        die()
    return call_then_die


def removing_half(path: Any, ignore_errors: bool = False) -> None:
    files = sorted(p for p in Path(path).rglob("*") if p.is_file())
    for p in files[: len(files) // 2]:
        p.unlink()
    die()


def arm(point: str) -> None:
    if point == "writing":
        rendering.write_files = writing(rendering.write_files)
    elif point == "indexed":
        build.index_site = after(build.index_site)
    elif point == "before-swap":
        publish._exchange = lambda a, b: die()
    elif point == "after-swap":
        publish._exchange = after(publish._exchange)
    elif point == "removing-old":
        real = publish._exchange

        def exchange_then_remove_badly(a: Path, b: Path) -> bool:
            done = real(a, b)
            publish.remove_apart = removing_half  # the old build's removal
            return done
        publish._exchange = exchange_then_remove_badly
    else:
        raise SystemExit(f"unknown kill point {point!r}")


if __name__ == "__main__":
    arm(sys.argv[1])
    sys.exit(build.main(sys.argv[2:]))
