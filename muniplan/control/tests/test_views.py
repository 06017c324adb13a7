"""The control pages over HTTP: who may do what, and strangers see nothing, by URL guessing too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from muniplan.control import services
from muniplan.control.models import ControlItem

pytestmark = pytest.mark.django_db
Status = ControlItem.Status


@pytest.fixture
def reported(items, directorate, smolensk_admin, controller):
    """An item handed to the directorate, with one note and a PDF as evidence."""
    item = items[0]
    services.item_update(
        item=item,
        by=smolensk_admin,
        expected_version=None,
        text=item.text,
        deadline=item.deadline,
        controller=controller,
        executor_unit=directorate,
        executor_text="",
    )
    note = services.note_add(
        item=item,
        by=smolensk_admin,
        done_on=dt.date(2021, 5, 1),
        text="Семинар проведён",
        files=[("акт.pdf", b"%PDF-1.4 act")],
    )
    item.refresh_from_db()
    return item, note.evidence.get()


def _urls(resolution, item, evidence) -> dict[str, str]:
    recommendation = item.recommendation
    return {
        "follow-up": reverse("control-follow-up", args=[resolution.pk]),
        "control-all": reverse("control-resolution", args=[resolution.pk]),
        "control-one": reverse("control-recommendation", args=[recommendation.pk]),
        "to-plan": reverse("control-addressee-to-plan", args=[recommendation.addressee_id]),
        "item": reverse("control-item", args=[item.pk]),
        "edit": reverse("control-item-edit", args=[item.pk]),
        "note": reverse("control-note-add", args=[item.pk]),
        "close": reverse("control-item-close", args=[item.pk]),
        "return": reverse("control-item-return", args=[item.pk]),
        "extend": reverse("control-item-extend", args=[item.pk]),
        "request": reverse("control-extension-request", args=[item.pk]),
        "evidence": reverse("control-evidence", args=[evidence.pk]),
    }


def test_a_user_of_another_organization_gets_404_on_every_control_url(
    client, stranger, resolution, reported
):
    item, evidence = reported
    client.force_login(stranger)
    for name, url in _urls(resolution, item, evidence).items():
        assert client.get(url).status_code in (404, 405), name
        assert client.post(url, {"reason": "x", "text": "x"}).status_code == 404, name
    request = services.extension_request(
        item=item, by=item.created_by, new_deadline=dt.date(2022, 1, 1), reason="x"
    )
    assert (
        client.post(
            reverse("control-extension-decide", args=[request.pk]), {"decision": "grant"}
        ).status_code
        == 404
    )
    assert (
        item.text[:40] not in client.get(reverse("control-list") + "?status=all").content.decode()
    )
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS


def test_numbers_that_do_not_exist_are_404(client, smolensk_admin):
    client.force_login(smolensk_admin)
    for name in ("control-item", "control-evidence", "control-follow-up", "control-item-edit"):
        assert client.get(reverse(name, args=[999999])).status_code == 404


def test_the_follow_up_page_lists_all_24_recommendations_with_executor_and_status(
    client, smolensk_viewer, resolution, items, reported
):
    client.force_login(smolensk_viewer)
    html = client.get(reverse("control-follow-up", args=[resolution.pk])).content.decode()
    assert "Информация о ходе выполнения рекомендаций" in html
    assert html.count('class="recommendation"') == 24
    assert html.count("На исполнении") == 24
    assert "Исполнительная дирекция" in html and "Семинар проведён" in html and "акт.pdf" in html
    assert "Поставить все на контроль" not in html  # a viewer reads only


def test_the_follow_up_page_says_why_an_item_was_taken_off_control_as_the_document_does(
    client, smolensk_viewer, resolution, items, controller
):
    services.item_close(item=items[1], by=controller, reason="Адресовано Департаменту")
    client.force_login(smolensk_viewer)
    html = client.get(reverse("control-follow-up", args=[resolution.pk])).content.decode()
    row = html.split(f'id="r{items[1].recommendation_id}"')[1].split("</tr>")[0]
    assert "Снято с контроля: Адресовано Департаменту</div>" in row
    assert '<span class="muted">—</span>' not in row.split('class="status"')[1]
    page = client.get(reverse("control-item", args=[items[1].pk])).content.decode()
    assert "<h1>Поручение снято с контроля</h1>" in page


def test_a_viewer_reads_but_cannot_report_close_or_manage(
    client, smolensk_viewer, resolution, reported
):
    item, evidence = reported
    client.force_login(smolensk_viewer)
    assert client.get(reverse("control-item", args=[item.pk])).status_code == 200
    assert client.get(reverse("control-evidence", args=[evidence.pk])).status_code == 200
    urls = _urls(resolution, item, evidence)
    for name in (
        "control-all",
        "control-one",
        "to-plan",
        "note",
        "close",
        "return",
        "extend",
        "request",
    ):
        assert (
            client.post(
                urls[name], {"reason": "x", "text": "x", "done_on": "2021-05-02"}
            ).status_code
            == 403
        ), name
    assert client.get(urls["edit"]).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS and item.notes.count() == 1


def test_an_editor_of_the_executor_unit_reports_with_evidence_and_the_item_goes_on_review(
    client, directorate_editor, reported
):
    item, _ = reported
    client.force_login(directorate_editor)
    upload = SimpleUploadedFile(
        "фото.png", b"\x89PNG\r\n\x1a\n" + b"0" * 10, content_type="image/png"
    )
    response = client.post(
        reverse("control-note-add", args=[item.pk]),
        {
            "done_on": "2021-06-01",
            "text": "Материалы опубликованы",
            "reports_done": "on",
            "files": [upload],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ON_REVIEW
    evidence = item.notes.get(text="Материалы опубликованы").evidence.get()
    download = client.get(reverse("control-evidence", args=[evidence.pk]))
    assert download["Content-Type"] == "image/png" and b"".join(
        download.streaming_content
    ).startswith(b"\x89PNG")
    # but closing is the controller's
    assert (
        client.post(
            reverse("control-item-close", args=[item.pk]), {"close-reason": "x"}
        ).status_code
        == 403
    )


def test_an_editor_of_another_unit_cannot_report(client, controller, reported):
    item, _ = reported
    client.force_login(controller)  # an editor with no units, who controls but does not execute
    assert (
        client.post(
            reverse("control-note-add", args=[item.pk]), {"done_on": "2021-06-01", "text": "x"}
        ).status_code
        == 403
    )


def test_a_refused_attachment_is_named_on_the_page_and_nothing_is_saved(
    client, smolensk_admin, reported
):
    item, _ = reported
    client.force_login(smolensk_admin)
    upload = SimpleUploadedFile("отчёт.exe", b"MZ\x90", content_type="application/octet-stream")
    response = client.post(
        reverse("control-note-add", args=[item.pk]),
        {"done_on": "2021-06-01", "text": "x", "files": [upload]},
    )
    assert response.status_code == 400 and "отчёт.exe" in response.content.decode()
    assert item.notes.count() == 1


def test_the_controller_closes_returns_and_extends_through_the_page(client, controller, reported):
    item, _ = reported
    client.force_login(controller)
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    assert "Снять с контроля" in page and "Продлить срок" in page
    response = client.post(
        reverse("control-item-extend", args=[item.pk]),
        {
            "extend-version": item.version,
            "extend-new_deadline": "2021-12-01",
            "extend-reason": "Перенос семинара",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.deadline == dt.date(2021, 12, 1) and item.status == Status.EXTENDED
    stale = client.post(
        reverse("control-item-close", args=[item.pk]),
        {"close-version": item.version - 1, "close-reason": "Исполнено"},
    )
    assert stale.status_code == 400 and "Поручение изменено после того" in stale.content.decode()
    assert (
        client.post(
            reverse("control-item-close", args=[item.pk]),
            {"close-version": item.version, "close-reason": "Исполнено"},
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.status == Status.CLOSED
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    assert (
        "Срок продлён" in page and "01.09.2021" in page and "01.12.2021" in page
    )  # history of the deadline


def test_an_admin_puts_everything_under_control_and_plans_the_associations_four(
    client, smolensk_admin, controller, resolution
):
    client.force_login(smolensk_admin)
    page = client.get(reverse("control-follow-up", args=[resolution.pk])).content.decode()
    assert "Поставить на контроль все рекомендации (24)" in page
    assert page.count("Включить в план") == 1  # only the group addressed to the association itself
    response = client.post(
        reverse("control-resolution", args=[resolution.pk]),
        {"controller": controller.pk, "deadline": "2021-09-01"},
    )
    assert response.status_code == 302 and ControlItem.objects.count() == 24
    own = resolution.addressees.get(name__startswith="Ассоциации")
    assert (
        client.post(reverse("control-addressee-to-plan", args=[own.pk]), {"year": 2021}).status_code
        == 302
    )
    recommendation = own.recommendations.first()
    recommendation.refresh_from_db()
    activity_page = client.get(
        reverse("plans-activity-detail", args=[recommendation.activity_id])
    ).content.decode()
    assert "activity-recommendation" in activity_page and recommendation.text[:60] in activity_page
    follow_up = client.get(reverse("control-follow-up", args=[resolution.pk])).content.decode()
    assert follow_up.count("Мероприятие плана:") == 4
    assert "Поставить все на контроль" not in follow_up  # nothing is left to put under control


def test_a_stale_edit_shows_both_texts_and_keeps_the_persons_own(
    client, smolensk_admin, controller, reported
):
    item, _ = reported
    client.force_login(smolensk_admin)
    data = {
        "text": "Мой текст",
        "executor_unit": item.executor_unit_id,
        "executor_text": "",
        "controller": controller.pk,
        "deadline": "2021-09-01",
        "version": item.version,
    }
    services.item_update(
        item=item,
        by=smolensk_admin,
        expected_version=item.version,
        text="Текст коллеги",
        deadline=item.deadline,
        controller=controller,
        executor_unit=item.executor_unit,
        executor_text="",
    )
    response = client.post(reverse("control-item-edit", args=[item.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Текст коллеги" in html and "Мой текст" in html
    item.refresh_from_db()
    assert item.text == "Текст коллеги"


def test_the_executor_asks_for_more_time_and_the_controller_refuses_then_grants(
    client, directorate_editor, controller, reported
):
    item, _ = reported
    client.force_login(directorate_editor)
    ask = {"new_deadline": "2021-11-01", "reason": "Типография задерживает тираж"}
    assert client.post(reverse("control-extension-request", args=[item.pk]), ask).status_code == 302
    request = item.extension_requests.get()
    assert (
        client.post(
            reverse("control-extension-decide", args=[request.pk]), {"decision": "grant"}
        ).status_code
        == 403
    )
    client.force_login(controller)
    refused = client.post(
        reverse("control-extension-decide", args=[request.pk]),
        {"decision": "refuse", "comment": ""},
    )
    assert refused.status_code == 400 and "почему в продлении отказано" in refused.content.decode()
    client.post(
        reverse("control-extension-decide", args=[request.pk]),
        {"decision": "refuse", "comment": "Срок жёсткий"},
    )
    request.refresh_from_db()
    item.refresh_from_db()
    assert request.state == "refused" and item.deadline == dt.date(2021, 9, 1)
    client.force_login(directorate_editor)
    client.post(
        reverse("control-extension-request", args=[item.pk]),
        {**ask, "reason": "Тираж перенесён типографией"},
    )
    client.force_login(controller)
    second = item.extension_requests.get(state="pending")
    assert (
        client.post(
            reverse("control-extension-decide", args=[second.pk]), {"decision": "grant"}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.deadline == dt.date(2021, 11, 1) and item.status == Status.EXTENDED


def test_the_item_page_names_people_by_their_profile_and_has_a_plain_title(
    client, controller, reported, smolensk_admin
):
    from muniplan.accounts.models import Profile

    Profile.objects.create(user=controller, full_name="Петрова Анна Сергеевна", position="директор")
    item, _ = reported
    client.force_login(smolensk_admin)
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    assert "<title>Поручение на контроле — MuniPlan</title>" in page
    assert "<dt>Контролёр</dt><dd>Петрова Анна Сергеевна</dd>" in page
    edit = client.get(reverse("control-item-edit", args=[item.pk])).content.decode()
    assert f'<option value="{controller.pk}" selected>Петрова Анна Сергеевна</option>' in edit


def _media(resolution):
    return resolution.addressees.get(name="Средствам массовой информации").recommendations.get()


def test_an_admin_chooses_the_executor_unit_when_putting_one_recommendation_under_control(
    client, smolensk_admin, controller, resolution, directorate
):
    media = _media(resolution)
    url = reverse("control-recommendation", args=[media.pk])
    client.force_login(smolensk_admin)
    form = client.get(url).content.decode()
    assert 'name="executor_unit"' in form and "Исполнительная дирекция" in form
    data = {"controller": controller.pk, "deadline": "2021-09-01", "executor_unit": directorate.pk}
    assert client.post(url, data).status_code == 302
    item = ControlItem.objects.get(recommendation=media)
    assert item.executor_unit == directorate and item.executor_text == ""


def test_with_no_unit_chosen_the_addressee_is_the_executor_as_written(
    client, smolensk_admin, controller, resolution, directorate
):
    media = _media(resolution)
    client.force_login(smolensk_admin)
    response = client.post(
        reverse("control-recommendation", args=[media.pk]),
        {"controller": controller.pk, "deadline": "2021-09-01", "executor_unit": ""},
    )
    assert response.status_code == 302
    item = ControlItem.objects.get(recommendation=media)
    assert item.executor_unit is None and item.executor_text == "Средствам массовой информации"


def test_a_planned_recommendation_links_to_its_activity_by_title(
    client, smolensk_admin, resolution
):
    own = resolution.addressees.get(name__startswith="Ассоциации")
    services.recommendations_to_plan(addressee=own, by=smolensk_admin, year=2021)
    activity = own.recommendations.first().activity
    client.force_login(smolensk_admin)
    html = client.get(reverse("control-follow-up", args=[resolution.pk])).content.decode()
    link = reverse("plans-activity-detail", args=[activity.pk])
    assert f'<a href="{link}">{activity.title[:40]}' in html
    assert "Мероприятие плана: <a" in html and "> (2021 год)</a>" not in html


def test_an_extension_request_is_recorded_as_a_request_not_as_a_new_deadline(
    client, directorate_editor, reported
):
    item, _ = reported
    client.force_login(directorate_editor)
    ask = {"new_deadline": "2021-11-01", "reason": "Типография задерживает тираж"}
    assert client.post(reverse("control-extension-request", args=[item.pk]), ask).status_code == 302
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    history = page.split('id="history"')[1]
    assert "Запрошено продление срока до 01.11.2021" in history
    assert "<strong>Срок исполнения</strong>: <del" not in history
    item.refresh_from_db()
    assert item.deadline == dt.date(2021, 9, 1)


def test_a_granted_extension_has_the_controllers_comment_as_its_basis(
    client, directorate_editor, controller, reported
):
    item, _ = reported
    request = services.extension_request(
        item=item, by=directorate_editor, new_deadline=dt.date(2021, 11, 1), reason="Нет тиража"
    )
    client.force_login(controller)
    response = client.post(
        reverse("control-extension-decide", args=[request.pk]),
        {"decision": "grant", "comment": "Согласовано с председателем"},
    )
    assert response.status_code == 302
    change = item.status_changes.get(new=Status.EXTENDED)
    assert change.reason == "Согласовано с председателем" and change.by == controller
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    assert "Нет тиража" in page.split('id="extension-')[1]  # the request keeps its reason


def test_a_stale_close_says_what_to_do_on_this_form_and_shows_the_current_state(
    client, directorate_editor, controller, reported
):
    item, _ = reported
    opened_at = item.version
    services.note_add(
        item=item,
        by=directorate_editor,
        done_on=dt.date(2021, 6, 1),
        text="Готово",
        reports_done=True,
    )
    client.force_login(controller)
    response = client.post(
        reverse("control-item-close", args=[item.pk]),
        {"close-version": opened_at, "close-reason": "Исполнено"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Поручение изменено после того, как вы открыли страницу" in html
    assert "снимите с контроля ещё раз" in html and "«Сохранить»" not in html
    assert "Исполнено — на проверке" in html.split('id="item-status"')[1][:200]
    item.refresh_from_db()
    assert item.status == Status.ON_REVIEW
    # the form now carries the version the person has seen: closing again goes through
    assert f'name="close-version" value="{item.version}"' in html
    again = client.post(
        reverse("control-item-close", args=[item.pk]),
        {"close-version": item.version, "close-reason": "Исполнено"},
    )
    assert again.status_code == 302


def test_a_pending_request_hides_the_request_form_and_a_second_one_is_refused(
    client, directorate_editor, reported
):
    item, _ = reported
    url = reverse("control-extension-request", args=[item.pk])
    client.force_login(directorate_editor)
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    assert 'id="extension-request-form"' in page
    assert client.post(url, {"new_deadline": "2021-11-01", "reason": "Тираж"}).status_code == 302
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    assert 'id="extension-request-form"' not in page
    second = client.post(url, {"new_deadline": "2021-12-01", "reason": "Ещё"})
    assert second.status_code == 400
    assert "Просьба о продлении срока уже ждёт решения контролёра" in second.content.decode()
    assert item.extension_requests.count() == 1


def test_the_edit_conflict_table_shows_dates_and_people_as_people_read_them(
    client, smolensk_admin, controller, reported
):
    item, _ = reported
    client.force_login(smolensk_admin)
    data = {
        "text": item.text,
        "executor_unit": item.executor_unit_id,
        "executor_text": "",
        "controller": smolensk_admin.pk,
        "deadline": "2027-02-01",
        "version": item.version,
    }
    services.item_update(
        item=item,
        by=smolensk_admin,
        expected_version=item.version,
        text=item.text,
        deadline=dt.date(2027, 3, 1),
        controller=controller,
        executor_unit=item.executor_unit,
        executor_text="",
    )
    html = client.post(reverse("control-item-edit", args=[item.pk]), data).content.decode()
    table = html.split('class="conflict-table"')[1].split("</table>")[0]
    assert "01.02.2027" in table and "01.03.2027" in table and "2027-0" not in table
    assert "Контролёр" in table and "controller.smolensk" not in table


def test_the_item_history_names_the_controller_not_their_login(
    client, smolensk_admin, controller, reported
):
    item, _ = reported
    client.force_login(smolensk_admin)
    page = client.get(reverse("control-item", args=[item.pk])).content.decode()
    history = page.split('id="history"')[1]
    assert "<strong>Контролёр</strong>" in history
    assert "controller.smolensk" not in page and "admin.smolensk" not in page
