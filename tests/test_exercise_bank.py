"""The exercise bank tests understanding (issues 12 and 20): levels, coverage, fair options over every variant,
no item giving away another, feedback that says why, Leathard's table as printed with its uncertain rows left
unasked, and reflections tutors can mark."""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from statistics import mean

import pytest
from conftest import EXERCISES, ROOT

from coursewidgets.core.bank import check_bank
from coursewidgets.core.layout import variants_of
from coursewidgets.core.models import LEVELS, Classification, Matching, MultipleSelect, Ordering, Reflection, SingleChoice
from coursewidgets.site.quizzes import QUIZ_CALL
from coursewidgets.tutor.assign import answer_key
from sphinx.application import Sphinx

BANK, PROBLEMS = check_bank(EXERCISES)
AUTO = [ex for ex in BANK.values() if not isinstance(ex, Reflection)]
BODIES = [v for ex in AUTO for v in variants_of(ex)]
"""Every variant of every marked exercise, each a whole exercise: the rules on options hold for all of them."""
HIGHER = {"apply", "analyse"}
CHOICE = [v for v in BODIES if isinstance(v, (SingleChoice, MultipleSelect))]
SINGLES = [v for v in BODIES if isinstance(v, SingleChoice)]
# Words that let a test-wise learner reject (or pick) an option without knowing the content.
ABSOLUTE = re.compile(r"\b(always|never|all|none|only|proven|proves?|guarantee[sd]?|every\w*|entirely|completely"
                      r"|the cure|in most situations)\b", re.I)
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


def answered_texts(ex) -> list[str]:
    """The texts a learner answers in every variant: options, items, pairs and steps."""
    return [text for v in variants_of(ex) for text, _, _ in feedback_entries(v)]


def marked(idents) -> list:
    """Exercise ids as pytest params, sorted."""
    return sorted(idents)


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


def test_at_least_six_exercises_are_genuine_analysis():
    analyse = sorted(ex.id for ex in AUTO if ex.level == "analyse")
    assert len(analyse) >= 6, analyse


@pytest.mark.parametrize("ident", marked(ex.id for ex in AUTO))
def test_every_marked_exercise_has_two_variants_worth_the_same_marks(ident):
    variants = variants_of(BANK[ident])
    assert len(variants) >= 2, f"{ident}: one question only; a new attempt would ask it again"
    assert len({v.marks for v in variants}) == 1, [v.marks for v in variants]


@pytest.mark.parametrize("ident", sorted(ex.id for ex in AUTO))
def test_no_answer_text_appears_in_another_exercises_prompt(ident):
    """An option, item, pair or step of two or more words, printed in another exercise's question, hands a
    non-reader the answer (a key) or the vocabulary of a column; single words such as "Partnership" are
    the course's own subject and are left out."""
    def norm(text: str) -> str:
        return " ".join(words(text))

    prompts = {(other.id, n): f" {norm(v.prompt)} " for other in BANK.values() if other.id != ident
               for n, v in enumerate(variants_of(other))}
    leaks = [(text, where) for text in answered_texts(BANK[ident]) if len(words(text)) >= 2
             for where, prompt in prompts.items() if f" {norm(text)} " in prompt]
    assert leaks == []


def test_apply_and_analyse_items_use_new_scenarios():
    for v in BODIES:
        if v.level not in HIGHER:
            continue
        text = " ".join([v.prompt, *(t for t, _, _ in feedback_entries(v))])
        assert any(name in text for name in CASE_NAMES), f"{v.id}: a variant is not set in the Eastbrook case"
        assert not [s for s in SOURCE_EXAMPLES if s.lower() in text.lower()], f"{v.id}: reuses a source example"


def test_every_outcome_has_an_apply_or_analyse_item_and_two_exercises():
    per_outcome = Counter(ex.outcome for ex in BANK.values())
    higher = Counter(ex.outcome for ex in AUTO if ex.level in HIGHER)
    for outcome in range(1, 8):
        assert per_outcome[outcome] >= 2, outcome
        assert higher[outcome] >= 1, outcome


