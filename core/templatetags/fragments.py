"""``{% fragment %}``: a part of a template rendered once per content version and day.

    {% load fragments %}
    {% fragment "plan-route" route.slug caveats %}…{% endfragment %}

When the first value after the name is ``None`` or missing from the context, the part is
rendered every time (a page that reads its visitor's answers says so by giving no key).

The part's HTML is kept in this process's "objects" cache (``core.versions.for_version``),
keyed on the content version, today's date (pages say when a figure's year has passed),
the fragment's name and the values after it. A fragment must read nothing but those
values and content: every plan that shows the same route with the same caveats shares one
rendering, however the rest of its answers differ.

Glossary links (``explain``) depend on what the page explained before the fragment, so
that is part of the key too, and a fragment served from the cache marks the terms it
explains as explained, as rendering it would have.

A part that differs for every visitor can still sit inside a kept fragment as a hole:

    {% fragment "document" shape %}…{% hole %}{{ your_answers }}{% endhole %}…{% endfragment %}

The kept HTML has a marker where the hole is; each time the fragment is served, the
outermost fragment renders its holes with that request's context and puts them in. A hole
reads nothing but the page's own context (not a loop's or a ``with``'s variables, which
are gone by then), and its HTML takes no part in what filters inside the fragment did to
the rest (a journey page's printed link list): it must hold no link that prints.

``put_in=values`` (a dict) puts each value in for its key wherever the kept HTML has the
key: base.html keeps a whole page rendered for ``SOME_ORIGIN`` and gives this request's
scheme and host (``core.page_html.put_in``). The kept HTML is stored cut at its holes and
those keys, so serving it makes one copy of the page, however many there are. A page
served whole from a kept fragment is gzipped from compressed copies of those texts
(``Served``, ``core.gzipped``).
"""

from contextvars import ContextVar
from dataclasses import dataclass, field, is_dataclass
from datetime import date

from django import template
from django.db.models import Model
from django.utils import timezone

from core.fragments import render_questions
from core.gzipped import deflated, gzip_pieces
from core.page_html import QUERY_KEYS
from core.versions import for_version

register = template.Library()

# How many compressed copies of a kept page (one per gzip level and host) it keeps.
DEFLATED_KEPT = 4

# The holes met while building a fragment in this thread (None: no fragment is being built).
building_holes = ContextVar("building_holes", default=None)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    put_in = None
    if bits[-1].startswith("put_in="):
        put_in = parser.compile_filter(bits.pop().removeprefix("put_in="))
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "{% fragment %} needs a name, then the values the fragment depends on"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]], put_in)


class FragmentNode(template.Node):
    def __init__(self, nodelist, keys, put_in=None):
        self.nodelist = nodelist
        self.keys = keys
        self.put_in = put_in

    def render(self, context):
        # A missing variable is None (not ""), so a page without it renders every time.
        name, *values = (value.resolve(context, ignore_failures=True) for value in self.keys)
        put_in = (self.put_in.resolve(context, ignore_failures=True) if self.put_in else None) or {}
        if values and values[0] is None:
            html = self.nodelist.render(context)
            if put_in and building_holes.get() is None:
                return Kept.cut(html, (), put_in).fill(context, put_in)
            return html
        glossary = context.get("glossary")
        explained = frozenset(glossary.explained) if glossary else frozenset()
        key = (
            "fragment",
            timezone.localdate(),
            explained,
            name,
            *(key_part(value) for value in values),
        )

        def build():
            holes = []
            building = building_holes.set(holes)
            try:
                html = self.nodelist.render(context)
            finally:
                building_holes.reset(building)
            newly = frozenset(glossary.explained) - explained if glossary else frozenset()
            return Kept.cut(html, dict.fromkeys(holes), put_in, explained=newly)

        kept = for_version(key, build)
        if glossary:
            glossary.explained |= kept.explained
        if (outer := building_holes.get()) is not None:
            outer.extend(kept.holes)  # the fragment being built around this one fills them
            return kept.html
        return kept.fill(context, put_in)


