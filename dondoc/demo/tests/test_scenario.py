import datetime as dt

from dondoc.demo.loader import load_demo
from dondoc.tasks.models import Task
from dondoc.tasks.timeliness import Timeliness


def test_the_story_holds_on_any_day_even_just_after_tet(db):
    day = dt.date(2027, 2, 13)  # a Saturday, in the week after Tết Đinh Mùi
    load_demo(today=day)
    classes = set(Task.objects.with_timeliness(day).values_list("timeliness", flat=True))
    assert classes == set(Timeliness)
    for task in Task.objects.prefetch_related("events"):
        events = list(task.events.all())
        assert events[0].kind == "created", task.text
        assert all(task.created_at <= e.at for e in events)
