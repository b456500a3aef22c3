import datetime as dt

import pytest

from dondoc.documents.resolution import UnitResolver, canonical, find_unit
from dondoc.errors import DomainError
from dondoc.org.models import Unit, UnitKind
from dondoc.testing import make_unit

MERGED = dt.date(2025, 2, 28)


@pytest.fixture
def units(org):
    c = org.committee
    nnmt = make_unit("Sở Nông nghiệp và Môi trường", UnitKind.DEPARTMENT, c)
    made = {
        "nnmt": nnmt,
        "tnmt_old": make_unit("Sở Tài nguyên và Môi trường", UnitKind.DEPARTMENT, c,
                              valid_to=MERGED, successor=nnmt),
        "nnptnt_old": make_unit("Sở Nông nghiệp và Phát triển nông thôn", UnitKind.DEPARTMENT, c,
                                valid_to=MERGED, successor=nnmt),
        "khdt_old": make_unit("Sở Kế hoạch và Đầu tư", UnitKind.DEPARTMENT, c,
                              valid_to=MERGED, successor=org.finance),
        "gddt": make_unit("Sở Giáo dục và Đào tạo", UnitKind.DEPARTMENT, c),
        "ldtbxh": make_unit("Sở Lao động - Thương binh và Xã hội", UnitKind.DEPARTMENT, c,
                            valid_to=MERGED, successor=org.finance),
        "vhttdl": make_unit("Sở Văn hóa, Thể thao và Du lịch", UnitKind.DEPARTMENT, c),
        "police": make_unit("Công an tỉnh", UnitKind.OTHER, c, aliases=["CA tỉnh", "Công an tỉnh Thử Nghiệm"]),
        "council": make_unit("Hội đồng nhân dân tỉnh", UnitKind.OTHER, c),
        "front": make_unit("Ủy ban Mặt trận Tổ quốc tỉnh", UnitKind.OTHER, c),
        "commune2": make_unit("Ủy ban nhân dân phường Tân An", UnitKind.COMMUNE, c),
        "commune3": make_unit("Ủy ban nhân dân xã Hòa Bình Đông", UnitKind.COMMUNE, c),
    }
    made.update(
        finance=org.finance, construction=org.construction, commune=org.commune,
        office=org.office, committee=org.committee, old_district=org.old_district,
    )
    return made


def resolver(org, **extra):
    return UnitResolver(assigning_unit=org.tracker.unit.acts_for(), **extra)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sở Tài chính", "finance"),
        ("sở tài chính", "finance"),
        ("SO TAI CHINH", "finance"),
        ("Sở Tài chính tỉnh Thử Nghiệm", "finance"),
        ("Sở Giáo dục và Đào tạo", "gddt"),
        ("Sở GD&ĐT", "gddt"),
        ("Sở GD & ĐT", "gddt"),
        ("Sở GDĐT", "gddt"),
        ("Sở NN&MT", "nnmt"),
        ("Sở VH-TT&DL", "vhttdl"),
        ("Sở Văn hóa Thể thao và Du lịch", "vhttdl"),
        ("Sở Văn hoá, Thể thao và Du lịch", "vhttdl"),
        ("UBND xã Hòa Bình", "commune"),
        ("Ủy ban nhân dân xã Hoà Bình", "commune"),
        ("xã Hòa Bình", "commune"),
        ("UBND phường Tân An", "commune2"),
        ("VP UBND tỉnh", "office"),
        ("Văn phòng UBND tỉnh", "office"),
        ("CA tỉnh", "police"),
        ("HĐND tỉnh", "council"),
        ("UBMTTQ tỉnh", "front"),
        ("Ủy ban MTTQ tỉnh", "front"),
    ],
)
def test_a_name_written_in_the_usual_ways_finds_its_unit(org, units, written, expected):
    match = resolver(org).resolve_one(written)
    assert [u.pk for u in match.units] == [units[expected].pk]
    assert match.confidence >= 0.9


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sở Tài chánh", "finance"),
        ("Sở Tàichính", "finance"),
        ("SởXây dựng", "construction"),
        ("Sở Giáo dục và Đào tọa", "gddt"),
        ("Ủy ban nhân dân xã Hòa Bìn", "commune"),
    ],
)
def test_typos_and_run_together_words_still_match_with_less_confidence(org, units, written, expected):
    match = resolver(org).resolve_one(written)
    assert [u.pk for u in match.units] == [units[expected].pk]
    assert 0.75 <= match.confidence < 1


@pytest.mark.parametrize(
    ("written", "expected", "old"),
    [
        ("Sở TN&MT", "nnmt", "tnmt_old"),
        ("Sở TNMT", "nnmt", "tnmt_old"),
        ("Sở Tài nguyên và Môi trường", "nnmt", "tnmt_old"),
        ("Sở NN&PTNT", "nnmt", "nnptnt_old"),
        ("Sở KH&ĐT", "finance", "khdt_old"),
        ("Sở LĐTB&XH", "finance", "ldtbxh"),
        ("UBND huyện Sơn Dương", "commune", "old_district"),
    ],
)
def test_the_old_name_of_a_merged_unit_resolves_to_its_successor_and_says_so(org, units, written, expected, old):
    match = resolver(org).resolve_one(written)
    assert [u.pk for u in match.units] == [units[expected].pk]
    assert units[old].name in match.note
    assert units[expected].name in match.note


