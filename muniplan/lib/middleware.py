"""Request handling shared by every app."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render, resolve_url
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme


class HugeNumberMiddleware:
    """A number beyond the database's integer range, typed into an address or a hand-made form, names
    nothing: SQLite refuses to bind it (OverflowError) where PostgreSQL finds no row. Either way the
    answer is «not found», not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            raise Http404("Не найдено.") from exception
        return None


class MethodNotAllowedPage:
    """A button's address opened as a link (GET on a POST-only view) gets the product's Russian
    page, status 405 with its `Allow` header, not Django's empty answer; the JSON API keeps its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            isinstance(response, HttpResponseNotAllowed)
            and not response.content
            and not request.path.startswith("/api/")
        ):
            page = render(request, "405.html", {"back": _back(request)}, status=405)
            page["Allow"] = response["Allow"]
            return page
        return response


def _back(request: HttpRequest) -> str:
    """The page the button lives on: the referring page of this site, else the address's parent."""
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        if parts.path.startswith("/") and not parts.path.startswith("//"):
            return parts._replace(scheme="", netloc="", fragment="").geturl()
    parent = request.path.rstrip("/").rsplit("/", 1)[0] + "/"
    try:
        resolve(parent)
    except Resolver404:
        return ""
    return parent


class HtmxLoginRedirect:
    """A page part asked for by HTMX after the session ended is answered with the login page's
    address in `HX-Redirect`: the whole page goes to the login form instead of a table quietly
    swapped for nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code == 302
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        ):
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            return redirect
        return response
