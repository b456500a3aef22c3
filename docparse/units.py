"""Unit phrases: where a list of addressees ends, how it splits, titles removed.

A unit phrase is a noun phrase ("Sở Tài chính", "UBND các xã, thị trấn") that
ends where the action verb begins. Names use capitals ("Ban Quản lý", "Phòng
Quản lý đất đai"), predicates do not, so the verb search is case-sensitive.
"""

from __future__ import annotations

import re

_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"

_VERBS = (
    "chủ trì", "phối hợp", "chỉ đạo", "hướng dẫn", "khẩn trương", "thẩm định", "gửi",
    "tổ chức", "rà soát", "hoàn thành", "hoàn thiện", "hoàn chỉnh", "thực hiện", "báo cáo",
    "chịu trách nhiệm", "tham mưu", "xây dựng", "kiểm tra", "theo dõi", "đôn đốc",
    "tiếp nhận", "tiếp thu", "tiếp tục", "lập", "triển khai", "xử lý", "cập nhật",
    "nghiên cứu", "đề xuất", "trình", "có văn bản", "có ý kiến", "có báo cáo",
    "có trách nhiệm", "có kế hoạch", "có giải pháp", "tập trung", "chủ động", "quán triệt",
    "cần", "thường xuyên", "kịp thời", "nghiêm túc", "tăng cường", "đẩy mạnh", "đẩy nhanh",
    "xác định", "giải quyết", "bố trí", "ban hành", "phê duyệt", "tham gia", "đánh giá",
    "tuyên truyền", "nộp", "cung cấp", "tạo điều kiện", "vận hành", "nâng cấp", "đưa",
    "chấn chỉnh", "giải trình", "kiểm điểm", "bảo đảm", "đảm bảo", "phấn đấu", "tổng hợp",
    "căn cứ", "chuẩn bị", "duy trì", "sắp xếp", "giám sát", "kiểm soát", "hỗ trợ",
    "vận động", "tích cực", "sớm", "ngay", "thống kê", "trả lời", "lấy ý kiến",
    "khắc phục", "làm việc", "làm rõ", "điều chỉnh", "kiện toàn", "thành lập", "phổ biến",
    "thu hồi", "thanh toán", "tiếp tục", "nắm", "ra soát", "xem xét", "soát xét",
    "thông báo", "giao", "yêu cầu", "đề nghị", "làm", "để", "theo", "về việc",
    "là", "tổng", "định kỳ", "hằng", "hàng tháng", "hàng quý", "hàng năm",
)
_VERB_RE = re.compile(
    rf"(?<![{_LOWER}])(?:{'|'.join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True))})"
    rf"(?![{_LOWER}])"
)
# Compound nouns that contain a verb: "đầu tư xây dựng", "công tác phối hợp".
# Compound nouns that end in a verb: "đầu tư xây dựng", "công trình", "sự phối hợp".
_COMPOUNDS = (
    "đầu tư xây dựng", "công trình", "chương trình", "quy trình", "tờ trình", "lộ trình",
    "tiến trình", "quá trình", "công tác phối hợp", "sự phối hợp", "các tổ chức",
    "việc thực hiện", "Hệ thống theo dõi", "tổ chức", "Báo cáo", "kế hoạch", "sự chỉ đạo",
    "công tác chỉ đạo", "việc triển khai", "công tác tổ chức", "giao thông", "giao dịch",
    "bàn giao", "giao ban", "giao đất", "giao nhận", "được giao",
    # Names of fields that end in a verb: "Phòng Quản lý chất lượng công trình xây dựng".
    "công trình xây dựng", "vật liệu xây dựng", "kinh tế xây dựng", "quy hoạch xây dựng",
    "giám định xây dựng",
)

