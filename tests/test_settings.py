from django.conf import settings

from tests.helpers import run_django

SHOW_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, "
    "settings.STORAGES['staticfiles']['BACKEND'])"
)


def start_up(**env):
    """Import the settings in a fresh interpreter, as gunicorn would at start-up."""
    return run_django("-c", SHOW_SETTINGS, **env)


def test_production_refuses_to_start_without_a_secret_key():
    result = start_up(DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_up(DJANGO_ENV="production", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_turns_debug_off_and_secures_cookies_and_static_files():
    result = start_up(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="example.org",
        DJANGO_DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_development_needs_nothing_set():
    result = start_up()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_whitenoise_sits_right_after_the_security_middleware():
    middleware = settings.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )
