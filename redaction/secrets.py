"""What the leak check looks for, read again from the meeting files themselves.

The leak check must not trust what the redaction stage believed it withheld. So this module reads
each published meeting file's raw text with a reading of its own, simpler than the stage's and
sharing none of its code but the one normalisation: every inline marker's TEXT, wherever it
stands (front matter, body, inside a block), every withheld block with its markers read as
their TEXT, and every ``redact_terms`` string. One- and two-character texts follow
``shortnames``. ``build.py`` hands these to ``leakcheck.secrets_of`` together with the ledger
(which adds what the detectors withheld, in the body and the front matter alike, and the
pseudonymised names); what either names is looked for in every public file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol

import yaml

from .model import Withholding
from .policy import Policy
from .shortnames import keys_of
from .text import LineIndex

_OPEN = r"(?<!\\)\{\{(?:redact|非公開):"
MARK = re.compile(_OPEN + r"([^|{}\n]*)\|([^|\n]*?)(?:\|[^\n]*?)?\}\}")
BLOCK = re.compile(r"^[ \t]*" + _OPEN + r"([^|{}\n]*)\}\}[ \t]*\n(.*?)^[ \t]*\{\{/(?:redact|非公開)\}\}[ \t]*$",
                   re.M | re.S)
FRONT = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.M | re.S)


def withheld_in(raw: str, meeting: str, policy: Policy) -> list[Withholding]:
    """Every text the meeting file ``raw`` withholds by its markup and its terms, as ledger lines
    (a one-character text once with each word that may follow it)."""
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n")
    index = LineIndex(raw)
    found: list[Withholding] = []

    def add(how: str, spelling: str, text: str, at: int, following: str | None = None) -> None:
        category = policy.lookup(spelling)
        line, col = index.position(at)
        for key in keys_of(text, following) if how != "block" else [text]:
            found.append(Withholding(meeting, category.key if category else spelling.strip(), how, line, col, "", key))

    for m in MARK.finditer(raw):
        add("inline", m.group(1), m.group(2), m.start(2), raw[m.end():])
    for m in BLOCK.finditer(raw):
        add("block", m.group(1), MARK.sub(lambda inner: inner.group(2), m.group(2)), m.start(2))
    for spelling, term in _terms(raw):
        add("term", spelling, term, 0)
    return found


Read = tuple[list[Withholding], list[str]]  # what a file withholds, and its allow_terms
PRIVATE = "withheld"  # the build cache's kind of entries that may hold withheld text (owner only)


class Entries(Protocol):
    """The build cache (``kaigiroku.core.cache.Cache``), as far as this module uses it."""

    def load(self, kind: str, key: str) -> Any: ...

    def store(self, kind: str, key: str, value: Any) -> None: ...


def read_sources(files: Iterable[tuple[str, Path, str]], policy: Policy, cache: Entries | None = None) -> Read:
    """``withheld_in`` of every (meeting, path, key) and every ``allow_terms`` string of them. With the
    build ``cache``, a file whose ``key`` (the digest of all its meeting was made from: the file's bytes
    and path, its council, the policy, this code; "" for none) was read by an earlier build is taken
    from a private entry of it: a rebuild after one edit reads one file."""
    withheld: list[Withholding] = []
    allowed: list[str] = []
    for meeting, path, key in files:
        entry = f"{key}-sources"
        found = cache.load(PRIVATE, entry) if cache is not None and key else None
        if found is None:
            try:
                raw = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # the content stage has read it (or refused it) already
            found = (withheld_in(raw, meeting, policy), allow_terms_in(raw))
            if cache is not None and key:
                cache.store(PRIVATE, entry, found)
        withheld += found[0]
        allowed += found[1]
    return withheld, allowed


def allow_terms_in(raw: str) -> list[str]:
    """The file's ``allow_terms``: public words for ``shortnames``."""
    front = _front(raw)
    allowed = front.get("allow_terms") if isinstance(front, dict) else None
    return [t for t in allowed if isinstance(t, str)] if isinstance(allowed, list) else []


def _terms(raw: str) -> Iterator[tuple[str, str]]:
    front = _front(raw)
    terms = front.get("redact_terms") if isinstance(front, dict) else None
    if not isinstance(terms, dict):
        return
    for spelling, values in terms.items():
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                yield str(spelling), value


def _front(raw: str) -> Any:
    """The front matter as YAML reads it, its markers left out; None where it does not read (the
    redaction stage refuses such a file)."""
    m = FRONT.match(raw.removeprefix("\ufeff").replace("\r\n", "\n"))
    if not m or not ("redact_terms" in m.group(1) or "allow_terms" in m.group(1)):
        return None  # most files: nothing to read here, and YAML is slow to read
    try:
        return yaml.load(MARK.sub("", m.group(1)), Loader=_LOADER)
    except yaml.YAMLError:
        return None


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
