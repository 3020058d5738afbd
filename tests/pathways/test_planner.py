"""The planner's rules, tested directly: personas, and every combination of answers."""

import itertools
import time

import pytest
from django.http import QueryDict

from pathways.forms import PlannerForm
from pathways.planner import (
    ALREADY_HAS,
    APPRENTICESHIP,
    APPRENTICESHIP_STEPS,
    ART_THERAPIST,
    CONTRADICTIONS,
    DRAMATHERAPIST,
    EMPLOYER_PAYS,
    FUNDED,
    MUSIC_THERAPIST,
    NOTE_COMPARE,
    NOTE_EMPLOYER_PAYS,
    NOTE_ENGLAND_ONLY,
    NOTE_FUNDED_UNDER_22,
    NOTE_HCPC_INTERNATIONAL,
    NOTE_KEEP_BOTH_ROUTES,
    NOTE_NO_COURSE_IN_NI,
    NOTE_TRAINING_FROM_ABROAD,
    POSTGRADUATE,
    QUESTIONS,
    RULES,
    UK_NATIONS,
    Answers,
    no_course_in,
    plan_for,
    rules_for,
    train_outside,
)
from tests.personas import (
    ART_GRADUATE_IN_SCOTLAND,
    DRAMA_CAREER_CHANGER,
    ENGLISH_HCA,
    NHS_SUPPORT_WORKER,
    NI_UNDERGRADUATE,
    QUALIFIED_ABROAD,
    SCOTTISH_TA,
    UNSURE_IN_NORTHERN_IRELAND,
    WELSH_GUITARIST,
)


def every_answers(rules):
    """Every combination of a role's answers, each question answered or not."""
    questions = rules.questions
    return [
        Answers(**dict(zip(questions, combination, strict=True)))
        for combination in itertools.product(*([None, *values] for values in questions.values()))
    ]


EVERY_ANSWERS = every_answers(MUSIC_THERAPIST)
NEVER_FIRST = {"ask-employer-to-fund", "check-apprenticeship-funding"}
TRAIN_OUTSIDE = {train_outside(nation) for nation in UK_NATIONS}
NO_COURSE_IN = {no_course_in(nation) for nation in UK_NATIONS}


@pytest.mark.parametrize("rules", RULES.values(), ids=RULES)
def test_every_combination_of_answers_gives_a_sound_plan(rules):
    every = EVERY_ANSWERS if rules is MUSIC_THERAPIST else every_answers(rules)
    assert len(every) == 6 * 7 * 4 * 5 * 3 * 3 * 6 * 4
    step_keys, note_keys = set(rules.step_keys), set(rules.note_keys)
    postgraduate = rules.postgraduate
    started = time.process_time()  # this process's time: the rules' cost, not the machine's load
    for answers in every:
        plan = plan_for(answers, rules)
        steps = set(plan.steps)
        assert plan.steps, answers
        assert len(steps) == len(plan.steps), answers
        assert steps <= step_keys, answers
        for pair in CONTRADICTIONS:
            assert not pair <= steps, (answers, pair)
        first = plan.steps[0]
        assert not ALREADY_HAS.get(first, lambda _: False)(answers), (answers, first)
        assert first not in NEVER_FIRST, answers
        offers_apprenticeship = APPRENTICESHIP in plan.routes or steps & APPRENTICESHIP_STEPS
        if answers.nation not in (None, "england"):
            assert not offers_apprenticeship, answers
        if answers.is_22_or_over:
            assert plan.apprenticeship != FUNDED, answers
            assert plan.routes[:1] != [APPRENTICESHIP], answers
            assert first not in APPRENTICESHIP_STEPS, answers
            assert not {"talk-to-employer", "find-apprenticeship"} & steps, answers
        if plan.apprenticeship is None:
            assert not offers_apprenticeship, answers
        if not plan.is_qualified:
            assert postgraduate in plan.routes, answers
            assert set(plan.routes) <= {postgraduate, APPRENTICESHIP}, answers
            assert plan.steps.index("apply-postgraduate") < plan.steps.index("register-hcpc")
            assert plan.steps.index("apply-postgraduate") < plan.steps.index("complete-training")
            assert {rules.selection_step, rules.body_step} <= steps, answers
            if "choose-school-subjects" in steps and "get-a-degree" in steps:
                assert plan.steps.index("choose-school-subjects") < plan.steps.index("get-a-degree")
            # Where the role has no course in the visitor's nation, the plan says so.
            here = [answers.nation] if answers.nation in rules.no_course_nations else []
            assert steps & TRAIN_OUTSIDE == {train_outside(n) for n in here}, answers
            assert set(plan.notes) & NO_COURSE_IN == {no_course_in(n) for n in here}, answers
        assert plan.notes == list(dict.fromkeys(plan.notes)), answers
        assert set(plan.notes) <= note_keys, answers
    assert time.process_time() - started < 20


