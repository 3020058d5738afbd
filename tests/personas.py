"""Real people the plan must be right for (issue 10), as their answers to the planner: the
query string of their plan. tests/pathways/test_planner.py checks the rules give each the
right steps and routes, tests/pathways/test_plan_page.py what each reads on the page."""

# 34, a music graduate working as a teaching assistant in Scotland.
SCOTTISH_TA = {
    "stage": "professional",
    "degree": "music",
    "practice": "advanced",
    "experience": "over_2",
    "employed": "yes",
    "mode": "full_time",
    "nation": "scotland",
    "age": "25_or_over",
}
# 21, a music graduate working as a healthcare assistant in England.
ENGLISH_HCA = {
    "stage": "graduate",
    "degree": "music",
    "practice": "advanced",
    "experience": "under_1",
    "employed": "yes",
    "mode": "full_time",
    "nation": "england",
    "age": "under_22",
}
# 40, a psychology graduate and guitarist in Wales who keeps working.
WELSH_GUITARIST = {
    "stage": "professional",
    "degree": "psychology",
    "practice": "advanced",
    "experience": "1_to_2",
    "employed": "yes",
    "mode": "part_time",
    "nation": "wales",
    "age": "25_or_over",
}
# 19, a music undergraduate in Northern Ireland.
NI_UNDERGRADUATE = {
    "stage": "undergraduate",
    "degree": "music",
    "practice": "developing",
    "experience": "none",
    "employed": "no",
    "mode": "full_time",
    "nation": "northern_ireland",
    "age": "under_22",
}
# A music therapist who qualified abroad.
QUALIFIED_ABROAD = {"stage": "qualified", "experience": "over_2", "nation": "outside_uk"}
# 28, an NHS support worker in England hoping for an apprenticeship.
NHS_SUPPORT_WORKER = {
    "stage": "professional",
    "degree": "music",
    "practice": "developing",
    "experience": "over_2",
    "employed": "yes",
    "mode": "part_time",
    "nation": "england",
    "age": "25_or_over",
}