_HEADS = (
    "Sở", "Phòng", "Ban", "Chi cục", "Cục", "Tổng cục", "Văn phòng", "Trung tâm", "UBND",
    "Ủy ban", "Uỷ ban", "HĐND", "Hội đồng", "Công an", "Thanh tra", "Kho bạc", "Ngân hàng",
    "Bộ", "Chi nhánh", "Hội", "Đoàn", "Liên đoàn", "Bệnh viện", "Trường", "Viện", "Đài",
    "Báo", "Bảo hiểm", "Thuế", "Hải quan", "Đội", "Tổ", "Tòa án", "Tòa", "Mặt trận",
    "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Đảng ủy", "Quận ủy", "Bộ Chỉ huy", "Ban Quản lý",
    "Tổng Công ty", "Công ty", "Học viện", "Đại học", "Quỹ", "Cảng vụ", "Ủy ban nhân dân",
    "Hạt", "Trạm",
)
_TITLES = (
    "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Thủ trưởng", "Hiệu trưởng",
    "Trưởng", "Tổ trưởng", "Chánh", "Người đứng đầu", "Lãnh đạo", "Bí thư", "Tổng Giám đốc",
    "Chi cục trưởng", "Cục trưởng", "Trưởng phòng", "Trưởng ban", "Chánh Văn phòng",
    "Chánh Thanh tra", "Phó Chánh Văn phòng", "Chỉ huy trưởng", "Viện trưởng",
)
_ADMIN = ("thành phố", "thị xã", "thị trấn", "đặc khu", "huyện", "quận", "tỉnh", "xã", "phường")
_COLLECTIVE = re.compile(
    r"^[Cc]ác\s(?:cơ quan|đơn vị|sở|ban|ngành|phòng|xã|phường|thị trấn|huyện|quận|thị xã|"
    r"địa phương|trường|thôn|tổ|chủ đầu tư|doanh nghiệp|chi cục|trung tâm|hội|đoàn thể|"
    r"bệnh viện|trạm|hợp tác xã|ủy ban|tỉnh|thành phố|Sở|Phòng|Ban|Chi cục|Trung tâm|UBND|"
    r"bộ|Bộ|cơ sở|ấp|khu phố|bản|làng|tổ dân phố|nhà trường|ngân hàng|hộ)(?![\w])"
)
_HEAD_RE = re.compile(
    rf"^(?:{'|'.join(re.escape(h) for h in sorted(_HEADS + _TITLES, key=len, reverse=True))})"
    rf"(?![{_LOWER}])"
)
_LOWER_HEAD_RE = re.compile(
    r"^(?:phòng|sở|ban|trường|trung tâm|chi cục|văn phòng|"
    + "|".join(_ADMIN)
    + rf")\s[{_UPPER}0-9]"
)
_ADMIN_UNIT_RE = re.compile(rf"^(?:{'|'.join(_ADMIN)})\s[{_UPPER}0-9]")
_TITLE_RE = re.compile(
    r"^(?:(?:Phó\s)?(?:Chủ tịch|Giám đốc|Chánh Văn phòng|Chánh Thanh tra|Tổng Giám đốc)"
    r"|Thủ trưởng|Hiệu trưởng|Tổ trưởng|Trưởng phòng|Trưởng ban|Trưởng|Chi cục trưởng"
    r"|Cục trưởng|Chỉ huy trưởng|Viện trưởng|Người đứng đầu|[Ll]ãnh đạo|Bí thư"
    r"|P\.\s?Giám đốc)\s+",
)
_ORG_START = re.compile(
    r"(?:UBND|Ủy ban|Uỷ ban|Sở|Phòng|Ban|Trung tâm|Văn phòng|Chi cục|Cục|HĐND|Hội đồng)\s"
)
_COLON_LIST = re.compile(
    r"^(?P<pre>.*?)(?:[Cc]ác\s)(?P<level>[Ss]ở|huyện|xã|phường|quận|thị xã|[Pp]hòng|[Bb]an"
    r"|[Cc]hi cục)\s?:\s*(?P<items>.+)$"
)
_SEPARATOR = re.compile(r"\s*(?:,|;|\svà\s|\scùng\s)\s*")


