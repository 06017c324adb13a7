"""Demo installation: the councils of the seed documents, their people, and their plans loaded
through the importer exactly as a user would load them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from muniplan.accounts.models import Membership, Organization, Profile, Unit

from .services import document_confirm, document_read

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DEMO_PASSWORD = "muniplan-demo"

VARMSU = "Всероссийская ассоциация развития местного самоуправления"
TYUMEN = "Совет муниципальных образований Тюменской области"
TULA = "Ассоциация «Совет муниципальных образований Тульской области»"
SMOLENSK_VSMS = "Смоленское региональное отделение Всероссийского совета местного самоуправления"
SMOLENSK_SMO = "Ассоциация «Совет муниципальных образований Смоленской области»"

ORGANIZATIONS = [
    # name, short, kind, region, website, units (staff), bodies
    (VARMSU, "ВАРМСУ", Organization.Kind.FEDERAL, "", "", [], []),
    (
        TYUMEN,
        "СМО Тюменской области",
        Organization.Kind.COUNCIL,
        "Тюменская область",
        "https://www.smo72.ru/",
        ["Аппарат Совета", "Информационно-аналитический отдел"],
        ["Президиум"],
    ),
    (
        TULA,
        "СМО Тульской области",
        Organization.Kind.COUNCIL,
        "Тульская область",
        "https://smo71.ru/",
        [],
        [
            "Правление",
            "Собрание членов",
            "Палата муниципальных районов и городских округов",
            "Палата городских поселений",
            "Палата сельских поселений",
        ],
    ),
    (
        SMOLENSK_VSMS,
        "Смоленское РО ВСМС",
        Organization.Kind.VSMS_BRANCH,
        "Смоленская область",
        "",
        [],
        ["Конференция", "Региональный совет", "Президиум РС ВСМС"],
    ),
    (
        SMOLENSK_SMO,
        "СМО Смоленской области",
        Organization.Kind.COUNCIL,
        "Смоленская область",
        "",
        [],
        [],
    ),
]

# Each council's plans are shown and exported in the layout of its own documents.
LAYOUTS = {TYUMEN: "tyumen", TULA: "tula", SMOLENSK_VSMS: "smolensk", SMOLENSK_SMO: "smolensk"}

# organization, seed file, the name a council would have given the document (shown as its source)
DOCUMENTS = [
    (TYUMEN, "tyumen_2026__tab_text.txt", "План_работы_СМО_Тюменской_области_2026.txt"),
    (
        TULA,
        "tula_2024__month_grid_text.txt",
        "План_работы_Ассоциации_СМО_Тульской_области_2024.txt",
    ),
    (SMOLENSK_VSMS, "smolensk_2021__pdf_dump.txt", "План_работы_Смоленского_РО_ВСМС_2021.txt"),
    (SMOLENSK_VSMS, "smolensk_2022__tab_html_text.txt", "План_работы_Смоленского_РО_ВСМС_2022.txt"),
    (
        SMOLENSK_SMO,
        "smolensk_tos_congress_2020__resolution.txt",
        "Резолюция_III_съезда_ТОС_Смоленской_области.txt",
    ),
]

# username, organization, role, units of an editor, full name, position, what the login sees and may do
PEOPLE = [
    (
        "demo",
        VARMSU,
        Membership.Role.ADMIN,
        [],
        "Кузнецов Андрей Викторович",
        "начальник отдела методического обеспечения ВАРМСУ",
        "федеральный администратор: видит и изменяет планы и резолюции всех организаций",
    ),
    (
        "tyumen-admin",
        TYUMEN,
        Membership.Role.ADMIN,
        [],
        "Соколова Елена Николаевна",
        "исполнительный директор Совета муниципальных образований Тюменской области",
        "администратор СМО Тюменской области: план на 2026 год, подразделения, пользователи, загрузка",
    ),
    (
        "tyumen-editor",
        TYUMEN,
        Membership.Role.EDITOR,
        ["Информационно-аналитический отдел"],
        "Морозов Дмитрий Игоревич",
        "начальник информационно-аналитического отдела",
        "редактор: в плане Тюмени изменяет только мероприятия Информационно-аналитического отдела",
    ),
    (
        "tyumen-viewer",
        TYUMEN,
        Membership.Role.VIEWER,
        [],
        "Васильева Ольга Петровна",
        "член Президиума, глава Нижнетавдинского муниципального района",
        "наблюдатель: читает план Тюмени, ничего не изменяет",
    ),
    (
        "tula-admin",
        TULA,
        Membership.Role.ADMIN,
        [],
        "Громова Татьяна Сергеевна",
        "исполнительный директор Ассоциации «СМО Тульской области»",
        "администратор СМО Тульской области: план на 2024 год (сетка по месяцам)",
    ),
    (
        "smolensk-admin",
        SMOLENSK_VSMS,
        Membership.Role.ADMIN,
        [],
        "Павлов Сергей Александрович",
        "председатель Смоленского регионального отделения ВСМС",
        "администратор Смоленского РО ВСМС: планы на 2021 и 2022 годы, копирование на следующий год",
    ),
    (
        "smolensk-smo-admin",
        SMOLENSK_SMO,
        Membership.Role.ADMIN,
        [],
        "Никитина Марина Владимировна",
        "исполнительный директор Ассоциации «СМО Смоленской области»",
        "администратор СМО Смоленской области: резолюция III съезда ТОС Смоленской области и контроль её рекомендаций",
    ),
]


@dataclass
class DemoLogin:
    username: str
    password: str
    full_name: str
    position: str
    purpose: str


def _organizations() -> dict[str, Organization]:
    result = {}
    for name, short, kind, region, website, staff, bodies in ORGANIZATIONS:
        org, _ = Organization.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "kind": kind,
                "region": region,
                "website": website,
                "plan_layout": LAYOUTS.get(name, "tyumen"),
            },
        )
        for unit in staff:
            Unit.objects.get_or_create(
                organization=org, name=unit, defaults={"kind": Unit.Kind.STAFF}
            )
        for unit in bodies:
            Unit.objects.get_or_create(
                organization=org, name=unit, defaults={"kind": Unit.Kind.BODY}
            )
        result[name] = org
    for org in result.values():
        if org.kind != Organization.Kind.FEDERAL and org.parent_id is None:
            org.parent = result[VARMSU]
            org.save(update_fields=["parent"])
    return result


def _people(organizations: dict[str, Organization]) -> list[DemoLogin]:
    users = get_user_model().objects
    logins = []
    for username, org_name, role, units, full_name, position, purpose in PEOPLE:
        user = users.filter(username=username).first() or users.create_user(
            username=username, password=DEMO_PASSWORD
        )
        Profile.objects.get_or_create(
            user=user, defaults={"full_name": full_name, "position": position}
        )
        membership, _ = Membership.objects.get_or_create(
            user=user, organization=organizations[org_name], defaults={"role": role}
        )
        membership.units.set(
            Unit.objects.filter(organization=organizations[org_name], name__in=units)
        )
        logins.append(DemoLogin(username, DEMO_PASSWORD, full_name, position, purpose))
    return logins


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create the demo organizations, people and documents; a second run adds nothing."""
    organizations = _organizations()
    logins = _people(organizations)
    loader = get_user_model().objects.get(username="demo")
    for org_name, seed, filename in DOCUMENTS:
        organization = organizations[org_name]
        # a demo loaded before the documents had their names was loaded under the seed's
        if organization.imports.filter(original_name__in=[filename, seed]).exists():
            continue
        document = document_read(
            organization=organization,
            filename=filename,
            data=(SEEDS / seed).read_bytes(),
            by=loader,
        )
        document_confirm(document=document, by=loader)
    return logins