@pytest.mark.parametrize(
    "written",
    [
        "Sở Giáo dục",  # a subset is not the unit
        "Phòng Tài chính",  # another kind of unit
        "Sở Tài nguyên",
        "Ủy ban nhân dân xã Hòa Hiệp",
        "Ban Quản lý dự án đầu tư xây dựng",
    ],
)
def test_a_name_that_is_only_close_to_a_unit_does_not_match(org, units, written):
    match = resolver(org).resolve_one(written)
    assert match.units == ()
    assert match.confidence == 0
    assert match.written == written


def test_an_unknown_name_is_kept_as_written_never_dropped(org, units):
    matches = resolver(org).resolve(["Sở Tài chính", "Tổng công ty Điện lực miền Bắc", ""])
    assert [m.written for m in matches] == ["Sở Tài chính", "Tổng công ty Điện lực miền Bắc", ""]
    assert matches[1].units == () and matches[1].confidence == 0
    assert matches[1].as_json()["units"] == []


def test_the_communes_of_the_committee_expand_from_a_collective_phrase(org, units):
    communes = {units["commune"].pk, units["commune2"].pk, units["commune3"].pk}
    for written in ["UBND các xã, thị trấn", "Chủ tịch UBND các xã, phường", "các xã, phường", "các địa phương"]:
        match = resolver(org).resolve_one(written)
        assert match.collective
        assert {u.pk for u in match.units} == communes, written  # the abolished district is left out
        assert 0 < match.confidence < 1


def test_the_departments_expand_from_cac_so_ban_nganh(org, units):
    match = resolver(org).resolve_one("Các sở, ban, ngành")
    current_departments = {units[k].pk for k in ("finance", "construction", "nnmt", "gddt", "vhttdl")}
    assert {u.pk for u in match.units} == current_departments


def test_agencies_and_units_mean_departments_and_with_localities_the_communes_too(org, units):
    agencies = resolver(org).resolve_one("các cơ quan, đơn vị")
    with_localities = resolver(org).resolve_one("các cơ quan, đơn vị, địa phương")
    assert all(u.kind == UnitKind.DEPARTMENT for u in agencies.units)
    assert {u.pk for u in with_localities.units} == {u.pk for u in agencies.units} | {
        units["commune"].pk, units["commune2"].pk, units["commune3"].pk
    }


def test_collectives_stay_inside_the_committee(org, units):
    match = resolver(org).resolve_one("UBND các xã, thị trấn")
    assert all(u.is_within(org.committee) for u in match.units)


def test_the_units_are_loaded_once_per_document(org, units, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        r = resolver(org, issuer="Ủy ban nhân dân tỉnh Thử Nghiệm")
        r.resolve(["Sở Tài chánh", "UBND các xã", "Sở TN&MT", "không có", "Sở Xây dựng"] * 5)


def test_abbreviations_are_written_out():
    assert canonical("Sở TN&MT") == "so tai nguyen va moi truong"
    assert canonical("UBND TP Đà Nẵng") == "uy ban nhan dan thanh pho da nang"
    assert canonical("Sở VH-TT&DL") == "so van hoa the thao va du lich"
    assert canonical("Uỷ ban nhân dân") == canonical("Ủy ban nhân dân")


def test_a_district_issuer_scopes_the_collectives_to_its_own_offices_and_communes(org, units):
    district = make_unit("Ủy ban nhân dân huyện Yên Thế", UnitKind.DISTRICT, org.committee)
    office = make_unit("Phòng Kinh tế và Hạ tầng", UnitKind.DISTRICT_OFFICE, district)
    commune = make_unit("Ủy ban nhân dân xã Đồng Tâm", UnitKind.COMMUNE, district)
    r = resolver(org, issuer="UBND huyện Yên Thế")
    assert [u.pk for u in r.resolve_one("UBND các xã, thị trấn").units] == [commune.pk]
    assert [u.pk for u in r.resolve_one("các cơ quan, đơn vị").units] == [office.pk]
    province_wide = resolver(org).resolve_one("các sở, ban, ngành").units
    assert office not in province_wide and units["finance"] in province_wide


def test_an_issuer_that_merged_into_a_commune_does_not_narrow_the_collectives(org, units):
    r = resolver(org, issuer="Ủy ban nhân dân huyện Sơn Dương")
    assert len(r.resolve_one("UBND các xã, thị trấn").units) == 3


def test_find_unit_knows_a_unit_by_its_name_short_name_or_alias_without_diacritics(units):
    every = Unit.objects.all()
    assert find_unit("so tai chinh", queryset=every) == units["finance"]
    assert find_unit("vp", queryset=every) == units["office"]
    assert find_unit("ca tinh", queryset=every) == units["police"]
    assert find_unit("Sở GD&ĐT", queryset=every) == units["gddt"]  # every word, abbreviations written out


def test_find_unit_names_the_units_when_a_name_is_ambiguous(units):
    with pytest.raises(DomainError, match="Có nhiều đơn vị") as error:
        find_unit("hoa binh", queryset=Unit.objects.all())
    assert "Ủy ban nhân dân xã Hòa Bình;" in error.value.message and "Hòa Bình Đông" in error.value.message


def test_find_unit_finds_nothing_outside_its_queryset(units):
    with pytest.raises(DomainError, match="Không tìm thấy đơn vị “Sở Tài nguyên và Môi trường”"):
        find_unit("Sở Tài nguyên và Môi trường", queryset=Unit.objects.current())
