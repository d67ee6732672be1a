"""Front matter written as YAML that a person can read and edit.

Keys in the spec's order; text plain where YAML reads it back unchanged,
else single-quoted (no backslash escapes, so ``\\{{`` stays as it is);
times double-quoted ``"18:30"``; the date plain ``2014-02-10``.
"""

from __future__ import annotations

from typing import Any

import yaml

from .record import escape_markup


def dump_front_matter(data: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in data.items():
        name = scalar(key)
        if isinstance(value, bool):
            lines.append(f"{name}: {'true' if value else 'false'}")
        elif isinstance(value, list):
            lines.append(f"{name}:" + ("" if value else " []"))
            lines += [f"  - {scalar(item)}" for item in value]
        elif key in ("start", "end"):
            lines.append(f'{name}: "{value}"')
        elif key == "date":
            lines.append(f"{name}: {value}")
        else:
            lines.append(f"{name}: {scalar(value)}")
    return "\n".join([*lines, "---", ""])


def scalar(text: str) -> str:
    text = escape_markup(text)
    if "\n" not in text and _reads_back(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _reads_back(text: str) -> bool:
    try:
        return yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        return False
