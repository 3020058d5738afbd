"""Facts that differ by nation, laid out as a comparison: one row per topic, one column per
nation, in the order the UK's nations are usually listed."""

from dataclasses import dataclass

from core.content import Nation


@dataclass(frozen=True)
class TopicRow:
    topic: str
    label: str
    cells: list  # (nation name, [facts]) for each nation, in Nation order


def nation_table(facts, topics):
    """``topics``: (topic, label) pairs in the order the rows appear. Facts of other topics
    are left out; a nation with no fact for a topic gets an empty cell."""
    rows = []
    for topic, label in topics:
        cells = [
            (name, [fact for fact in facts if fact.topic == topic and fact.nation == nation])
            for nation, name in Nation.choices
        ]
        if any(found for _, found in cells):
            rows.append(TopicRow(topic, label, cells))
    return rows


NATIONS = Nation.choices  # (code, name) pairs, for table headings
