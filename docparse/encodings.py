"""Legacy Vietnamese encodings (TCVN3/ABC and VNI) and their detection.

Old documents typed with .VnTime (TCVN3) or VNI-Times fonts reach us as
Latin-1-looking mojibake ("Uû ban nh©n d©n", "UÛy ban nhaân daân"). We decide
which reading is right by the share of words that are valid Vietnamese
syllables, because byte statistics alone cannot tell these encodings apart.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN 5712:1993 (VN3): one byte per letter; upper-case toned letters come
# from a separate upper-case font and so share the lower-case codes.
_TCVN3_PAIRS = (
    "\xa1Ă \xa2Â \xa3Ê \xa4Ô \xa5Ơ \xa6Ư \xa7Đ \xa8ă \xa9â \xaaê \xabô \xacơ \xadư \xaeđ "
    "\xb5à \xb6ả \xb7ã \xb8á \xb9ạ \xbbằ \xbcẳ \xbdẵ \xbeắ \xc6ặ "
    "\xc7ầ \xc8ẩ \xc9ẫ \xcaấ \xcbậ \xccè \xceẻ \xcfẽ \xd0é \xd1ẹ "
    "\xd2ề \xd3ể \xd4ễ \xd5ế \xd6ệ \xd7ì \xd8ỉ \xdcĩ \xddí \xdeị "
    "\xdfò \xe1ỏ \xe2õ \xe3ó \xe4ọ \xe5ồ \xe6ổ \xe7ỗ \xe8ố \xe9ộ "
    "\xeaờ \xebở \xecỡ \xedớ \xeeợ \xefù \xf1ủ \xf2ũ \xf3ú \xf4ụ "
    "\xf5ừ \xf6ử \xf7ữ \xf8ứ \xf9ự \xfaỳ \xfbỷ \xfcỹ \xfdý \xfeỵ"
)
TCVN3_DECODE: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}
_TCVN3_ENCODE: dict[str, str] = {v: k for k, v in TCVN3_DECODE.items()}

# VNI-Windows: an ASCII base letter followed by one modifier byte.
_VNI_TONES_PLAIN = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_TONES_HAT = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_TONES_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _vni_table() -> dict[str, str]:
    """Unicode letter -> VNI byte sequence (as Latin-1 characters)."""
    table: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for upper in (False, True):

        def up(s: str, upper: bool = upper) -> str:
            return s.upper() if upper else s

        for tone in _TONES:
            for base in "aeouy":
                if tone:
                    if base == "y" and tone == "\u0323":
                        table[up(unicodedata.normalize("NFC", base + tone))] = up("î")
                    else:
                        letter = unicodedata.normalize("NFC", base + tone)
                        table[up(letter)] = up(base + _VNI_TONES_PLAIN[tone])
            if tone:
                table[up(unicodedata.normalize("NFC", "i" + tone))] = up(_VNI_I[tone])
            for base in "aeo":  # circumflex
                letter = unicodedata.normalize("NFC", base + "\u0302" + tone)
                table[up(letter)] = up(base + _VNI_TONES_HAT[tone])
            letter = unicodedata.normalize("NFC", "a\u0306" + tone)  # breve
            table[up(letter)] = up("a" + _VNI_TONES_BREVE[tone])
            for base, horn in (("o", "ô"), ("u", "ö")):  # horn letters are one byte
                letter = unicodedata.normalize("NFC", base + "\u031b" + tone)
                table[up(letter)] = up(horn + (_VNI_TONES_PLAIN[tone] if tone else ""))
    return table


_VNI_ENCODE = _vni_table()
_VNI_DECODE = {v: k for k, v in _VNI_ENCODE.items()}
# Literal alternatives, longest first: matching is linear, with no backtracking
# beyond three characters.
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))
_TCVN3_PATTERN = re.compile("[" + re.escape("".join(TCVN3_DECODE)) + "]")


def decode_tcvn3(text: str) -> str:
    """Convert TCVN3 text read as Latin-1 into Unicode NFC."""
    return unicodedata.normalize("NFC", _TCVN3_PATTERN.sub(lambda m: TCVN3_DECODE[m.group()], text))


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as Latin-1 characters (upper-case toned letters fold to lower)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ch.lower() in _TCVN3_ENCODE and ch.lower() != ch:
            out.append(_TCVN3_ENCODE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def decode_vni(text: str) -> str:
    """Convert VNI-Windows text read as Latin-1 into Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text))


def encode_vni(text: str) -> str:
    """Unicode -> VNI-Windows as Latin-1 characters."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


_VOWELS = "aăâeêioôơuưy"
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    rf"[{_VOWELS}]{{1,3}}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")


def _strip_tone(word: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
    kept = "".join(c for c in decomposed if c not in "\u0300\u0301\u0303\u0309\u0323")
    return unicodedata.normalize("NFC", kept), tones


def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable (one word, any case)."""
    base, tones = _strip_tone(word.lower())
    return tones <= 1 and _SYLLABLE.fullmatch(base) is not None


def syllable_share(text: str, limit: int = 4000) -> float:
    """Share of the words (of the first ``limit``) that are Vietnamese syllables."""
    words = _WORD.findall(text[:limit * 8])[:limit]
    if not words:
        return 0.0
    return sum(1 for w in words if is_syllable(w)) / len(words)


# Latin-1 characters that Vietnamese never uses but TCVN3/VNI mojibake is full of.
_LEGACY_HINT = re.compile("[\xa1-\xbf\xc4-\xc7\xcb\xce\xcf\xd0\xd1\xd6-\xd8\xdb\xdc\xde\xdf"
                          "\xe4-\xe7\xeb\xee\xef\xf0\xf1\xf6-\xf8\xfb\xfc\xfe\xff]")


def fix_legacy(text: str) -> str:
    """Return ``text`` converted from TCVN3 or VNI when that reads better.

    Unicode text is returned unchanged: conversion is tried only when the text
    holds Latin-1 letters and wins only by a clear margin.
    """
    hints = len(_LEGACY_HINT.findall(text[:20000]))
    if hints < 3:
        return text
    best, best_share = text, syllable_share(text)
    for decode in (decode_tcvn3, decode_vni):
        candidate = decode(text)
        share = syllable_share(candidate)
        if share > best_share + 0.1:
            best, best_share = candidate, share
    return best
