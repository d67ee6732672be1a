"""Names of private persons the policy lists (`roster:`), found with one Aho-Corasick automaton.

Names are matched with the spec's rule (NFKC, white space ignored), so
山田　太郎 and 山田太郎 across a line break are found too.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import ahocorasick

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText, normalize
from .base import detection


class RosterDetector:
    name = "roster"
    kind = term("listed private person")

    def __init__(self, names: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for name in {normalize(n) for n in names} - {""}:
            self._automaton.add_word(name, len(name))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        if self._empty:
            return
        for end, length in self._automaton.iter(text.text):
            yield detection(text, end + 1 - length, end + 1, self.name)
