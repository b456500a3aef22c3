"""Organisation names in Vietnamese capitalisation (Nghị định 30/2020/NĐ-CP, Phụ lục II).

A header prints the issuing body in capitals ("SỞ GIÁO DỤC VÀ ĐÀO TẠO"). Written
out, an organisation's name capitalises the first letter of the word for its
type ("Sở", "Văn phòng", "Trung tâm") and of each word group that names its
function or field ("Giáo dục và Đào tạo", "Văn hóa, Thể thao và Du lịch"); an
administrative unit keeps its level word in lower case and its place name in
title case ("thị xã Đông Triều", "quận 9"). "Ủy ban nhân dân" and "Hội đồng nhân
dân" are written in sentence case, as the schema's issuer form does.
"""

from __future__ import annotations

import re

_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

# Old and new tone-mark placement: "uỷ" / "ủy", "hoá" / "hóa".
_OLD_TONES = (("uỷ", "ủy"), ("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
              ("uý", "úy"), ("uỳ", "ùy"), ("uỵ", "ụy"), ("uỹ", "ũy"))


def _key(word: str) -> str:
    """A word for matching: lower case, tone marks where the new spelling puts them."""
    low = word.lower()
    for old, new in _OLD_TONES:
        if old in low:
            low = low.replace(old, new)
    return low


# The word for the organisation's type, as written, longest first when matched.
_TYPES = (
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Mặt trận Tổ quốc", "Kho bạc Nhà nước", "Bảo hiểm xã hội", "Ngân hàng Nhà nước",
    "Bộ Chỉ huy", "Ban Chỉ huy", "Bộ Tư lệnh", "Văn phòng", "Trung tâm", "Chi cục", "Tổng cục",
    "Cục", "Sở", "Bộ", "Phòng", "Ban", "Công an", "Thanh tra", "Chi nhánh", "Ngân hàng",
    "Bệnh viện", "Trường", "Học viện", "Viện", "Đài", "Báo", "Hội", "Liên đoàn", "Đoàn",
    "Đội", "Tổ", "Hạt", "Trạm", "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Quỹ",
    "Tổng công ty", "Công ty", "Cảng vụ", "Ủy ban", "Hội đồng", "Tỉnh ủy", "Thành ủy",
    "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy",
)
_TYPE_KEYS = sorted(((_key(t).split(), t) for t in _TYPES), key=lambda x: -len(x[0]))
# Names written the same way wherever they stand.
_FIXED = {
    " ".join(_key(n).split()): n for n in (
        "Chính phủ", "Quốc hội", "Trung ương", "Nhà nước", "Việt Nam", "Tổ quốc", "Công Thương",
        "Mặt trận Tổ quốc Việt Nam", "Thủ tướng Chính phủ",
    )
}
_FIXED_KEYS = sorted((k.split() for k in _FIXED), key=len, reverse=True)
_ABBREVIATIONS = {"ubnd", "ubmttq", "tw"}  # abbreviations that hold a vowel
_VOWEL = re.compile(r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
_ADMIN = (("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("đặc", "khu"), ("huyện",),
          ("quận",), ("tỉnh",), ("xã",), ("phường",))
# An admin word that begins an ordinary word: "xã hội", "tỉnh ủy", "quận ủy".
_NOT_ADMIN_AFTER = {"hội", "ủy"}
# Party committees are named by their place: "Huyện ủy Sơn Dương".
_PLACE_TYPES = {"Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy"}
_GROUP_SEPARATORS = {"và", ",", "-", "–", "&"}
# Bodies named inside another's name: "Văn phòng Ủy ban nhân dân", "HĐND và UBND".
_NESTED = ("Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc")
_NESTED_KEYS = [_key(n).split() for n in _NESTED]


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _cap(word: str) -> str:
    low = word.lower()
    return low[:1].upper() + low[1:]


def _keep(word: str) -> bool:
    """An abbreviation ("PTNT", "UBND", "GD&ĐT") or a number keeps its printed form."""
    bare = word.strip(".,;:()")
    return (bare.lower() in _ABBREVIATIONS or any(c.isdigit() for c in bare) or "&" in bare
            or (bare.isalpha() and not _VOWEL.search(bare.lower())))


def _admin_at(folded: list[str], i: int) -> int:
    """Length of the admin-level word at ``i`` (0 when there is none)."""
    for words in _ADMIN:
        n = len(words)
        if tuple(folded[i:i + n]) == words:
            if i + n < len(folded) and folded[i + n] in _NOT_ADMIN_AFTER:
                return 0
            return n
    return 0


def _fixed_at(folded: list[str], i: int) -> str | None:
    for key in _FIXED_KEYS:
        if folded[i:i + len(key)] == key:
            return " ".join(key)
    return None


def _nested_at(folded: list[str], i: int) -> bool:
    return any(folded[i:i + len(k)] == k for k in _NESTED_KEYS)


def _tokens(text: str) -> list[str]:
    text = re.sub(r"\s*,\s*", " , ", text)
    text = re.sub(r"\s+([-–&])\s+", r" \1 ", text)
    return text.split()


def _join(tokens: list[str]) -> str:
    return re.sub(r"\s+,", ",", " ".join(tokens))


def _place(tokens: list[str], folded: list[str], i: int) -> tuple[list[str], int]:
    """An administrative unit from ``i``: level word in lower case, name title-cased."""
    n = _admin_at(folded, i)
    out = [t.lower() for t in tokens[i:i + n]]
    j = i + n
    while j < len(tokens):
        if folded[j] in (",", "và") or _admin_at(folded, j):
            break
        word = tokens[j]
        out.append(word if _keep(word) or word in "-–" else _cap(word))
        j += 1
    return out, j


def _org_type(folded: list[str], i: int) -> tuple[str, int] | None:
    for words, written in _TYPE_KEYS:
        if folded[i:i + len(words)] == words:
            return written, len(words)
    return None


def _fields(tokens: list[str], folded: list[str], i: int, end: int) -> list[str]:
    """Function/field words: each group's first word capitalised, the rest in lower case.

    "Quản lý dự án đầu tư xây dựng và phát triển quỹ đất" is one long function,
    not a list of fields, so its later groups stay in lower case.
    """
    groups: list[list[int]] = [[]]
    seps: list[str] = []
    for j in range(i, end):
        if tokens[j].lower() in _GROUP_SEPARATORS:
            seps.append(tokens[j].lower())
            groups.append([])
        else:
            groups[-1].append(j)
    listed = len(groups[0]) <= 3
    out: list[str] = []
    for g, idx in enumerate(groups):
        if g:
            out.append(seps[g - 1])
        k = 0
        while k < len(idx):
            j = idx[k]
            fixed = _fixed_at(folded, j)
            if fixed is not None and j + len(fixed.split()) <= end:
                out.append(_FIXED[fixed])
                k += len(fixed.split())
                continue
            word = tokens[j]
            if _keep(word):
                out.append(word)
            elif k == 0 and (g == 0 or listed):
                out.append(_cap(word))
            else:
                out.append(word.lower())
            k += 1
    return out


def org_case(name: str) -> str:
    """"SỞ GIÁO DỤC VÀ ĐÀO TẠO" -> "Sở Giáo dục và Đào tạo".

    A name already written in mixed case is returned as written; "UBND" is
    written out as "Ủy ban nhân dân".
    """
    name = re.sub(r"\s+", " ", name).strip()
    if not name or not _is_upper(name):
        return re.sub(r"\bUBND\b", "Ủy ban nhân dân", name)
    name = re.sub(r"\bUBND\b", "ỦY BAN NHÂN DÂN", name)
    name = re.sub(r"\bHĐND\b", "HỘI ĐỒNG NHÂN DÂN", name)
    tokens = _tokens(name)
    folded = [_key(t) for t in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        fixed = _fixed_at(folded, i)
        if fixed is not None:
            out.append(_FIXED[fixed])
            i += len(fixed.split())
            continue
        if _admin_at(folded, i) and not (out and out[-1] == "các"):
            words, i = _place(tokens, folded, i)
            out.extend(words)
            continue
        typed = _org_type(folded, i)
        if typed is not None and (not out or out[-1] in _GROUP_SEPARATORS or
                                  _nested_at(folded, i)):
            written, n = typed
            out.append(written)
            i += n
            if written in _PLACE_TYPES:
                while i < len(tokens) and tokens[i] not in _GROUP_SEPARATORS:
                    out.append(tokens[i] if _keep(tokens[i]) else _cap(tokens[i]))
                    i += 1
                continue
            end = i
            while end < len(tokens) and not _admin_at(folded, end) and \
                    not _nested_at(folded, end) and folded[end] != "các":
                end += 1
            while end > i and tokens[end - 1].lower() in _GROUP_SEPARATORS:
                end -= 1  # "HĐND và UBND": the "và" joins two bodies
            out.extend(_fields(tokens, folded, i, end))
            i = end
            continue
        if folded[i] == "các":
            # A collective ("các xã, thị trấn", "các khu công nghiệp") is in lower case.
            out.extend(w if _keep(w) else w.lower() for w in tokens[i:])
            break
        word = tokens[i]
        out.append(word if _keep(word) else word.lower())
        i += 1
    text = _join(out)
    return text[:1].upper() + text[1:]


def starts_with_org_type(name: str) -> bool:
    """True when ``name`` begins with the word for an organisation's type or an admin level
    ("TỔNG CỤC THỐNG KÊ", "Sở Y tế", "UBND", "TỈNH LÂM ĐỒNG"), so it can stand as a name."""
    name = re.sub(r"\bUBND\b", "ỦY BAN NHÂN DÂN", re.sub(r"\bHĐND\b", "HỘI ĐỒNG NHÂN DÂN", name))
    folded = [_key(t) for t in _tokens(name)]
    return bool(folded) and (_org_type(folded, 0) is not None or _admin_at(folded, 0) > 0)
