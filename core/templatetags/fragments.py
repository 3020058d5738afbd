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
"""

from contextvars import ContextVar
from dataclasses import is_dataclass
from datetime import date

from django import template
from django.db.models import Model
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.fragments import render_questions
from core.versions import for_version

register = template.Library()

# The holes met while building a fragment in this thread (None: no fragment is being built).
building_holes = ContextVar("building_holes", default=None)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "{% fragment %} needs a name, then the values the fragment depends on"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class FragmentNode(template.Node):
    def __init__(self, nodelist, keys):
        self.nodelist = nodelist
        self.keys = keys

    def render(self, context):
        # A missing variable is None (not ""), so a page without it renders every time.
        name, *values = (value.resolve(context, ignore_failures=True) for value in self.keys)
        if values and values[0] is None:
            return self.nodelist.render(context)
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
            return html, newly, tuple(dict.fromkeys(holes))

        html, newly_explained, holes = for_version(key, build)
        if glossary:
            glossary.explained |= newly_explained
        if (outer := building_holes.get()) is not None:
            outer.extend(holes)  # the fragment being built around this one keeps the markers
            return mark_safe(html)
        for hole in holes:
            html = html.replace(hole.marker, hole.nodelist.render(context))
        return mark_safe(html)


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
