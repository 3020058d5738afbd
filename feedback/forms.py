from django import forms
from django.conf import settings
from django.urls import Resolver404, resolve

from core.pages import page_exists
from feedback.models import COMMENT_MAX_LENGTH

# Pages that are not content a visitor reads, so feedback about them makes no sense.
NOT_PAGES = {"feedback", "feedback_thanks", "healthz", "sitemap", "robots_txt"}


def is_public_page(path):
    """True for the path of a page of the public site (no query, no admin)."""
    if not path.startswith("/") or path.startswith("//") or "?" in path or "#" in path:
        return False
    if path.startswith("/" + settings.ADMIN_PATH):
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.url_name in NOT_PAGES:
        return False
    return page_exists(path)  # a role's pages: only roles and routes that exist


class FeedbackForm(forms.Form):
    page = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Say which page the feedback is about.",
            "max_length": "The page address is too long.",
            "null_characters_not_allowed": "The page address cannot contain null characters.",
        },
    )
    useful = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={
            "required": "Choose Yes or No: is this page useful?",
            "invalid_choice": "Choose Yes or No: is this page useful?",
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": f"Your comment must be {COMMENT_MAX_LENGTH} characters or fewer "
            "(it has %(show_value)d).",
            "null_characters_not_allowed": "Your comment cannot contain null characters.",
        },
    )
    # Hidden from people; software that fills in every field fills this one too.
    website = forms.CharField(required=False)

    def clean_page(self):
        page = self.cleaned_data["page"]
        if not is_public_page(page):
            raise forms.ValidationError("The feedback must be about a page of this site.")
        return page

    def clean_comment(self):
        return self.cleaned_data["comment"].strip()

    @property
    def is_from_software(self):
        return bool(self.data.get("website"))
