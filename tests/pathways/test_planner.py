"""The planner's rules, tested directly: personas, and every combination of answers."""

import itertools

import pytest

from pathways.forms import PlannerForm
from pathways.planner import (
    ALREADY_HAS,
    APPRENTICESHIP,
    CONTRADICTIONS,
    POSTGRADUATE,
    QUESTIONS,
    STEP_KEYS,
    Answers,
    plan_for,
)

EVERY_ANSWERS = [
    Answers(**dict(zip(QUESTIONS, combination, strict=True)))
    for combination in itertools.product(*([None, *values] for values in QUESTIONS.values()))
]


def test_every_combination_of_answers_gives_a_sound_plan():
    assert len(EVERY_ANSWERS) == 6 * 7 * 4 * 5 * 3 * 3
    for answers in EVERY_ANSWERS:
        plan = plan_for(answers)
        assert plan.steps, answers
        assert len(set(plan.steps)) == len(plan.steps), answers
        assert set(plan.steps) <= set(STEP_KEYS), answers
        for pair in CONTRADICTIONS:
            assert not pair <= set(plan.steps), (answers, pair)
        first = plan.steps[0]
        assert not ALREADY_HAS.get(first, lambda _: False)(answers), (answers, first)
        if not plan.is_qualified:
            assert plan.routes, answers
            assert plan.steps.index("apply-postgraduate") < plan.steps.index("register-hcpc")


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


# Personas: real people the plan must be right for.


def test_school_student_who_plays_an_instrument_starts_with_school_subjects():
    plan = plan_for(Answers(stage="school", music="developing"))
    assert plan.steps[0] == "choose-school-subjects"
    assert plan.steps.index("get-a-degree") < plan.steps.index("apply-postgraduate")
    assert "build-musicianship" in plan.steps
    assert "talk-to-employer" not in plan.steps
    assert plan.routes == [POSTGRADUATE]


def test_music_graduate_with_two_years_in_a_special_school_is_ready_to_apply():
    plan = plan_for(
        Answers(
            stage="graduate",
            degree="music",
            music="advanced",
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
    plan = plan_for(Answers(stage="graduate", degree="psychology", music="beginner"))
    assert plan.steps[:2] == ["build-musicianship", "practise-improvisation"]
    assert "check-non-degree-entry" not in plan.steps


def test_teacher_in_a_special_school_who_keeps_working_can_train_on_the_job_or_part_time():
    plan = plan_for(
        Answers(
            stage="professional",
            degree="education",
            music="developing",
            experience="over_2",
            employed="yes",
            mode="part_time",
        )
    )
    assert plan.routes == [APPRENTICESHIP, POSTGRADUATE]
    assert "talk-to-employer" in plan.steps
    assert "gain-caring-experience" not in plan.steps
    assert plan.steps[0] == "build-musicianship"


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
    plan = plan_for(Answers(stage="qualified", experience="none"))
    assert plan.steps[0] == "find-first-post"


def test_undergraduate_music_student_builds_experience_alongside_the_degree():
    plan = plan_for(
        Answers(stage="undergraduate", degree="music", music="advanced", experience="none")
    )
    assert plan.steps[0] == "gain-caring-experience"
    assert "get-a-degree" not in plan.steps


def test_nothing_answered_starts_by_exploring_the_role_and_asks_for_more():
    plan = plan_for(Answers())
    assert plan.steps[0] == "explore-the-role"
    assert plan.unanswered == list(QUESTIONS)


def test_partial_answers_say_what_would_sharpen_the_plan():
    plan = plan_for(Answers(stage="graduate", degree="music"))
    assert plan.unanswered == ["music", "experience", "employed", "mode"]
