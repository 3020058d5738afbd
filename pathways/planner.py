"""The planner's rules: from where a visitor stands to an ordered list of plan steps.

Plain Python with no database or HTTP: the words of each step live in ``PlanStep`` records
and the planner's notes in ``PlanNote`` records, keyed by the slugs below. The contract's
parameter names and values (DESIGN.md) are the ``QUESTIONS`` here; an adviser's link must
give today's correct plan for the same answers, so change rules with care and pin every
persona in the tests.

One set of rules serves every role; what differs by role (its art form's steps, the degree
in its own subject, its postgraduate route, the nations with a course) is a ``RoleRules``
in ``RULES``, keyed by the role's slug. ``plan_for(answers, rules)`` takes them; the view
passes the nations where the role's published courses are (``RoleRules.with_courses_in``),
so the planner itself reads no database.
"""

from dataclasses import dataclass, field, fields, replace
from functools import cached_property, lru_cache

# The music therapist's questions, as the contract has them; ``RoleRules.questions`` gives
# each role's (its own subject in place of "music" among the degrees).
QUESTIONS = {
    "stage": ["school", "undergraduate", "graduate", "professional", "qualified"],
    "degree": ["none", "music", "education", "psychology", "related", "other"],
    "practice": ["beginner", "developing", "advanced"],
    "experience": ["none", "under_1", "1_to_2", "over_2"],
    "employed": ["yes", "no"],
    "mode": ["full_time", "part_time"],
    "nation": ["england", "scotland", "wales", "northern_ireland", "outside_uk"],
    "age": ["under_22", "22_to_24", "25_or_over"],
}

# The planner's nations are the contract's; per-nation facts use ``core.content.Nation``.
NATION_FACT_KEY = {
    "england": "england",
    "scotland": "scotland",
    "wales": "wales",
    "northern_ireland": "northern-ireland",
}
UK_NATIONS = list(NATION_FACT_KEY)

# Phases run one after another on the timeline; the steps within a phase run side by side.
PREPARE, APPLY, TRAIN, QUALIFY, CAREER = "prepare", "apply", "train", "qualify", "career"


@dataclass(frozen=True)
class RoleRules:
    """What the planner's rules need to know of one role: its art form's steps, the degree
    in its own subject, its postgraduate route and the UK nations where it has a course."""

    slug: str
    subject: str  # the ``degree`` answer for a degree in the role's own art form
    practice_steps: tuple  # building the art form, for a beginner or developing practice
    school_step: str  # keeping the art form up at school or college
    selection_step: str  # getting ready for the courses' audition, portfolio or interview
    body_step: str  # joining the professional body
    postgraduate: str  # the slug of the role's postgraduate ``EntryRoute``
    course_nations: frozenset  # the planner's UK nations with a course
    practice_alias: str | None = None  # an older name of the ``practice`` question

    @property
    def questions(self):
        """The role's questions and answers: the contract's, with its own subject."""
        degrees = [self.subject if value == "music" else value for value in QUESTIONS["degree"]]
        return {**QUESTIONS, "degree": degrees}

    @cached_property
    def no_course_nations(self):
        return [nation for nation in UK_NATIONS if nation not in self.course_nations]

    @property
    def step_keys(self):
        """Every step this role's plans can hold."""
        return [
            *COMMON_STEPS,
            *self.practice_steps,
            self.school_step,
            self.selection_step,
            self.body_step,
            *(train_outside(nation) for nation in self.no_course_nations),
        ]

    @property
    def note_keys(self):
        """Every note the rules can show for this role."""
        return [
            *COMMON_NOTES,
            *(no_course_in(nation) for nation in self.no_course_nations),
        ]

    def with_courses_in(self, nations):
        """These rules, with the nations where the role's published courses are."""
        known = frozenset(nation for nation in UK_NATIONS if NATION_FACT_KEY[nation] in nations)
        return self if known == self.course_nations else replace(self, course_nations=known)


def train_outside(nation):
    """The step for a visitor whose nation has no course for the role."""
    return f"train-outside-{NATION_FACT_KEY[nation]}"


def no_course_in(nation):
    """The note beside it."""
    return f"no-course-in-{NATION_FACT_KEY[nation]}"


