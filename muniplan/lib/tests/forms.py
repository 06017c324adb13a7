"""What a browser would send back from a form page it was given, for tests through HTTP."""

from __future__ import annotations


def form_data(response, form: str = "form", **changes) -> dict:
    """The fields of the page's form as the person saw them (hidden version included), with `changes` typed in."""
    bound = response.context[form]
    data = {}
    for name in bound.fields:
        value = bound[name].value()
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data
