"""Explain the first use of each glossary term on a page, where it stands.

A view puts a ``Glossary`` for the page in its context (built from the spellings of the
``glossary_terms`` its query read, ``by_spelling``, once per content version); the
``explain`` filter then links the first use of each term, in page order, to its entry on
the glossary page, with the short definition as the link's title. Where the text sits in an
element that may hold blocks (a ``dd``, a table cell), ``explain_in_place`` gives each first
use a ``details`` element instead: the definition opens in place on a tap, with no script,
and links on to the glossary entry.
Only text between tags is touched, never attributes, existing links or headings.
"""

import re
from functools import lru_cache

from django.urls import reverse
from django.utils.html import escape

SKIPPED_ELEMENTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "title"}
TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*?(/?)>")


@lru_cache(maxsize=16)
def term_pattern(spellings):
    """One regular expression for every spelling, longest first so that "Agenda for Change
    bands" wins over "Agenda for Change". Compiled once per glossary, not per page."""
    ordered = sorted(spellings, key=len, reverse=True)
    alternatives = "|".join(re.escape(spelling) for spelling in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def by_spelling(terms):
    """Each spelling of each term (lower case, escaped as pages are) → the term."""
    terms_by_spelling = {}
    for term in terms or []:
        spellings = [term["term"], *term["also_matches"].split(",")]
        for spelling in (s.strip() for s in spellings):
            if spelling:
                # Pages are matched as escaped HTML ("master&#x27;s"), so spellings are too.
                terms_by_spelling.setdefault(str(escape(spelling)).lower(), term)
    return terms_by_spelling


class Glossary:
    """The glossary as one page uses it: which terms it has explained so far."""

    def __init__(self, spellings):
        """``spellings``: what ``by_spelling(terms)`` gives, built once for many pages."""
        self.url = reverse("glossary")
        self.by_spelling = spellings
        self.explained = set()

    def explain(self, html, in_place=False):
        """The HTML with the first use on this page of each term linked to its entry (or,
        ``in_place``, opening its definition where it stands)."""
        if not self.by_spelling:
            return html
        pattern = term_pattern(tuple(sorted(self.by_spelling)))
        output, skipping, position = [], 0, 0
        for match in TAG.finditer(html):
            text = html[position : match.start()]
            output.append(text if skipping else pattern.sub(self._replacer(in_place), text))
            closing, name, _ = match.groups()
            if name.lower() in SKIPPED_ELEMENTS:
                skipping = max(skipping + (-1 if closing else 1), 0)
            output.append(match.group(0))
            position = match.end()
        tail = html[position:]
        output.append(tail if skipping else pattern.sub(self._replacer(in_place), tail))
        return "".join(output)

    def _replacer(self, in_place):
        return self._details if in_place else self._link

    def _first_use(self, match):
        """The term a match spells, the first time the page uses it; otherwise None."""
        term = self.by_spelling[match.group(0).lower()]
        if term["slug"] in self.explained:
            return None
        self.explained.add(term["slug"])
        return term

    def _details(self, match):
        words = match.group(0)
        term = self._first_use(match)
        if term is None:
            return words
        return (
            f'<details class="app-define" id="define-{term["slug"]}">'
            f'<summary class="app-define__term">{words}</summary>'
            f'<span class="app-define__text">{escape(term["definition"])} '
            f'<a class="govuk-link" href="{self.url}#term-{term["slug"]}">'
            f"{escape(term['term'])} in the glossary</a></span></details>"
        )

    def _link(self, match):
        words = match.group(0)
        term = self._first_use(match)
        if term is None:
            return words
        return (
            f'<a class="govuk-link app-glossary-link" href="{self.url}#term-{term["slug"]}" '
            f'title="{escape(term["definition"])}">{words}</a>'
        )
