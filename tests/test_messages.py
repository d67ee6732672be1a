"""One message catalogue: every message of the code has its Japanese text, with the same placeholders,
and the catalogue holds nothing else; the errors of the converted packages are worded through it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator

import pytest

from kaigiroku.core import messages
from kaigiroku.core.catalogue_ja import JAPANESE
from kaigiroku.core.messages import PLACEHOLDER, choose, say, say_n, speaking
from redaction.detectors import FACTORIES
from redaction.model import Finding
from redaction.policy import Policy

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([ROOT / "build.py", *(ROOT / "kaigiroku").rglob("*.py"), *(ROOT / "redaction").rglob("*.py")])
# The packages whose errors and messages all go through the catalogue.
CONVERTED = [ROOT / "build.py", *(ROOT / "kaigiroku" / "content").glob("*.py"),
             *(ROOT / "kaigiroku/core" / name for name in ("yamlfile.py", "chain.py", "private.py", "progress.py")),
             *(ROOT / "redaction" / name for name in ("markup.py", "engine.py", "policy.py", "model.py")),
             ROOT / "kaigiroku/preview/livereload.py", ROOT / "kaigiroku/preview/server.py",
             *(ROOT / "kaigiroku" / "legacy").rglob("*.py"), *(ROOT / "kaigiroku" / "publish").glob("*.py")]
# Where each error (and the modules' own `err` helpers, the importer's notes.warn/error/fail) takes its message.
MESSAGE: dict[str, tuple[int, ...]] = {
    "ContentError": (3,), "CommandError": (0,), "UsageError": (0,), "BuildFailure": (0,), "ArgumentTypeError": (0,),
    "err": (1,), "error": (1, 2), "_error": (3,), "_broken": (4,), "PublishFailure": (0,), "warn": (2,), "fail": (2,),
    "DateError": (0,), "Note": (1,)}


def calls(path: Path) -> Iterator[ast.Call]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node


def name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def literal(node: ast.AST) -> str | None:
    """A string literal, or literals joined with + or written side by side."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left), literal(node.right)
        return left + right if left is not None and right is not None else None
    return None


def said() -> dict[str, list[tuple[str, ast.Call]]]:
    """Every template of the code: say's, say_n's (the singular; the plural too, under its own key
    prefixed with `plural:`) and term's, with where it is said."""
    found: dict[str, list[tuple[str, ast.Call]]] = {}
    for path in SOURCES:
        where = str(path.relative_to(ROOT))
        for call in calls(path):
            n = name(call)
            if n in ("say", "term", "say_n") and call.args and literal(call.args[0]) is not None:
                found.setdefault(literal(call.args[0]) or "", []).append((where, call))
            if n == "say_n" and len(call.args) > 1 and literal(call.args[1]) is not None:
                found.setdefault("plural:" + (literal(call.args[1]) or ""), []).append((where, call))
    return found


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def test_every_message_has_its_japanese_text_with_the_same_placeholders() -> None:
    templates = said()
    missing = sorted(t for t in templates if not t.startswith("plural:") and t not in JAPANESE)
    assert not missing, "no Japanese text for:\n" + "\n".join(missing)
    wrong = [t for t in templates if t in JAPANESE and placeholders(t) != placeholders(JAPANESE[t])]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_catalogue_holds_no_unused_text() -> None:
    unused = sorted(set(JAPANESE) - set(said()))
    assert not unused, "\n".join(unused)


def test_a_plural_has_the_placeholders_of_its_singular() -> None:
    for key, uses in said().items():
        for where, call in uses:
            if key.startswith("plural:"):
                singular = literal(call.args[0]) or ""
                assert placeholders(key.removeprefix("plural:")) == placeholders(singular), (where, key)
                assert "n" in placeholders(singular), (where, singular)


def test_every_placeholder_is_given_and_nothing_else() -> None:
    for key, uses in said().items():
        for where, call in uses:
            if key.startswith("plural:") or name(call) == "term" or any(k.arg is None for k in call.keywords):
                continue
            given = {k.arg for k in call.keywords} | ({"n"} if name(call) == "say_n" else set())
            assert given == placeholders(key), (where, call.lineno, key)


@pytest.mark.parametrize("path", CONVERTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_errors_of_a_converted_module_are_worded_in_the_catalogue(path: Path) -> None:
    """No error is raised with a text of its own: its message is said (say, say_n) or handed on."""
    for call in calls(path):
        for at in MESSAGE.get(name(call), ()):
            if len(call.args) > at and not any(isinstance(arg, ast.Starred) for arg in call.args[:at + 1]):
                message = call.args[at]
                assert not isinstance(message, ast.JoinedStr) and literal(message) is None, \
                    f"{path.relative_to(ROOT)}:{call.lineno}: a message outside the catalogue"


def test_every_detector_names_its_kind_in_both_languages(policy: Policy) -> None:
    for name, factory in FACTORIES.items():
        kind = factory(policy).kind
        assert kind in JAPANESE, name
        with speaking("ja"):
            assert Finding("m.md", 1, 1, kind, "山田", "").message().startswith(JAPANESE[kind])


def test_the_language_is_the_setting_then_the_locale_then_the_site(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("KAIGIROKU_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert choose(None) == "ja" and choose("en") == "en" and choose("ja-JP") == "ja" and choose("fr") == "ja"
    monkeypatch.setenv("LANG", "C.UTF-8")  # a locale that names neither: the site decides
    assert choose("en") == "en" and choose(None) == "ja"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert choose("ja") == "en"
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")  # LC_ALL before LANG
    assert choose("en") == "ja"
    monkeypatch.setenv("KAIGIROKU_LANG", "en")  # the setting before everything
    assert choose("ja") == "en"


def test_say_and_say_n_in_both_languages() -> None:
    with speaking("en"):
        assert say_n("{n} meeting", "{n} meetings", 1) == "1 meeting"
        assert say_n("{n} meeting", "{n} meetings", 2) == "2 meetings"
        assert say("error: {message}", message="{n} x") == "error: {n} x"  # a value is never filled again
    with speaking("ja"):
        assert say_n("{n} meeting", "{n} meetings", 1) == JAPANESE["{n} meeting"].replace("{n}", "1")
        assert say("a text the catalogue lacks") == "a text the catalogue lacks"
    assert messages.current() == "en"  # tests/conftest.py: KAIGIROKU_LANG=en


def test_marker_syntax_is_text_not_a_placeholder() -> None:
    with speaking("en"):
        assert say("{{redact:CATEGORY|TEXT}} and {{/redact}}") == "{{redact:CATEGORY|TEXT}} and {{/redact}}"
