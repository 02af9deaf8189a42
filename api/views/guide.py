"""The API guide, as a page (api.guide)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from api.guide import PAGES, guide_html


@require_safe
def guide(request: HttpRequest, page: str = "api") -> HttpResponse:
    """Show docs/api.md (or a page it links to) as HTML, to anyone: it describes
    the software, no record."""
    if page not in PAGES:
        raise Http404
    html = render_to_string("api/guide.html", request=request)
    # markdown-it-py escapes every character of the file that could be markup
    # of its own (raw HTML is off); the page is ours. Neither is marked safe.
    return HttpResponse(html.replace("<!-- guide -->", guide_html(page), 1))