_WEAK_HEADS = re.compile(
    r"^(?:Trường|Tổ|Đội|Hội|Báo|Đài|Viện|Bộ|Ban|Quỹ|Hạt|Trạm|Đoàn|Cục|Trưởng|Lãnh đạo|Chánh"
    rf"|Thuế|Tòa)\s(?![{_UPPER}0-9])"
)


def is_unit_start(text: str) -> bool:
    """True when ``text`` begins with an organisation, a title or a collective."""
    text = text.lstrip()
    if _WEAK_HEADS.match(text) and not text.startswith(
        ("Trưởng các", "Trưởng phòng", "Trưởng ban", "Lãnh đạo các", "Tổ trưởng", "Đội trưởng",
         "Chánh Văn phòng", "Chánh Thanh tra", "Cục trưởng", "Viện trưởng", "Hội đồng",
         "Tổ công tác", "Tổ giúp việc", "Đoàn kiểm tra", "Đoàn công tác", "Ban chỉ đạo",
         "Ban điều hành", "Ban công tác", "Ban quản lý", "Ban chỉ huy", "Ban đại diện",
         "Ban bảo vệ", "Ban giám sát", "Ban thanh tra", "Ban vận động", "Ban Giám đốc",
         "Ban Giám hiệu", "Thuế cơ sở")
    ):
        return False
    return bool(
        _HEAD_RE.match(text)
        or _COLLECTIVE.match(text)
        or _LOWER_HEAD_RE.match(text)
    )


_COMPOUNDS_BY_VERB: dict[str, list[str]] = {}
for _compound in _COMPOUNDS:
    for _verb in _VERBS:
        if _verb in _compound and len(_compound) > len(_verb):
            _COMPOUNDS_BY_VERB.setdefault(_verb, []).append(_compound)


def _in_compound(text: str, start: int, end: int) -> bool:
    for compound in _COMPOUNDS_BY_VERB.get(text[start:end], ()):
        lo = max(0, end - len(compound))
        found = text.find(compound, lo, start + len(compound))
        if found != -1 and found <= start and found + len(compound) >= end and \
                len(compound) > end - start:
            return True
    return False


def starts_with_verb(text: str) -> bool:
    """True when ``text`` opens with an action verb ("Thường xuyên nắm bắt ...")."""
    text = text.lstrip()
    head = text[:1].lower() + text[1:40]
    m = _VERB_RE.match(head)
    return m is not None and not _in_compound(head, m.start(), m.end())


def verb_boundary(text: str, start: int = 0) -> int | None:
    """Offset of the first action verb after ``start`` (the end of a unit phrase)."""
    for m in _VERB_RE.finditer(text, start):
        if m.start() == start:
            continue
        if _in_compound(text, m.start(), m.end()):
            continue
        return m.start()
    return None


def _strip_title(unit: str) -> str:
    unit = unit.strip(" ,.;:-–")
    m = _TITLE_RE.match(unit)
    if not m:
        if _ADMIN_UNIT_RE.match(unit):
            return "UBND " + unit
        return unit
    title = m.group(0).strip()
    rest = unit[m.end():]
    if title in ("Trưởng phòng", "Trưởng ban"):
        return title.split()[1].capitalize() + " " + rest
    if title.startswith("Chánh Văn phòng") or title.startswith("Chánh Thanh tra"):
        return title.split(None, 1)[1] + (" " + rest if rest else "")
    if not rest:
        return unit
    if not is_unit_start(rest) and not _ADMIN_UNIT_RE.match(rest):
        # "Phó Chủ tịch Văn xã Ủy ban nhân dân 13 phường": skip the portfolio.
        org = _ORG_START.search(rest)
        if org:
            rest = rest[org.start():]
    if _ADMIN_UNIT_RE.match(rest):
        return "UBND " + rest
    return rest


