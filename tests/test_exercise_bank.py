"""The exercise bank tests understanding (issue 12): levels, coverage, fair options, feedback that says why,
Leathard's table as printed with its uncertain rows flagged, and reflections tutors can mark."""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from statistics import mean

import pytest
from conftest import EXERCISES, ROOT

from coursewidgets.core.bank import check_bank
from coursewidgets.core.models import LEVELS, Classification, Matching, MultipleSelect, Ordering, Reflection, SingleChoice
from coursewidgets.site.quizzes import QUIZ_CALL
from coursewidgets.tutor.assign import answer_key
from sphinx.application import Sphinx

BANK, PROBLEMS = check_bank(EXERCISES)
AUTO = [ex for ex in BANK.values() if not isinstance(ex, Reflection)]
HIGHER = {"apply", "analyse"}
CHOICE = [ex for ex in AUTO if isinstance(ex, (SingleChoice, MultipleSelect))]
SINGLES = [ex for ex in AUTO if isinstance(ex, SingleChoice)]
# Words that let a test-wise learner reject (or pick) an option without knowing the content.
ABSOLUTE = re.compile(r"\b(always|never|all|none|only|proven|proves?|guarantee[sd]?|every\w*|entirely|completely)\b", re.I)
# The sources' own worked examples: an apply or analyse item must use a fresh situation instead.
SOURCE_EXAMPLES = ("Tower Hamlets", "Pathways to Access", "computer skills", "equal opportunit", "core curriculum")
CASE_NAMES = ("Eastbrook", "Northfield", "Docks", "Riverside")
BARE_OPENINGS = re.compile(r"^(yes|no|true|false|correct|right|wrong|not quite)\b", re.I)
# Lower rows of the concept column in our copy, with no neighbours in the other columns (review F3).
LAYOUT_DEPENDENT = {
    "Collaborative care planning",
    "Collaborative working",
    "Coordination",
    "Involvement",
    "Joint budgets",
    "Joint learning",
    "Joint management",
    "Joint project",
    "Joint working",
    "Jointness",
    "Locality planning",
    "Multilateral",
    "Participation",
    "Unification",
    "Working interface",
}
TOOLS = ("UK type", "coordinating", "cooperative", "currency", "warning sign")


def feedback_entries(ex) -> list[tuple[str, str, str]]:
    """(what is answered, its answer's label or "", feedback) for every option, item, pair and step."""
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return [(o.text, "", o.feedback) for o in ex.options]
    if isinstance(ex, (Classification, Matching)):
        labels = {c.id: c.label for c in (ex.categories if isinstance(ex, Classification) else ex.targets)}
        entries = ex.items if isinstance(ex, Classification) else ex.pairs
        return [(e.text, labels[e.answer], e.feedback) for e in entries]
    if isinstance(ex, Ordering):
        return [(s.text, "", s.feedback) for s in ex.steps]
    return []


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def even_allocation(sizes: list[int], k: int) -> list[int]:
    """Places per category for a sample of k, allocated evenly (exercises/README.md, "sample")."""
    quota = [0] * len(sizes)
    while sum(quota) < k:
        for n, size in enumerate(sizes):
            if quota[n] < size and sum(quota) < k:
                quota[n] += 1
    return quota


def test_bank_is_valid():
    assert PROBLEMS == []


def test_every_auto_marked_exercise_declares_a_level():
    assert all(ex.level in LEVELS for ex in AUTO)
    assert set(LEVELS) == {"remember", "understand", "apply", "analyse"}


def test_at_least_half_of_auto_marked_exercises_are_apply_or_analyse():
    higher = [ex.id for ex in AUTO if ex.level in HIGHER]
    assert len(higher) * 2 >= len(AUTO), (len(higher), len(AUTO))


def test_apply_and_analyse_items_use_new_scenarios():
    for ex in AUTO:
        if ex.level not in HIGHER:
            continue
        text = " ".join([ex.prompt, *(t for t, _, _ in feedback_entries(ex))])
        assert any(name in text for name in CASE_NAMES), f"{ex.id}: not set in the Eastbrook case"
        assert not [s for s in SOURCE_EXAMPLES if s.lower() in text.lower()], f"{ex.id}: reuses a source example"


def test_every_outcome_has_an_apply_or_analyse_item_and_two_exercises():
    per_outcome = Counter(ex.outcome for ex in BANK.values())
    higher = Counter(ex.outcome for ex in AUTO if ex.level in HIGHER)
    for outcome in range(1, 8):
        assert per_outcome[outcome] >= 2, outcome
        assert higher[outcome] >= 1, outcome


