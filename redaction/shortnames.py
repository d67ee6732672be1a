"""The rule for withheld texts of one or two characters (林, 村山): where their repeats are
withheld and where the leak check looks for them.

One or two characters cannot be told from ordinary text everywhere: 林 stands in 森林 and 林業,
村山 in 東村山市. So:

- A text of **one** character is looked for together with what followed the mark: any honorific
  or role word (さん, 氏, 委員 …) when one did (``{{redact:person|林}}さん`` withholds 林さん, 林氏,
  林委員 … wherever they stand in the file, the word itself left in place), else the one
  character that followed it (``{{redact:corporate|Ａ}}社`` withholds Ａ社). The leak check looks
  for exactly those pairs. A term of one character (``redact_terms``) is withheld wherever it
  stands, as its writer asked, and looked for with each honorific or role word.
- A text of **two** characters is withheld and looked for everywhere, except inside a public word
  that holds it: the site's own names (``site.yaml``'s title, organization and description, the
  councils' names), the policy's ``allow`` list and the files' ``allow_terms``. 東村山市 stays;
  村山 standing anywhere else is withheld, and stops the build if it reaches a public file.
"""

from __future__ import annotations

from typing import Iterable

from .normalize import normalize
from .pseudonyms import HONORIFICS

SHORT = 2  # characters, normalised: a text this short follows the rules above


def context(following: str) -> tuple[str, ...]:
    """What the repeats of a one-character text must be followed by, given the text right after its
    mark: every honorific or role word, the next character, or nothing (no repeat is looked for)."""
    after = normalize(following[:24])
    if after.startswith(HONORIFICS):
        return HONORIFICS
    return (after[0],) if after else ()


def public_holding(key: str, public: Iterable[str]) -> tuple[str, ...]:
    """The public words (normalised) that hold a two-character ``key``, longer than it."""
    return tuple(sorted({w for w in map(normalize, public) if key in w and w != key}))


def inside_public(text: str, at: int, length: int, words: Iterable[str]) -> bool:
    """Whether ``text[at:at + length]`` stands inside an occurrence of one of the ``words``."""
    key = text[at:at + length]
    for word in words:
        offset = word.find(key)
        while offset >= 0:
            if text.startswith(word, at - offset) and at - offset >= 0:
                return True
            offset = word.find(key, offset + 1)
    return False


def keys_of(text: str, following: str | None) -> list[str]:
    """What the leak check looks for, for a withheld ``text`` that a mark followed by ``following``
    (None for a term): the text, or a one-character text with each word that may follow it."""
    key = normalize(text)
    if len(key) != 1:
        return [key]
    after = HONORIFICS if following is None else context(following)
    return [key + normalize(word) for word in after]
