"""Per-meeting pseudonyms (Ａ氏, Ｂ氏 …) in order of first appearance."""

from __future__ import annotations

from .normalize import normalize

LETTERS = "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
# When the source already follows the name with one of these, 氏 is not added.
HONORIFICS = ("氏", "さん", "様", "君", "殿", "委員", "会長", "議員", "ちゃん", "くん")


class Pseudonyms:
    def __init__(self) -> None:
        self._labels: dict[str, str] = {}

    def letter(self, text: str) -> str:
        key = normalize(text)
        if key not in self._labels:
            n = len(self._labels)
            self._labels[key] = LETTERS[n % 26] + (str(n // 26).translate(_WIDE) if n >= 26 else "")
        return self._labels[key]

    def label(self, text: str, following: str) -> str:
        """Ａ氏, or Ａ alone where the text is already followed by an honorific."""
        letter = self.letter(text)
        return letter if following.startswith(HONORIFICS) else letter + "氏"


_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
