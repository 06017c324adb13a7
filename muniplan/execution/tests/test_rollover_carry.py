"""An activity moved to next year is carried into the roll-over draft with a mark."""

from __future__ import annotations

from django.urls import reverse

from muniplan.execution.models import Status
from muniplan.execution.services import status_override
from muniplan.plans.rollover import CARRIED_OVER, plan_rollover


def test_an_activity_moved_to_next_year_is_marked_in_the_rolled_over_draft(
    client, admin_user, plan, forum_activity, news_activity
):
    status_override(
        activity=forum_activity,
        by=admin_user,
        new=Status.MOVED,
        old=Status.OVERDUE,
        reason="Региональные дни форума перенесены на 2027 год",
    )
    status_override(
        activity=news_activity,
        by=admin_user,
        new=Status.MOVED,
        old=Status.IN_PROGRESS,
        reason="Ошибка",
    )
    status_override(
        activity=news_activity, by=admin_user, new="", old=Status.MOVED, reason="Ошибка исправлена"
    )
    new_plan = plan_rollover(plan=plan, by=admin_user)
    copy = new_plan.activities.get(source_activity=forum_activity)
    assert copy.needs_review == [CARRIED_OVER]
    assert new_plan.activities.get(source_activity=news_activity).needs_review == []
    client.force_login(admin_user)
    review = client.get(reverse("plans-rollover-review", args=[new_plan.pk])).content.decode()
    carried = review.split('id="carried-over"')[1].split("</div>")[0]
    assert (
        "Перенесены с 2026 года" in carried
        and "Участие представителей Тюменской области" in carried
    )
    assert (
        "перенесено с прошлого года"
        in client.get(reverse("plans-activity-detail", args=[copy.pk])).content.decode()
    )