def test_the_rules_differ_by_role_only_in_the_art_form_its_route_and_its_courses():
    """Each role's plan is the music therapist's with the role's own steps, route and notes
    in place of the music therapist's, except where the nations with a course differ."""
    renamed = {
        role: dict(
            zip(
                (
                    MUSIC_THERAPIST.school_step,
                    MUSIC_THERAPIST.selection_step,
                    MUSIC_THERAPIST.body_step,
                    MUSIC_THERAPIST.postgraduate,
                    "music",
                ),
                (
                    rules.school_step,
                    rules.selection_step,
                    rules.body_step,
                    rules.postgraduate,
                    rules.subject,
                ),
                strict=True,
            )
        )
        for role, rules in RULES.items()
    }
    for answers in EVERY_ANSWERS[::41]:
        if answers.nation in ("wales", "northern_ireland"):
            continue  # the nations where the roles' courses differ (tested below)
        music = plan_for(answers)
        for role, rules in RULES.items():
            names = renamed[role]
            given = Answers(
                **{**answers.__dict__, "degree": names.get(answers.degree, answers.degree)}
            )
            plan = plan_for(given, rules)
            expected = []
            for step in music.steps:
                if step in MUSIC_THERAPIST.practice_steps:
                    if step == MUSIC_THERAPIST.practice_steps[0]:
                        expected += rules.practice_steps
                else:
                    expected.append(names.get(step, step))
            assert plan.steps == expected, (role, answers)
            assert plan.routes == [names.get(route, route) for route in music.routes]
            assert plan.notes == music.notes and plan.unanswered == music.unanswered


def test_the_plan_is_the_same_for_the_same_answers():
    for answers in EVERY_ANSWERS[::97]:
        assert plan_for(answers) == plan_for(Answers(**answers.__dict__))


def test_the_form_asks_exactly_the_planner_contracts_questions_and_answers():
    assert list(PlannerForm.base_fields) == list(QUESTIONS)
    for name, values in QUESTIONS.items():
        assert [value for value, _ in PlannerForm.base_fields[name].choices] == values


def test_unknown_answers_are_refused_by_the_rules_too():
    with pytest.raises(ValueError):
        Answers(stage="astronaut")
    with pytest.raises(ValueError):
        Answers(nation="northern-ireland")


# The apprenticeship since January 2026.


@pytest.mark.parametrize("nation", ["scotland", "wales", "northern_ireland", "outside_uk"])
def test_the_apprenticeship_is_never_offered_outside_england(nation):
    plan = plan_for(
        Answers(stage="graduate", degree="music", employed="yes", nation=nation, age="under_22")
    )
    assert plan.routes == [POSTGRADUATE]
    assert plan.apprenticeship is None


def test_under_22_in_england_and_employed_in_care_gets_the_funded_apprenticeship_first():
    plan = plan_for(
        Answers(stage="graduate", degree="music", employed="yes", nation="england", age="under_22")
    )
    assert plan.routes == [APPRENTICESHIP, POSTGRADUATE]
    assert plan.apprenticeship == FUNDED
    assert "talk-to-employer" in plan.steps
    assert NOTE_FUNDED_UNDER_22 in plan.notes


@pytest.mark.parametrize("age", ["22_to_24", "25_or_over"])
def test_22_or_over_in_england_hears_an_employer_must_pay_the_whole_cost(age):
    plan = plan_for(
        Answers(stage="professional", degree="music", employed="yes", nation="england", age=age)
    )
    assert plan.routes == [POSTGRADUATE, APPRENTICESHIP]
    assert plan.apprenticeship == EMPLOYER_PAYS
    assert "ask-employer-to-fund" in plan.steps and "talk-to-employer" not in plan.steps
    assert {NOTE_EMPLOYER_PAYS, NOTE_KEEP_BOTH_ROUTES} <= set(plan.notes)


def test_22_or_over_in_england_not_in_a_care_job_is_not_offered_the_apprenticeship():
    plan = plan_for(Answers(stage="graduate", employed="no", nation="england", age="25_or_over"))
    assert plan.routes == [POSTGRADUATE]


