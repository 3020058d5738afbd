import pytest
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches, as a freshly started process does."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def seeded(db):
    """The shipped content, loaded as `make run` loads it."""
    call_command("seed", verbosity=0)