# The nations with a course are the research's defaults (docs/research/arts-therapies.md,
# Part 3); the plan page replaces them with the nations of the role's published courses.
MUSIC_THERAPIST = RoleRules(
    slug="music-therapist",
    subject="music",
    practice_steps=("build-musicianship", "practise-improvisation"),
    school_step="school-keep-playing",
    selection_step="prepare-audition",
    body_step="join-bamt",
    postgraduate="postgraduate",
    course_nations=frozenset({"england", "scotland", "wales"}),
    practice_alias="music",
)
ART_THERAPIST = RoleRules(
    slug="art-therapist",
    subject="art",
    practice_steps=("build-art-practice",),
    school_step="school-keep-making-art",
    selection_step="prepare-portfolio",
    body_step="join-baat",
    postgraduate="art-therapist-postgraduate",
    course_nations=frozenset(UK_NATIONS),
)
DRAMATHERAPIST = RoleRules(
    slug="dramatherapist",
    subject="drama",
    practice_steps=("build-drama-practice",),
    school_step="school-keep-doing-drama",
    selection_step="prepare-drama-interview",
    body_step="join-badth",
    postgraduate="dramatherapist-postgraduate",
    course_nations=frozenset({"england", "scotland"}),
)
RULES = {rules.slug: rules for rules in (MUSIC_THERAPIST, ART_THERAPIST, DRAMATHERAPIST)}
# Older names of the practice question that links may still use (the music therapist's).
PRACTICE_ALIASES = tuple(rules.practice_alias for rules in RULES.values() if rules.practice_alias)


def rules_for(role_slug):
    """A role's rules; a role the registry does not know yet plans as the music therapist's
    (its steps and notes are looked up by the same slugs in its own records)."""
    return RULES.get(role_slug) or replace(MUSIC_THERAPIST, slug=role_slug, practice_alias=None)


PHASE_OF_COMMON_STEP = {
    "explore-the-role": PREPARE,
    "choose-school-subjects": PREPARE,
    "choose-school-subjects-england": PREPARE,
    "choose-school-subjects-scotland": PREPARE,
    "choose-school-subjects-wales": PREPARE,
    "choose-school-subjects-northern-ireland": PREPARE,
    "school-volunteer-from-16": PREPARE,
    "school-open-days": PREPARE,
    "school-apply-ucas": PREPARE,
    "get-a-degree": PREPARE,
    "check-non-degree-entry": PREPARE,
    "gain-caring-experience": PREPARE,
    "take-introductory-course": PREPARE,
    "research-courses": APPLY,
    "check-visa-and-fees": APPLY,
    "talk-to-employer": APPLY,
    "find-apprenticeship": APPLY,
    "ask-employer-to-fund": APPLY,
    "check-apprenticeship-funding": APPLY,
    "plan-funding": APPLY,
    "apply-postgraduate": APPLY,
    "get-background-check": APPLY,
    "complete-training": TRAIN,
    "register-hcpc": QUALIFY,
    "apply-from-abroad": CAREER,
    "find-first-post": CAREER,
    "keep-registration": CAREER,
    "choose-specialism": CAREER,
    "supervise-and-teach": CAREER,
    "take-lead-roles": CAREER,
    "private-practice": CAREER,
    "research-and-phd": CAREER,
    "advanced-clinical-practice": CAREER,
}
COMMON_STEPS = list(PHASE_OF_COMMON_STEP)
# Every role's steps (their slugs differ where the steps do), for the timeline.
PHASE_OF_STEP = {
    **PHASE_OF_COMMON_STEP,
    **{train_outside(nation): APPLY for nation in UK_NATIONS},
    **{
        slug: phase
        for rules in RULES.values()
        for slugs, phase in (
            ((*rules.practice_steps, rules.school_step), PREPARE),
            ((rules.selection_step,), APPLY),
            ((rules.body_step,), QUALIFY),
        )
        for slug in slugs
    },
}
# The music therapist's steps (each role's: ``RoleRules.step_keys``).
STEP_KEYS = MUSIC_THERAPIST.step_keys
# Each role's preparation that must be done by the courses' closing date.
SELECTION_STEPS = {rules.selection_step for rules in RULES.values()}

