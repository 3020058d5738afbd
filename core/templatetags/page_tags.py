from urllib.parse import quote

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.page_html import SOME_ORIGIN, add_printed_link_list, add_section_links

register = template.Library()


@register.filter
def for_sharing_and_print(html, page_url):
    """A journey page's body with section links and, for print, its links listed in full."""
    return mark_safe(add_printed_link_list(add_section_links(str(html)), page_url))


@register.filter
def with_origin(html, origin):
    """A body rendered for ``SOME_ORIGIN`` (so every host shares one rendering), with the
    request's own scheme and host put in (none: left as it is)."""
    if not origin:
        return html
    html = str(html).replace(SOME_ORIGIN, escape(origin))
    # Also as the ``urlencode`` filter writes it (the share-by-email link).
    return mark_safe(html.replace(QUOTED_ORIGIN, quote(origin, safe="/")))


QUOTED_ORIGIN = quote(SOME_ORIGIN, safe="/")