def test_outcome_4_keys_the_lighter_arrangement_as_well_as_the_heavier():
    """The article's "something less" test (issue 20): across its variants the choice item keys a coordinating
    partnership, a cooperative one and mere informal contact; every variant of the sort keeps all three answers."""
    choice = variants_of(BANK["coord-coop-choice"])
    keys = sorted(next(o for o in v.options if o.correct).id.split("-", 1)[1] for v in choice)
    assert keys == ["cooperative", "coordinating", "informal"]
    for situations in variants_of(BANK["coord-or-coop"]):
        assert {"coordinating", "cooperative", "cooperate-first"} == {c.id for c in situations.categories}
        assert sorted(Counter(i.answer for i in situations.items).values()) == [2, 2, 2]


@pytest.mark.parametrize("ident", marked({v.id for v in CHOICE}))
def test_absolute_words_are_not_carried_by_distractors_alone(ident):
    """Over every variant, an absolute word appears in keys as often as in distractors, or not at all: a
    test-wise learner who strikes out "always" and "the cure" gains nothing."""
    counts = Counter()
    for v in variants_of(BANK[ident]):
        for o in v.options:
            counts[o.correct] += len(ABSOLUTE.findall(o.text))
    assert counts[False] == counts[True], counts


def key_and_distractor_lengths(ex: SingleChoice) -> tuple[int, list[int]]:
    """The key's length in characters, and each distractor's."""
    return (len(next(o for o in ex.options if o.correct).text), [len(o.text) for o in ex.options if not o.correct])


def single_lengths() -> dict[tuple[str, int], tuple[int, list[int]]]:
    """Key and distractor lengths of every single-choice body, by (exercise id, variant number)."""
    return {(ex.id, n): key_and_distractor_lengths(v) for ex in AUTO for n, v in enumerate(variants_of(ex))
            if isinstance(v, SingleChoice)}


def test_key_is_the_longest_option_in_at_most_a_third_of_single_choice_bodies():
    lengths = single_lengths()
    longest = [where for where, (key, others) in lengths.items() if key >= max(others)]
    assert len(longest) * 3 <= len(lengths), longest


def test_key_is_the_shortest_option_in_at_most_a_third_of_single_choice_bodies_and_never_tied():
    """Rebalancing against "pick the longest" must not hand the marks to "pick the shortest" instead, and a
    distractor exactly as long as the key would make the bot's tie-break, not the bank, decide."""
    lengths = single_lengths()
    shortest = [where for where, (key, others) in lengths.items() if key < min(others)]
    assert len(shortest) * 3 <= len(lengths), shortest
    assert [where for where, (key, others) in lengths.items() if key in others] == []


STOPWORDS = set("about after also before between could each from have into more other over than that their them "
                "they this under were what when where which while will with would".split())
HEDGES = re.compile(r"\b(can|could|may|might|often|usually|some|sometimes|tends?|likely|partly|mostly|largely|rarely"
                    r"|seldom|as much as|not always)\b", re.I)


def stem_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 3 and w not in STOPWORDS}


def test_the_key_echoes_the_stem_in_at_most_a_fifth_of_single_choice_bodies():
    """"Pick the option that repeats the question's words" must not pay: the key shares strictly more of the
    stem's words than every distractor in few bodies (chance with four options is about a fifth, ties aside)."""
    echoes = []
    for v in SINGLES:
        shared = {o.id: len(stem_words(o.text) & stem_words(v.prompt)) for o in v.options}
        key = next(o.id for o in v.options if o.correct)
        if shared[key] > max(n for ident, n in shared.items() if ident != key):
            echoes.append(v.id)
    assert len(echoes) * 5 <= len(SINGLES), echoes


def test_hedged_wording_marks_distractors_at_least_as_often_as_keys():
    """"Pick the cautious option" must not pay: bodies where only the key hedges ("can", "often", "as much
    as") are no more than those where only distractors do."""
    key_only = distractors_only = 0
    for v in SINGLES:
        key = any(HEDGES.search(o.text) for o in v.options if o.correct)
        others = any(HEDGES.search(o.text) for o in v.options if not o.correct)
        key_only += key and not others
        distractors_only += others and not key
    assert key_only <= distractors_only, (key_only, distractors_only)


