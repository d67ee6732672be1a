"""Edits of a meeting's front matter as a person would type them: an item added to or removed from the
list of a key (``allow_terms``, or a category under ``redact_terms``), in the style the list is
already written in (``[a, b]`` on one line, or ``- a`` items), with a comment line when asked.

Positions come from PyYAML's composed nodes, read from the front matter with every redaction marker
and ``\\{{`` escape blanked out (a marker may stand where YAML would read ``{`` as a mapping). The
caller checks the result by loading it again (``edits``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from kaigiroku.core.errors import ContentErrors
from kaigiroku.core.yamlfile import load_mapping

from .sourcetext import Change, EditRefused

Node = yaml.Node


@dataclass(frozen=True)
class Front:
    """The front matter of a file: where it stands in the text, and its composed mapping."""

    text: str  # the whole file's text, markers blanked (same length and lines as the file's text)
    start: int
    end: int  # start of the closing `---` line
    root: yaml.MappingNode | None
    data: dict[str, object]  # the values as loaded (a marker's characters blanked)

    @classmethod
    def read(cls, blanked: str, start: int, end: int) -> Front:
        try:
            root = yaml.compose(blanked[start:end], Loader=yaml.SafeLoader)
            data = load_mapping(blanked[start:end], "front matter").data
        except (yaml.YAMLError, ContentErrors):
            raise EditRefused("front matter を読めないため編集できません。先にファイルの誤りを直してください。") from None
        if root is not None and (not isinstance(root, yaml.MappingNode) or root.flow_style):
            raise EditRefused("front matter が `key: value` の行で書かれていないため、自動では編集できません。")
        return cls(blanked, start, end, root, data)

    def terms(self) -> dict[str, list[str]]:
        """``redact_terms`` as written: spelling of the category → its terms."""
        found = self.data.get("redact_terms")
        return {str(k): [str(t) for t in (v if isinstance(v, list) else [v])]
                for k, v in (found.items() if isinstance(found, dict) else ())}

    def but(self, key: str) -> dict[str, object]:
        """The values of every key but ``key``."""
        return {k: v for k, v in self.data.items() if k != key}

    def entries(self, found: tuple[Node, Node] | None) -> list[tuple[Node, Node]]:
        """The key and value nodes of the mapping value of ``found`` (none for any other value)."""
        return list(found[1].value) if found and isinstance(found[1], yaml.MappingNode) else []

    @staticmethod
    def items(value: Node) -> list[Node]:
        """The items of a list value; a single scalar value is a list of one."""
        return list(value.value) if isinstance(value, yaml.SequenceNode) else [value]

    def entry(self, key: str, mapping: yaml.MappingNode | None = None) -> tuple[Node, Node] | None:
        """The key and value nodes of ``key`` in ``mapping`` (the top level by default)."""
        for k, v in (mapping or self.root or yaml.MappingNode("", [])).value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
        return None

    def at(self, node: Node, end: bool = False) -> int:
        """Offset in the file's text of where ``node`` starts (or ends)."""
        return self.start + (node.end_mark if end else node.start_mark).index

    def last_end(self, node: Node) -> int:
        """Where the last text of ``node`` ends: a block list or mapping ends with its last item, not
        with the comments and blank lines that PyYAML counts in it."""
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            return self.last_end(node.value[-1])
        if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
            return self.last_end(node.value[-1][1])
        return self.at(node, end=True)

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line_after(self, offset: int) -> int:
        """Offset of the line after the one holding ``offset``."""
        at = self.text.find("\n", offset)
        return len(self.text) if at < 0 else at + 1

    def node_range(self, key: str, item: int | None = None) -> tuple[int, int] | None:
        """Where a value (or an item of a list value) stands: a scalar's text, quotes included."""
        found = self.entry(key)
        if found is None:
            return None
        node = found[1]
        if item is not None:
            if not isinstance(node, yaml.SequenceNode) or not 0 <= item < len(node.value):
                return None
            node = node.value[item]
        return (self.at(node), self.at(node, end=True)) if isinstance(node, yaml.ScalarNode) else None