def test_outcome_4_has_cases_where_coordinating_is_the_right_call_and_hybrids():
    o4 = [ex for ex in AUTO if ex.outcome == 4]
    keyed_coordinating = [
        ex.id for ex in o4
        if (isinstance(ex, SingleChoice) and next(o for o in ex.options if o.correct).id == "coordinating")
        or (isinstance(ex, Classification) and any(i.answer == "coordinating" for i in ex.items))
    ]
    assert len(keyed_coordinating) >= 2, keyed_coordinating
    situations = BANK["coord-or-coop"]
    assert {"coordinating", "cooperative", "cooperate-first"} == {c.id for c in situations.categories}
    texts = " ".join(i.text for i in situations.items if i.answer == "coordinating").lower()
    assert "safety" in texts and "measles" in texts  # a safeguarding pathway and an outbreak


def test_no_absolute_words_in_options_keys_or_distractors():
    found = {(ex.id, o.id): ABSOLUTE.findall(o.text) for ex in CHOICE for o in ex.options if ABSOLUTE.search(o.text)}
    assert found == {}


def key_and_distractor_lengths(ex: SingleChoice) -> tuple[int, list[int]]:
    """The key's length in characters, and each distractor's."""
    return (len(next(o for o in ex.options if o.correct).text), [len(o.text) for o in ex.options if not o.correct])


def test_key_is_the_longest_option_in_at_most_a_quarter_of_single_choice():
    lengths = {ex.id: key_and_distractor_lengths(ex) for ex in SINGLES}
    longest = [ident for ident, (key, others) in lengths.items() if key >= max(others)]
    assert len(longest) * 4 <= len(SINGLES), longest


def test_key_is_the_shortest_option_in_at_most_a_quarter_of_single_choice_and_never_tied():
    """Rebalancing against "pick the longest" must not hand the marks to "pick the shortest" instead, and a
    distractor exactly as long as the key would make the bot's tie-break, not the bank, decide."""
    lengths = {ex.id: key_and_distractor_lengths(ex) for ex in SINGLES}
    shortest = [ident for ident, (key, others) in lengths.items() if key < min(others)]
    assert len(shortest) * 4 <= len(SINGLES), shortest
    assert [ident for ident, (key, others) in lengths.items() if key in others] == []


def test_multiple_select_correct_options_are_not_systematically_shorter():
    """The mirror of "keys not longer" below: per exercise the right options' mean length is at least the
    distractors' over 1.15, and over the whole bank the two means are within 25% of each other."""
    right, wrong = [], []
    for ex in (e for e in AUTO if isinstance(e, MultipleSelect)):
        lengths = {True: [], False: []}
        for o in ex.options:
            lengths[o.correct].append(len(o.text))
        assert 1.15 * mean(lengths[True]) >= mean(lengths[False]), ex.id
        right += lengths[True]
        wrong += lengths[False]
    assert 0.75 <= mean(right) / mean(wrong) <= 1.25, (mean(right), mean(wrong))


def test_multiple_select_has_about_half_correct_and_keys_not_longer():
    for ex in (e for e in AUTO if isinstance(e, MultipleSelect)):
        right = [len(o.text) for o in ex.options if o.correct]
        wrong = [len(o.text) for o in ex.options if not o.correct]
        assert 0.3 <= len(right) / len(ex.options) <= 0.6, ex.id
        assert mean(right) <= 1.15 * mean(wrong), ex.id


def test_classification_categories_are_balanced():
    for ex in (e for e in AUTO if isinstance(e, Classification)):
        sizes = [sum(i.answer == c.id for i in ex.items) for c in ex.categories]
        shown = even_allocation(sizes, ex.sample) if ex.sample else sizes
        all_in_largest = max(shown) / sum(shown)
        assert all_in_largest <= 1 / len(sizes) + 0.1, (ex.id, shown)


def test_matching_pairs_are_not_listed_in_target_order():
    for ex in (e for e in AUTO if isinstance(e, Matching)):
        index = {t.id: n for n, t in enumerate(ex.targets)}
        answers = [index[p.answer] for p in ex.pairs]
        assert answers != sorted(answers), ex.id
        assert sum(a == n for n, a in enumerate(answers)) * 2 < len(answers), ex.id


@pytest.mark.parametrize("ident", sorted(e.id for e in AUTO))
def test_every_feedback_says_why(ident):
    entries = feedback_entries(BANK[ident])
    assert len({fb for _, _, fb in entries}) == len(entries), "a feedback string is repeated"
    for text, label, feedback in entries:
        assert not BARE_OPENINGS.match(feedback), feedback  # reads wrongly when the grader marks it missed
        new = [w for w in words(feedback) if w not in set(words(label))]
        assert len(new) >= 12, f"bare or circular feedback for {text!r}: {feedback!r}"
        assert feedback.strip().lower() != text.strip().lower()