def _expand_colon_list(phrase: str) -> list[str] | None:
    m = _COLON_LIST.match(phrase)
    if not m:
        return None
    level = m.group("level").lower()
    items = [i.strip() for i in re.split(r"\s*,\s*", m.group("items")) if i.strip()]
    if not items:
        return None
    last = items.pop()
    admin = level in _ADMIN
    parts = re.split(r"\s+và\s+", last)
    if len(parts) == 2 and (admin or _ADMIN_UNIT_RE.match(parts[1])):
        items.extend(parts)
    else:
        items.append(last)
    out = []
    for item in items:
        lowered = item[:1].lower() + item[1:]
        if _TITLE_RE.match(item) or re.match(r"(?:UBND|Ủy ban|Uỷ ban)\s", item):
            out.append(_strip_title(item))  # "... và Chủ tịch UBND phường C": a unit of its own
        elif _ADMIN_UNIT_RE.match(lowered):
            out.append("UBND " + lowered)
        elif admin:
            out.append(f"UBND {level} {item}")
        else:
            out.append(f"{level.capitalize()} {item}")
    return out


# Words of unit phrases, for telling where two run-together words meet ("các địaphương").
_FUNCTION_WORDS = (
    "và", "các", "của", "với", "cùng", "có", "liên", "quan", "thuộc", "trực", "đơn", "vị",
    "địa", "phương", "cơ", "những", "cấp", "ngành", "đoàn", "thể", "chức", "năng", "khu",
    "vực", "nhà", "nước", "nhân", "dân", "tỉnh", "thành", "phố", "huyện", "thị", "xã", "trấn",
    "phường", "quận", "thôn", "ấp", "bản", "làng", "tổ", "sở", "ban", "phòng", "chủ", "đầu", "tư",
)
_VOCABULARY = frozenset(
    w.lower()
    for phrase in _VERBS + _HEADS + _TITLES + _ADMIN + _FUNCTION_WORDS
    for w in phrase.split()
)
_WORD = re.compile(rf"[{_LOWER}{_UPPER}]{{4,}}")
_NO_VOWEL = re.compile(r"^[^aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$")


_VOWELS = "aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# A Vietnamese syllable has one vowel group: two in one word mean words run together.
_GLUE_HINT = re.compile(rf"[{_VOWELS}][^{_VOWELS}\W\d_]+[{_VOWELS}]")
_CASE_HINT = re.compile(rf"[{_LOWER}][{_UPPER}]|[{_UPPER}]{{2}}[{_LOWER}]")


def _unglue_word(m: re.Match[str]) -> str:
    word = m.group(0)
    if word.lower() in _VOCABULARY:
        return word
    splits = []
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        known_left = left.lower() in _VOCABULARY or (left.isupper() and _NO_VOWEL.match(left.lower()))
        known_right = right.lower() in _VOCABULARY or (
            right.isupper() and _NO_VOWEL.match(right.lower()))
        if known_left and known_right:
            splits.append(i)
    if len(splits) != 1:
        return word  # not a known boundary, or more than one reading
    return word[: splits[0]] + " " + word[splits[0]:]


def unglue(text: str) -> str:
    """Split words run together by a lost space where the boundary is known.

    "các địaphương" -> "các địa phương", "vàPTNT" -> "và PTNT": both halves are
    words of unit phrases (or an abbreviation without a vowel) and the word
    splits only one way; anything else is left as written.
    """
    if not _GLUE_HINT.search(text.lower()) and not _CASE_HINT.search(text):
        return text
    return _WORD.sub(_unglue_word, text)


