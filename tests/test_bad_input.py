"""Bad input and faults, site-wide: no visitor's URL gives a server error or echoes markup.

Hypothesis builds query strings and paths for every public page and every GET parameter
(search, the self-check, the planner, the sitemap's page number, and tags any page may
be sent), percent-encoded every which way and broken on purpose. A fixed corpus of nasty
inputs covers what generation finds only by luck: NUL bytes, invalid UTF-8, 10 KB values,
a thousand parameters, path traversal, markup and awkward Unicode. Every response must be
below 500 and must not carry injected markup verbatim (Django's escaping turns ``<`` into
``&lt;``, so a raw ``<script>`` in a body means something was marked safe that is not).

The generated tests send over 10,000 requests a run; the count and time are printed at
the end of the module's run.
"""

import re
import time
from dataclasses import dataclass
from unittest import mock
from urllib.parse import quote, quote_plus

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.planner import PRACTICE_ALIASES, QUESTIONS

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
SEARCH = "/search/"
SKILLS = ROLE + "skills/"
PLANNER = ROLE + "next-steps/"
COMPARE = "/careers/compare/"
SKILL_SLUGS = [
    "musicianship",
    "improvisation",
    "communication",
    "interpersonal",
    "relating",
    "safe-environment",
    "non-judgemental",
    "challenging-situations",
    "creativity",
    "flexibility",
    "resourcefulness",
    "resilience",
    "maturity",
    "reflection",
]
# Pages whose parameters are only tags (utm_source and the like): they must shrug them off.
PLAIN_PAGES = [
    "/",
    "/careers/",
    "/data/roles.json",
    "/data/courses.json",
    ROLE + "data.json",
    ROLE,
    ROLE + "entry-routes/",
    ROLE + "entry-routes/postgraduate/",
    ROLE + "entry-routes/apprenticeship/",
    ROLE + "qualifications/",
    ROLE + "progression/",
    "/accessibility/",
]
CHEAP_PAGES = ["/sitemap.xml", "/robots.txt", "/healthz"]
TRACKING = ["utm_source", "utm_campaign", "fbclid", "gclid", "ref", "page", "p", "format"]

# Markup an attacker would try. None holds % + & # or ;, so sent raw it reaches the
# server as it is; each would show verbatim in a body only if output were left unescaped.
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<b onmouseover=alert(1)>bold</b>",
    '<div style="background:url(javascript:alert(1))">',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
]
assert not any(set("%+&#;") & set(markup) for markup in MARKUP)
# Wire-level junk: broken percent-encoding, invalid UTF-8, separators, traversal.
BROKEN = [
    "%",
    "%%",
    "%zz",
    "%f",
    "%ff%fe",
    "%ff%fe%fd",
    "%E0%A4%A",
    "%c0%ae%c0%ae%c0%af",
    "%ed%a0%80",
    "%00",
    "%0d%0a",
    "%25",
    "%2e%2e%2f",
    "..%2f",
    "../",
    "+",
    "&",
    "=",
    ";",
    "#",
    "?",
]
SLUGS = [
    "music-therapist",
    "postgraduate",
    "apprenticeship",
    "Music-Therapist",
    "music_therapist",
    "skills",
    "entry-routes",
    "next-steps",
    "careers",
    "search",
    "healthz",
    "sitemap.xml",
    "robots.txt",
    "accessibility",
    "static",
    "admin",
    "nope",
]
# The server sees every path below with each generated segment in place of {x} and {y}.
PATH_TEMPLATES = [
    "/careers/{x}/",
    "/careers/{x}/skills/",
    "/careers/{x}/entry-routes/",
    "/careers/{x}/entry-routes/{y}/",
    ROLE + "entry-routes/{y}/",
    "/careers/{x}/qualifications/",
    "/careers/{x}/progression/",
    "/careers/{x}/next-steps/",
    "/careers/{x}/data.json",
    "/careers/{x}",
    ROLE + "{y}/",
    "/{x}",
    "/{x}/",
    "/search/{x}",
    "/static/{x}",
    "/{admin}{x}",
]
TAG_LIKE = re.compile(r"<[A-Za-z/!?]")

