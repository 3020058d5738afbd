"""Rendered form fields kept per content version, for crispy-forms layouts.

Rendering GOV.UK radios through crispy-forms-gds costs about a millisecond a question.
What a question renders depends only on the form's code (which a restart replaces), its
wording (which can differ by role: the planner asks about each role's own art form), the
answer given and its errors, so ``cached(layout_object)`` renders each question once per
content version, wording, answer and error state::

    self.helper.layout = Layout(cached(Field.radios("stage", legend_size=Size.SMALL)))
"""

from crispy_forms.layout import LayoutObject
from crispy_forms.templatetags.crispy_forms_utils import remove_spaces
from crispy_forms.utils import render_crispy_form
from django.utils.safestring import mark_safe

from core.versions import for_version, kept


class CachedField(LayoutObject):
    """Renders one choice field's layout object once per version, answer and errors."""

    def __init__(self, layout_object):
        self.layout_object = layout_object
        self.fields = list(layout_object.fields)

    def render(self, form, context, **kwargs):
        build = self.layout_object.render
        return for_version(self.key(form), lambda: build(form, context, **kwargs))

    def key(self, form):
        (name,) = self.fields
        bound = form[name]
        return (
            "field",
            type(form).__module__,
            type(form).__qualname__,
            form.prefix,
            str(form.auto_id),
            name,
            # What differs by role: the question, its help and its answers' wording.
            bound.label,
            str(bound.help_text),
            tuple((str(value), str(label)) for value, label in bound.field.choices),
            answer_key(bound),
            tuple(str(error) for error in bound.errors),
        )


def answer_key(bound):
    """The answer as far as the rendering can tell: one of the choices, none, or another."""
    value = bound.value()
    if value in (None, ""):
        return ""
    choices = {str(choice) for choice, _ in bound.field.choices}
    return str(value) if str(value) in choices else "<not a choice>"


def cached(layout_object):
    return CachedField(layout_object)


def render_questions(form):
    """``{% crispy form %}`` for a form whose layout is ``cached`` questions only: when every
    question is kept for its answer and errors (and the form has no errors of its own), the
    same HTML put together from them, without crispy-forms' templates (about 0.5 ms a form);
    otherwise crispy-forms renders it, keeping the questions for next time."""
    parts = [kept(layout_object.key(form)) for layout_object in form.helper.layout.fields]
    if None in parts or form.non_field_errors():
        return render_crispy_form(form, form.helper)
    # As crispy-forms-gds's ``whole_uni_form.html`` puts them together, spaces and all.
    return mark_safe(f"\n\n{remove_spaces(''.join(parts).strip())}\n")
