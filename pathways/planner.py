"""The planner's rules: from where a visitor stands to an ordered list of plan steps.

Plain Python with no database or HTTP: the words of each step live in ``PlanStep`` records,
keyed by the slugs below. The contract's parameter names and values (DESIGN.md) are the
``QUESTIONS`` here; an adviser's link must give the same plan later, so change rules with
care and pin every persona in the tests.
"""

from dataclasses import dataclass, field, fields

QUESTIONS = {
    "stage": ["school", "undergraduate", "graduate", "professional", "qualified"],
    "degree": ["none", "music", "education", "psychology", "related", "other"],
    "music": ["beginner", "developing", "advanced"],
    "experience": ["none", "under_1", "1_to_2", "over_2"],
    "employed": ["yes", "no"],
    "mode": ["full_time", "part_time"],
}

# Phases run one after another on the timeline; the steps within a phase run side by side.
PREPARE, APPLY, TRAIN, QUALIFY, CAREER = "prepare", "apply", "train", "qualify", "career"

PHASE_OF_STEP = {
    "explore-the-role": PREPARE,
    "choose-school-subjects": PREPARE,
    "get-a-degree": PREPARE,
    "check-non-degree-entry": PREPARE,
    "build-musicianship": PREPARE,
    "practise-improvisation": PREPARE,
    "gain-caring-experience": PREPARE,
    "take-introductory-course": PREPARE,
    "research-courses": APPLY,
    "talk-to-employer": APPLY,
    "find-apprenticeship": APPLY,
    "plan-funding": APPLY,
    "prepare-audition": APPLY,
    "apply-postgraduate": APPLY,
    "complete-training": TRAIN,
    "register-hcpc": QUALIFY,
    "join-bamt": QUALIFY,
    "find-first-post": CAREER,
    "keep-registration": CAREER,
    "choose-specialism": CAREER,
    "supervise-and-teach": CAREER,
    "take-lead-roles": CAREER,
    "private-practice": CAREER,
    "research-and-phd": CAREER,
    "advanced-clinical-practice": CAREER,
}
STEP_KEYS = list(PHASE_OF_STEP)

# Steps that must never appear together in one plan.
CONTRADICTIONS = [
    {"get-a-degree", "check-non-degree-entry"},
    {"talk-to-employer", "find-apprenticeship"},
    {"complete-training", "keep-registration"},
    {"apply-postgraduate", "supervise-and-teach"},
]

# What each step assumes the visitor lacks: a plan never starts with a step whose
# answer shows the visitor already has it.
ALREADY_HAS = {
    "get-a-degree": lambda a: a.has_degree,
    "check-non-degree-entry": lambda a: a.has_degree,
    "build-musicianship": lambda a: a.music == "advanced",
    "practise-improvisation": lambda a: a.music == "advanced",
    "gain-caring-experience": lambda a: a.has_enough_experience,
    "choose-school-subjects": lambda a: a.stage not in (None, "school"),
    "complete-training": lambda a: a.stage == "qualified",
    "register-hcpc": lambda a: a.stage == "qualified",
}

POSTGRADUATE, APPRENTICESHIP = "postgraduate", "apprenticeship"


@dataclass(frozen=True)
class Answers:
    """Validated answers; ``None`` means not answered."""

    stage: str | None = None
    degree: str | None = None
    music: str | None = None
    experience: str | None = None
    employed: str | None = None
    mode: str | None = None

    def __post_init__(self):
        for question in fields(self):
            value = getattr(self, question.name)
            if value is not None and value not in QUESTIONS[question.name]:
                raise ValueError(f"{question.name}={value!r} is not one of the planner's answers")

    @property
    def has_degree(self):
        if self.degree is not None:
            return self.degree != "none"
        return self.stage in ("graduate", "professional", "qualified")

    @property
    def lacks_degree(self):
        """Known to have no degree (a school student is assumed to have none yet)."""
        return self.degree == "none" or (self.degree is None and self.stage == "school")

    @property
    def has_enough_experience(self):
        return self.experience in ("1_to_2", "over_2")

    @property
    def unanswered(self):
        return [q.name for q in fields(self) if getattr(self, q.name) is None]


@dataclass(frozen=True)
class Plan:
    steps: list
    routes: list = field(default_factory=list)
    unanswered: list = field(default_factory=list)
    is_qualified: bool = False


def plan_for(answers):
    """The ordered plan for these answers: its first step is the very next thing to do."""
    if answers.stage == "qualified":
        return Plan(
            steps=_progression_steps(answers), is_qualified=True, unanswered=_sharpening(answers)
        )
    return Plan(
        steps=_steps_to_qualify(answers),
        routes=fitting_routes(answers),
        unanswered=_sharpening(answers),
    )


def fitting_routes(answers):
    """The entry routes that fit, best first."""
    routes = []
    if answers.employed == "yes" and answers.stage != "school":
        routes.append(APPRENTICESHIP)
    routes.append(POSTGRADUATE)
    if (
        APPRENTICESHIP not in routes
        and answers.stage in ("graduate", "professional")
        and (answers.mode != "part_time")
    ):
        routes.append(APPRENTICESHIP)
    return routes


def _steps_to_qualify(a):
    steps = []
    if a.stage is None:
        steps.append("explore-the-role")
    if a.stage == "school":
        steps.append("choose-school-subjects")
    if a.lacks_degree and a.stage in (None, "school"):
        steps.append("get-a-degree")
    elif a.lacks_degree and a.stage in ("graduate", "professional"):
        steps.append("check-non-degree-entry")
    if a.music in ("beginner", "developing"):
        steps += ["build-musicianship", "practise-improvisation"]
    if not a.has_enough_experience:
        steps += ["gain-caring-experience", "take-introductory-course"]
    steps.append("research-courses")
    if a.employed == "yes" and a.stage != "school":
        steps.append("talk-to-employer")
    elif APPRENTICESHIP in fitting_routes(a):
        steps.append("find-apprenticeship")
    steps += [
        "plan-funding",
        "prepare-audition",
        "apply-postgraduate",
        "complete-training",
        "register-hcpc",
        "join-bamt",
        "find-first-post",
    ]
    return _start_with_a_gap(steps, a)


def _progression_steps(a):
    if a.experience in ("none", "under_1"):  # newly qualified
        steps = ["find-first-post", "join-bamt", "keep-registration", "choose-specialism"]
    elif a.experience is None:
        steps = ["keep-registration", "choose-specialism", "join-bamt"]
    else:
        steps = ["choose-specialism", "keep-registration", "join-bamt"]
    steps += ["supervise-and-teach", "take-lead-roles", "advanced-clinical-practice"]
    if a.employed == "no" or a.mode == "part_time":
        steps.insert(1, "private-practice")
    else:
        steps.append("private-practice")
    steps.append("research-and-phd")
    return steps


def _start_with_a_gap(steps, a):
    """Move any step the visitor already has off the front, so the plan opens on a real gap."""
    while ALREADY_HAS.get(steps[0], lambda _: False)(a):
        steps.append(steps.pop(0))
    return steps


def _sharpening(a):
    """The questions left unanswered that would change this plan."""
    relevant = ["stage", "degree", "music", "experience", "employed", "mode"]
    if a.stage == "qualified":
        relevant = ["experience", "employed", "mode"]
    return [question for question in relevant if question in a.unanswered]
