"""Vietnamese text helpers shared by search, name matching and date writing."""

import datetime as dt
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics: "Nguyễn Đức" → "nguyen duc".

    Python-side folding keeps accent-insensitive search identical on SQLite and
    PostgreSQL (SQLite's LIKE and FTS5 do not fold "đ").
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.casefold().split())


def dmy(day: dt.date | None) -> str:
    """``day`` written as Vietnamese officials write it, dd/mm/yyyy ("" for no day)."""
    return day.strftime("%d/%m/%Y") if day else ""
