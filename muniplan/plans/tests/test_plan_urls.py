"""`{% pk_url %}` gives exactly what `{% url %}` gives, also under a script prefix."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import set_script_prefix

TEMPLATE = (
    "{% load plan_urls %}{% for pk in pks %}{% pk_url 'plans-activity-edit' pk %}|"
    "{% url 'plans-activity-edit' pk %};{% endfor %}"
)


@pytest.mark.parametrize("prefix", ["/", "/muniplan/"])
def test_pk_url_is_the_reversed_url(prefix):
    set_script_prefix(prefix)
    try:
        html = engines["django"].from_string(TEMPLATE).render({"pks": [1, 42, 9999999999]})
    finally:
        set_script_prefix("/")
    pairs = [item.split("|") for item in html.split(";") if item]
    assert len(pairs) == 3
    assert all(fast == slow for fast, slow in pairs)
    assert pairs[1][0] == f"{prefix}activities/42/edit/"
