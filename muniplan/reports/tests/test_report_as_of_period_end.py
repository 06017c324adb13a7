"""A report for a period shows each activity as it stood on the period's last day: reports and
status decisions made later do not count, and its figures come from one set of reports."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from docx import Document

from muniplan.execution.models import Status, StatusOverride
from muniplan.execution.services import status_override
from muniplan.execution.tests.conftest import add_report
from muniplan.plans import services
from muniplan.plans.services import ActivityInput
from muniplan.reports import pdf, word
from muniplan.reports.periods import report_period
from muniplan.reports.selectors import plan_report

pytestmark = pytest.mark.django_db

LATE = dt.date(2027, 1, 15)  # every report is written after the year: later reports exist


@pytest.fixture
def autumn_activity(plan, admin_user):
    """October–December, its only report dated 10 November, and a report in the second quarter."""
    activity = services.activity_create(
        section=plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"),
        by=admin_user,
        data=ActivityInput(
            number="40", title="Осенний семинар глав", period_text="Октябрь-декабрь"
        ),
    )
    add_report(activity, admin_user, dt.date(2026, 11, 10), text="Проведён осенний семинар")
    add_report(
        plan.activities.get(number="21"),
        admin_user,
        dt.date(2026, 5, 20),
        text="Расширенное заседание Президиума",
    )
    return activity


def _line(report, number: str):
    return next(x for s in report.sections for x in s.lines if x.activity.number == number)


def _figures(document: Document) -> dict[str, str]:
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def test_a_quarter_report_ignores_reports_dated_after_the_quarter(plan, autumn_activity):
    second = plan_report(plan, period=report_period(2026, "q2"), today=LATE)
    line = _line(second, "40")
    assert line.status.code == Status.PLANNED and line.reports == []
    fourth = plan_report(plan, period=report_period(2026, "q4"), today=LATE)
    assert _line(fourth, "40").status.code == Status.DONE and len(_line(fourth, "40").reports) == 1


def test_work_starting_the_day_after_the_quarter_is_still_planned_in_its_report(
    plan, autumn_activity, admin_user
):
    summer = services.activity_create(
        section=plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"),
        by=admin_user,
        data=ActivityInput(number="41", title="Летний семинар", period_text="Июль-сентябрь"),
    )
    third = plan_report(plan, period=report_period(2026, "q3"), today=LATE)
    autumn = _line(third, "40").status
    assert autumn.code == Status.PLANNED  # October's work is the next quarter's
    assert autumn.mark(10) == "planned"
    assert _line(third, "41").status.code == Status.OVERDUE  # ended on the quarter's last day
    assert summer in [x.activity for x in third.not_done]


def test_a_quarter_reports_figures_come_from_its_own_reports(plan, autumn_activity):
    second = plan_report(plan, period=report_period(2026, "q2"), today=LATE)
    done = [x for s in second.sections for x in s.lines if x.status.code == Status.DONE]
    assert second.tally.done == len(done) == 0 and second.reports == 1
    figures = _figures(Document(io.BytesIO(word.plan_report_docx(second))))
    assert figures["Выполнено"] == "0"
    with pdfplumber.open(io.BytesIO(pdf.plan_report_pdf(second))) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
    assert "\nВыполнено 0\n" in text
    assert "40 Осенний семинар глав — запланировано" in text
    assert "Проведён осенний семинар" not in text


def test_a_report_over_a_period_counts_only_up_to_the_quarters_end(plan, admin_user):
    activity = services.activity_create(
        section=plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"),
        by=admin_user,
        data=ActivityInput(
            number="41", title="Летняя школа старост", period_text="июнь-август (ежемесячно)"
        ),
    )
    add_report(
        activity, admin_user, dt.date(2026, 6, 20), text="Школа", done_until=dt.date(2026, 8, 1)
    )
    second = plan_report(plan, period=report_period(2026, "q2"), today=LATE)
    third = plan_report(plan, period=report_period(2026, "q3"), today=LATE)
    # on 30 June only June's session had been held: July and August were still to come
    assert _line(second, "41").status.code == Status.IN_PROGRESS
    assert len(_line(second, "41").reports) == 1
    assert _line(third, "41").status.code == Status.DONE


@pytest.mark.parametrize(
    "decided_on, quarter",
    [
        (dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC), "q2"),
        # Councils record a year's outcome («отменено», «перенесено») once it is over, while
        # writing the annual report: a decision made in January belongs to the year before.
        (dt.datetime(2027, 1, 12, 10, tzinfo=dt.UTC), "q3"),
    ],
)
def test_a_status_set_later_is_not_in_a_quarters_report_but_is_in_the_years(
    plan, admin_user, decided_on, quarter
):
    status_override(
        activity=plan.activities.get(number="1"),
        by=admin_user,
        new=Status.CANCELLED,
        reason="Форум не состоялся",
        old=Status.OVERDUE,
    )
    StatusOverride.objects.update(created=decided_on)
    earlier = plan_report(plan, period=report_period(2026, quarter), today=LATE)
    year = plan_report(plan, period=report_period(2026, "year"), today=LATE)
    assert _line(earlier, "1").status.code == Status.OVERDUE
    assert _line(year, "1").status.code == Status.CANCELLED


def test_quota_deliveries_of_the_day_after_the_quarter_are_not_counted(
    plan, news_activity, admin_user
):
    for day in (dt.date(2026, 3, 10), dt.date(2026, 4, 1)):
        add_report(news_activity, admin_user, day, deliveries=[("новость", 2)])
    first = plan_report(plan, period=report_period(2026, "q1"), today=LATE)
    assert next(q for q in first.quotas if q.item == "новости").delivered == 2
