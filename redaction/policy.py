"""The redaction policy: legal bases, categories, allow list, detector settings."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import yaml

from kaigiroku.core.errors import ContentError, ContentErrors, display_path
from kaigiroku.core.messages import say
from kaigiroku.core.yamlfile import Position, load_mapping

DEFAULT_POLICY = Path(__file__).with_name("policy.yaml")
# The detectors a policy may set, in the order they run: ``redaction.detectors`` has one of each.
DETECTOR_NAMES = ("phone", "email", "postal_code", "address", "my_number", "account", "birth_date", "age",
                  "roster", "labelled_name", "honorific_name", "role_name")


@dataclass(frozen=True)
class Category:
    """One ground for withholding, e.g. 第6条第2号 個人情報."""

    key: str
    label: str
    basis: str  # the legal basis quoted to the public, e.g. 東村山市情報公開条例第6条第2号
    item: int | None = None
    short_label: str = ""
    aliases: tuple[str, ...] = ()
    pseudonyms: bool = False
    # Spellings that name this category *as a person's name* (`person`, `人名`): a text marked or
    # listed so is a person's name, which gets a pseudonym where the category has them (spec 3.5).
    person: tuple[str, ...] = ()

    @property
    def notice_label(self) -> str:
        return self.short_label or self.label

    @property
    def accessible_text(self) -> str:
        """The text a screen reader announces for an inline mark."""
        return f"非公開（{self.basis}：{self.label}）"

    @property
    def block_notice(self) -> str:
        return f"この部分は{self.basis}（{self.notice_label}）に該当するため非公開とします。"


@dataclass(frozen=True)
class DetectorSettings:
    """What the policy makes of one detector's hits. Unlisted detectors run and ask for review (fail closed)."""

    enabled: bool = True
    action: str = "review"  # redact: withhold under `category`; review: a finding that blocks publication
    category: str = "personal"


@dataclass(frozen=True)
class Policy:
    ordinance: str
    article: str
    categories: tuple[Category, ...]
    allow: tuple[str, ...] = ()
    detectors: dict[str, DetectorSettings] = field(default_factory=dict)
    source: str = ""
    roster: tuple[str, ...] = ()  # names of private persons, found wherever they occur
    officials: tuple[str, ...] = ()  # members and staff named in many meetings: public in their role
    # The site's own names (site.yaml, the councils), set by the content stage: a withheld text of two
    # characters inside one of them is left there, and is no leak there (``shortnames``).
    public: tuple[str, ...] = ()

    def detector(self, name: str) -> DetectorSettings:
        return self.detectors.get(name, DetectorSettings())

    def lookup(self, spelling: str) -> Category | None:
        """The category named by a key, item number (2, 2号, 第2号), label, alias or person spelling."""
        wanted = _fold(spelling)
        for category in self.categories:
            if wanted in _spellings(category):
                return category
        return None

    def names_a_person(self, spelling: str) -> bool:
        """Whether ``spelling`` is one of a category's person spellings (`person`, `人名`)."""
        wanted = _fold(spelling)
        return any(wanted in {_fold(p) for p in category.person} for category in self.categories)

    def category(self, key: str) -> Category:
        for category in self.categories:
            if category.key == key:
                return category
        raise KeyError(key)

    def spellings_hint(self) -> str:
        return ", ".join(c.key for c in self.categories)

    def nearest(self, spelling: str) -> str | None:
        """The spelling of a category nearest to a misspelt one (`persnal` → `personal`), if one is near."""
        spellings = sorted({s for c in self.categories for s in _spellings(c) if not s.isdigit()})
        found = difflib.get_close_matches(_fold(spelling), spellings, n=1, cutoff=0.7)
        return found[0] if found else None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _spellings(category: Category) -> set[str]:
    names = {category.key, category.label, *category.aliases}
    if category.short_label:
        names.add(category.short_label)
    if category.item is not None:
        names |= {str(category.item), f"{category.item}号", f"第{category.item}号"}
    return {_fold(n) for n in (*names, *category.person)}


_POLICY_KEYS = {"ordinance", "article", "categories", "allow", "detectors", "roster", "officials"}
_DETECTOR_KEYS = {"enabled", "action", "category"}
_ACTIONS = ("redact", "review")
_CATEGORY_KEYS = {"key", "item", "label", "short_label", "aliases", "pseudonyms", "basis", "person"}
# Where no category of a policy names its person spellings, `person` and `人名` name `personal`.
DEFAULT_PERSON = ("person", "人名")


