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
# 17, at school in Wales, planning a music degree.
WELSH_17_YEAR_OLD = {
    "stage": "school",
    "degree": "music",
    "practice": "developing",
    "experience": "none",
    "employed": "no",
    "mode": "full_time",
    "nation": "wales",
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

# Issue 21: the arts therapies beside the music therapist.
# An art graduate in Scotland (the art therapist's planner).
ART_GRADUATE_IN_SCOTLAND = {
    "stage": "graduate",
    "degree": "art",
    "practice": "advanced",
    "experience": "under_1",
    "employed": "no",
    "mode": "full_time",
    "nation": "scotland",
    "age": "22_to_24",
}
# 30, a drama graduate changing career in England, not working in health or care (the
# dramatherapist's planner).
DRAMA_CAREER_CHANGER = {
    "stage": "professional",
    "degree": "drama",
    "practice": "developing",
    "experience": "none",
    "employed": "no",
    "mode": "full_time",
    "nation": "england",
    "age": "25_or_over",
}
# 17, at school in Northern Ireland, not sure which arts therapy: leaves the art-form
# question blank (on any arts therapy's planner).
UNSURE_IN_NORTHERN_IRELAND = {"stage": "school", "nation": "northern_ireland", "age": "under_22"}