def list_items(phrase: str) -> list[str]:
    """The entries of a list of units, as written (titles kept).

    A comma, semicolon, "và" or "cùng" only separates entries when what follows
    starts a new unit ("Sở Tài chính, Sở Xây dựng và UBND các xã" -> three); a
    collective phrase stays whole ("UBND các xã, thị trấn", "Các sở, ban, ngành"),
    and so does a "các sở: A, B" list.
    """
    pieces: list[str] = []
    current = ""
    pos = 0
    protected = re.sub(r"HĐND và UBND", "HĐND\x00UBND", unglue(phrase))
    protected = re.sub(
        r"Hội đồng nhân dân và Ủy ban nhân dân", "Hội đồng nhân dân\x00Ủy ban nhân dân", protected
    )
    for m in _SEPARATOR.finditer(protected):
        following = protected[m.end():]
        if is_unit_start(following) or _ADMIN_UNIT_RE.match(following):
            if ":" in protected[pos: m.start()] and _COLON_LIST.match(
                current + protected[pos: m.start()]
            ):
                continue
            current += protected[pos: m.start()]
            pieces.append(current)
            current = ""
            pos = m.end()
    current += protected[pos:]
    pieces.append(current)
    out = []
    for piece in pieces:
        piece = piece.replace("\x00", " và ").strip(" ,.;:-–")
        if piece:
            out.append(piece)
    return out


_ASIDE = re.compile(r"\s*\([^()]{0,200}\)")
# "Quý Cơ quan", "Quý Sở", "Quý đơn vị": the honorific for the addressees of a letter.
_HONORIFIC = re.compile(
    r"Quý\s(?:cơ quan|đơn vị|Cơ quan|Đơn vị|Sở|Bộ|Ban|Ủy ban|Uỷ ban|UBND|Cục|Tổng cục|Phòng"
    r"|Trung tâm|Văn phòng|Công ty|Ngân hàng|Hội|Trường|Viện|địa phương|Địa phương)(?![\w])"
)


def honorific_at(text: str, start: int = 0) -> int | None:
    """Where the action words begin after "Quý Cơ quan" at ``start`` (None if not there)."""
    m = _HONORIFIC.match(text, start)
    return m.end() if m else None


def split_units(phrase: str) -> list[str]:
    """Split a unit phrase into its entries, titles removed.

    Collective phrases stay whole ("UBND các xã, thị trấn"); a separator only
    splits when what follows starts a new unit ("..., phòng Tài nguyên và Môi
    trường"); "các xã: A, B và phường C" is written out in full.
    """
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:-–")
    phrase = re.sub(r"^(?:cho|đối với|với)\s", "", phrase)
    # "Sở X (cơ quan thường trực Ban Chỉ huy ...)": the aside is not part of the name.
    phrase = _ASIDE.sub("", phrase).strip(" ,.;:-–")
    if not phrase:
        return []
    units: list[str] = []
    for piece in list_items(phrase):
        titled = _TITLE_RE.match(piece)
        core = piece[titled.end():] if titled else piece
        expanded = _expand_colon_list(core)
        if expanded:
            units.extend(expanded)
            continue
        units.append(_strip_title(piece))
    seen: set[str] = set()
    result = []
    for unit in units:
        unit = unit.strip(" ,.;:-–")
        if unit and unit.casefold() not in seen:
            seen.add(unit.casefold())
            result.append(unit)
    return result


def unit_phrase_at(text: str, start: int = 0) -> tuple[str, int] | None:
    """The unit phrase that starts at ``start`` and where it ends (before the verb).

    Returns None when no organisation starts there or no verb follows soon.
    """
    rest = text[start:]
    if not (is_unit_start(rest) or _ADMIN_UNIT_RE.match(rest)):
        return None
    colon = rest.find(":")
    end = verb_boundary(text, start)
    # "Sở Xây dựng: Chủ trì ..." ends at the colon, unless it is a "các sở: A, B"
    # list, which runs on to the verb.
    if (colon != -1 and (end is None or start + colon < end)
            and not _COLON_LIST.match(rest[: (end - start) if end else len(rest)])):
        end = start + colon
    if end is None:
        return None
    phrase = text[start:end]
    if len(phrase.split()) > 30 or "." in phrase.rstrip(". ").replace("TP.", ""):
        return None
    return phrase, end
