"""The "Content editors" group holds every permission on the content apps' models (and,
from feedback's own migration, reading feedback; nothing else): kept so after every
``migrate``, so a model added later (a new kind of content) is editable by editors at once,
on new sites and running ones alike."""

from django.conf import settings

GROUP_NAME = "Content editors"


def grant_content_permissions(sender, using="default", apps=None, **kwargs):
    """post_migrate, after auth has made the app's permissions: give them to the group."""
    if sender.label not in settings.CONTENT_APPS or apps is None:
        return
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth not migrated (yet)
        return
    group, _ = Group.objects.using(using).get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label=sender.label)
    )
