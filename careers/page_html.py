"""Finishing touches on a journey page's rendered HTML, done once per render (and so once
per content version, as pages are cached): a "Link to this section" link under every
section heading, and, for paper, each link's full address in a numbered list at the end
instead of inline clutter.

The HTML is our own templates' output, in which editors' text is always escaped, so the
tags matched here can only be the templates' own.
"""

import re
from bisect import bisect_right
from urllib.parse import urljoin

from django.utils.html import escape

SECTION_HEADING = re.compile(
    r'(<section\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>\s*<h2\b[^>]*>(?P<heading>.*?)</h2>)', re.S
)
LINK = re.compile(r'<a\b[^>]*\bhref="(?P<href>[^"#][^"]*)"[^>]*>.*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")
# Sources are listed with their dates in the page's compact source list; their addresses
# would double a printout's length, so their links are not numbered.
NO_REF = 'data-print-ref="no"'
# Nor are links that do not print: inside an element marked `app-no-print`.
NO_PRINT = re.compile(r'<(?P<tag>[a-z][a-z0-9]*)\b[^>]*\bclass="[^"]*\bapp-no-print\b[^"]*"[^>]*>')
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


def add_section_links(html):
    def link(match):
        heading = TAG.sub("", match["heading"]).strip()
        return (
            f'{match[1]}<p class="app-section-link app-no-print govuk-body-s">'
            f'<a class="govuk-link" href="#{match["id"]}">Link to this section'
            f'<span class="govuk-visually-hidden">: {heading}</span></a></p>'
        )

    return SECTION_HEADING.sub(link, html)


def unprinted_spans(html):
    """Where each element marked `app-no-print` starts and ends, outermost only, as sorted
    (start, end) pairs. Our templates close every element that is not void."""
    spans = []
    for match in NO_PRINT.finditer(html):
        tag = match["tag"]
        if tag in VOID_TAGS or (spans and match.start() < spans[-1][1]):
            continue
        depth, end = 1, len(html)
        for other in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(html, match.end()):
            depth += -1 if other[1] else 1
            if depth == 0:
                end = other.end()
                break
        spans.append((match.start(), end))
    return spans


def add_printed_link_list(html, page_url):
    """Number each link that prints, and list the numbered addresses at the end."""
    numbers = {}
    hidden = unprinted_spans(html)
    hidden_starts = [start for start, _ in hidden]

    def is_printed(position):
        i = bisect_right(hidden_starts, position) - 1
        return i < 0 or position >= hidden[i][1]

    def number(match):
        href = match["href"].replace("&amp;", "&")
        if href.startswith(("mailto:", "tel:", "javascript:")) or NO_REF in match[0]:
            return match[0]
        if not is_printed(match.start()):
            return match[0]
        address = urljoin(page_url, href)
        if address.split("#")[0] == page_url.split("#")[0]:
            return match[0]
        n = numbers.setdefault(address, len(numbers) + 1)
        return f'{match[0]}<span class="app-print-only app-link-ref"> [{n}]</span>'

    html = LINK.sub(number, html)
    if not numbers:
        return html
    items = "".join(f"<li>{escape(address)}</li>" for address in numbers)
    return (
        f'{html}<section class="app-print-only app-print-links">'
        f'<h2 class="govuk-heading-s">Links on this page</h2>'
        f'<ol class="govuk-list govuk-list--number govuk-body-s">{items}</ol></section>'
    )
