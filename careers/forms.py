from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from careers.models import Skill


class SelfCheckForm(forms.Form):
    """'Is it for me': the visitor ticks the skills and qualities they already have."""

    have = forms.MultipleChoiceField(
        label="Which of these do you already have?",
        help_text="Tick all that apply. Be honest: this is only for you.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Choose skills from the list. “%(value)s” is not one of them."
        },
    )

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = list(skills)
        self.fields["have"].choices = [(skill.slug, skill.name) for skill in self.skills]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"  # and so no CSRF token or cookie: a plan is a URL
        self.helper.layout = Layout(Field.checkboxes("have", legend_size=Size.MEDIUM))

    def to_work_on(self):
        """The skills not ticked, in page order."""
        have = set(self.cleaned_data["have"])
        return [skill for skill in self.skills if skill.slug not in have]

    def practice_level(self):
        """What the ticks of the role's art-form skills say, as the planner's ``practice``
        answer (music for the music therapist, art for the art therapist, drama for the
        dramatherapist)."""
        art_form = [s.slug for s in self.skills if s.kind == Skill.Kind.MUSICAL]
        ticked = [slug for slug in art_form if slug in self.cleaned_data["have"]]
        if art_form and len(ticked) == len(art_form):
            return "advanced"
        return "developing" if ticked else "beginner"
