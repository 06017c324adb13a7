"""A user of another organization who guesses addresses gets the product's own Russian 404, on every
page: the addresses are found by walking the Tyumen administrator's pages, so new pages are covered."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.contrib.auth.models import User

from muniplan.transfer.demo import demo_load

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#?]*)')
SKIP = re.compile(r"^/(admin|logout|media|static)/")


def reachable_paths(client, start: str = "/", per_kind: int = 2) -> set[str]:
    """The pages a person reaches by following links from `start`: two of each kind of address
    (/plans/1/grid/ and /plans/4/grid/ are one kind)."""
    seen, queue, kinds = set(), [start], Counter()
    while queue:
        path = queue.pop()
        kind = re.sub(r"\d+", "N", path)
        if path in seen or SKIP.search(path) or kinds[kind] >= per_kind:
            continue
        seen.add(path)
        kinds[kind] += 1
        response = client.get(path)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            queue.extend(p for p in HREF.findall(response.content.decode()) if p not in seen)
    return seen


def test_every_address_of_a_council_answers_a_stranger_with_the_russian_404(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    client.force_login(User.objects.get(username="tyumen-admin"))
    own = {p for p in reachable_paths(client) if re.search(r"\d", p)}
    assert (
        len(own) > 15
        and any("/activities/" in p for p in own)
        and any("/import/" in p for p in own)
    )

    client.force_login(User.objects.get(username="tula-admin"))
    wrong = []
    for path in sorted(own):
        for method in (client.get, client.post):
            response = method(path)
            page = response.content.decode()
            if (
                response.status_code != 404
                or "Страница не найдена" not in page
                or 'lang="ru"' not in page
            ):
                wrong.append(f"{method.__name__.upper()} {path}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
