from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from muniplan.accounts.access import visible_organizations

from .selectors import search

MAX_QUERY = 200


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """Activities and reports of the organizations the person may see that match the words typed."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    hits = search(query, organizations=visible_organizations(request.user)) if query else []
    return render(request, "search/results.html", {"query": query, "hits": hits})