def test_22_or_over_in_care_who_did_not_say_where_they_live_hears_england_only():
    plan = plan_for(Answers(stage="graduate", employed="yes", age="22_to_24"))
    assert plan.routes == [POSTGRADUATE, APPRENTICESHIP]
    assert plan.apprenticeship == EMPLOYER_PAYS
    assert {NOTE_EMPLOYER_PAYS, NOTE_ENGLAND_ONLY} <= set(plan.notes)


def test_an_old_link_without_nation_or_age_says_the_apprenticeship_is_england_only_and_by_age():
    plan = plan_for(Answers(stage="professional", degree="education", employed="yes"))
    assert plan.routes == [POSTGRADUATE, APPRENTICESHIP]
    assert "check-apprenticeship-funding" in plan.steps
    assert {NOTE_FUNDED_UNDER_22, NOTE_ENGLAND_ONLY} <= set(plan.notes)
    assert plan.unanswered[-2:] == ["nation", "age"]


# Personas: real people the plan must be right for (tests/personas.py).


def test_34_year_old_music_graduate_teaching_assistant_in_scotland():
    plan = plan_for(Answers(**SCOTTISH_TA))
    assert plan.steps[0] == "research-courses"
    assert plan.routes == [POSTGRADUATE]
    assert not set(plan.steps) & APPRENTICESHIP_STEPS
    assert "get-background-check" in plan.steps


def test_21_year_old_music_graduate_healthcare_assistant_in_england():
    plan = plan_for(Answers(**ENGLISH_HCA))
    assert plan.steps[0] == "gain-caring-experience"
    assert plan.routes == [APPRENTICESHIP, POSTGRADUATE]
    assert plan.apprenticeship == FUNDED
    assert "talk-to-employer" in plan.steps


def test_40_year_old_psychology_graduate_guitarist_in_wales_who_keeps_working():
    plan = plan_for(Answers(**WELSH_GUITARIST))
    assert plan.steps[0] == "research-courses"
    assert plan.routes == [POSTGRADUATE]
    assert "check-non-degree-entry" not in plan.steps


def test_19_year_old_music_undergraduate_in_northern_ireland():
    plan = plan_for(Answers(**NI_UNDERGRADUATE))
    assert plan.steps[0] == "build-musicianship"
    assert plan.routes == [POSTGRADUATE]
    assert "train-outside-northern-ireland" in plan.steps
    assert plan.steps.index("research-courses") < plan.steps.index("train-outside-northern-ireland")
    assert {NOTE_NO_COURSE_IN_NI, NOTE_HCPC_INTERNATIONAL} <= set(plan.notes)


def test_qualified_music_therapist_from_abroad_registers_through_the_international_route():
    plan = plan_for(Answers(**QUALIFIED_ABROAD))
    assert plan.is_qualified
    assert plan.steps[:2] == ["apply-from-abroad", "find-first-post"]
    assert NOTE_HCPC_INTERNATIONAL in plan.notes


def test_28_year_old_nhs_support_worker_in_england_hoping_for_an_apprenticeship():
    plan = plan_for(Answers(**NHS_SUPPORT_WORKER))
    assert plan.steps[0] == "build-musicianship"
    assert plan.routes == [POSTGRADUATE, APPRENTICESHIP]
    assert plan.apprenticeship == EMPLOYER_PAYS
    assert plan.steps.index("research-courses") < plan.steps.index("ask-employer-to-fund")


def test_graduate_living_abroad_checks_visa_and_international_fees():
    plan = plan_for(Answers(stage="graduate", degree="music", nation="outside_uk"))
    assert "check-visa-and-fees" in plan.steps
    assert plan.routes == [POSTGRADUATE]
    assert NOTE_TRAINING_FROM_ABROAD in plan.notes


def test_school_student_who_plays_an_instrument_starts_with_school_subjects():
    plan = plan_for(Answers(stage="school", practice="developing", nation="wales"))
    assert plan.steps[0] == "choose-school-subjects-wales"
    assert plan.steps.index("get-a-degree") < plan.steps.index("apply-postgraduate")
    assert "build-musicianship" in plan.steps
    assert not set(plan.steps) & APPRENTICESHIP_STEPS
    assert plan.routes == [POSTGRADUATE]
    assert "age" not in plan.unanswered


def test_music_graduate_with_two_years_in_a_special_school_is_ready_to_apply():
    plan = plan_for(
        Answers(
            stage="graduate",
            degree="music",
            practice="advanced",
            experience="1_to_2",
            employed="yes",
            mode="full_time",
        )
    )
    assert plan.steps[0] == "research-courses"
    for gap in ["get-a-degree", "build-musicianship", "gain-caring-experience"]:
        assert gap not in plan.steps
    assert {"prepare-audition", "apply-postgraduate", "register-hcpc"} <= set(plan.steps)