def scalar(value: str, flow: bool) -> str:
    """``value`` as a YAML scalar that reads back as exactly this text: plain where it can be, else in
    double quotes (a date, a number, `yes`, or text with `:`, `#`, `,` …)."""
    probe = f"[{value}]" if flow else f"- {value}"
    try:
        plain = yaml.safe_load(probe) == [value]
    except yaml.YAMLError:
        plain = False
    return value if plain and "\n" not in value else json.dumps(value, ensure_ascii=False)


def add_item(front: Front, key: str, item: str, comment: str = "",
             mapping: tuple[Node, Node] | None = None) -> list[Change]:
    """Add ``item`` to the list of ``key`` (in ``mapping``, a key and its mapping value, or at the top
    level), with ``comment`` (a whole comment, ``# …``) on a line before it."""
    found = front.entry(key, mapping[1] if mapping else None)  # type: ignore[arg-type]
    if found is None:
        return _new_entry(front, key, item, comment, mapping)
    key_node, value = found
    above = [Change(front.line_start(front.at(key_node)), front.line_start(front.at(key_node)),
                    f"{comment}\n")] if comment else []
    if isinstance(value, yaml.SequenceNode) and value.flow_style:
        if value.value:
            return above + [Change(front.at(value.value[-1], end=True), front.at(value.value[-1], end=True),
                                   ", " + scalar(item, flow=True))]
        return above + [Change(front.at(value) + 1, front.at(value) + 1, scalar(item, flow=True))]
    if isinstance(value, yaml.SequenceNode):
        dash = " " * value.start_mark.column
        after = front.line_after(front.last_end(value) - 1)
        note = f"{dash}{comment}\n" if comment else ""
        return [Change(after, after, f"{note}{dash}- {scalar(item, flow=False)}\n")]
    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null") and value.value == "":
        colon = front.text.index(":", front.at(key_node, end=True)) + 1
        return above + [Change(colon, colon, f" [{scalar(item, flow=True)}]")]
    if isinstance(value, yaml.ScalarNode) and value.style in (None, "'", '"') and value.value:
        start, end = front.at(value), front.at(value, end=True)
        return above + [Change(start, end, f"[{front.text[start:end]}, {scalar(item, flow=True)}]")]
    raise EditRefused(f"`{key}` の書き方が自動編集に対応していないため、書き込みませんでした。ファイルを直接編集してください。")


def _new_entry(front: Front, key: str, item: str, comment: str, mapping: tuple[Node, Node] | None) -> list[Change]:
    line = f"{key}: [{scalar(item, flow=True)}]\n"
    if mapping is None:
        return [Change(front.end, front.end, (f"{comment}\n" if comment else "") + line)]
    parent_key, parent = mapping
    if isinstance(parent, yaml.MappingNode) and not parent.flow_style and parent.value:
        indent = " " * parent.value[0][0].start_mark.column
        after = front.line_after(front.last_end(parent) - 1)
        return [Change(after, after, indent + line)]
    if isinstance(parent, yaml.ScalarNode) and parent.tag.endswith(":null") and parent.value == "":
        after = front.line_after(front.at(parent_key))
        return [Change(after, after, "  " + line)]
    raise EditRefused(f"`{parent_key.value}` の書き方が自動編集に対応していないため、書き込みませんでした。ファイルを直接編集してください。")


def remove_item(front: Front, key_node: Node, value: Node, index: int,
                parent: tuple[Node, Node] | None = None) -> list[Change]:
    """Remove item ``index`` of a list value; the last item takes its key with it, and the last key of
    ``parent`` (``redact_terms``) takes the parent too."""
    items = front.items(value)
    if len(items) > 1:
        if value.flow_style:
            if index > 0:
                return [Change(front.at(items[index - 1], end=True), front.at(items[index], end=True), "")]
            return [Change(front.at(items[0]), front.at(items[1]), "")]
        node = items[index]
        return [Change(front.line_start(front.at(node)), front.line_after(front.last_end(node) - 1), "")]
    if parent is not None and isinstance(parent[1], yaml.MappingNode) and len(parent[1].value) == 1:
        key_node, value = parent
    return [Change(front.line_start(front.at(key_node)), front.line_after(front.last_end(value) - 1), "")]
