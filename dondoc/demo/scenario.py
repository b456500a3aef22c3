"""The demo's documents and the life of their tasks, played through the task services.

Each task is created and moved only by the services (``task_create``,
``task_submit``, ``task_confirm`` …), as the people of the demo province
would. The services stamp their rows with the present moment; a demo needs
history, so every step runs inside ``Scenario.on(day)``, which afterwards
back-dates the rows that step wrote (events, reports, submissions, extension
requests, notifications) to ``day``. Nothing else is written behind the
services' back.

The documents are real (dondoc/demo/data, with their metadata and task texts
from the hand-checked ``.json`` beside each text). Their 2023–2026 deadlines
are re-dated relative to the day the demo is loaded so that every timeliness
class is on show.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models
from django.db.models import F, Max
from django.utils import timezone

from dondoc.calendar.service import add_working_days
from dondoc.demo.organisation import (
    LAST_DISTRICT_DAY,
    REFORM_DAY,
    DemoOrg,
    dissolving_units,
    move_people_after_reform,
)
from dondoc.documents.models import Document
from dondoc.org.models import Role, User
from dondoc.org.services import unit_dissolve
from dondoc.reminders.models import Notification
from dondoc.tasks import services
from dondoc.tasks.models import ExtensionRequest, ProgressReport, Submission, Task, TaskEvent

DATA_DIR = Path(__file__).parent / "data"

# Rows the services stamp with "now", and the field that holds the stamp.
_STAMPED: tuple[tuple[type[models.Model], str], ...] = (
    (Task, "created_at"),
    (TaskEvent, "at"),
    (ProgressReport, "created_at"),
    (Submission, "submitted_at"),
    (ExtensionRequest, "requested_at"),
    (Notification, "created_at"),
)
_DECIDED: tuple[type[Submission] | type[ExtensionRequest], ...] = (Submission, ExtensionRequest)


def load_gold(stem: str) -> dict[str, Any]:
    return json.loads((DATA_DIR / f"{stem}.json").read_text(encoding="utf-8"))


def load_text(stem: str) -> str:
    return (DATA_DIR / f"{stem}.txt").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Plan:
    """One task of a demo document: which gold task, to which unit, and what happens to it."""

    doc: str
    index: int
    lead: str
    story: str
    due: int | None = None  # working days from the load day; None: no deadline
    support: tuple[str, ...] = ()
    created: int = 60  # calendar days before the load day
    leader: str = "lanhdao"
    priority: bool = False


DOCUMENTS = (
    "seed000_binhson_urge_letter",
    "seed001_binhson_cchc_letter",
    "seed002_sonduong_meeting_conclusion",
    "seed003_yenthe_news_article",
    "seed004_danang_task_followup_letter",
    "d01_phutho_investment_conclusion",
    "d04_lamdong_overdue_tasks_urging",
    "d06_cantho_surplus_offices_directive",
    "d07_quangninh_digital_plan_assignments",
    "d08_quangtri_sand_mining_check",
)

S0, S1, S3, S4 = DOCUMENTS[0], DOCUMENTS[1], DOCUMENTS[3], DOCUMENTS[4]
D01, D04, D06, D07, D08 = DOCUMENTS[5:]

PLANS: tuple[Plan, ...] = (
    Plan(S0, 0, "industry", "done_late", due=-25, created=75),
    Plan(S0, 1, "industry", "returned_open", due=-3, created=50),
    Plan(S1, 0, "p_minhxuan", "progress", created=40),
    Plan(S1, 0, "p_nongtien", "new", created=40),
    Plan(S1, 0, "p_hagiang1", "paused", created=40),
    Plan(S1, 1, "home", "progress", support=("inspect",), created=40),
    Plan(S3, 0, "x_sonnam", "new", created=20),
    Plan(S4, 0, "finance", "progress", created=90, leader="phochutich"),
    Plan(S4, 1, "construction", "progress", due=15, created=90),
    Plan(S4, 2, "natres", "overdue_difficulties", due=-8, created=90, priority=True),
    Plan(S4, 2, "education", "done_on_time", due=-12, created=90),
    Plan(S4, 4, "office", "progress", created=90),
    Plan(D01, 1, "finance", "done_on_time", due=-20, created=70, priority=True),
    Plan(D01, 8, "finance", "delegate_sub", due=20, created=35),
    Plan(D01, 5, "agri", "ext_approved", due=-3, support=("finance", "justice"), created=45),
    Plan(D01, 7, "health", "progress", due=2, created=45),
    Plan(D01, 11, "home", "submitted", due=6, support=("finance",), created=45),
    Plan(D01, 4, "x_sonduong", "overdue_difficulties", due=-6, created=45, priority=True),
    Plan(D01, 4, "x_sonnam", "progress", due=12, created=45),
    Plan(D01, 4, "p_minhxuan", "done_late", due=-15, created=45),
    Plan(D04, 0, "finance", "ext_pending", due=2, created=30, priority=True),
    Plan(D04, 1, "construction", "overdue_difficulties", due=-5, support=("agri", "p_nongtien"), created=30),
    Plan(D04, 2, "agri", "done_late", due=-14, created=30),
    Plan(D04, 3, "ethnic", "returned_resubmitted", due=4, created=30),
    Plan(D04, 5, "finance", "delegate_staff", due=3, created=12),
    Plan(D04, 2, "finance", "overdue_difficulties", due=-3, created=30),
    Plan(D01, 7, "finance", "returned_open", due=6, created=45),
    Plan(D04, 5, "construction", "done_on_time", due=-2, created=12),
    Plan(D04, 5, "agri", "new", due=-1, created=12),
    Plan(D04, 7, "office", "progress", due=1, created=30),
    Plan(D06, 1, "x_tantrao", "progress", due=10, created=25),
    Plan(D06, 1, "p_hagiang1", "new", due=-4, created=25),
    Plan(D06, 1, "culture", "done_on_time", due=-3, created=25),
    Plan(D06, 3, "finance", "returned_done", due=-4, support=("construction", "agri"), created=25),
    Plan(D06, 5, "construction", "new", due=40, created=25),
    Plan(D06, 9, "inspect", "withdrawn", created=25),
    Plan(D06, 8, "education", "ext_refused", due=3, created=25),
    Plan(D06, 8, "health", "done_no_deadline", created=25),
    Plan(D07, 0, "science", "progress", due=25, support=("office",), created=15, leader="phochutich"),
    Plan(D07, 8, "finance", "progress", due=2, created=15, leader="phochutich"),
    Plan(D07, 7, "home", "new", due=30, created=15, leader="phochutich"),
    Plan(D07, 9, "justice", "done_on_time", due=1, created=15, leader="phochutich"),
    Plan(D07, 9, "industry", "new", due=2, created=15, leader="phochutich"),
    Plan(D08, 0, "agri", "returned_done", due=-2, support=("p_nongtien",), created=20, priority=True),
    Plan(D08, 1, "p_nongtien", "progress", created=20),
)

RETURN_REASON = (
    "Báo cáo chưa có số liệu cụ thể và biểu tổng hợp theo mẫu; đề nghị bổ sung, hoàn thiện và gửi lại."
)
PROGRESS = (
    ("Đã ban hành văn bản triển khai, phân công lãnh đạo và chuyên viên phụ trách; đang rà soát số liệu.", 30),
    ("Đã tổng hợp xong số liệu của các đơn vị, đang hoàn thiện dự thảo báo cáo.", 60),
    ("Đã xin ý kiến các cơ quan liên quan; đang tiếp thu, hoàn thiện hồ sơ trình.", 80),
)


class Scenario:
    def __init__(self, org: DemoOrg, today: dt.date | None = None) -> None:
        self.org = org
        self.today = today or timezone.localdate()
        self.documents: dict[str, Document] = {}
        self._minute = 0
        self._floor = dt.date.min  # no step of a task's story is dated before the task itself

    # -- time ---------------------------------------------------------------

    def wd(self, days: int) -> dt.date:
        return add_working_days(self.today, days)

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def clamp(self, day: dt.date) -> dt.date:
        return max(min(day, self.today), self._floor)

    def _stamp(self, day: dt.date) -> dt.datetime:
        self._minute += 1
        moment = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=self._minute % 480)
        return timezone.make_aware(moment)

    @contextmanager
    def on(self, day: dt.date) -> Iterator[dt.datetime]:
        """Run one step of the story as if on ``day``: back-date the rows it wrote."""
        day = self.clamp(day)
        when = self._stamp(day)
        marks = {model: model._default_manager.aggregate(m=Max("pk"))["m"] or 0 for model, _ in _STAMPED}
        started = timezone.now()
        yield when
        for model, field in _STAMPED:
            model._default_manager.filter(pk__gt=marks[model]).update(**{field: when})
        for model in _DECIDED:
            model.objects.filter(decided_at__gte=started).update(decided_at=when)

    # -- people -------------------------------------------------------------

    def user(self, username: str) -> User:
        return self.org.people[username]

    def head_of_task(self, task: Task) -> User:
        for user in self.org.people.values():
            if user.unit_id == task.lead_unit_id and user.role == Role.HEAD:
                return user
        raise LookupError(task.lead_unit)

    # -- documents ----------------------------------------------------------

    def register_documents(self) -> None:
        tracker = self.user("vanphong")
        for stem in DOCUMENTS:
            meta = load_gold(stem)["document"]
            issuer_unit = self.org["district"] if stem.startswith("seed002") else None
            self.documents[stem] = Document.objects.create(
                kind=meta["kind"], number=meta.get("number") or "", issuer=meta.get("issuer") or "",
                issuer_unit=issuer_unit, place=meta.get("place") or "",
                issued_on=dt.date.fromisoformat(meta["issued_on"]) if meta.get("issued_on") else None,
                subject=meta.get("subject") or "", signer=meta.get("signer") or "",
                signer_title=meta.get("signer_title") or "", recipients=meta.get("recipients") or [],
                references=meta.get("references") or [], text=load_text(stem),
                unit=self.org["committee"], created_by=tracker,
            )

    def create_task(
        self, stem: str, index: int, lead: str, *, due_on: dt.date | None, on: dt.date,
        support: tuple[str, ...] = (), leader: str = "lanhdao", priority: bool = False,
    ) -> Task:
        gold = load_gold(stem)["tasks"][index]
        document = self.documents[stem]
        start = document.text.find(gold["text"][:60])
        span = (start, start + len(gold["text"])) if start >= 0 else None
        with self.on(on) as when:
            return services.task_create(
                by=self.user("vanphong"), text=gold["text"], lead_unit=self.org[lead],
                support_units=[self.org[k] for k in support], due_on=due_on,
                due_text=gold.get("due_text") or "", recurring=bool(gold.get("recurring")),
                priority=priority, document=document, assigned_by=self.user(leader),
                source_span=span, created_at=when,
            )

    # -- steps --------------------------------------------------------------

    def progress(self, task: Task, by: User, day: dt.date, step: int = 0, **extra: Any) -> None:
        text, percent = PROGRESS[step % len(PROGRESS)]
        with self.on(day):
            services.task_report_progress(task=task, by=by, text=text, percent=percent, **extra)

    def submit(self, task: Task, by: User, day: dt.date, result: str = "") -> None:
        with self.on(day):
            services.task_submit(
                task=task, by=by, submitted_on=self.clamp(day),
                result=result or "Đã hoàn thành nhiệm vụ; gửi kèm báo cáo kết quả và hồ sơ liên quan.",
            )

    def confirm(self, task: Task, day: dt.date) -> None:
        with self.on(day):
            services.task_confirm(task=task, by=self.user("vanphong"), note="Kết quả đạt yêu cầu.")

    def give_back(self, task: Task, day: dt.date) -> None:
        with self.on(day):
            services.task_return(task=task, by=self.user("vanphong"), reason=RETURN_REASON)

    # -- the whole story ----------------------------------------------------

    def play(self) -> None:
        self.register_documents()
        self.play_former_district()
        for plan in PLANS:
            self.play_plan(plan)
        self.finish()

    def play_plan(self, plan: Plan) -> Task:
        created = self.ago(plan.created)
        due = None if plan.due is None else self.wd(plan.due)
        self._floor = created
        task = self.create_task(
            plan.doc, plan.index, plan.lead, due_on=due, on=created, support=plan.support,
            leader=plan.leader, priority=plan.priority,
        )
        STORIES[plan.story](self, task, created, due)
        return task

    def play_former_district(self) -> None:
        """Sơn Dương, 2023: the district's conclusion, its tasks, the 2025 reform and re-dating."""
        stem = DOCUMENTS[2]
        start = dt.date(2023, 9, 26)
        self._floor = start
        due1, due4 = dt.date(2023, 10, 10), dt.date(2023, 10, 31)
        new = {}
        for key in ("old_town", "old_daiphu", "old_phucung", "old_minhthanh", "old_luongthien"):
            new[key] = self.create_task(stem, 1, key, due_on=due1, on=start)
        town, daiphu, minhthanh = self.user("xasonduong"), self.user("xasonnam"), self.user("xatantrao")
        self.submit(new["old_town"], town, dt.date(2023, 10, 9))
        self.confirm(new["old_town"], dt.date(2023, 10, 11))
        self.progress(new["old_daiphu"], daiphu, dt.date(2023, 10, 5))
        self.submit(new["old_daiphu"], daiphu, dt.date(2023, 10, 20))
        self.confirm(new["old_daiphu"], dt.date(2023, 10, 23))
        self.progress(
            new["old_minhthanh"], minhthanh, dt.date(2023, 10, 6), step=0,
            difficulties="Nhiều trường hợp vi phạm từ trước năm 2015, hồ sơ đất đai không đầy đủ.",
            proposals="Đề nghị phòng Tài nguyên và Môi trường cử cán bộ hỗ trợ xác minh nguồn gốc đất.",
        )
        for key in ("old_town", "d_home"):
            self.create_task(stem, 0, key, due_on=None, on=start)
        self.create_task(stem, 5, "d_office", due_on=None, on=start)
        self.create_task(stem, 2, "d_econ", due_on=None, on=start)
        natres = self.create_task(stem, 2, "d_natres", due_on=None, on=start)
        econ = self.user("ktht_sonduong")
        plan_task = self.create_task(stem, 3, "d_econ", due_on=None, on=start)
        self.submit(plan_task, econ, dt.date(2023, 10, 16), "Đã hoàn thiện Kế hoạch, trình UBND huyện ban hành.")
        self.confirm(plan_task, dt.date(2023, 10, 18))
        report = self.create_task(stem, 4, "d_econ", due_on=due4, on=start)
        self.submit(report, econ, dt.date(2023, 10, 27), "Đã hoàn thiện báo cáo theo ý kiến tham gia.")
        self.give_back(report, dt.date(2023, 10, 30))
        self.submit(report, econ, dt.date(2023, 11, 6), "Đã bổ sung biểu so sánh tháng 3/2021 và hiện tại.")
        self.confirm(report, dt.date(2023, 11, 8))

        with self.on(REFORM_DAY):
            for spec in dissolving_units():
                assert spec.dissolves_into is not None  # what dissolving_units() selects on
                unit_dissolve(
                    unit=self.org[spec.key], successor=self.org[spec.dissolves_into],
                    last_day=LAST_DISTRICT_DAY, by=self.user("admin"),
                )
            move_people_after_reform(self.org)
        for task in (*new.values(), natres):
            task.refresh_from_db()
        review = self.ago(20)
        reason = "Rà soát nhiệm vụ tồn đọng của huyện Sơn Dương (cũ) sau sắp xếp; giao lại thời hạn cho đơn vị kế thừa."
        for task, due in ((new["old_phucung"], self.wd(2)), (new["old_minhthanh"], self.wd(-4)),
                          (new["old_luongthien"], self.wd(20)), (natres, self.wd(8))):
            with self.on(review):
                services.task_change_due(task=task, by=self.user("vanphong"), due_on=due, reason=reason)
        self.progress(new["old_minhthanh"], self.user("xatantrao"), self.ago(10), step=1)

    def finish(self) -> None:
        """Back-date the registration of each document to its first task; old notices are read."""
        for document in self.documents.values():
            first = document.tasks.order_by("created_at").values_list("created_at", flat=True).first()
            if first:
                Document.objects.filter(pk=document.pk).update(created_at=first)
        week_ago = timezone.now() - dt.timedelta(days=7)
        Notification.objects.filter(created_at__lt=week_ago, read_at__isnull=True).update(
            read_at=F("created_at")
        )