def test_psychology_graduate_who_is_a_beginner_musician_starts_on_musicianship():
    plan = plan_for(Answers(stage="graduate", degree="psychology", practice="beginner"))
    assert plan.steps[:2] == ["build-musicianship", "practise-improvisation"]
    assert "check-non-degree-entry" not in plan.steps


def test_career_changer_with_no_degree_first_checks_non_degree_entry():
    plan = plan_for(Answers(stage="professional", degree="none"))
    assert plan.steps[0] == "check-non-degree-entry"
    assert "get-a-degree" not in plan.steps


def test_qualified_music_therapist_gets_a_progression_plan():
    plan = plan_for(Answers(stage="qualified", experience="over_2", employed="yes"))
    assert plan.is_qualified
    assert plan.steps[0] == "choose-specialism"
    assert {
        "keep-registration",
        "supervise-and-teach",
        "take-lead-roles",
        "research-and-phd",
    } <= set(plan.steps)
    assert "apply-postgraduate" not in plan.steps


def test_newly_qualified_therapist_starts_by_finding_a_first_post():
    plan = plan_for(Answers(stage="qualified", experience="none", nation="scotland"))
    assert plan.steps[0] == "find-first-post"


def test_undergraduate_music_student_builds_experience_alongside_the_degree():
    plan = plan_for(
        Answers(stage="undergraduate", degree="music", practice="advanced", experience="none")
    )
    assert plan.steps[0] == "gain-caring-experience"
    assert "get-a-degree" not in plan.steps


def test_nothing_answered_starts_by_exploring_the_role_and_asks_for_more():
    plan = plan_for(Answers())
    assert plan.steps[0] == "explore-the-role"
    assert plan.unanswered == list(QUESTIONS)


def test_partial_answers_say_what_would_sharpen_the_plan():
    plan = plan_for(Answers(stage="graduate", degree="music"))
    assert plan.unanswered == ["practice", "experience", "employed", "mode", "nation", "age"]


# Every role (issue 21): the arts therapies' own rules.


def test_art_graduate_in_scotland_builds_experience_then_prepares_a_portfolio():
    plan = plan_for(Answers(**ART_GRADUATE_IN_SCOTLAND), ART_THERAPIST)
    assert plan.steps[0] == "gain-caring-experience"
    assert plan.routes == ["art-therapist-postgraduate"]
    assert plan.apprenticeship is None
    assert {"prepare-portfolio", "join-baat"} <= set(plan.steps)
    assert not {"build-art-practice", "prepare-audition", "join-bamt"} & set(plan.steps)
    assert not set(plan.steps) & TRAIN_OUTSIDE


def test_30_year_old_drama_graduate_changing_career_in_england_starts_on_drama():
    plan = plan_for(Answers(**DRAMA_CAREER_CHANGER), DRAMATHERAPIST)
    assert plan.steps[0] == "build-drama-practice"
    assert plan.routes == ["dramatherapist-postgraduate"]
    assert plan.apprenticeship is None  # 22 or over and not in a health or care job
    assert not set(plan.steps) & APPRENTICESHIP_STEPS
    assert plan.steps.index("gain-caring-experience") < plan.steps.index("research-courses")
    assert plan.steps.index("prepare-drama-interview") < plan.steps.index("apply-postgraduate")
    assert "join-badth" in plan.steps and "check-non-degree-entry" not in plan.steps


@pytest.mark.parametrize(
    ("rules", "trains_outside"),
    [(MUSIC_THERAPIST, True), (ART_THERAPIST, False), (DRAMATHERAPIST, True)],
    ids=["music-therapist", "art-therapist", "dramatherapist"],
)
def test_17_year_old_in_northern_ireland_unsure_which_arts_therapy(rules, trains_outside):
    plan = plan_for(Answers(**UNSURE_IN_NORTHERN_IRELAND), rules)
    assert plan.steps[:2] == ["choose-school-subjects-northern-ireland", rules.school_step]
    assert NOTE_COMPARE in plan.notes  # the arts therapies side by side
    assert not set(plan.steps) & set(rules.practice_steps)  # no art form chosen yet
    # Ulster runs an art psychotherapy course in Belfast; music and drama have none there.
    assert ("train-outside-northern-ireland" in plan.steps) is trains_outside
    assert (NOTE_NO_COURSE_IN_NI in plan.notes) is trains_outside
    assert "practice" in plan.unanswered


