"""Match the unit names a document mentions to the units of the organisation.

The parser gives names as written ("UBND các xã, thị trấn", "Sở TN&MT",
"Phòng Tài chánh - Kế hoạch"). ``UnitResolver`` loads the organisation's units
once per document and answers, for each name, the units it means and how sure
it is (0–1):

1. the name is folded (case, diacritics, "uỷ"/"ủy") and its abbreviations are
   written out (UBND, HĐND, UBMTTQ, TN&MT, NN&MT, KH&ĐT, LĐTB&XH, VH-TT&DL,
   GD&ĐT, VP, TP …), then compared with each unit's name, short name and aliases;
2. words run together ("Sở Tàichính") still match, with spaces ignored;
3. typos match through rapidfuzz's plain ``ratio`` — which, unlike
   ``token_set_ratio``, penalises a subset ("Sở Giáo dục" is not "Sở Giáo dục
   và Đào tạo") — when the unit kind words agree ("Sở" is never "Phòng"), the
   proper-name part is close too ("Quảng Bình" is not "Quảng Ninh") and the best
   unit leads the second best by a margin;
4. the old name of a merged or renamed unit (``valid_to`` set) resolves to its
   ``final_successor()``, and the match says so;
5. collective phrases expand to every current unit of a kind under the scope
   (the issuing committee when it is ours, else the assigning committee):

   - "UBND các xã, thị trấn", "các xã, phường", "các địa phương", "cấp xã" → communes;
   - "UBND các huyện, thị xã, thành phố" → districts (kept for documents before 2025);
   - "các sở, ban, ngành", "các cơ quan chuyên môn", "các sở" → the agencies
     directly under the scope: departments of a province, the "phòng" of a
     district (not the office, which is not an agency that carries tasks out);
   - "các phòng, ban" → the district offices;
   - "các cơ quan, đơn vị" → the agencies only: in administrative usage
     "cơ quan, đơn vị" are agencies; communes are meant only when the phrase
     also says "địa phương" ("các cơ quan, đơn vị, địa phương"), and then they
     are added. A clerk reviews the expansion either way.

A name that matches nothing is kept as written with confidence 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz

from dondoc.errors import DomainError
from dondoc.org.models import Unit, UnitKind
from dondoc.text import fold

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

# Written-out forms of the abbreviations found in directives (keys are folded,
# with "&", "-", "." and spaces inside the abbreviation removed).
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "ubmttqvn": "uy ban mat tran to quoc viet nam",
    "mttq": "mat tran to quoc",
    "vp": "van phong",
    "vpubnd": "van phong uy ban nhan dan",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tnmt": "tai nguyen va moi truong",
    "nnmt": "nong nghiep va moi truong",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "khdt": "ke hoach va dau tu",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "vhttdl": "van hoa the thao va du lich",
    "vhtt": "van hoa thong tin",
    "gddt": "giao duc va dao tao",
    "tttt": "thong tin va truyen thong",
    "khcn": "khoa hoc va cong nghe",
    "gtvt": "giao thong van tai",
    "xd": "xay dung",
    "tckh": "tai chinh ke hoach",
    "ktht": "kinh te va ha tang",
    "bqlda": "ban quan ly du an",
    "bql": "ban quan ly",
    "bchqs": "bo chi huy quan su",
    "ca": "cong an",
}

# Words that say what kind of unit a name is, longest first; fuzzy matching
# never crosses kinds and compares the rest (the proper name) on its own.
_KIND_PREFIXES = sorted(
    [
        "uy ban nhan dan tinh", "uy ban nhan dan thanh pho", "uy ban nhan dan huyen",
        "uy ban nhan dan quan", "uy ban nhan dan thi xa", "uy ban nhan dan xa",
        "uy ban nhan dan phuong", "uy ban nhan dan thi tran", "uy ban nhan dan dac khu",
        "uy ban nhan dan", "hoi dong nhan dan", "uy ban mat tran to quoc", "van phong",
        "so", "phong", "ban quan ly", "ban", "chi cuc", "trung tam", "cong an",
        "bo chi huy quan su", "thanh tra", "xa", "phuong", "thi tran", "huyen", "thi xa",
        "thanh pho", "tinh", "quan", "dac khu", "doan", "hoi", "truong", "benh vien",
    ],
    key=len,
    reverse=True,
)

_ABBREV_TOKEN = re.compile(r"[a-z0-9]+(?:\s*[&\-.]\s*[a-z0-9]+)+|[a-z0-9]+")
_PUNCT = re.compile(r"[^\w\s]")

EXACT = 1.0
COMPACT = 0.97
KEY_VARIANT = 0.95
OLD_NAME_FACTOR = 0.95
COLLECTIVE = 0.8
FUZZY_THRESHOLD = 86.0
FUZZY_TAIL_THRESHOLD = 85.0
FUZZY_MARGIN = 4.0
NAMED_AT_MOST = 10  # units named when a name is ambiguous


def canonical(name: str) -> str:
    """Folded, abbreviations written out, punctuation dropped: "Sở TN&MT" → "so tai nguyen va moi truong"."""
    text = fold(name).replace("–", "-")
    words: list[str] = []
    for match in _ABBREV_TOKEN.finditer(text):
        token = match.group(0)
        compact = re.sub(r"[\s&\-.]", "", token)
        if compact in ABBREVIATIONS:
            words.append(ABBREVIATIONS[compact])
        elif compact != token and "&" in token:
            # "Phòng TC&KH" style pairs not in the table: keep the parts, joined by "va".
            words.append(" va ".join(p for p in re.split(r"\s*&\s*", token.replace("-", " ")) if p))
        else:
            words.extend(_PUNCT.sub(" ", token).split())
    return " ".join(" ".join(words).split())


def _split_kind(key: str) -> tuple[str, str]:
    for prefix in _KIND_PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            return prefix, key[len(prefix):].strip()
    return "", key


@dataclass(frozen=True)
class Match:
    """What one written name resolved to.

    ``units`` is empty when nothing matched (then ``confidence`` is 0 and the
    name is kept as written); several units for a collective phrase.
    """

    written: str
    units: tuple[Unit, ...] = ()
    confidence: float = 0.0
    note: str = ""
    collective: bool = False
    outside: bool = False  # it names a unit outside the committee that may be given work

    @property
    def resolved(self) -> bool:
        return bool(self.units)

    def as_json(self) -> dict:
        return {
            "written": self.written,
            "units": [{"id": u.pk, "name": u.name} for u in self.units],
            "confidence": round(self.confidence, 2),
            "note": self.note,
            "collective": self.collective,
            "outside": self.outside,
        }


@dataclass
class _Candidate:
    unit: Unit
    keys: set[str] = field(default_factory=set)
    # (kind words, proper-name part without spaces, whole key without spaces) per key
    parts: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Collective:
    pattern: re.Pattern[str]
    kinds: tuple[str, ...]
    note: StrOrPromise  # a lazy translation


# The agencies of a committee are its direct children: departments of a province,
# the offices ("phòng") of a district. Communes count at any depth (under districts before 2025).
_AGENCIES = (UnitKind.DEPARTMENT, UnitKind.DISTRICT_OFFICE)


_COLLECTIVES: tuple[_Collective, ...] = (
    _Collective(
        re.compile(r"\bcac\b.*\b(so|nganh|co quan|don vi)\b.*\bdia phuong\b"),
        (*_AGENCIES, UnitKind.COMMUNE),
        gettext_lazy("các cơ quan, đơn vị và địa phương"),
    ),
    _Collective(
        re.compile(r"\bcac (xa|phuong|thi tran)\b|\bcac dia phuong\b|\bcap xa\b"),
        (UnitKind.COMMUNE,),
        gettext_lazy("các xã, phường, thị trấn"),
    ),
    _Collective(
        re.compile(r"\bcac (huyen|quan|thi xa)\b"),
        (UnitKind.DISTRICT,),
        gettext_lazy("các huyện, thị xã, thành phố"),
    ),
    _Collective(
        re.compile(r"\bcac phong\b"),
        (UnitKind.DISTRICT_OFFICE,),
        gettext_lazy("các phòng, ban"),
    ),
    _Collective(
        re.compile(r"\bcac (so|nganh|co quan chuyen mon|co quan|don vi|ban nganh)\b"),
        _AGENCIES,
        gettext_lazy("các sở, ban, ngành"),
    ),
)


class UnitResolver:
    """Resolve the names of one document; the units are read once, in one query."""

    def __init__(
        self, *, assigning_unit: Unit | None, issuer: str | None = None,
        units: Iterable[Unit] | None = None, own_units_only: bool = False,
    ) -> None:
        all_units = list(units) if units is not None else list(
            Unit.objects.select_related("successor").order_by("path")
        )
        self._by_pk = {u.pk: u for u in all_units}
        self._candidates = [self._candidate(u) for u in all_units]
        self._compact: dict[str, list[_Candidate]] = {}
        for cand in self._candidates:
            for key in cand.keys:
                self._compact.setdefault(key.replace(" ", ""), []).append(cand)
        committee = assigning_unit.acts_for() if assigning_unit is not None else None
        self._home = committee
        self._own_units_only = own_units_only
        self._locality = self._locality_of(committee)
        self._scope = committee
        if issuer:
            found = self._match_one(issuer)
            issuer_unit = found.units[0] if found.units else None
            # Communes have no communes under them; a merged issuer's commune successor is no scope.
            if issuer_unit is not None and issuer_unit.kind in (
                UnitKind.PEOPLES_COMMITTEE, UnitKind.DISTRICT
            ) and (committee is None or issuer_unit.is_within(committee)):
                self._scope = issuer_unit

    # -- loading --------------------------------------------------------------

    def _candidate(self, unit: Unit) -> _Candidate:
        names = [unit.name, unit.short_name, *[a for a in (unit.aliases or []) if isinstance(a, str)]]
        keys: set[str] = set()
        for name in names:
            key = canonical(name or "")
            if not key:
                continue
            keys.add(key)
            kind, rest = _split_kind(key)
            # "xã Hòa Bình" for "Ủy ban nhân dân xã Hòa Bình".
            if kind.startswith("uy ban nhan dan ") and rest:
                keys.add(key[len("uy ban nhan dan "):])
        parts = []
        for key in keys:
            kind, rest = _split_kind(key)
            parts.append((kind, rest.replace(" ", ""), key.replace(" ", "")))
        return _Candidate(unit=unit, keys=keys, parts=parts)

    @staticmethod
    def _locality_of(committee: Unit | None) -> str:
        if committee is None:
            return ""
        key = canonical(committee.name)
        return key[len("uy ban nhan dan "):] if key.startswith("uy ban nhan dan ") else ""

    # -- answering ------------------------------------------------------------

    def resolve(self, names: Iterable[str]) -> list[Match]:
        """One ``Match`` per name, in order; nothing is dropped."""
        return [self.resolve_one(name) for name in names]

    def resolve_one(self, written: str) -> Match:
        written = " ".join((written or "").split())
        if not written:
            return Match(written=written)
        collective = self._collective(written)
        if collective is not None:
            return collective
        found = self._match_one(written)
        home = self._home
        if self._own_units_only and home is not None and any(not u.is_within(home) for u in found.units):
            # Another committee's unit cannot be given work: the clerk is told, nothing is proposed.
            return Match(written=written, outside=True,
                         note=_("không thuộc %s") % home.name)
        return found

    def _collective(self, written: str) -> Match | None:
        key = canonical(written)
        if " cac " not in f" {key} " and "cap xa" not in key:
            return None
        for rule in _COLLECTIVES:
            if rule.pattern.search(key):
                units = self._current_under_scope(rule.kinds)
                if not units:
                    return Match(written=written, collective=True,
                                 note=_("không có đơn vị nào thuộc nhóm “%s”") % rule.note)
                return Match(written=written, units=tuple(units), confidence=COLLECTIVE, collective=True,
                             note=_("tên chung: %d đơn vị") % len(units))
        return None

    def _current_under_scope(self, kinds: tuple[str, ...]) -> list[Unit]:
        scope = self._scope
        found = []
        for cand in self._candidates:
            unit = cand.unit
            if unit.kind not in kinds or unit.valid_to is not None:
                continue
            if scope is not None:
                if not unit.is_within(scope) or unit.pk == scope.pk:
                    continue
                if unit.kind in _AGENCIES and unit.parent_id != scope.pk:
                    continue
            found.append(unit)
        return found

    def _match_one(self, written: str) -> Match:
        key = canonical(written)
        queries = [key]
        if self._locality and key.endswith(" " + self._locality):
            # "Sở Tài chính tỉnh Thử Nghiệm" names our own "Sở Tài chính".
            queries.append(key[: -len(self._locality)].strip())
        for rank, query in enumerate(queries):
            exact = [c for c in self._candidates if query in c.keys]
            if exact:
                return self._answer(written, exact, EXACT if rank == 0 else KEY_VARIANT)
        for query in queries:
            compact = self._compact.get(query.replace(" ", ""))
            if compact:
                return self._answer(written, compact, COMPACT)
        return self._fuzzy(written, queries)

    def _fuzzy(self, written: str, queries: list[str]) -> Match:
        best: dict[int, tuple[float, _Candidate]] = {}
        for query in queries:
            q_kind, q_rest = _split_kind(query)
            q_compact = query.replace(" ", "")
            q_rest_compact = q_rest.replace(" ", "")
            for cand in self._candidates:
                for k_kind, k_rest, k_compact in cand.parts:
                    if q_kind != k_kind:
                        continue
                    if q_rest_compact and k_rest and fuzz.ratio(q_rest_compact, k_rest) < FUZZY_TAIL_THRESHOLD:
                        continue
                    score = fuzz.ratio(q_compact, k_compact)
                    target = self._final(cand.unit).pk
                    if score > best.get(target, (-1.0, cand))[0]:
                        best[target] = (score, cand)
        ranked = sorted(best.values(), key=lambda pair: pair[0], reverse=True)
        if not ranked or ranked[0][0] < FUZZY_THRESHOLD:
            return Match(written=written)
        top_score, top = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if top_score - runner_up < FUZZY_MARGIN:
            return Match(written=written, note=_("gần giống nhiều đơn vị, cần chọn"))
        return self._answer(written, [top], 0.9 * top_score / 100)

    def _answer(self, written: str, found: list[_Candidate], confidence: float) -> Match:
        units: dict[int, tuple[Unit, Unit]] = {}
        for cand in found:
            final = self._final(cand.unit)
            units.setdefault(final.pk, (cand.unit, final))
        choices = list(units.values())
        if len(choices) > 1:
            # The same name in several places: prefer the one under our committee.
            home = [pair for pair in choices if self._home is not None and pair[1].is_within(self._home)]
            if len(home) == 1:
                choices = home
            else:
                confidence = min(confidence, 0.5)
        matched, final = choices[0]
        note = ""
        if matched.pk != final.pk:
            confidence *= OLD_NAME_FACTOR
            note = _("tên cũ “%(old)s”, nay là “%(new)s”") % {"old": matched.name, "new": final.name}
        elif len(choices) > 1:
            note = _("trùng tên nhiều đơn vị, cần kiểm tra")
        return Match(written=written, units=(final,), confidence=confidence, note=note)

    def _final(self, unit: Unit) -> Unit:
        """Follow successors through the loaded units (no query per name)."""
        seen = {unit.pk}
        while unit.valid_to is not None and unit.successor_id and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            unit = self._by_pk.get(unit.successor_id) or unit.final_successor()
        return unit


def units_matching(name: str, *, queryset: QuerySet[Unit]) -> QuerySet[Unit]:
    """The units of ``queryset`` whose folded name holds every word of ``name`` (abbreviations
    written out, case and diacritics ignored): what a unit picker lists as one types."""
    for word in canonical(name).split():
        queryset = queryset.filter(name_fold__contains=word)
    return queryset


def find_unit(name: str, *, queryset: QuerySet[Unit]) -> Unit:
    """The one unit of ``queryset`` that ``name`` designates, ignoring case and diacritics: its
    full name, short name or an alias exactly, else the only unit whose name holds every word
    of ``name``. A DomainError in Vietnamese when none or several do (naming them)."""
    key = fold(name)
    found = list(queryset.filter(name_fold=key)[: NAMED_AT_MOST + 1]) if key else []
    if key and not found:
        other_names = queryset.values_list("pk", "short_name", "aliases")
        keys = {pk for pk, short, aliases in other_names
                if key in {fold(n) for n in [short, *(aliases or [])] if isinstance(n, str)}}
        found = list(queryset.filter(pk__in=keys).order_by("path")[: NAMED_AT_MOST + 1]) if keys else []
    if key and not found:
        found = list(units_matching(name, queryset=queryset).order_by("path")[: NAMED_AT_MOST + 1])
    if len(found) == 1:
        return found[0]
    if not found:
        raise DomainError(_("Không tìm thấy đơn vị “{name}”.").format(name=name.strip()))
    names = "; ".join(u.name for u in found[:NAMED_AT_MOST]) + ("; …" if len(found) > NAMED_AT_MOST else "")
    raise DomainError(_("Có nhiều đơn vị khớp với “{name}”: {names}. Vui lòng ghi rõ hơn.").format(
        name=name.strip(), names=names))
