"""The search page: what a person may see, found in any word form, and the path a person takes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from muniplan.documents.tests.conftest import load_seed
from muniplan.plans.tests.browser import sign_in, url
from muniplan.transfer.services import document_confirm, document_read
from muniplan.transfer.tests.conftest import SEEDS

TOS_RESOLUTION = "smolensk_tos_congress_2020__resolution.txt"


@pytest.fixture
def seeded(settings, tmp_path, tyumen, tula):
    settings.MEDIA_ROOT = tmp_path
    load_seed("tyumen_2026__tab_text.txt", organization=tyumen)
    load_seed("tula_2024__month_grid_text.txt", organization=tula)


@pytest.mark.django_db
def test_a_member_finds_only_their_organizations_activities(client, viewer_user, seeded, tula):
    client.force_login(viewer_user)  # a viewer of the Tyumen council
    html = client.get(reverse("search"), {"q": "конкурсы"}).content.decode()
    assert 'id="search-hits"' in html and html.count('data-kind="activity"') == 4
    tula_titles = [a.title for a in tula.plans.get().activities.all() if "онкурс" in a.title]
    assert tula_titles and not any(title[:40] in html for title in tula_titles)
    nothing = client.get(reverse("search"), {"q": "шахматы"}).content.decode()
    assert "По запросу «шахматы» ничего не найдено." in nothing


@pytest.mark.django_db
def test_the_search_page_needs_a_sign_in(client):
    response = client.get(reverse("search"), {"q": "форум"})
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_searches_from_the_header_and_opens_the_activity(
    page: Page, live_server, admin_user, seeded
):
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, "/"))
    box = page.get_by_label("Поиск по планам, отчётам и резолюциям")
    box.fill("семинары")
    box.press("Enter")
    hits = page.locator("#search-hits li")
    expect(hits.first).to_be_visible()
    expect(hits.first.locator("mark").first).to_contain_text("семинар", ignore_case=True)
    title = hits.first.locator("a").inner_text()
    hits.first.locator("a").click()
    expect(page.locator("main h1")).to_contain_text(title.split(" ", 1)[1][:30])


@pytest.mark.django_db
def test_a_member_finds_a_recommendation_of_their_resolution_in_any_word_form(
    client, settings, tmp_path, tyumen, admin_user, viewer_user, stranger
):
    settings.MEDIA_ROOT = tmp_path
    document = document_read(
        organization=tyumen,
        filename=TOS_RESOLUTION,
        data=(SEEDS / TOS_RESOLUTION).read_bytes(),
        by=admin_user,
    )
    resolution = document_confirm(document=document, by=admin_user)
    client.force_login(viewer_user)
    html = client.get(reverse("search"), {"q": "семинары"}).content.decode()
    assert 'data-kind="recommendation"' in html
    assert reverse("control-follow-up", args=[resolution.pk]) + "#r" in html
    client.force_login(stranger)  # a member of another council
    other = client.get(reverse("search"), {"q": "семинары"}).content.decode()
    assert 'data-kind="recommendation"' not in other