def policy_bytes(path: Path) -> bytes:
    """The policy file's bytes, or a located error saying what to do."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ContentErrors([ContentError(display_path(path), 1, 1, say(
            "cannot read the policy: {problem}; give the policy file with --policy FILE", problem=exc.strerror))]) from None


def load_policy(path: Path = DEFAULT_POLICY) -> Policy:
    """Read and validate a policy file; every problem is reported with its position."""
    shown = display_path(path)
    try:
        text = policy_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentErrors([ContentError(shown, 1, 1, say("not UTF-8 text (byte {byte}); save the policy as UTF-8",
                                                           byte=exc.start))]) from None
    doc = load_mapping(text, shown)
    errors: list[ContentError] = []

    def err(pos: Any, message: str) -> None:
        errors.append(ContentError(shown, pos.line, pos.col, message))

    for key in doc.data:
        if key not in _POLICY_KEYS:
            err(doc.entries[key].key, say("unknown policy key `{key}`; expected one of {expected}", key=key,
                                          expected=", ".join(sorted(_POLICY_KEYS))))
    ordinance = str(doc.data.get("ordinance") or "")
    article = str(doc.data.get("article") or "")
    if not ordinance or not article:
        err(doc.start, say("the policy needs `ordinance` (e.g. 東村山市情報公開条例) and `article` (e.g. 第6条)"))
    categories: list[Category] = []
    raw_categories = doc.data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        err(doc.at("categories"), say("`categories` must be a non-empty list"))
        raw_categories = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(raw_categories):
        pos = doc.at("categories", i)
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str) or not raw.get("label"):
            err(pos, say("each category needs at least `key` and `label`"))
            continue
        unknown = sorted(set(raw) - _CATEGORY_KEYS)
        if unknown:
            err(pos, say("unknown category key `{key}`; expected one of {expected}", key=unknown[0],
                         expected=", ".join(sorted(_CATEGORY_KEYS))))
        item = raw.get("item")
        if item is not None and not isinstance(item, int):
            err(pos, say("`item` of category `{category}` must be a whole number", category=raw["key"]))
            item = None
        if item is None and not raw.get("basis"):
            err(pos, say("category `{category}` needs an `item` number or its own `basis`", category=raw["key"]))
        basis = str(raw.get("basis") or f"{ordinance}{article}第{item}号")
        category = Category(
            key=raw["key"],
            label=str(raw["label"]),
            basis=basis,
            item=item,
            short_label=str(raw.get("short_label") or ""),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()),
            pseudonyms=bool(raw.get("pseudonyms", False)),
            person=tuple(str(a) for a in raw.get("person") or ()),
        )
        for spelling in _spellings(category):
            if spelling in seen and seen[spelling] != category.key:
                err(pos, say("`{spelling}` names both `{one}` and `{other}`; make it unique", spelling=spelling,
                             one=seen[spelling], other=category.key))
            seen[spelling] = category.key
        categories.append(category)
    categories = _with_default_person(categories, seen)
    allow = _strings(doc.data, "allow", doc.at("allow"), err)
    roster = _strings(doc.data, "roster", doc.at("roster"), err)
    officials = _strings(doc.data, "officials", doc.at("officials"), err)
    detectors = _detector_settings(text, doc.data.get("detectors"), {c.key for c in categories},
                                   doc.at("detectors"), err)
    if errors:
        raise ContentErrors(errors)
    return Policy(ordinance, article, tuple(categories), allow, detectors, shown, roster, officials)


def _with_default_person(categories: list[Category], seen: dict[str, str]) -> list[Category]:
    """`person` / `人名` name the `personal` category where no category gives person spellings
    (and neither spelling names another category already)."""
    if any(c.person for c in categories) or any(_fold(s) in seen for s in DEFAULT_PERSON):
        return categories
    return [replace(c, person=DEFAULT_PERSON) if c.key == "personal" else c for c in categories]


def _strings(data: dict[str, Any], key: str, pos: Position, err: Callable[[Position, str], None]) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        err(pos, say("`{key}` must be a list of strings", key=key))
        return ()
    return tuple(str(v) for v in value)


def _detector_settings(text: str, raw: Any, category_keys: set[str], pos: Position,
                       err: Callable[[Position, str], None]) -> dict[str, DetectorSettings]:
    """The `detectors:` section: detector name → enabled, action, category; each problem at its line and column."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        err(pos, say("`detectors` must map a detector name to its settings, e.g. `phone: {action: redact}`"))
        return {}
    marks = _section_marks(text, "detectors")
    settings: dict[str, DetectorSettings] = {}
    for name, values in raw.items():
        where = marks.get((str(name),), pos)
        if name not in DETECTOR_NAMES:
            err(where, say("unknown detector `{name}`; expected one of {expected}", name=name,
                           expected=", ".join(DETECTOR_NAMES)))
            continue
        if not isinstance(values, dict):
            err(where, say("settings of detector `{name}` must be a mapping of enabled, action, category", name=name))
            continue

        def at(key: str) -> Position:
            return marks.get((name, key), where)

        for key in values:
            if key not in _DETECTOR_KEYS:
                err(at(str(key)), say("unknown key `{key}` of detector `{name}`; expected one of {expected}", key=key,
                                      name=name, expected=", ".join(sorted(_DETECTOR_KEYS))))
        chosen = DetectorSettings(**{k: v for k, v in values.items() if k in _DETECTOR_KEYS})
        if not isinstance(chosen.enabled, bool):
            err(at("enabled"), say("`enabled` of detector `{name}` must be true or false", name=name))
        if chosen.action not in _ACTIONS:
            err(at("action"), say("`action` of detector `{name}` must be `redact` or `review`, not `{action}`",
                                  name=name, action=chosen.action))
        if chosen.category not in category_keys:
            err(at("category"), say("`category` of detector `{name}` must be the key of a category, one of {keys}",
                                    name=name, keys=", ".join(sorted(category_keys))))
        settings[name] = chosen
    return settings


def _section_marks(text: str, section: str) -> dict[tuple[str, ...], Position]:
    """Positions of the keys of a two-level mapping under ``section``: (name,) and (name, key)."""
    marks: dict[tuple[str, ...], Position] = {}
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return marks
    for key_node, value_node in root.value:
        if key_node.value != section or not isinstance(value_node, yaml.MappingNode):
            continue
        for name_node, settings_node in value_node.value:
            marks[(name_node.value,)] = Position(name_node.start_mark.line + 1, name_node.start_mark.column + 1)
            if isinstance(settings_node, yaml.MappingNode):
                for k, _ in settings_node.value:
                    marks[(name_node.value, k.value)] = Position(k.start_mark.line + 1, k.start_mark.column + 1)
    return marks