def test_multiple_select_correct_options_are_not_systematically_shorter():
    """The mirror of "keys not longer" below: per exercise the right options' mean length is at least the
    distractors' over 1.15, and over the whole bank the two means are within 25% of each other."""
    right, wrong = [], []
    for ex in (e for e in BODIES if isinstance(e, MultipleSelect)):
        lengths = {True: [], False: []}
        for o in ex.options:
            lengths[o.correct].append(len(o.text))
        assert 1.15 * mean(lengths[True]) >= mean(lengths[False]), ex.id
        right += lengths[True]
        wrong += lengths[False]
    assert 0.75 <= mean(right) / mean(wrong) <= 1.25, (mean(right), mean(wrong))


def test_multiple_select_has_about_half_correct_and_keys_not_longer():
    for ex in (e for e in BODIES if isinstance(e, MultipleSelect)):
        right = [len(o.text) for o in ex.options if o.correct]
        wrong = [len(o.text) for o in ex.options if not o.correct]
        assert 0.3 <= len(right) / len(ex.options) <= 0.6, ex.id
        assert mean(right) <= 1.15 * mean(wrong), ex.id


def test_classification_categories_are_balanced():
    for ex in (e for e in BODIES if isinstance(e, Classification)):
        sizes = [sum(i.answer == c.id for i in ex.items) for c in ex.categories]
        shown = even_allocation(sizes, ex.sample) if ex.sample else sizes
        all_in_largest = max(shown) / sum(shown)  # what putting every item in one category scores
        assert all_in_largest <= 1 / len(sizes) + 0.15, (ex.id, shown)  # uneven, so spreading evenly is no cue


def test_matching_pairs_are_not_listed_in_target_order():
    for ex in (e for e in BODIES if isinstance(e, Matching)):
        index = {t.id: n for n, t in enumerate(ex.targets)}
        answers = [index[p.answer] for p in ex.pairs]
        assert answers != sorted(answers), ex.id
        assert sum(a == n for n, a in enumerate(answers)) * 2 < len(answers), ex.id


@pytest.mark.parametrize("ident", sorted(e.id for e in AUTO))
def test_every_feedback_says_why(ident):
    entries = [e for v in variants_of(BANK[ident]) for e in feedback_entries(v)]
    assert len({fb for _, _, fb in entries}) == len(entries), "a feedback string is repeated"
    for text, label, feedback in entries:
        assert not BARE_OPENINGS.match(feedback), feedback  # reads wrongly when the grader marks it missed
        new = [w for w in words(feedback) if w not in set(words(label))]
        assert len(new) >= 12, f"bare or circular feedback for {text!r}: {feedback!r}"
        assert feedback.strip().lower() != text.strip().lower()


def test_leathard_asks_only_the_terms_whose_column_is_certain():
    """The 15 layout-dependent terms are not scored (review M7 and issue 20): every variant draws 12 terms from
    the other 37 (test_lessons checks each is in the column Lesson 2's table prints it), with the columns used unequally (round 8: the
    draw keeps only terms whose look does not give their column), and no feedback claims a reason for a placement."""
    variants = variants_of(BANK["leathard-terms"])
    items = [i for v in variants for i in v.items]
    assert not {i.text for i in items} & LAYOUT_DEPENDENT and not any(i.layout_dependent for i in items)
    for v in variants:
        assert v.sample == 12
        sizes = [sum(i.answer == c.id for i in v.items) for c in v.categories]
        assert even_allocation(sizes, v.sample) != [4, 4, 4], (v.prompt, sizes)
    reasons = re.compile(r"Leathard'?s? (own )?(point|wanted|intended|meant)|\bwhich is why\b|\bso it (sits|fits)\b"
                         r"|\b(fits|suits) the \w+ column|column (suits|is a reasonable home)|the table (treats|keeps|separates)")
    assert [i.id for i in items if reasons.search(i.feedback)] == []


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
    chosen = [BANK["leathard-terms"], BANK["coord-coop-choice"], BANK["reflect-farrant"]]
    key = answer_key("Week 1", "practice", chosen, "coursewidgets grade")
    assert "(`leathard-terms`, classification)" in key and "Level: remember." in key and "Level: analyse." in key
    assert key.count("Level: ") == 2
    assert "Integration (a-integration) -> **Concept-based** (concept)" in key
    assert "Joint budgets" not in key
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