HYPOTHESIS = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@dataclass(frozen=True)
class Wire:
    """Part of a URL as sent, and the markup in it the server will see verbatim."""

    raw: str
    markup: tuple = ()


def joined(parts, separator=""):
    return Wire(
        separator.join(part.raw for part in parts),
        tuple(markup for part in parts for markup in part.markup),
    )


def quote_all(text):
    return quote(text, safe="")


def quote_path(text):
    return quote(text, safe="/")


def raw(text):
    return text


def exactly(text, encode):
    """Text encoded so the server decodes it back as it is; a long tag-like piece counts as
    markup (short ones, such as ``<a``, may be in any page already)."""
    is_markup = TAG_LIKE.search(text) and len(text.strip()) >= 10
    return Wire(encode(text), (text, text.strip()) if is_markup else ())


TEXT = st.text(st.characters(codec="utf-8"), max_size=24)
TAG = st.builds(
    "<{} {}=alert(1)>".format,
    st.from_regex(r"[a-z][a-z0-9]{0,7}", fullmatch=True),
    st.sampled_from(["onload", "onerror", "onfocus", "autofocus onfocus", "style"]),
)
MARKUP_TEXT = st.one_of(st.sampled_from(MARKUP), TAG)


def junk(encodings):
    """Anything at all: text encoded each way, raw text, markup, broken encoding."""
    piece = st.one_of(
        st.builds(exactly, TEXT, st.sampled_from(encodings)),
        TEXT.map(lambda text: Wire(text.lstrip("/"))),
        st.builds(
            lambda markup, encode: Wire(encode(markup), (markup,)),
            MARKUP_TEXT,
            st.sampled_from([*encodings, raw]),
        ),
        st.sampled_from(BROKEN).map(Wire),
    )
    return st.lists(piece, max_size=3).map(joined)


QUERY_JUNK = junk([quote_all, quote_plus])


def answer(valid):
    """A parameter's value: often a valid one, else anything; None leaves out the ``=``."""
    return st.one_of(st.sampled_from(valid).map(Wire), QUERY_JUNK, st.none())


def pair(names, values):
    return st.tuples(
        names if isinstance(names, st.SearchStrategy) else st.sampled_from(names).map(Wire),
        values,
    )


EXTRA_PAIR = pair(st.one_of(st.sampled_from(TRACKING).map(Wire), QUERY_JUNK), answer(["1", "x"]))


def query(pairs):
    parts = [name if value is None else joined([name, Wire("="), value]) for name, value in pairs]
    return joined(parts, "&")


SEARCH_WORDS = [
    "music",
    "dementia",
    "music therapist",
    "Music Therapist",
    "NHS band 6",
    '"music therapy"',
    "music -art",
    "music OR art",
    "music & art",
    "!music",
    "music:*",
    "a <-> b",
    "'",
    "%",
    "_",
    "\\",
    "a b c d e f g h i j",
]


def valid(pairs, tags):
    """Contract answers with tags: a page the visitor asked for properly (expect a 200)."""
    return query([(Wire(name), Wire(value)) for name, value in pairs] + tags), True


def messy(pairs):
    return query(pairs), False


