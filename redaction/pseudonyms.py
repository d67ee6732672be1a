"""Per-meeting pseudonyms (Ａ氏, Ｂ氏 …) in order of first appearance."""

from __future__ import annotations

from .normalize import normalize

LETTERS = "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
# Honorifics and role words that follow a person's name. A withheld text followed by one of them
# is a person's name (spec 3.5), and its label is then Ａ alone, not Ａ氏.
HONORIFICS = ("氏", "さん", "様", "さま", "君", "殿", "委員", "副委員長", "会長", "副会長", "議員", "議長",
              "ちゃん", "くん", "先生")


def names_follow(following: str) -> bool:
    """Whether ``following``, the text right after a withheld text, opens with an honorific or role word."""
    return normalize(following[:12]).startswith(HONORIFICS)


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
        return letter if names_follow(following) else letter + "氏"


_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