# A school or college student's first year or two: subjects (named for their nation), the
# role's art form, volunteering from 16, open days and a UCAS application, before the degree.
SUBJECT_STEPS = [slug for slug in PHASE_OF_STEP if slug.startswith("choose-school-subjects")]
SCHOOL_STEPS = ["school-volunteer-from-16", "school-open-days"]
UCAS_STEP = "school-apply-ucas"

# The steps that lead to the apprenticeship; a plan holds at most one of them.
APPRENTICESHIP_STEPS = {
    "talk-to-employer",
    "find-apprenticeship",
    "ask-employer-to-fund",
    "check-apprenticeship-funding",
}

# Steps that must never appear together in one plan.
CONTRADICTIONS = [
    {"get-a-degree", "check-non-degree-entry"},
    {"complete-training", "keep-registration"},
    {"apply-postgraduate", "supervise-and-teach"},
    {"register-hcpc", "apply-from-abroad"},
    *({train_outside(nation), "check-visa-and-fees"} for nation in UK_NATIONS),
    *(
        {one, other}
        for one in sorted(APPRENTICESHIP_STEPS)
        for other in sorted(APPRENTICESHIP_STEPS)
        if one < other
    ),
]


def _has_advanced_practice(a):
    return a.practice == "advanced"


# What each step assumes the visitor lacks: a plan never starts with a step whose
# answer shows the visitor already has it.
ALREADY_HAS = {
    "get-a-degree": lambda a: a.has_degree,
    "check-non-degree-entry": lambda a: a.has_degree,
    **{step: _has_advanced_practice for rules in RULES.values() for step in rules.practice_steps},
    "gain-caring-experience": lambda a: a.has_enough_experience,
    "choose-school-subjects": lambda a: a.stage not in (None, "school"),
    "complete-training": lambda a: a.stage == "qualified",
    "register-hcpc": lambda a: a.stage == "qualified",
}

POSTGRADUATE, APPRENTICESHIP = MUSIC_THERAPIST.postgraduate, "apprenticeship"

# How the apprenticeship stands for a visitor since government funding changed in January
# 2026: funded only for apprentices under 22 (care leavers and people with an EHCP up to 25).
FUNDED = "funded"  # in England and under 22
EMPLOYER_PAYS = "employer-pays"  # in England, 22 or over: only if an employer pays it all
UNCERTAIN = "uncertain"  # nation or age not given: England only, and it depends on age

# The planner's notes (``PlanNote`` slugs) the rules can show.
NOTE_FUNDED_UNDER_22 = "apprenticeship-funded-under-22"
NOTE_EMPLOYER_PAYS = "apprenticeship-employer-pays"
NOTE_ENGLAND_ONLY = "apprenticeship-england-only"
NOTE_NO_COURSE_IN_NI = "no-course-in-northern-ireland"
NOTE_TRAINING_FROM_ABROAD = "training-from-abroad"
NOTE_HCPC_INTERNATIONAL = "hcpc-international-route"
NOTE_KEEP_BOTH_ROUTES = "plan-postgraduate-in-parallel"
# For someone at school (or who has not said where they stand) who has not answered the
# art-form question: the arts therapies side by side.
NOTE_COMPARE = "compare-the-arts-therapies"
COMMON_NOTES = [
    NOTE_FUNDED_UNDER_22,
    NOTE_EMPLOYER_PAYS,
    NOTE_ENGLAND_ONLY,
    NOTE_TRAINING_FROM_ABROAD,
    NOTE_HCPC_INTERNATIONAL,
    NOTE_KEEP_BOTH_ROUTES,
    NOTE_COMPARE,
]


# Every answer some role's form offers: the rules take any of them.
ANY_ROLES_ANSWERS = {
    name: list(dict.fromkeys(value for rules in RULES.values() for value in rules.questions[name]))
    for name in QUESTIONS
}


