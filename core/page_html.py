"""Finishing touches on a journey page's rendered HTML, done once per render (and so once
per content version, as pages are cached): a "Link to this section" link under every
section heading, and, for paper, each link's full address in a numbered list at the end
instead of inline clutter.

The HTML is our own templates' output, in which editors' text is always escaped, so the
tags matched here can only be the templates' own.
"""

import re
from urllib.parse import urljoin, urlsplit

from django.utils.html import escape

SECTION_HEADING = re.compile(
    r'(<section\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>\s*<h2\b[^>]*>(?P<heading>.*?)</h2>)', re.S
)
LINK_START = re.compile(r'<a\b[^>]*\bhref="(?P<href>[^"#][^"]*)"[^>]*>')
TAG = re.compile(r"<[^>]+>")
# Sources are listed with their dates in the page's compact source list; their addresses
# would double a printout's length, so their links are not numbered.
NO_REF = 'data-print-ref="no"'


def add_section_links(html):
    def link(match):
        heading = TAG.sub("", match["heading"]).strip()
        return (
            f'{match[1]}<p class="app-section-link app-no-print govuk-body-s">'
            f'<a class="govuk-link" href="#{match["id"]}">Link to this section'
            f'<span class="govuk-visually-hidden">: {heading}</span></a></p>'
        )

    return SECTION_HEADING.sub(link, html)


def add_printed_link_list(html, page_url):
    """Number each link for print, and list the numbered addresses at the end."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page_url))
    page = page_url.split("#")[0]
    numbers, output, position = {}, [], 0
    for match in LINK_START.finditer(html):
        if match.start() < position:  # inside a link already numbered (never in our HTML)
            continue
        href = match["href"].replace("&amp;", "&")
        if href.startswith(("mailto:", "tel:", "javascript:")) or NO_REF in match[0]:
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
