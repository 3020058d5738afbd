import json
import re
from collections import Counter

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ld_json(value):
    """Serialise structured data for a <script type="application/ld+json"> block, escaped
    as json_script escapes it so no value can close the script element."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return mark_safe(text.translate(_json_script_escapes))


@register.filter
def url_on(record, role):
    """A shared record's page among ``role``'s pages (its ``url_for``): a record that
    several roles share has a page for each."""
    return record.url_for(role)


@register.filter
def pounds(value):
    """£38,682"""
    return f"£{value:,}"


@register.filter
def with_article(value):
    """A job title after "a" or "an", as it is said: "a music therapist", "an art
    therapist or art psychotherapist"."""
    text = str(value)
    return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}" if text else text


@register.filter(needs_autoescape=True)
def paragraphs(value, autoescape=True):
    """Editors' text as GOV.UK body paragraphs: a blank line starts a new paragraph."""
    text = conditional_escape(value) if autoescape else value
    blocks = [block.strip() for block in re.split(r"\n\s*\n", str(text).replace("\r", ""))]
    return mark_safe(
        "".join(
            f'<p class="govuk-body">{block.replace(chr(10), "<br>")}</p>'
            for block in blocks
            if block
        )
    )


@register.filter(needs_autoescape=True)
def explain(value, glossary, autoescape=True):
    """Link the first use on the page of each glossary term to its entry (see
    ``core.glossary``). ``glossary`` is the page's ``Glossary``; without one, the text is
    returned as it was."""
    html = conditional_escape(value) if autoescape else value
    if not glossary:
        return html
    return mark_safe(glossary.explain(str(html)))


@register.filter(needs_autoescape=True)
def explain_in_place(value, glossary, autoescape=True):
    """Like ``explain``, but each first use opens its definition where it stands (a
    ``details`` element): only for text in an element that may hold blocks, such as a
    ``dd``."""
    html = conditional_escape(value) if autoescape else value
    if not glossary:
        return html
    return mark_safe(glossary.explain(str(html), in_place=True))


@register.filter
def figure(fact):
    """A fact's figure as a visitor reads it: "up to £12,858", "37.5 hours a week"; a pay fact
    shows its pay record's figures, so the figure is stored in one place."""
    pay = getattr(fact, "pay_figure", None)
    if pay is not None and pay.is_published:
        return pay_range(pay)
    if fact.amount is None:
        return ""
    label = fact.amount_label
    if "hour" in label:
        return f"{fact.amount.normalize():f} {label}"
    whole = fact.amount == fact.amount.to_integral_value()
    money = f"£{fact.amount:,.0f}" if whole else f"£{fact.amount:,.2f}"
    return f"{label} {money}".strip()


@register.filter
def of_topic(facts, topic):
    """The facts of one topic, from a list already read (no query of its own)."""
    return [fact for fact in facts if fact.topic == topic]


@register.filter
def serving(organisations, nation):
    """The organisations that serve a visitor from ``nation`` (a ``Nation`` value); all of
    them when the nation is not known."""
    return [org for org in organisations if org.serves(nation or None)]


@register.filter
def pay_range(pay):
    """A pay record as a sentence reads it: "Band 6, £38,682 to £46,580 (2025/26 pay year)"."""
    name = pay.band or pay.label
    return f"{name}, £{pay.minimum:,} to £{pay.maximum:,} ({pay.pay_year} pay year)"


@register.filter
def shared_check_note(records):
    """The record whose "not yet confirmed" note most rows of a table share (two or more),
    so the table says it once under it; rows with another note keep their own."""
    notes = Counter(
        record.verification_note for record in records if record.needs_verification
    ).most_common(1)
    if not notes or notes[0][1] < 2:
        return None
    note = notes[0][0]
    return next(r for r in records if r.needs_verification and r.verification_note == note)
