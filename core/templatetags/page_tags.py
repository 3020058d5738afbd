from urllib.parse import quote

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.page_html import SOME_ORIGIN, SOME_QUERY, add_printed_link_list, add_section_links

register = template.Library()


@register.filter
def for_sharing_and_print(html, page_url):
    """A journey page's body with section links and, for print, its links listed in full."""
    return mark_safe(add_printed_link_list(add_section_links(str(html)), page_url))


@register.filter
def with_origin(html, origin):
    """A body rendered for ``SOME_ORIGIN`` (so every host shares one rendering), with the
    request's own scheme and host put in (none: left as it is)."""
    return put_in(html, SOME_ORIGIN, origin)


@register.filter
def with_query(html, query):
    """A page rendered with ``SOME_QUERY`` in its address, with the request's own query
    string put in (none: left as it is)."""
    return put_in(html, SOME_QUERY, query)


def put_in(html, placeholder, value):
    if not value:
        return html
    html = str(html).replace(placeholder, escape(value))
    # Also as the ``urlencode`` filter writes it (the share-by-email links).
    return mark_safe(html.replace(quote(placeholder, safe="/"), quote(value, safe="/")))
