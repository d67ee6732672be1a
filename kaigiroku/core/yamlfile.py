"""YAML loading that keeps the line and column of every key and value.

PyYAML's composed nodes carry ``start_mark``; this module keeps them so
that an unknown key or a bad value is reported as ``path:line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import ContentError, ContentErrors
from .messages import say


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Entry:
    """One key of a mapping, where it stands, and where its items stand."""

    key: Position
    value: Position
    items: list[Position] = field(default_factory=list)


@dataclass
class Located:
    """A mapping loaded from YAML, with the position of each of its keys."""

    data: dict[str, Any]
    entries: dict[str, Entry]
    start: Position

    def at(self, key: str, item: int | None = None) -> Position:
        entry = self.entries.get(key)
        if entry is None:
            return self.start
        if item is not None and item < len(entry.items):
            return entry.items[item]
        return entry.value


def _pos(mark: yaml.Mark, line_offset: int) -> Position:
    return Position(mark.line + 1 + line_offset, mark.column + 1)


class _Loader(yaml.SafeLoader):
    pass


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser where PyYAML was built with it: several times faster, the same positions."""


# Dates stay strings: the front matter schema parses them and reports errors.
_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_mapping(text: str, path: str, line_offset: int = 0) -> Located:
    """Load a YAML mapping; raise ``ContentError`` for syntax or shape errors.

    ``line_offset`` is added to every line so that front matter positions
    refer to the whole file. Text with an error is read again by PyYAML's
    own parser, whose messages are the ones documented and tested.
    """
    try:
        return _load(text, path, line_offset, _FastLoader)
    except ContentErrors:
        return _load(text, path, line_offset, _Loader)


def _load(text: str, path: str, line_offset: int, loader_class: type[yaml.SafeLoader]) -> Located:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ContentErrors([ContentError(path, line, col, say("control character U+{code} is not allowed in YAML; "
                                                               "delete it", code=f"{exc.character:04X}"))]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Located({}, {}, Position(1 + line_offset, 1))
        if not isinstance(node, yaml.MappingNode):
            p = _pos(node.start_mark, line_offset)
            raise ContentErrors([ContentError(path, p.line, p.col, say("expected a mapping of `key: value` lines here"))])
        _check_nodes(node, path, line_offset)
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            items = []
            if isinstance(value_node, (yaml.SequenceNode, yaml.MappingNode)):
                for item in value_node.value:
                    first = item[0] if isinstance(item, tuple) else item
                    items.append(_pos(first.start_mark, line_offset))
            entries[str(key)] = Entry(_pos(key_node.start_mark, line_offset), _pos(value_node.start_mark, line_offset), items)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentErrors([ContentError(path, line, col, say("invalid YAML: {problem}; check quoting and indentation",
                                                               problem=problem))]) from None
    except yaml.YAMLError as exc:
        raise ContentErrors([ContentError(path, 1 + line_offset, 1, say("invalid YAML: {problem}", problem=exc))]) from None
    finally:
        loader.dispose()
    return Located({str(k): v for k, v in data.items()}, entries, _pos(node.start_mark, line_offset))


def _check_nodes(root: yaml.Node, path: str, line_offset: int) -> None:
    """At every depth, keys are plain text and not repeated in their mapping (PyYAML keeps the last
    of two `personal:` lists under `redact_terms`, and the first list's names would be published),
    and no value is used twice through an alias (ten lines of aliases can stand for a billion values)."""
    def error(node: yaml.Node, message: str) -> ContentErrors:
        p = _pos(node.start_mark, line_offset)
        return ContentErrors([ContentError(path, p.line, p.col, message)])

    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise error(node, say("this value is used again through an alias (*name); write it out where it is needed"))
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise error(key_node, say("a key must be plain text, not a list or a mapping"))
                if key_node.value in keys:
                    raise error(key_node, say("duplicate key `{key}`: keep only one", key=key_node.value))
                keys.add(key_node.value)
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