@dataclass(frozen=True)
class Answers:
    """Validated answers; ``None`` means not answered."""

    stage: str | None = None
    degree: str | None = None
    practice: str | None = None
    experience: str | None = None
    employed: str | None = None
    mode: str | None = None
    nation: str | None = None
    age: str | None = None

    def __post_init__(self):
        for question in fields(self):
            value = getattr(self, question.name)
            if value is not None and value not in ANY_ROLES_ANSWERS[question.name]:
                raise ValueError(f"{question.name}={value!r} is not one of the planner's answers")

    @property
    def has_degree(self):
        if self.stage == "school":  # their answer is what they plan to study
            return False
        if self.degree is not None:
            return self.degree != "none"
        return self.stage in ("graduate", "professional", "qualified")

    @property
    def lacks_degree(self):
        """Known to have no degree (a school student is assumed to have none yet)."""
        return self.degree == "none" or self.stage == "school"

    @property
    def has_enough_experience(self):
        return self.experience in ("1_to_2", "over_2")

    @property
    def is_22_or_over(self):
        return self.age in ("22_to_24", "25_or_over")

    @property
    def unanswered(self):
        return [q.name for q in fields(self) if getattr(self, q.name) is None]


@dataclass(frozen=True)
class Plan:
    steps: list
    routes: list = field(default_factory=list)
    unanswered: list = field(default_factory=list)
    is_qualified: bool = False
    apprenticeship: str | None = None  # FUNDED, EMPLOYER_PAYS, UNCERTAIN or None
    notes: list = field(default_factory=list)


@lru_cache(maxsize=4096)
def plan_for(answers, rules=MUSIC_THERAPIST):
    """The ordered plan for these answers to this role's questions: its first step is the
    very next thing to do."""
    if answers.stage == "qualified":
        return Plan(
            steps=_progression_steps(answers, rules),
            is_qualified=True,
            unanswered=_sharpening(answers),
            notes=[NOTE_HCPC_INTERNATIONAL] if answers.nation == "outside_uk" else [],
        )
    status = apprenticeship_status(answers)
    return Plan(
        steps=_steps_to_qualify(answers, status, rules),
        routes=fitting_routes(answers, status, rules),
        unanswered=_sharpening(answers),
        apprenticeship=status,
        notes=_notes(answers, status, rules),
    )


def apprenticeship_status(a):
    """Whether the England-only apprenticeship can be offered, and on what terms."""
    if a.stage in ("school", "qualified") or a.nation not in (None, "england"):
        return None
    if a.nation == "england" and a.age == "under_22":
        if a.employed == "yes" or a.stage in ("graduate", "professional"):
            return FUNDED
        return None
    if a.is_22_or_over:
        # Someone 22 or over is funded only if an employer pays the whole cost: worth asking
        # only where they already work in health or care.
        return EMPLOYER_PAYS if a.employed == "yes" else None
    if a.employed == "yes" or (a.stage in ("graduate", "professional") and a.mode != "part_time"):
        return UNCERTAIN
    return None


def fitting_routes(answers, status=None, rules=MUSIC_THERAPIST):
    """The entry routes that fit, best first: the apprenticeship leads only when it is funded
    for this visitor and they already work where it could happen."""
    status = status or apprenticeship_status(answers)
    if status == FUNDED and answers.employed == "yes":
        return [APPRENTICESHIP, rules.postgraduate]
    if status is not None:
        return [rules.postgraduate, APPRENTICESHIP]
    return [rules.postgraduate]


def _steps_to_qualify(a, status, rules):
    steps = []
    if a.stage is None:
        steps.append("explore-the-role")
    practice = list(rules.practice_steps)
    if a.practice not in ("beginner", "developing"):
        practice = []
    if a.stage == "school":  # school, the art form that starts now, then the degree
        steps += [*school_steps(a, rules), *practice, "get-a-degree"]
        practice = []
    elif a.lacks_degree and a.stage is None:
        steps.append("get-a-degree")
    elif a.lacks_degree and a.stage in ("graduate", "professional"):
        steps.append("check-non-degree-entry")
    steps += practice
    if not a.has_enough_experience:
        steps += ["gain-caring-experience", "take-introductory-course"]
    steps.append("research-courses")
    if a.nation in rules.no_course_nations:
        steps.append(train_outside(a.nation))
    elif a.nation == "outside_uk":
        steps.append("check-visa-and-fees")
    steps += _apprenticeship_steps(a, status)
    steps += [
        "plan-funding",
        rules.selection_step,
        "apply-postgraduate",
        "get-background-check",
        "complete-training",
        "register-hcpc",
        rules.body_step,
        "find-first-post",
    ]
    return _start_with_a_gap(steps, a)


