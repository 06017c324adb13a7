from __future__ import annotations

import datetime as dt

import pytest

from muniplan.execution.services import ReportInput, report_create
from muniplan.plans import services
from muniplan.plans.services import ActivityInput
from muniplan.plans.tests.factories import tyumen_plan

NEWS_TEXT = (
    "Мониторинг региональных СМИ для поиска актуальной информации. Подготовка текстов статей и "
    "новостей (не менее 1 новости в неделю и 1 статьи в месяц), их размещение на портале."
)


@pytest.fixture
def plan(tyumen, apparatus, analytics, admin_user):
    """The Tyumen test plan (1, 11, 11.1) with three more activities of its real text: 17 (news
    quotas, analytics), 21 (at least once a quarter) and 27 (as needed)."""
    plan = tyumen_plan(organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user)
    section = plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    for number, title, description, period, unit in [
        (
            "17",
            "Информационное обеспечение сайта Совета (https://www.smo72.ru/), телеграм-канала и группы "
            "в социальной сети «ВКонтакте»",
            NEWS_TEXT,
            "январь - декабрь",
            analytics,
        ),
        (
            "21",
            "Проведение расширенных заседаний Президиума Совета",
            "",
            "январь-декабрь\n(при возникновении необходимости, но не реже 1 раза в квартал)",
            apparatus,
        ),
        (
            "27",
            "Осуществление выездов в города, в которых меняется глава администрации",
            "",
            "январь-декабрь (по мере необходимости и возможности)",
            apparatus,
        ),
    ]:
        services.activity_create(
            section=section,
            by=admin_user,
            data=ActivityInput(
                number=number,
                title=title,
                description=description,
                period_text=period,
                responsible_units=[unit],
            ),
        )
    return plan


@pytest.fixture
def news_activity(plan):
    return plan.activities.get(number="17")


@pytest.fixture
def forum_activity(plan):
    return plan.activities.get(number="1")


def add_report(activity, by, day: dt.date, text: str = "Сделано", attachments=(), **more):
    return report_create(
        activity=activity,
        by=by,
        data=ReportInput(done_on=day, text=text, **more),
        attachments=list(attachments),
    )
