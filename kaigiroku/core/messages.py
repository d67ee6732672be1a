"""The messages people read, in Japanese or English, from one catalogue.

A call site writes the English text, which is also the key of its Japanese
text in ``catalogue_ja`` (the same ``{name}`` placeholders)::

    say("unknown front matter key `{key}`", key=key)
    say_n("{n} meeting", "{n} meetings", n)

The language is chosen once per command (``speaking``, in ``build.main``):
``KAIGIROKU_LANG`` (``ja`` or ``en``) first, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: a value starting with ``ja`` or ``en``), else the
site's ``language`` in site.yaml, else Japanese. Worker processes forked by
the command inherit it. A placeholder is ``{name}`` in lower case; any other
brace (``{{redact:…}}``) is text. Withheld text is never a value: the call
sites pass positions, keys and counts, or a masked form.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from typing import Iterator

from .catalogue_ja import JAPANESE

LANGUAGES = ("ja", "en")
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)\}(?!\})")
_spoken: list[str] = []  # the languages chosen by the commands running in this process, innermost last


def language_of(setting: str | None) -> str | None:
    """``ja`` or ``en`` for a setting that names one (``ja_JP.UTF-8``, ``en``), else None."""
    text = (setting or "").strip().lower()
    return next((lang for lang in LANGUAGES if text.startswith(lang)), None)


def choose(site_language: str | None = None) -> str:
    """The language of the messages: ``KAIGIROKU_LANG``, the locale, the site's ``language``, Japanese."""
    chosen = language_of(os.environ.get("KAIGIROKU_LANG"))
    if chosen:
        return chosen
    locale = next((os.environ[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(var)), None)
    return language_of(locale) or language_of(site_language) or "ja"


def current() -> str:
    return _spoken[-1] if _spoken else choose()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Messages in ``language`` while a command runs (and in the workers it forks)."""
    _spoken.append(language)
    try:
        yield
    finally:
        _spoken.pop()


def fill(template: str, values: dict[str, object]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(), template)


def say(template: str, /, **values: object) -> str:
    """``template`` (English, the catalogue's key) in the current language, its placeholders filled."""
    return fill(JAPANESE.get(template, template) if current() == "ja" else template, values)


def say_n(singular: str, plural: str, n: int, /, **values: object) -> str:
    """A message about ``n`` things: English picks ``singular`` for 1, ``plural`` otherwise; Japanese
    has one form (with its counter, 件, 回 …), keyed by ``singular``. ``{n}`` is filled with ``n``."""
    if current() == "ja" and singular in JAPANESE:
        return fill(JAPANESE[singular], {"n": n, **values})
    return fill(singular if n == 1 else plural, {"n": n, **values})


def term(text: str) -> str:
    """A word kept in a table and said later (``say(kind)``): marks ``text`` for the catalogue."""
    return text