def test_leathard_key_is_the_table_as_printed_with_uncertain_rows_flagged():
    ex = BANK["leathard-terms"]
    assert ex.sample == 12
    counts = Counter(i.answer for i in ex.items)
    assert (counts["concept"], counts["process"], counts["agency"]) == (30, 15, 7)
    flagged = [i.text for i in ex.items if i.layout_dependent]
    assert set(flagged) == LAYOUT_DEPENDENT and len(flagged) == 15
    assert all(i.answer == "concept" for i in ex.items if i.layout_dependent)
    for item in ex.items:
        assert not re.search(r"Leathard'?s? (own )?(point|wanted|intended|meant)", item.feedback), item.id


def test_no_exercise_claims_what_leathard_meant():
    for path in EXERCISES.glob("*.yml"):
        assert not re.search(r"Leathard'?s? (own )?(point|wanted|intended)", path.read_text()), path.name


def test_reflections_have_model_points_a_short_exemplar_and_a_three_level_rubric():
    reflections = [ex for ex in BANK.values() if isinstance(ex, Reflection)]
    assert len(reflections) >= 7
    for ex in reflections:
        assert len(ex.model_points) >= 3, ex.id
        assert 40 <= len(words(ex.exemplar)) <= 130, ex.id
        levels = (ex.rubric.strong, ex.rubric.adequate, ex.rubric.weak)
        assert len(set(levels)) == 3 and all(len(words(t)) >= 8 for t in levels), ex.id


def test_two_reflections_apply_the_course_tools_to_a_partnership_learners_know():
    applying = [ex.id for ex in BANK.values() if isinstance(ex, Reflection)
                and sum(tool.lower() in ex.prompt.lower() for tool in TOOLS) >= 3]
    assert len(applying) >= 2, applying


def test_outdated_model_points_are_brought_up_to_date():
    farrant = " ".join(BANK["reflect-farrant"].model_points)
    assert "2013" in farrant and "local councils" in farrant
    local = " ".join(BANK["reflect-local-partnerships"].model_points)
    assert "Health and Wellbeing Board" in local and "Healthwatch" in local


def test_removed_exercises_stay_removed():
    assert not {"cooperative-name", "policy-order", "lsp-oversee"} & set(BANK)


def test_exercise_minutes_leave_time_to_read_each_lesson():
    pages = {p.stem: QUIZ_CALL.findall(p.read_text()) for p in (ROOT / "chapters").glob("*.md")}
    for page, ids in pages.items():
        minutes = sum(BANK[i].minutes for i in ids if i in BANK)
        assert minutes <= 22, (page, minutes)
        assert len(ids) <= 7, (page, len(ids))


def test_tutor_key_gives_levels_exemplars_and_rubrics():
    chosen = [BANK["leathard-terms"], BANK["common-currency"], BANK["reflect-farrant"]]
    key = answer_key("Week 1", "practice", chosen, "coursewidgets grade")
    assert "(`leathard-terms`, classification)" in key and "Level: remember." in key and "Level: analyse." in key
    assert key.count("Level: ") == 2
    assert "Joint budgets (joint-budgets) -> **Concept-based** (concept) (column depends on" in key
    farrant = BANK["reflect-farrant"]
    assert f"Exemplar answer: {farrant.exemplar}" in key
    assert all(f"- **{label}**: {text}" in key for label, text in farrant.rubric.levels())


def test_tutors_page_directive_renders_every_reflection_from_the_yaml(tmp_path):
    """A strict Sphinx build of one MyST page holding the directive, against the course's own bank."""
    src = tmp_path / "src"
    (src / "chapters").mkdir(parents=True)
    (src / "exercises").symlink_to(EXERCISES)
    (src / "conf.py").write_text('extensions = ["myst_parser", "coursewidgets.site.rubrics"]\n'
                                 'exclude_patterns = ["chapters", "exercises"]\n')
    (src / "index.md").write_text("# Tutors\n\n## Marking reflections\n\n```{reflection-rubrics}\n```\n")
    (src / "chapters" / "lesson.md").write_text('# L\n\nquiz("reflect-strategic") quiz("reflect-farrant")\n')
    out = tmp_path / "out"
    app = Sphinx(str(src), str(src), str(out), str(tmp_path / "doctrees"), "html", warningiserror=True, status=None)
    app.build()
    html = (out / "index.html").read_text().translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    reflections = [ex for ex in BANK.values() if isinstance(ex, Reflection)]
    for ex in reflections:
        assert f'id="rubric-{ex.id}"' in html
        for text in [ex.exemplar, *ex.model_points, *(t for _, t in ex.rubric.levels())]:
            assert escape(text, quote=False) in html, (ex.id, text[:40])
    assert html.index("rubric-reflect-strategic") < html.index("rubric-reflect-farrant") < html.index(
        "rubric-reflect-added-value")  # lesson order first, then the rest by id
