"""Small plans built through the services, the way the product builds them."""

from __future__ import annotations

from muniplan.plans import services
from muniplan.plans.models import Plan
from muniplan.plans.services import ActivityInput


def tyumen_plan(*, organization, apparatus, analytics, by, year: int = 2026) -> Plan:
    """Three activities of the Tyumen plan: one per unit, one with a sub-item; two sections."""
    plan = services.plan_create(
        organization=organization,
        year=year,
        by=by,
        title=f"ПЛАН реализации приоритетных направлений деятельности Совета муниципальных образований Тюменской области на {year} год",
    )
    varmsu = services.section_create(plan=plan, title="ВЗАИМОДЕЙСТВИЕ С ВАРМСУ", by=by)
    analytic = services.section_create(plan=plan, title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ", by=by)
    services.activity_create(
        section=varmsu,
        by=by,
        data=ActivityInput(
            number="1",
            title="Участие представителей Тюменской области в региональных днях форума «Малая Родина – сила России»",
            description="Направление делегации Тюменской области.\nПри необходимости – личное участие представителя Совета",
            period_text="Январь-апрель\nСентябрь-декабрь",
            responsible_units=[apparatus],
            funding_text=f"п.п. ___ Сметы на {year} год",
            participants=[(62, "члены РО ВСМС")],
        ),
    )
    report = services.activity_create(
        section=analytic,
        by=by,
        data=ActivityInput(
            number="11",
            title="Подготовка ежегодного доклада «О состоянии местного самоуправления в Тюменской области»",
            description=f"Сбор и обобщение информации о деятельности Совета в {year} году.",
            period_text="Июнь-сентябрь",
            responsible_units=[analytics],
        ),
    )
    services.activity_create(
        section=analytic,
        by=by,
        parent=report,
        data=ActivityInput(
            number="11.1",
            title="Рассылка модельной формы доклада",
            period_text="2-3 квартал",
            responsible_units=[analytics],
        ),
    )
    return plan