TAGS = st.lists(EXTRA_PAIR, max_size=2)
SEARCH_QUERY = st.one_of(
    st.builds(
        valid, st.lists(st.tuples(st.just("q"), st.sampled_from(SEARCH_WORDS)), max_size=1), TAGS
    ),
    st.lists(
        st.one_of(pair(["q"], answer(SEARCH_WORDS)), pair(["q"], answer(SEARCH_WORDS)), EXTRA_PAIR),
        max_size=4,
    ).map(messy),
)
SELF_CHECK_QUERY = st.one_of(
    st.builds(
        valid,
        st.lists(st.sampled_from(SKILL_SLUGS), unique=True).map(
            lambda ticks: [("have", t) for t in ticks]
        ),
        TAGS,
    ),
    st.lists(
        st.one_of(
            pair(["have"], answer(SKILL_SLUGS)), pair(["have"], answer(SKILL_SLUGS)), EXTRA_PAIR
        ),
        max_size=16,
    ).map(messy),
)
PLANNER_QUERY = st.one_of(
    st.builds(
        valid,
        st.fixed_dictionaries(
            {
                name: st.one_of(st.none(), st.sampled_from(values))
                for name, values in QUESTIONS.items()
            }
        ).map(lambda answers: [(name, value) for name, value in answers.items() if value]),
        TAGS,
    ),
    st.lists(
        st.one_of(
            *(pair([name], answer(values)) for name, values in QUESTIONS.items()), EXTRA_PAIR
        ),
        max_size=10,
    ).map(messy),
)
COMPARE_QUERY = st.one_of(
    st.builds(valid, st.lists(st.just(("roles", "music-therapist")), max_size=1), TAGS),
    st.lists(
        st.one_of(
            pair(["roles"], answer(["music-therapist", "art-therapist"])),
            pair(["roles"], answer(["music-therapist"])),
            EXTRA_PAIR,
        ),
        max_size=6,
    ).map(messy),
)
ANY_QUERY = st.lists(
    st.one_of(EXTRA_PAIR, pair(["p"], answer(["1", "2", "0", "-1", "1.5", "9" * 30]))),
    max_size=5,
).map(query)
SEGMENT = st.one_of(
    st.sampled_from(SLUGS).map(Wire),
    st.from_regex(r"[-A-Za-z0-9_]{1,40}", fullmatch=True).map(Wire),
    junk([quote_all, quote_path]),
)


@pytest.fixture(scope="module")
def sent(request):
    """Counts the generated requests, and reports them when the module is done."""
    tally = {"requests": 0, "seconds": 0.0}
    yield tally
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter and capture and tally["requests"]:
        with capture.global_and_fixture_disabled():
            each = tally["seconds"] / tally["requests"] * 1000
            reporter.write_line(
                f"\n{__name__}: {tally['requests']} generated requests in "
                f"{tally['seconds']:.0f} s ({each:.1f} ms each)"
            )


def assert_safe(response, url, markup=()):
    """Not a server error, and no injected markup echoed as markup."""
    assert response.status_code < 500, f"{response.status_code} for {url!r}"
    body = response.content
    for text in markup:
        assert text.encode() not in body, f"{text!r} echoed unescaped by {url!r}"


def fetch(client, sent, url, markup=()):
    started = time.perf_counter()
    response = client.get(url)
    sent["requests"] += 1
    sent["seconds"] += time.perf_counter() - started
    assert_safe(response, url, markup)
    return response


# Examples per test, and requests per example, sum to 10,400 requests a run:
# 400 x 4 + 600 x 4 + 400 x 16. Keep it above 10,000. These are the suite's only
# generated requests: each page's parameters are fuzzed here once, and nowhere else.
# A form's example renders its whole page (12 ms for search, 31 for the planner's form and
# plan) where a tag or a path costs 3 or 4 ms, so the forms have 400 examples each, not
# 800: that saved half a minute a run.
FORMS = [  # the page, its parameters, what an invalid answer may get besides a 200
    pytest.param(SEARCH, SEARCH_QUERY, (), id="search"),
    pytest.param(SKILLS, SELF_CHECK_QUERY, (), id="self-check"),
    pytest.param(PLANNER, PLANNER_QUERY, (400,), id="planner"),
    # A role that is not published is not found; an order not the canonical one redirects.
    pytest.param(COMPARE, COMPARE_QUERY, (301, 400, 404), id="compare"),
]


@pytest.mark.parametrize(("url", "queries", "invalid_status"), FORMS)
@settings(max_examples=400, **HYPOTHESIS)
@given(data=st.data())
def test_generated_answers_to_each_form(client, seeded, sent, url, queries, invalid_status, data):
    wire, is_valid = data.draw(queries, label="query")
    response = fetch(client, sent, url + "?" + wire.raw, wire.markup)
    if is_valid:
        assert response.status_code == 200
    elif invalid_status:
        assert response.status_code in (200, *invalid_status)


