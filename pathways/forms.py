import copy

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from careers.models import MAX_COMPARED
from core.fragments import cached
from pathways.planner import MUSIC_THERAPIST


class Question(forms.ChoiceField):
    """A choice of answers whose copies share its choices.

    Every form copies its fields (``BaseForm.__init__``), and Django copies and checks each
    choice again for the field and again for its widget: about half of a planner form's
    making. The planner never changes a list of choices in place: it gives a question a
    new list (``PlannerForm.name_the_role``), which the field checks then."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


def question(label, help_text, choices, assumed):
    """A planner question; ``assumed`` says what the plan takes for granted when it is blank."""
    field = Question(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": f"Choose one of the answers listed for “{label}”"},
    )
    field.assumed = assumed
    return field


# The practice question and the degree in the role's own subject, for each art form but
# music (the music therapist's are the form's fields as declared). What courses ask for:
# docs/research/arts-therapies.md, AT-24 and AT-41 (art), DT-18 and C-14 (drama).
ART_FORMS = {
    "art": {
        "art_form": "art",
        "degree": "Art, for example fine art or art and design",
        "label": "How would you describe your own art practice?",
        "help_text": "Courses ask for an ongoing personal art practice and a portfolio "
        "of your artwork.",
        "choices": [
            ("beginner", "Beginner"),
            ("developing", "Developing: I make art regularly"),
            (
                "advanced",
                "Advanced: an ongoing art practice and a portfolio ready to show, "
                "for example from an art degree",
            ),
        ],
        "assumed": "that your art practice is not a gap, so the plan adds no practice steps",
    },
    "drama": {
        "art_form": "drama",
        "degree": "Drama, theatre or performing arts",
        "label": "How much drama or theatre experience do you have?",
        "help_text": "Courses look for sustained experience of drama or theatre.",
        "choices": [
            ("beginner", "Beginner"),
            ("developing", "Developing: I act, devise or take part in drama regularly"),
            (
                "advanced",
                "Advanced: sustained drama or theatre experience, for example a drama "
                "degree or regular performing",
            ),
        ],
        "assumed": "that your drama experience is not a gap, so the plan adds no practice steps",
    },
}

SUBMITTED = "show"  # the submit button's name: an empty form says what to answer


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
        "that you are starting out: the plan begins by finding out about the job",
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
        "your degree from where you are now: a graduate has one, a school student not yet",
    )
    practice = question(
        "How would you describe your musical ability, including improvising?",
        "Courses hold an audition.",
        [
            ("beginner", "Beginner"),
            ("developing", "Developing: I play or sing regularly"),
            ("advanced", "Advanced: audition-ready, for example degree-level performance"),
        ],
        "that your playing is not a gap, so the plan adds no practice steps",
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
        "that you still need a year or two of experience",
    )
    employed = question(
        "Do you work in a health, education or social care setting now?",
        "",
        [("yes", "Yes"), ("no", "No")],
        "nothing about your job: the apprenticeship is shown only where it might fit",
    )
    mode = question(
        "How would you prefer to study?",
        "",
        [("full_time", "Full time"), ("part_time", "Part time, alongside work")],
        "full-time study, so times are full-time lengths",
    )
    nation = question(
        "Where do you live now?",
        "Courses, background checks, student finance and pay differ between the UK's nations.",
        [
            ("england", "England"),
            ("scotland", "Scotland"),
            ("wales", "Wales"),
            ("northern_ireland", "Northern Ireland"),
            ("outside_uk", "Outside the UK, or moving to the UK"),
        ],
        "that you live in the UK: courses in all four nations, finance and checks to compare",
    )
    age = question(
        "How old will you be when your training starts?",
        "Since January 2026 the apprenticeship is funded only for people under 22.",
        [
            ("under_22", "Under 22"),
            ("22_to_24", "22 to 24"),
            ("25_or_over", "25 or over"),
        ],
        "nothing about your age: apprenticeship funding depends on it",
    )

    def __init__(self, query, rules=MUSIC_THERAPIST, **kwargs):
        """Bind to a query string: the contract's names only (tracking tags and the like
        are ignored), one answer each. The role's rules word the questions about its art
        form (the music therapist's are the fields as declared)."""
        data = {name: query.get(name) for name in self.base_fields if name in query}
        self.is_empty_submission = SUBMITTED in query and not any(data.values())
        super().__init__(data if data or self.is_empty_submission else None, **kwargs)
        self.repeated = [name for name in data if len(query.getlist(name)) > 1]
        self.ask_about_the_art_form(rules)
        if data.get("stage") == "school":
            self.ask_what_they_plan_to_study()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"  # and so no CSRF token or cookie: a plan is a URL
        self.helper.layout = Layout(
            *(cached(Field.radios(name, legend_size=Size.SMALL)) for name in self.base_fields)
        )

    def name_the_role(self, title):
        """The role's title in the answer for someone already qualified."""
        stage = self.fields["stage"]
        qualified = f"I am a qualified {title[:1].lower()}{title[1:]}"
        stage.choices = [*stage.choices[:-1], ("qualified", qualified)]

    def ask_about_the_art_form(self, rules):
        """The role's own art form in the degree and practice questions."""
        if rules.subject == MUSIC_THERAPIST.subject:
            return
        wording = ART_FORMS[rules.subject]
        degree = self.fields["degree"]
        degree.choices = [
            (rules.subject, wording["degree"]) if value == "music" else (value, label)
            for value, label in degree.choices
        ]
        practice = self.fields["practice"]
        practice.label, practice.help_text = wording["label"], wording["help_text"]
        practice.choices, practice.assumed = wording["choices"], wording["assumed"]
        practice.error_messages["invalid_choice"] = (
            f"Choose one of the answers listed for “{practice.label}”"
        )
        experience = self.fields["experience"]
        experience.help_text = experience.help_text.replace("music", wording["art_form"])

    def ask_what_they_plan_to_study(self):
        """A school student has no degree yet: the degree question asks what they plan to
        study (the same answers, so the planner contract keeps its values)."""
        degree = self.fields["degree"]
        degree.label = "What do you plan to study after school or college?"
        degree.help_text = "Your plan starts with school either way; this is the degree after it."
        degree.choices = [
            ("none", "I do not plan to take a degree, or I do not know yet"),
            *degree.choices[1:],
        ]
        degree.assumed = "that you do not know yet what you will study"

    def clean(self):
        for name in self.repeated:
            self.add_error(name, f"Choose only one answer for “{self.fields[name].label}”")
        if self.is_empty_submission:
            self.add_error(
                "stage",
                f"Answer “{self.fields['stage'].label}” to see your plan; "
                "the other questions make it sharper",
            )
        return super().clean()

    def answers(self):
        """The answers given, for ``pathways.planner.Answers``."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def heard(self):
        """What the visitor told us, as (question, answer) in the form's order."""
        answers = self.answers()
        return [
            (field.label, dict(field.choices)[answers[name]])
            for name, field in self.fields.items()
            if name in answers
        ]

    def assumed(self):
        """What the plan assumed for each question left blank, as (question, assumption)."""
        answers = self.answers()
        return [
            (field.label, field.assumed)
            for name, field in self.fields.items()
            if name not in answers
        ]


class CompareForm(forms.Form):
    """Pick two or three published roles to see side by side (``?roles=…&roles=…``)."""

    roles = forms.MultipleChoiceField(
        label="Which roles do you want to compare?",
        help_text="Choose two or three.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "There is no published role called “%(value)s”: choose from "
            "the roles listed"
        },
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(role.slug, role.title) for role in roles]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"  # and so no CSRF token or cookie: the page is cached
        self.helper.layout = Layout(Field.checkboxes("roles", legend_size=Size.MEDIUM))

    def clean_roles(self):
        chosen = self.cleaned_data["roles"]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError("Choose each role once", code="duplicate")
        if len(chosen) > MAX_COMPARED:
            raise forms.ValidationError("Choose at most three roles", code="too_many")
        return chosen

    @property
    def is_unknown_role(self):
        """The only trouble is a role the site does not have: the page is not found."""
        return any(
            error.code == "invalid_choice" for error in self.errors.as_data().get("roles", [])
        )
