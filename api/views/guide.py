"""The API guide, as a page (api.guide)."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from api.guide import guide_html


@require_safe
def guide(request: HttpRequest) -> HttpResponse:
    """Show docs/api.md as HTML, to anyone: it describes the software, no record."""
    page = render_to_string("api/guide.html", request=request)
    # markdown-it-py escapes every character of the file that could be markup
    # of its own (raw HTML is off); the page is ours. Neither is marked safe.
    return HttpResponse(page.replace("<!-- guide -->", guide_html(), 1))
