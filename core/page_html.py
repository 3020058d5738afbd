"""Finishing touches on a journey page's rendered HTML, done once per render (and so once
per content version, as pages are cached): a "Link to this section" link under every
section heading, and, for paper, each link's full address in a numbered list at the end
instead of inline clutter.

The HTML is our own templates' output, in which editors' text is always escaped, so the
tags matched here can only be the templates' own.
"""

import re
from bisect import bisect_right
from urllib.parse import quote, urljoin, urlsplit

from django.utils.html import escape

# A journey page's body is rendered once for every host, with this in place of the scheme
# and host, which ``put_in`` gives for each request (a reserved name: it is nobody's site).
SOME_ORIGIN = "https://origin.invalid"
# And a page kept for every visitor whose parameters it shares (a plan, per set of steps and
# routes) is rendered with this in place of the query string.
SOME_QUERY = "?query.invalid"
# Both as the ``urlencode`` filter writes them (the share-by-email link).
QUOTED_ORIGIN, QUOTED_QUERY = quote(SOME_ORIGIN, safe="/"), quote(SOME_QUERY, safe="/")
# Where the query is put in: what differs for each request, where the origin is the same
# for every request to a host (``core.gzipped``).
QUERY_KEYS = frozenset({SOME_QUERY, QUOTED_QUERY})

SECTION_HEADING = re.compile(
    r'(<section\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>\s*<h2\b[^>]*>(?P<heading>.*?)</h2>)', re.S
)
LINK_START = re.compile(r'<a\b[^>]*\bhref="(?P<href>[^"#][^"]*)"[^>]*>')
TAG = re.compile(r"<[^>]+>")
# Sources are listed with their dates in the page's compact source list; their addresses
# would double a printout's length, so their links are not numbered.
NO_REF = 'data-print-ref="no"'
# Nor are links that do not print: inside an element marked `app-no-print`.
NO_PRINT = "app-no-print"
NO_PRINT_CLASS = re.compile(r'\bclass="[^"]*\bapp-no-print\b')
OPEN_TAG = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*>")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


def put_in(origin, query=None):
    """What a page rendered for ``SOME_ORIGIN`` (and ``SOME_QUERY``) reads as this request's
    scheme and host (and query string), as the page's text and its ``urlencode`` links write
    them, for ``{% fragment … put_in=… %}``."""
    values = {SOME_ORIGIN: escape(origin), QUOTED_ORIGIN: quote(origin, safe="/")}
    if query:
        values |= {SOME_QUERY: escape(query), QUOTED_QUERY: quote(query, safe="/")}
    return values


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
    spans, at = [], html.find(NO_PRINT)
    while at >= 0:
        start = html.rfind("<", 0, at)
        tag = OPEN_TAG.match(html, start)
        if tag and at < tag.end() and tag[1] not in VOID_TAGS and NO_PRINT_CLASS.search(tag[0]):
            spans.append((start, element_end(html, tag[1], tag.end())))
        at = html.find(NO_PRINT, max(at + len(NO_PRINT), spans[-1][1] if spans else 0))
    return spans


def element_end(html, name, position):
    """Where the element named ``name`` whose start tag ends at ``position`` ends."""
    depth = 1
    for tag in re.compile(rf"<(/?){name}\b[^>]*>").finditer(html, position):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.end()
    return len(html)


def add_printed_link_list(html, page_url):
    """Number each link that prints, and list the numbered addresses at the end."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page_url))
    page = page_url.split("#")[0]
    hidden = unprinted_spans(html)
    hidden_starts = [start for start, _ in hidden]
    numbers, output, position = {}, [], 0
    for match in LINK_START.finditer(html):
        if match.start() < position:  # inside a link already numbered (never in our HTML)
            continue
        href = match["href"].replace("&amp;", "&")
        if href.startswith(("mailto:", "tel:", "javascript:")) or NO_REF in match[0]:
            continue
        i = bisect_right(hidden_starts, match.start()) - 1
        if i >= 0 and match.start() < hidden[i][1]:  # does not print
            continue
        address = absolute(href, origin, page_url)
        if address.split("#")[0] == page:
            continue
        end = html.find("</a>", match.end())
        if end < 0:
            continue
        end += len("</a>")
        n = numbers.setdefault(address, len(numbers) + 1)
        output += [html[position:end], f'<span class="app-print-only app-link-ref"> [{n}]</span>']
        position = end
    if not numbers:
        return html
    output.append(html[position:])
    items = "".join(f"<li>{escape(address)}</li>" for address in numbers)
    return (
        f'{"".join(output)}<section class="app-print-only app-print-links">'
        f'<h2 class="govuk-heading-s">Links on this page</h2>'
        f'<ol class="govuk-list govuk-list--number govuk-body-s">{items}</ol></section>'
    )


def absolute(href, origin, page_url):
    """The link's full address (``urljoin``, with a quick way for the usual two kinds)."""
    if href.startswith(("https://", "http://")):
        return href
    if href.startswith("/") and not href.startswith("//"):
        return origin + href
    return urljoin(page_url, href)
