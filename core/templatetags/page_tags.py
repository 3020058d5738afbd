from django import template
from django.utils.safestring import mark_safe

from core.page_html import add_printed_link_list, add_section_links, put_in

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
    for placeholder, value in put_in(origin).items():
        html = str(html).replace(placeholder, value)
    return mark_safe(html)
