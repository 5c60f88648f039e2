"""Name normalisation and the folded keys that make Latin transliterations meet.

Dari and Pashto names reach English in many spellings (Massoud, Masood, Mas'ud; Hekmatyar,
Hikmatyar). Vowels and doubled letters are where they differ most, so the skeleton key drops
vowels after the first letter and collapses doubled letters, after folding digraphs that
transliterations use interchangeably.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A possessive is the name's own word: Massoud's is Massoud, NRF's is NRF.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʻʼʽʾʿ"), None)
# 14,453 and 14453 are one number, 90% and 90 percent one share: both fold to the plain form.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NON_WORD = re.compile(r"[^\w]+|_")
# The same folding for ASCII text in one table: lower case, apostrophes dropped, other punctuation to spaces.
_ASCII_FOLD = {code: (None if chr(code) in "'`" else chr(code).lower() if chr(code).isalnum() else " ") for code in range(128)}
_ASCII_FOLD[ord("%")] = " percent "
# Connective particles (Mazar-i-Sharif, Hezb-e Islami, al-Qaeda) that spellings add or drop.
PARTICLES = frozenset({"i", "e", "a", "o", "u", "y", "al", "el", "ul", "ol", "ud", "ad"})
_DIGRAPHS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("ck", "k"), ("q", "k"), ("w", "v"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


def normalize(text: str) -> str:
    """Casefolded, accent-free, punctuation and hyphens as single spaces."""
    return " ".join(tokens(text))


def tokens(text: str) -> list[str]:
    """The words of normalize(text)."""
    if "," in text:
        text = _THOUSANDS.sub("", text)
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    if text.isascii():  # the common case, and most of a large table's index build: a faster path
        return text.translate(_ASCII_FOLD).split()
    decomposed = unicodedata.normalize("NFKD", text.replace("%", " percent "))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.translate(_APOSTROPHES).casefold()
    return _NON_WORD.sub(" ", folded).split()


@lru_cache(maxsize=65536)  # names repeat their words; an index build asks for the same few again and again
def skeleton(token: str) -> str:
    """The vowel- and double-folded key of one normalised token: masood, massoud -> msd."""
    if token.isdigit():
        return token
    for long, short in _DIGRAPHS:
        token = token.replace(long, short)
    token = _DOUBLES.sub(r"\1", token)
    if len(token) > 1:
        token = token[0] + _VOWELS.sub("", token[1:])
    return _DOUBLES.sub(r"\1", token)


def content_tokens(text: str) -> list[str]:
    """Tokens without connective particles, unless the text is nothing but particles."""
    words = tokens(text)
    kept = [w for w in words if w not in PARTICLES]
    return kept or words


def abbreviations(text: str) -> frozenset[str]:
    """The query's words written in capitals, two to five letters (FARA, ISAF, NRF), folded as tokens
    folds them: an abbreviation is asked for as itself, not as the start or another spelling of a word."""
    return frozenset(w.lower() for w in text.split() if 2 <= len(w) <= 5 and w.isalpha() and w.isupper())


def phrase_key(text: str) -> str:
    """Skeleton of a whole name: spellings of one name share it (Mazar-e Sharif, Mazar-i-Sharif)."""
    return " ".join(skeleton(w) for w in content_tokens(text))


# Titles and offices that sources put before a name (King Zahir Shah, Lieutenant General Boris
# Gromov, Defence Minister Shahnawaz Tanai) but that names and aliases leave out.
TITLES = frozenset(
    """king queen prince president vice acting general gen lieutenant lt colonel col major captain commander
    marshal admiral prime minister defence defense foreign interior secretary chairman senator ambassador
    dr doctor mr mrs ms sir sheikh shaikh mawlawi maulvi maulana mawlana ustad hazrat sardar professor prof governor
    representative rep sergeant sgt staff haji engineer eng""".split()
)
# English words a query may put around a name (the Taliban, the Lion of Panjshir): never a name on their own.
FUNCTION_WORDS = frozenset("the of and a an".split())
# Words that may follow a place's name (Helmand province, Panjshir valley) though its names leave them out.
PLACE_WORDS = frozenset("province city district valley town village region".split())


def without(words: list[str], dropped: frozenset[str]) -> list[str]:
    """The words not in `dropped`, or all of them when nothing else is left."""
    return [w for w in words if w not in dropped] or words


def without_titles(words: list[str]) -> list[str]:
    """The words after any leading titles, or all of them when nothing but titles is left."""
    start = 0
    while start < len(words) and words[start] in TITLES:
        start += 1
    return words[start:] or words
