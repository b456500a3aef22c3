"""The demo province: Tuyên Quang after the 2025 reform, with the former district of Sơn Dương.

The units are typed here (a demo needs a dozen, not the national register):
the People's Committee, its office, the departments, a few communes and wards
in force since 1/7/2025, and the district of Sơn Dương with its offices and
communes, which the scenario dissolves into their successors on 30/6/2025.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from dondoc.org.models import Role, Unit, UnitKind, User

DEMO_PASSWORD = "demo12345"
DEMO_CODE = "DEMO"  # every demo unit's code starts with it: how a second run finds the demo
REFORM_DAY = dt.date(2025, 7, 1)
LAST_DISTRICT_DAY = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    kind: str
    parent: str | None = None
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor: str | None = None  # set at creation (units already gone before the demo starts)
    dissolves_into: str | None = None  # dissolved by the scenario through org.services


@dataclass(frozen=True)
class PersonSpec:
    username: str
    full_name: str
    unit: str | None
    role: str
    title: str
    later_unit: str | None = None  # moved to this unit at the 2025 reform


D = UnitKind.DEPARTMENT
C = UnitKind.COMMUNE
DO = UnitKind.DISTRICT_OFFICE

UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("committee", "Ủy ban nhân dân tỉnh Tuyên Quang", UnitKind.PEOPLES_COMMITTEE, None,
             "UBND tỉnh Tuyên Quang", ("UBND tỉnh", "Ủy ban nhân dân tỉnh", "UBND tỉnh Tuyên Quang")),
    UnitSpec("office", "Văn phòng Ủy ban nhân dân tỉnh", UnitKind.OFFICE, "committee",
             "VP UBND tỉnh", ("Văn phòng UBND tỉnh", "VPUBND tỉnh", "Văn phòng")),
    UnitSpec("finance", "Sở Tài chính", D, "committee", "STC",
             ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch - Đầu tư", "Sở KH&ĐT")),
    UnitSpec("budget", "Phòng Quản lý ngân sách", UnitKind.SUB_UNIT, "finance", "Phòng QLNS",
             ("Phòng Ngân sách",)),
    UnitSpec("assets", "Phòng Quản lý giá và công sản", UnitKind.SUB_UNIT, "finance", "Phòng QLG&CS",
             ("Phòng Công sản",)),
    UnitSpec("home", "Sở Nội vụ", D, "committee", "SNV",
             ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH")),
    UnitSpec("construction", "Sở Xây dựng", D, "committee", "SXD",
             ("Sở Giao thông vận tải", "Sở GTVT")),
    UnitSpec("agri", "Sở Nông nghiệp và Môi trường", D, "committee", "Sở NN&MT",
             ("Sở NN&MT", "SNNMT", "Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Phát triển nông thôn")),
    UnitSpec("natres", "Sở Tài nguyên và Môi trường", D, "committee", "Sở TN&MT", ("STNMT",),
             valid_to=dt.date(2025, 2, 28), successor="agri"),
    UnitSpec("education", "Sở Giáo dục và Đào tạo", D, "committee", "Sở GD&ĐT", ("Sở GDĐT",)),
    UnitSpec("health", "Sở Y tế", D, "committee", "SYT"),
    UnitSpec("industry", "Sở Công Thương", D, "committee", "SCT"),
    UnitSpec("culture", "Sở Văn hóa, Thể thao và Du lịch", D, "committee", "Sở VHTT&DL",
             ("Sở Văn hóa, Thể thao và Du lịch",)),
    UnitSpec("science", "Sở Khoa học và Công nghệ", D, "committee", "Sở KH&CN",
             ("Sở Thông tin và Truyền thông", "Sở TT&TT")),
    UnitSpec("justice", "Sở Tư pháp", D, "committee", "STP"),
    UnitSpec("ethnic", "Sở Dân tộc và Tôn giáo", D, "committee", "Sở DT&TG", ("Ban Dân tộc tỉnh",)),
    UnitSpec("inspect", "Thanh tra tỉnh", D, "committee", "TTr tỉnh", ("Thanh tra",)),
    UnitSpec("x_sonduong", "Ủy ban nhân dân xã Sơn Dương", C, "committee", "UBND xã Sơn Dương",
             ("UBND xã Sơn Dương",), valid_from=REFORM_DAY),
    UnitSpec("x_tantrao", "Ủy ban nhân dân xã Tân Trào", C, "committee", "UBND xã Tân Trào",
             ("UBND xã Tân Trào",), valid_from=REFORM_DAY),
    UnitSpec("x_sonnam", "Ủy ban nhân dân xã Sơn Nam", C, "committee", "UBND xã Sơn Nam",
             ("UBND xã Sơn Nam",), valid_from=REFORM_DAY),
    UnitSpec("p_minhxuan", "Ủy ban nhân dân phường Minh Xuân", C, "committee", "UBND phường Minh Xuân",
             ("UBND phường Minh Xuân",), valid_from=REFORM_DAY),
    UnitSpec("p_nongtien", "Ủy ban nhân dân phường Nông Tiến", C, "committee", "UBND phường Nông Tiến",
             ("UBND phường Nông Tiến",), valid_from=REFORM_DAY),
    UnitSpec("p_hagiang1", "Ủy ban nhân dân phường Hà Giang 1", C, "committee", "UBND phường Hà Giang 1",
             ("UBND phường Hà Giang 1",), valid_from=REFORM_DAY),
    # The former district of Sơn Dương (abolished 1/7/2025) and what it had.
    UnitSpec("district", "Ủy ban nhân dân huyện Sơn Dương", UnitKind.DISTRICT, "committee",
             "UBND huyện Sơn Dương", ("UBND huyện Sơn Dương", "UBND huyện"), dissolves_into="x_sonduong"),
    UnitSpec("d_office", "Văn phòng HĐND và UBND huyện", DO, "district", "VP HĐND&UBND huyện",
             ("Văn phòng HĐND và UBND huyện Sơn Dương",), dissolves_into="x_sonduong"),
    UnitSpec("d_econ", "Phòng Kinh tế và Hạ tầng", DO, "district", "Phòng KT&HT",
             ("phòng Kinh tế và Hạ tầng huyện Sơn Dương", "Phòng KT-HT"), dissolves_into="x_sonduong"),
    UnitSpec("d_natres", "Phòng Tài nguyên và Môi trường", DO, "district", "Phòng TN&MT",
             ("phòng Tài nguyên và Môi trường huyện Sơn Dương",), dissolves_into="agri"),
    UnitSpec("d_finance", "Phòng Tài chính - Kế hoạch", DO, "district", "Phòng TC-KH",
             ("Phòng Tài chính - Kế hoạch huyện Sơn Dương",), dissolves_into="finance"),
    UnitSpec("d_home", "Phòng Nội vụ", DO, "district", "Phòng NV",
             ("Phòng Nội vụ huyện Sơn Dương",), dissolves_into="home"),
    UnitSpec("old_town", "Ủy ban nhân dân thị trấn Sơn Dương", C, "district", "UBND thị trấn Sơn Dương",
             ("thị trấn Sơn Dương",), dissolves_into="x_sonduong"),
    UnitSpec("old_phucung", "Ủy ban nhân dân xã Phúc Ứng", C, "district", "UBND xã Phúc Ứng",
             ("xã Phúc Ứng",), dissolves_into="x_sonduong"),
    UnitSpec("old_minhthanh", "Ủy ban nhân dân xã Minh Thanh", C, "district", "UBND xã Minh Thanh",
             ("xã Minh Thanh",), dissolves_into="x_tantrao"),
    UnitSpec("old_luongthien", "Ủy ban nhân dân xã Lương Thiện", C, "district", "UBND xã Lương Thiện",
             ("xã Lương Thiện",), dissolves_into="x_tantrao"),
    UnitSpec("old_daiphu", "Ủy ban nhân dân xã Đại Phú", C, "district", "UBND xã Đại Phú",
             ("xã Đại Phú",), dissolves_into="x_sonnam"),
)

L, T, H, S = Role.LEADER, Role.TRACKER, Role.HEAD, Role.STAFF

PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("admin", "Quản trị hệ thống", None, Role.ADMIN, "Quản trị hệ thống"),
    PersonSpec("lanhdao", "Nguyễn Văn Sơn", "committee", L, "Chủ tịch Ủy ban nhân dân tỉnh"),
    PersonSpec("phochutich", "Hoàng Thị Thu Hà", "committee", L, "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    PersonSpec("vanphong", "Lê Thị Thu Trang", "office", T, "Chuyên viên theo dõi nhiệm vụ"),
    PersonSpec("chanhvanphong", "Đặng Quốc Hưng", "office", H, "Chánh Văn phòng"),
    PersonSpec("donvi", "Phạm Văn Hùng", "finance", H, "Giám đốc Sở Tài chính"),
    PersonSpec("chuyenvien", "Đỗ Minh Anh", "finance", S, "Chuyên viên Sở Tài chính"),
    PersonSpec("phongngansach", "Vũ Thị Lan", "budget", H, "Trưởng phòng Quản lý ngân sách"),
    PersonSpec("phongcongsan", "Trần Đức Thắng", "assets", H, "Trưởng phòng Quản lý giá và công sản"),
    PersonSpec("sonoivu", "Ma Thị Hồng Nhung", "home", H, "Giám đốc Sở Nội vụ"),
    PersonSpec("soxaydung", "Hoàng Đức Long", "construction", H, "Giám đốc Sở Xây dựng"),
    PersonSpec("sonnmt", "Nông Văn Thành", "agri", H, "Giám đốc Sở Nông nghiệp và Môi trường"),
    PersonSpec("sogddt", "Nguyễn Thị Bích Ngọc", "education", H, "Giám đốc Sở Giáo dục và Đào tạo"),
    PersonSpec("soyte", "Bùi Quang Vinh", "health", H, "Giám đốc Sở Y tế"),
    PersonSpec("socongthuong", "Lý Văn Khánh", "industry", H, "Giám đốc Sở Công Thương"),
    PersonSpec("sovhttdl", "Triệu Thị Mai", "culture", H, "Giám đốc Sở Văn hóa, Thể thao và Du lịch"),
    PersonSpec("sokhcn", "Phan Minh Tuấn", "science", H, "Giám đốc Sở Khoa học và Công nghệ"),
    PersonSpec("sotuphap", "Quan Văn Dũng", "justice", H, "Giám đốc Sở Tư pháp"),
    PersonSpec("sodttg", "Hà Văn Pình", "ethnic", H, "Giám đốc Sở Dân tộc và Tôn giáo"),
    PersonSpec("thanhtra", "Vương Thị Yến", "inspect", H, "Chánh Thanh tra tỉnh"),
    # Before the reform they led a commune or town of Sơn Dương; since 1/7/2025 the new commune.
    PersonSpec("xasonduong", "Giang Tuấn Minh", "old_town", H, "Chủ tịch UBND xã Sơn Dương",
               later_unit="x_sonduong"),
    PersonSpec("xatantrao", "Lương Văn Đoàn", "old_minhthanh", H, "Chủ tịch UBND xã Tân Trào",
               later_unit="x_tantrao"),
    PersonSpec("xasonnam", "Phạm Thị Hòa", "old_daiphu", H, "Chủ tịch UBND xã Sơn Nam",
               later_unit="x_sonnam"),
    PersonSpec("phuongminhxuan", "Nguyễn Mạnh Cường", "p_minhxuan", H, "Chủ tịch UBND phường Minh Xuân"),
    PersonSpec("phuongnongtien", "Hứa Thị Thanh", "p_nongtien", H, "Chủ tịch UBND phường Nông Tiến"),
    PersonSpec("phuonghagiang1", "Sùng Mí Lử", "p_hagiang1", H, "Chủ tịch UBND phường Hà Giang 1"),
    PersonSpec("ktht_sonduong", "Trần Văn Quyết", "d_econ", H, "Trưởng phòng Kinh tế và Hạ tầng huyện",
               later_unit="x_sonduong"),
)


@dataclass
class DemoOrg:
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Unit:
        return self.units[key]


def build_organisation() -> DemoOrg:
    """Create the units and accounts (password ``demo12345``)."""
    org = DemoOrg()
    for order, spec in enumerate(UNITS):
        org.units[spec.key] = Unit.objects.create(
            name=spec.name, short_name=spec.short_name, aliases=list(spec.aliases), kind=spec.kind,
            code=f"{DEMO_CODE}-{spec.key}", parent=org.units[spec.parent] if spec.parent else None,
            valid_from=spec.valid_from, valid_to=spec.valid_to,
            successor=org.units[spec.successor] if spec.successor else None, sort_order=order,
        )
    password = make_password(DEMO_PASSWORD)  # hashed once: Argon2 is slow on purpose
    for person in PEOPLE:
        user = User(
            username=person.username, full_name=person.full_name, title=person.title, role=person.role,
            unit=org.units[person.unit] if person.unit else None, password=password,
        )
        if person.role == Role.ADMIN:
            user.is_staff = user.is_superuser = True
        user.save()
        org.people[person.username] = user
    return org


def move_people_after_reform(org: DemoOrg) -> None:
    """Those who led a unit of the former district now lead its successor."""
    for spec in PEOPLE:
        if spec.later_unit:
            user = org.people[spec.username]
            user.unit = org.units[spec.later_unit]
            if spec.username == "ktht_sonduong":  # the head of the new commune is xasonduong
                user.role = Role.STAFF
                user.title = "Chuyên viên UBND xã Sơn Dương (nguyên Trưởng phòng KT&HT huyện)"
            user.save()


def dissolving_units() -> list[UnitSpec]:
    """Units the scenario dissolves on 30/6/2025: offices and communes first, the district last."""
    specs = [s for s in UNITS if s.dissolves_into]
    return sorted(specs, key=lambda s: s.kind == UnitKind.DISTRICT)
