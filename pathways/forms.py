from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms


def question(label, help_text, choices):
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers listed."},
    )


class PlannerForm(forms.Form):
    """The planner's questions. Names and values are the public planner contract."""

    stage = question(
        "Where are you now?",
        "Pick the one closest to you.",
        [
            ("school", "At school or college"),
            ("undergraduate", "Studying for a degree"),
            ("graduate", "I have a degree"),
            ("professional", "Working, and thinking of a career change"),
            ("qualified", "I am a qualified music therapist"),
        ],
    )
    degree = question(
        "What is your degree in?",
        "Or the degree you are studying for.",
        [
            ("none", "I do not have a degree"),
            ("music", "Music"),
            ("education", "Education"),
            ("psychology", "Psychology"),
            ("related", "A related subject, such as social work, nursing or teaching"),
            ("other", "Another subject"),
        ],
    )
    music = question(
        "How would you describe your musical ability, including improvising?",
        "Courses hold an audition.",
        [
            ("beginner", "Beginner"),
            ("developing", "Developing: I play or sing regularly"),
            ("advanced", "Advanced: audition-ready, for example degree-level performance"),
        ],
    )
    experience = question(
        "How much paid or voluntary work have you done in health, education or social care?",
        "Work with children or adults who need support counts, with or without music.",
        [
            ("none", "None yet"),
            ("under_1", "Less than a year"),
            ("1_to_2", "One to two years"),
            ("over_2", "More than two years"),
        ],
    )
    employed = question(
        "Do you work in a health, education or social care setting now?",
        "",
        [("yes", "Yes"), ("no", "No")],
    )
    mode = question(
        "How would you prefer to study?",
        "",
        [("full_time", "Full time"), ("part_time", "Part time, alongside work")],
    )

    def __init__(self, query, **kwargs):
        """Bind to a query string: the contract's names only (tracking tags and the like
        are ignored), one answer each."""
        data = {name: query.get(name) for name in self.base_fields if name in query}
        super().__init__(data or None, **kwargs)
        self.repeated = [name for name in data if len(query.getlist(name)) > 1]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"  # and so no CSRF token or cookie: a plan is a URL
        self.helper.layout = Layout(
            *(Field.radios(name, legend_size=Size.SMALL) for name in self.base_fields)
        )

    def clean(self):
        for name in self.repeated:
            self.add_error(name, "Choose only one answer to this question.")
        return super().clean()

    def answers(self):
        """The answers given, for ``pathways.planner.Answers``."""
        return {name: value for name, value in self.cleaned_data.items() if value}
