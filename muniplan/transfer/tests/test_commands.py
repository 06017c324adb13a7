"""`muniplan import` and `muniplan demo` from the command line."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from muniplan.plans.models import Plan
from muniplan.resolutions.models import Resolution
from muniplan.transfer.models import ImportedDocument

from .conftest import SEEDS


def test_dry_run_prints_what_the_document_says_as_json(capsys):
    call_command("import", str(SEEDS / "smolensk_2022__tab_html_text.txt"), dry_run=True, json=True)
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "plan" and data["year"] == 2022
    assert len(data["sections"]) == 6
    first = data["sections"][0]["activities"][0]
    assert first["participants"] == [{"count": 62, "category": "члены РО ВСМС"}]
    assert set(first) >= {
        "number",
        "title",
        "description",
        "period",
        "responsible",
        "funding",
        "participants",
        "partners",
        "location",
        "needs_review",
        "children",
    }


def test_a_file_that_cannot_be_read_exits_non_zero_with_a_russian_message(tmp_path, capsys):
    bad = tmp_path / "пустой.docx"
    bad.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(bad), dry_run=True, json=True)
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "пустой.docx" in captured.err


@pytest.mark.django_db
def test_import_with_an_organization_creates_the_plan(tyumen, capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("import", str(SEEDS / "tyumen_2026__tab_text.txt"), org=str(tyumen.pk), json=True)
    created = json.loads(capsys.readouterr().out)
    plan = Plan.objects.get(pk=created["id"])
    assert plan.activities.count() == 34 and plan.imports.count() == 1


@pytest.mark.django_db
def test_importing_the_same_file_again_needs_force_and_an_unknown_user_is_refused(
    tyumen, capsys, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    seed = str(SEEDS / "tyumen_2026__tab_text.txt")
    call_command("import", seed, org=str(tyumen.pk), json=True)
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        call_command("import", seed, org=str(tyumen.pk), json=True)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "Файл tyumen_2026__tab_text.txt не загружен:" in err
    assert "Этот файл уже загружался" in err and "повторите с --force" in err
    assert Plan.objects.count() == 1
    call_command("import", seed, org=str(tyumen.pk), json=True, force=True)
    assert Plan.objects.count() == 2
    with pytest.raises(CommandError, match="Пользователь «nobody» не найден."):
        call_command("import", seed, org=str(tyumen.pk), user="nobody", force=True)


@pytest.mark.django_db
def test_demo_loads_the_four_seed_plans_and_the_resolution_once(capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo")
    call_command("demo")
    assert sorted(Plan.objects.values_list("year", flat=True)) == [2021, 2022, 2024, 2026]
    assert Resolution.objects.count() == 1
    out = capsys.readouterr().out
    assert "Пароль у всех: muniplan-demo" in out
    assert "smolensk-smo-admin" in out and "резолюция III съезда ТОС" in out  # who sees what
    assert "Соколова Елена Николаевна" in out


@pytest.mark.django_db
def test_the_demo_documents_are_named_as_a_council_names_them(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo")
    names = set(ImportedDocument.objects.values_list("original_name", flat=True))
    assert "План_работы_СМО_Тюменской_области_2026.txt" in names
    assert not [name for name in names if "__" in name]  # no fixture file names on the pages


@pytest.mark.django_db
def test_a_demo_loaded_under_the_seed_file_names_is_not_loaded_again(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo")
    ImportedDocument.objects.filter(original_name__contains="Тюменской").update(
        original_name="tyumen_2026__tab_text.txt"
    )
    call_command("demo")
    assert Plan.objects.filter(year=2026).count() == 1


@pytest.mark.django_db
def test_every_demo_organization_has_an_administrator_who_sees_its_documents(
    client, settings, tmp_path
):
    from muniplan.accounts.access import Role, role_in
    from muniplan.accounts.models import Organization
    from muniplan.plans.selectors import plans_visible_to

    settings.MEDIA_ROOT = tmp_path
    call_command("demo")
    for organization in Organization.objects.exclude(kind=Organization.Kind.FEDERAL):
        admins = [m.user for m in organization.memberships.filter(role=Role.ADMIN)]
        assert admins, organization.name
        admin = admins[0]
        assert admin.profile.full_name and admin.profile.position
        assert role_in(admin, organization) == Role.ADMIN
        own = set(Plan.objects.filter(organization=organization))
        assert set(plans_visible_to(admin)) == own
        client.force_login(admin)
        for resolution in Resolution.objects.filter(organization=organization):
            assert (
                client.get(reverse("resolutions-detail", args=[resolution.pk])).status_code == 200
            )
    smolensk_smo = Organization.objects.get(short_name="СМО Смоленской области")
    assert (
        Resolution.objects.get().organization == smolensk_smo
    )  # the resolution has its administrator now
