"""A resolution is read by its organization's members only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muniplan.readers.draft import Addressee, Recommendation, ResolutionDraft
from muniplan.resolutions.services import resolution_create_from_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution(tyumen, admin_user):
    draft = ResolutionDraft(
        title="РЕЗОЛЮЦИЯ",
        date="2020-09-08",
        place="город Смоленск",
        participants="более 200 человек",
        event="III Съезд ТОС",
        preamble="Участники Съезда ...",
        closing="Направить настоящую резолюцию ...",
        addressees=[
            Addressee(
                "Средствам массовой информации", [Recommendation("1", "принимать активное участие")]
            )
        ],
    )
    return resolution_create_from_draft(organization=tyumen, draft=draft, by=admin_user)


def test_members_read_the_resolution_with_its_recommendations(client, viewer_user, resolution):
    client.force_login(viewer_user)
    html = client.get(reverse("resolutions-detail", args=[resolution.pk])).content.decode()
    assert "Средствам массовой информации" in html and "принимать активное участие" in html
    assert "III Съезд ТОС" in client.get(reverse("resolutions-list")).content.decode()


def test_a_stranger_neither_lists_nor_opens_the_resolution(client, stranger, resolution):
    client.force_login(stranger)
    assert client.get(reverse("resolutions-detail", args=[resolution.pk])).status_code == 404
    assert "III Съезд ТОС" not in client.get(reverse("resolutions-list")).content.decode()
