import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ld_json(value):
    """Serialise structured data for a <script type="application/ld+json"> block, escaped
    as json_script escapes it so no value can close the script element."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return mark_safe(text.translate(_json_script_escapes))


@register.filter
def pounds(value):
    """£38,682"""
    return f"£{value:,}"