@dataclass(frozen=True)
class Kept:
    """A fragment's HTML cut at its holes and ``put_in`` keys: text, then each cut followed
    by the text after it (a hole, or a key, in ``cuts``). The texts are kept as UTF-8, half
    the memory of a page's ``str`` (one "–" makes Python store every character in two
    bytes), and decoded to serve it (0.02 ms for a plan's 100 KB). ``explained``: the
    glossary terms it explains."""

    texts: tuple
    cuts: tuple
    holes: tuple
    explained: frozenset = frozenset()
    deflated: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def nbytes(self):
        """About how much memory it holds, for the "objects" cache's ``MAX_BYTES``: its
        texts, weighed when it is kept. The compressed copies made when it is first served
        gzipped (``deflated_for``) add about a fifth for each level and host, for at most
        ``DEFLATED_KEPT`` of them."""
        return sum(len(text) for text in self.texts)

    @classmethod
    def cut(cls, html, holes, put_in, explained=frozenset()):
        marks = {hole.marker: hole for hole in holes} | {key: key for key in put_in}
        found = sorted((position, mark) for mark in marks for position in occurrences(html, mark))
        texts, cuts, end = [], [], 0
        for position, mark in found:
            if position < end:  # within a mark just cut (no two marks overlap in our pages)
                continue
            texts.append(html[end:position])
            cuts.append(marks[mark])
            end = position + len(mark)
        texts.append(html[end:])
        return cls(tuple(text.encode() for text in texts), tuple(cuts), tuple(holes), explained)

    @property
    def html(self):
        """The HTML as rendered, markers and keys in place."""
        marks = [(cut.marker if isinstance(cut, HoleNode) else cut).encode() for cut in self.cuts]
        return b"".join(between(self.texts, marks)).decode()

    def fill(self, context, put_in):
        """The HTML for this request: holes rendered, keys' values put in. The request keeps
        what went in (``request.kept_page``), for the page cache to gzip the page from its
        parts (``Served``)."""

        def filled(cut):
            if isinstance(cut, HoleNode):
                html = cut.nodelist.render(context)
                for key, value in put_in.items():
                    html = html.replace(key, value)
                return html
            return put_in.get(cut, cut)

        values = tuple(filled(cut).encode() for cut in self.cuts)
        served = b"".join(between(self.texts, values))
        if (request := context.get("request")) is not None:
            request.kept_page = Served(self, values, served, put_in)
        return served.decode()

    def deflated_for(self, level, fixed):
        """The page compressed at ``level`` (``core.gzipped.deflated``) in pieces, with the
        ``fixed`` keys' values put in (a host's address), cut only where each request puts
        in its own (holes, a plan's query string): made the first time it is served so,
        and kept with the page. Cut at every key, the role page would compress 15 % worse."""
        memo = (level, tuple(sorted(fixed.items())))
        found = self.deflated.get(memo)
        if found is None:
            found = self.deflate(level, fixed)
            # Kept for a few hosts and levels only: any port makes another host.
            if len(self.deflated) < DEFLATED_KEPT:
                self.deflated[memo] = found
        return found

    def deflate(self, level, fixed):
        pieces, piece = [], [self.texts[0]]
        for cut, text in zip(self.cuts, self.texts[1:], strict=True):
            if cut in fixed:
                piece += [fixed[cut].encode(), text]
            else:
                pieces.append(b"".join(piece))
                piece = [text]
        pieces.append(b"".join(piece))
        return tuple(deflated(piece, level) for piece in pieces)


@dataclass(frozen=True)
class Served:
    """A kept fragment as one request was served it: what went in at each cut (UTF-8), the
    whole (UTF-8), and the ``put_in`` values it was given."""

    kept: Kept
    values: tuple
    served: bytes
    put_in: dict

    def gzip(self, content, level, exact=False):
        """``content`` gzipped from the kept page's compressed pieces, or None when
        ``content`` does not start with this fragment as served (base.html's does, then ends
        with its file's last line break). The pieces compress as well as the page at once
        where only the host differs between requests (a journey page); a plan's, which
        has holes and its query string, 12-23 % worse: ``exact`` refuses those."""
        fixed = {key: value for key, value in self.put_in.items() if key not in QUERY_KEYS}
        if exact and any(cut not in fixed for cut in self.kept.cuts):
            return None
        if not content.startswith(self.served):
            return None
        done = [(piece, True) for piece in self.kept.deflated_for(level, fixed)]
        own = [
            (value, False)
            for cut, value in zip(self.kept.cuts, self.values, strict=True)
            if cut not in fixed
        ]
        tail = (content[len(self.served) :], False)
        return gzip_pieces(content, [*between(done, own), tail], level)


def between(texts, values):
    """``texts[0]``, then each of ``values`` followed by the next text."""
    yield texts[0]
    for value, text in zip(values, texts[1:], strict=True):
        yield value
        yield text


def occurrences(text, part):
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + len(part))


@register.simple_tag
def questions(form):
    """``{% crispy form %}``, quicker for a form of kept questions (``core.fragments``)."""
    return render_questions(form)


@register.tag
def hole(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% hole %} takes no values")
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    return HoleNode(nodelist)


class HoleNode(template.Node):
    """A part of a kept fragment rendered for each request (see the module's docstring)."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.marker = f"<!--hole {id(self):x}-->"

    def render(self, context):
        holes = building_holes.get()
        if holes is None:  # in no fragment, or in one rendered every time: as it is
            return self.nodelist.render(context)
        holes.append(self)
        return self.marker


def key_part(value):
    """A value as part of a cache key: records by model and primary key, sequences item by
    item, frozen dataclasses (such as citations) as they are. Anything else is refused, so
    a fragment cannot silently key on an object's identity (which would never match again)
    or on its ``str()``."""
    if value is None or isinstance(value, str | int | date):
        return value
    if isinstance(value, Model):
        return (value._meta.label_lower, value.pk)
    if is_dataclass(value) and value.__dataclass_params__.frozen:
        return value
    if isinstance(value, list | tuple):
        return tuple(key_part(item) for item in value)
    raise TypeError(f"{{% fragment %}} cannot key on {type(value).__name__}: {value!r}")
