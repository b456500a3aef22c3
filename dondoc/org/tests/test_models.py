"""The organisation's models: who are a unit's leaders."""

from dondoc.org.models import Role, User


def test_the_leaders_of_a_unit_are_its_active_leaders_and_those_below(org):
    gone = User.objects.create_user("cu", full_name="Lãnh Đạo Cũ", unit=org.committee, role=Role.LEADER,
                                    is_active=False)
    within = set(User.objects.leaders(within=org.committee))
    assert org.chairman in within and gone not in within and org.outsider not in within
    assert not {u for u in within if u.role != Role.LEADER}
    assert org.outsider in set(User.objects.leaders())
    assert not User.objects.leaders(within=org.finance).exists()
