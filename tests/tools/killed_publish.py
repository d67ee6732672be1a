"""Run a publish and SIGKILL it at a named point: a fault injected from outside.

usage: python tests/tools/killed_publish.py POINT [build.py arguments...]

The production code has no test hooks; this runner patches the publish
stage in its own process, then calls ``build.main``. Points: ``after-N``
(the Nth operation on the target done: the record of the publish under way
is the first, then each step of the plan, then the manifest), and
``before-receipt`` (the target holds the whole build and its manifest; the
receipt is not yet appended).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from kaigiroku.publish import deploy, target  # noqa: E402


def die(*_: Any, **__: Any) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)


def counted(real: Callable[..., Any], state: dict[str, int], n: int) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        state["done"] += 1
        if state["done"] == n:
            die()
        return result
    return call


def arm(point: str) -> None:
    if point == "before-receipt":
        deploy.record = die
    elif point.startswith("after-"):
        state = {"done": 0}
        n = int(point.removeprefix("after-"))
        for name in ("send", "remove"):
            setattr(target.Rsync, name, counted(getattr(target.Rsync, name), state, n))
    else:
        raise SystemExit(f"unknown kill point {point!r}")


if __name__ == "__main__":
    arm(sys.argv[1])
    sys.exit(build.main(sys.argv[2:]))