def test_someone_who_answered_the_art_form_question_is_not_sent_to_compare():
    plan = plan_for(Answers(stage="school", practice="beginner"), ART_THERAPIST)
    assert NOTE_COMPARE not in plan.notes
    assert plan.steps[plan.steps.index("get-a-degree") - 1] == "build-art-practice"


@pytest.mark.parametrize("nation", ["wales", "northern_ireland"])
def test_no_dramatherapy_course_in_wales_or_northern_ireland(nation):
    plan = plan_for(Answers(stage="graduate", degree="drama", nation=nation), DRAMATHERAPIST)
    key = nation.replace("_", "-")
    assert f"train-outside-{key}" in plan.steps
    assert f"no-course-in-{key}" in plan.notes
    assert (NOTE_HCPC_INTERNATIONAL in plan.notes) is (nation == "northern_ireland")


def test_the_nations_with_a_course_come_from_the_courses_given():
    """The view passes the nations of the role's published courses: a nation that loses
    its last course gets the 'train outside' step, one that gains a course loses it."""
    answers = Answers(stage="graduate", nation="northern_ireland")
    without_ulster = ART_THERAPIST.with_courses_in({"england", "scotland", "wales"})
    assert "train-outside-northern-ireland" in plan_for(answers, without_ulster).steps
    in_belfast = MUSIC_THERAPIST.with_courses_in({"england", "northern-ireland"})
    assert "train-outside-northern-ireland" not in plan_for(answers, in_belfast).steps
    assert "train-outside-wales" in plan_for(Answers(nation="wales"), in_belfast).steps
    assert MUSIC_THERAPIST.with_courses_in({"england", "scotland", "wales"}) is MUSIC_THERAPIST


def test_a_role_the_registry_does_not_know_plans_as_the_music_therapist_without_the_alias():
    rules = rules_for("a-new-role")
    assert rules.practice_alias is None
    assert plan_for(Answers(**SCOTTISH_TA), rules).steps == plan_for(Answers(**SCOTTISH_TA)).steps


@pytest.mark.parametrize("rules", RULES.values(), ids=RULES)
def test_each_roles_form_asks_its_own_questions_and_answers(rules):
    form = PlannerForm(QueryDict(), rules=rules)
    assert list(form.fields) == list(rules.questions)
    for name, values in rules.questions.items():
        assert [value for value, _ in form.fields[name].choices] == values


def test_the_form_asks_about_each_roles_own_art_form():
    music, art, drama = (
        PlannerForm(QueryDict("stage=school"), rules=rules)
        for rules in (MUSIC_THERAPIST, ART_THERAPIST, DRAMATHERAPIST)
    )
    assert music["practice"].label == (
        "How would you describe your musical ability, including improvising?"
    )
    assert art["practice"].label == "How would you describe your own art practice?"
    assert "portfolio" in art["practice"].help_text
    assert drama["practice"].label == "How much drama or theatre experience do you have?"
    assert dict(art.fields["degree"].choices)["art"].startswith("Art")
    assert dict(drama.fields["degree"].choices)["drama"].startswith("Drama")
    assert "with or without drama" in drama.fields["experience"].help_text
    drama.name_the_role("Dramatherapist")
    art.name_the_role("Art therapist or art psychotherapist")
    assert dict(drama.fields["stage"].choices)["qualified"] == "I am a qualified dramatherapist"
    assert dict(art.fields["stage"].choices)["qualified"] == (
        "I am a qualified art therapist or art psychotherapist"
    )


def test_one_roles_wording_never_reaches_another_roles_form():
    """Forms share their questions' choices (``Question``): what one form words for its
    role stays on that form."""
    art = PlannerForm(QueryDict("stage=school&practice=bogus"), rules=ART_THERAPIST)
    art.name_the_role("Art therapist or art psychotherapist")
    assert not art.is_valid()
    music = PlannerForm(QueryDict("stage=graduate&practice=bogus"), rules=MUSIC_THERAPIST)
    assert not music.is_valid()
    assert "musical ability" in music.errors["practice"][0]
    assert dict(music.fields["degree"].choices)["music"].startswith("Music")
    assert music.fields["degree"].label == PlannerForm.base_fields["degree"].label
    assert dict(music.fields["stage"].choices) == dict(PlannerForm.base_fields["stage"].choices)
    assert music.fields["stage"].widget.choices == PlannerForm.base_fields["stage"].choices
    assert "art" not in {value for value, _ in music.fields["degree"].widget.choices}


def test_a_music_degree_is_not_an_answer_on_the_art_therapists_form():
    form = PlannerForm(QueryDict("stage=graduate&degree=music"), rules=ART_THERAPIST)
    assert not form.is_valid()
    assert "degree" in form.errors