@settings(max_examples=600, **HYPOTHESIS)
@given(wire=ANY_QUERY, page=st.sampled_from(PLAIN_PAGES))
def test_generated_tags_on_every_other_page(client, seeded, sent, wire, page):
    """Tags, sitemap page numbers and junk on the pages without a form (four requests)."""
    for url in [page, *CHEAP_PAGES]:
        fetch(client, sent, url + "?" + wire.raw, wire.markup)


@settings(max_examples=400, **HYPOTHESIS)
@given(x=SEGMENT, y=SEGMENT)
def test_generated_path_segments(client, seeded, sent, x, y):
    """Slugs and anything else, in every place a path takes one (sixteen requests)."""
    admin = getattr(django_settings, "ADMIN_PATH", "admin/")
    for template in PATH_TEMPLATES:
        url = template.format(x=x.raw, y=y.raw, admin=admin)
        fetch(client, sent, url, x.markup + y.markup)


# The corpus, by kind: each entry as sent on the wire, and the markup it carries, if any.
TEN_KB = 10 * 1024
NASTY = {
    "nul-bytes": {
        "nul": "%00",
        "nul-inside": "music%00therapist",
        "nul-raw": "music\x00therapist",
        "control-characters": "%01%02%1b%7f%0d%0a",
    },
    "invalid-utf8": {
        "invalid-utf8": "%ff%fe%fd",
        "overlong-utf8": "%c0%ae%c0%ae%c0%af",
        "utf8-surrogate": "%ed%a0%80%ed%b0%80",
        "truncated-utf8": "%E0%A4%A",
    },
    "broken-encoding": {
        "empty": "",
        "broken-percent": "%%zz%f%",
        "whitespace": "%20%09%0a+++",
        "separators": "&&==;;??",
    },
    "long-values": {
        "10kb": "a" * TEN_KB,
        "10kb-multibyte": quote_all("é" * (TEN_KB // 2)),
        "many-words": quote_plus("a " * 100),
        "5000-digits": "9" * 5000,
    },
    "path-traversal": {
        "traversal": "../../etc/passwd",
        "traversal-encoded": "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "traversal-double-encoded": "%252e%252e%252fetc%252fpasswd",
        "traversal-mixed": "..%2f..%2f..%2fetc/passwd",
        "traversal-windows": "..%5c..%5cwindows%5cwin.ini",
        "traversal-nested": "....//....//etc/passwd",
    },
    "markup": {
        "markup-raw": "<script>alert(1)</script>",
        "markup-encoded": quote_all(MARKUP[1]),
        "markup-attribute": quote_all("' onmouseover='alert(1)"),
        "markup-plus": quote_plus("</title><h1>Hacked</h1>"),
        "10kb-markup": quote_all("<script>alert(1)</script>" * 410),
    },
    "injection": {
        "crlf-header": "%0d%0aSet-Cookie:%20evil=1",
        "template": quote_all("{{ settings.SECRET_KEY }}{% debug %}"),
        "format-string": quote_all("%s%d%(value)s{0}{value}"),
        "sql": quote_all("' OR '1'='1' --"),
        "sql-drop": quote_all("x'; DROP TABLE careers_role; --"),
    },
    "unicode": {
        "rtl": quote_all("\u202egnp.exe\u200f\u200e\u061c"),
        "emoji": quote_all("🎵🎶👩🏽\u200d⚕️"),
        "combining": quote_all("e" + "\u0301" * 60),
        "zero-width": quote_all("\ufeff\u200b\u2060music\u200d"),
        "lookalike-slug": quote_all("ｍｕｓｉｃ\u2010therapist"),
        "noncharacters": quote_all("\uffff\ufffe\U0010ffff"),
        "raw-unicode": "música 🎵",
    },
}
# What must never show verbatim: markup, whichever way it was sent.
NEVER_ECHOED = [
    "<script>alert(1)</script>",
    MARKUP[1],
    "' onmouseover='alert(1)",
    "</title><h1>Hacked</h1>",
]
PARAMETERS = [
    (SEARCH, "q"),
    (SKILLS, "have"),
    *((PLANNER, name) for name in (*QUESTIONS, *PRACTICE_ALIASES)),
    ("/sitemap.xml", "p"),
    ("/", "utm_source"),
    (ROLE, "utm_source"),
]


def corpus_urls(wire):
    """Every place the entry can go: a parameter's value, a parameter's name, a path
    segment (role and route)."""
    for page, name in PARAMETERS:
        yield f"{page}?{name}={wire}"
    for page in [SEARCH, SKILLS, PLANNER]:
        yield f"{page}?{wire}=1"
    segment = wire.lstrip("/")
    admin = getattr(django_settings, "ADMIN_PATH", "admin/")
    for template in PATH_TEMPLATES:
        yield template.format(x=segment, y=segment, admin=admin)


@pytest.mark.parametrize("kind", list(NASTY))
def test_nasty_input_everywhere(client, seeded, kind):
    failures = []
    for name, wire in NASTY[kind].items():
        for url in corpus_urls(wire):
            response = client.get(url)
            try:
                assert_safe(response, url[:200], NEVER_ECHOED)
                assert not response.cookies, f"{url[:200]!r} set a cookie"
                assert django_settings.SECRET_KEY.encode() not in response.content
            except AssertionError as error:
                failures.append(f"{name}: {error}")
    assert not failures, "\n".join(failures)


MANY = {
    "1000-names": lambda name: "&".join(f"x{i}={i}" for i in range(1000)),
    "1000-repeats": lambda name: "&".join(f"{name}=1" for _ in range(1000)),
    "999-repeats-valid": lambda name: "&".join(
        f"{name}={value}" for value in (["graduate", "musicianship", "music"] * 333)
    ),
    "1001-names": lambda name: "&".join(f"x{i}={i}" for i in range(1001)),
    "10000-names": lambda name: "&".join(f"{name}{i}=<b>{i}</b>" for i in range(10_000)),
}


@pytest.mark.parametrize("shape", list(MANY))
def test_a_thousand_parameters_and_more(client, seeded, shape):
    """Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) with a 400."""
    for page, name in [(SEARCH, "q"), (SKILLS, "have"), (PLANNER, "stage"), ("/", "p")]:
        url = page + "?" + MANY[shape](name)
        assert_safe(client.get(url), f"{page}?{shape}", NEVER_ECHOED)


DATABASE_PAGES = [
    "/",
    "/careers/",
    ROLE,
    SKILLS + "?have=musicianship",
    ROLE + "entry-routes/postgraduate/",
    PLANNER + "?stage=graduate&degree=music",
    SEARCH + "?q=music",
    "/accessibility/",
]


def test_the_database_going_away_gives_a_clean_503_and_the_error_page(seeded):
    client = Client(raise_request_exception=False)
    refused = OperationalError("connection refused")
    with (
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refused),
        mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=refused),
    ):
        responses = {url: client.get(url) for url in ["/healthz", *DATABASE_PAGES]}
    assert responses["/healthz"].status_code == 503
    for url, response in responses.items():
        body = response.content.decode()
        for leak in ["Traceback", "OperationalError", "connection refused", 'File "/']:
            assert leak not in body, f"{leak!r} in the page for {url}"
        if url != "/healthz":
            assert response.status_code in (500, 503), url
            assert "Sorry, there is a problem" in body, url
    # Nothing from the outage was kept: the site answers again at once.
    assert client.get("/healthz").status_code == 200
    for url in DATABASE_PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("url", [PLANNER, SEARCH])
def test_writes_to_the_planner_and_search_are_refused(client, seeded, url):
    for method in ["post", "put", "patch", "delete"]:
        response = getattr(client, method)(url, {"q": "music", "stage": "graduate"})
        assert response.status_code == 405, method