# -- stories: what happens to one task after it is created ------------------


def _between(start: dt.date, end: dt.date, share: float) -> dt.date:
    return start + dt.timedelta(days=max(1, int((end - start).days * share)))


def story_new(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    return None


def story_progress(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    head = s.head_of_task(task)
    s.progress(task, head, _between(created, s.today, 0.3), 0)
    s.progress(task, head, _between(created, s.today, 0.8), 1)


def story_overdue_difficulties(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    head = s.head_of_task(task)
    s.progress(task, head, _between(created, s.today, 0.4), 0)
    s.progress(
        task, head, _between(created, s.today, 0.9), 1,
        difficulties="Hồ sơ, số liệu từ các đơn vị gửi về chậm; một số nội dung vượt thẩm quyền.",
        proposals="Đề nghị UBND tỉnh chỉ đạo các đơn vị phối hợp cung cấp số liệu trước 05 ngày làm việc.",
    )


def _done(s: Scenario, task: Task, created: dt.date, submitted: dt.date) -> None:
    head = s.head_of_task(task)
    s.progress(task, head, _between(created, submitted, 0.5), 1)
    s.submit(task, head, submitted)
    s.confirm(task, add_working_days(submitted, 1))


def story_done_on_time(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    assert due is not None
    _done(s, task, created, min(add_working_days(due, -2), s.ago(1)))


def story_done_late(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    assert due is not None
    _done(s, task, created, min(add_working_days(due, 4), s.ago(1)))


def story_done_no_deadline(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    _done(s, task, created, s.ago(5))


def story_submitted(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    head = s.head_of_task(task)
    s.progress(task, head, _between(created, s.today, 0.5), 2)
    s.submit(task, head, s.ago(1))


def story_returned_open(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    head = s.head_of_task(task)
    s.submit(task, head, s.ago(12))
    s.give_back(task, s.ago(10))


def story_returned_resubmitted(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    head = s.head_of_task(task)
    s.submit(task, head, s.ago(10))
    s.give_back(task, s.ago(8))
    s.progress(task, head, s.ago(5), 2)
    s.submit(task, head, s.ago(2), "Đã bổ sung số liệu và biểu tổng hợp theo yêu cầu.")


def story_returned_done(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    assert due is not None
    head = s.head_of_task(task)
    s.submit(task, head, add_working_days(due, -6))
    s.give_back(task, add_working_days(due, -5))
    s.submit(task, head, add_working_days(due, -1), "Đã bổ sung số liệu và biểu tổng hợp theo yêu cầu.")
    s.confirm(task, due)


def _request(s: Scenario, task: Task, day: dt.date, proposed: dt.date) -> ExtensionRequest:
    with s.on(day):
        return services.task_request_extension(
            task=task, by=s.head_of_task(task), proposed_due=proposed,
            reason="Nội dung cần xin ý kiến nhiều cơ quan; đề nghị gia hạn để hoàn thiện hồ sơ đúng quy định.",
        )


def story_ext_pending(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    s.progress(task, s.head_of_task(task), s.ago(10), 1)
    _request(s, task, s.ago(1), s.wd(15))


def story_ext_approved(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    s.progress(task, s.head_of_task(task), s.ago(15), 0)
    request = _request(s, task, s.ago(8), s.wd(12))
    with s.on(s.ago(7)):
        services.task_decide_extension(request=request, by=s.user("lanhdao"), approve=True,
                                       note="Đồng ý gia hạn; không gia hạn thêm.")


def story_ext_refused(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    request = _request(s, task, s.ago(4), s.wd(20))
    with s.on(s.ago(3)):
        services.task_decide_extension(
            request=request, by=s.user("lanhdao"), approve=False,
            note="Không đồng ý gia hạn; đề nghị tập trung hoàn thành đúng thời hạn đã giao.",
        )
    s.progress(task, s.head_of_task(task), s.ago(2), 2)


def story_paused(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    s.progress(task, s.head_of_task(task), _between(created, s.today, 0.3), 0)
    with s.on(_between(created, s.today, 0.6)):
        services.task_pause(task=task, by=s.user("vanphong"),
                            reason="Tạm dừng chờ hướng dẫn mới của Bộ Nội vụ về sắp xếp tổ chức bộ máy.")


def story_withdrawn(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    with s.on(_between(created, s.today, 0.5)):
        services.task_withdraw(
            task=task, by=s.user("lanhdao"),
            reason="Nội dung đã được giao tại văn bản khác của UBND tỉnh; thu hồi để tránh trùng lặp.",
        )


def story_delegate_sub(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    head = s.head_of_task(task)
    with s.on(created + dt.timedelta(days=2)):
        child = services.task_delegate(
            task=task, by=head, lead_unit=s.org["budget"], due_on=add_working_days(due, -5) if due else None,
            text="Phòng Quản lý ngân sách chủ trì thẩm định, dự thảo tờ trình UBND tỉnh.",
        )
    s.progress(child, s.user("phongngansach"), s.ago(6), 1)
    s.progress(task, head, s.ago(5), 0)


def story_delegate_staff(s: Scenario, task: Task, created: dt.date, due: dt.date | None) -> None:
    head = s.head_of_task(task)
    with s.on(created + dt.timedelta(days=1)):
        child = services.task_delegate(
            task=task, by=head, assignee=s.user("chuyenvien"), due_on=add_working_days(due, -1) if due else None,
            text="Đồng chí Đỗ Minh Anh dự thảo văn bản giải trình, trình Giám đốc Sở ký.",
        )
    s.progress(child, s.user("chuyenvien"), s.ago(2), 1)


StoryFn = Callable[[Scenario, Task, dt.date, "dt.date | None"], None]
STORIES: dict[str, StoryFn] = {
    name.removeprefix("story_"): fn for name, fn in globals().items() if name.startswith("story_")
}

