import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture
def editor(db):
    """A member of the Content editors group, as an editor's account is set up."""
    user = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