def school_steps(a, rules=MUSIC_THERAPIST):
    """This school year and next, in order: subjects for the visitor's nation, the role's
    art form, volunteering from 16, open days, then the UCAS application for the degree."""
    nation = NATION_FACT_KEY.get(a.nation)
    subjects = f"choose-school-subjects-{nation}" if nation else "choose-school-subjects"
    return [subjects, rules.school_step, *SCHOOL_STEPS, UCAS_STEP]


def _apprenticeship_steps(a, status):
    if status == FUNDED:
        return ["talk-to-employer" if a.employed == "yes" else "find-apprenticeship"]
    if status == EMPLOYER_PAYS:
        return ["ask-employer-to-fund"]
    if status == UNCERTAIN:
        return ["check-apprenticeship-funding"]
    return []


def _notes(a, status, rules):
    notes = []
    if status in (FUNDED, UNCERTAIN):
        notes.append(NOTE_FUNDED_UNDER_22)
    if status in (UNCERTAIN, EMPLOYER_PAYS) and a.nation is None:
        notes.append(NOTE_ENGLAND_ONLY)
    if status == EMPLOYER_PAYS:
        notes += [NOTE_EMPLOYER_PAYS, NOTE_KEEP_BOTH_ROUTES]
    if a.nation in rules.no_course_nations:
        notes.append(no_course_in(a.nation))
        if a.nation == "northern_ireland":  # the nearest course may be in Ireland
            notes.append(NOTE_HCPC_INTERNATIONAL)
    if a.nation == "outside_uk":
        notes.append(NOTE_TRAINING_FROM_ABROAD)
    if a.stage in (None, "school") and a.practice is None:
        notes.append(NOTE_COMPARE)  # perhaps not sure yet which art form is theirs
    return notes


def _progression_steps(a, rules):
    body = rules.body_step
    if a.experience in ("none", "under_1"):  # newly qualified
        steps = ["find-first-post", body, "keep-registration", "choose-specialism"]
    elif a.experience is None:
        steps = ["keep-registration", "choose-specialism", body]
    else:
        steps = ["choose-specialism", "keep-registration", body]
    steps += ["supervise-and-teach", "take-lead-roles", "advanced-clinical-practice"]
    if a.employed == "no" or a.mode == "part_time":
        steps.insert(1, "private-practice")
    else:
        steps.append("private-practice")
    steps.append("research-and-phd")
    if a.nation == "outside_uk":
        # Qualified abroad: register through the HCPC's international route before anything.
        steps = [
            "apply-from-abroad",
            "find-first-post",
            *(s for s in steps if s != "find-first-post"),
        ]
    return steps


def _start_with_a_gap(steps, a):
    """Move any step the visitor already has off the front, so the plan opens on a real gap."""
    while ALREADY_HAS.get(steps[0], lambda _: False)(a):
        steps.append(steps.pop(0))
    return steps


def _sharpening(a):
    """The questions left unanswered that would change this plan."""
    relevant = list(QUESTIONS)
    if a.stage == "qualified":
        relevant = ["experience", "employed", "mode", "nation"]
    elif a.stage == "school":
        relevant.remove("age")
    unanswered = a.unanswered
    return [question for question in relevant if question in unanswered]


# Answers that cannot all be true: the plan still follows them, and asks gently beside them.
CHECK_SCHOOL_WITH_DEGREE = "check-school-with-degree"
CHECK_SCHOOL_AGED_25 = "check-school-aged-25"
CHECK_YOUNG_AND_LONG_QUALIFIED = "check-young-and-long-qualified"
NOTE_EMPLOYED = "what-being-employed-changes"


def questions_to_check(a):
    """The ``PlanNote`` slugs of the answers that contradict each other, in the form's order."""
    checks = []
    if a.stage == "school" and a.degree not in (None, "none"):
        checks.append(CHECK_SCHOOL_WITH_DEGREE)
    if a.stage == "school" and a.age == "25_or_over":
        checks.append(CHECK_SCHOOL_AGED_25)
    if a.stage == "qualified" and a.age == "under_22" and a.experience in ("1_to_2", "over_2"):
        checks.append(CHECK_YOUNG_AND_LONG_QUALIFIED)
    return checks


def answer_notes(a):
    """Notes that say what an answer changes where no step or route shows it: working in
    health, education or social care now (funding, time off, experience that counts)."""
    return [NOTE_EMPLOYED] if a.employed == "yes" and a.stage != "qualified" else []
