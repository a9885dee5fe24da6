"""The lesson pages keep their structural promises: timing, the running case, dated "then and now" notes,
the glossary's past tense, and no claims the sources do not make."""

from __future__ import annotations

import math
import re

import pytest
import yaml
from conftest import EXERCISES, ROOT

from coursewidgets.core.bank import check_bank
from coursewidgets.core.layout import variants_of
from coursewidgets.site.quizzes import QUIZ_CALL

BANK, _ = check_bank(EXERCISES)
CHAPTERS = ROOT / "chapters"
LESSONS = sorted(p for p in CHAPTERS.glob("*.md") if re.match(r"\d\d", p.name))
WORDS_PER_MINUTE = 200
MAX_MINUTES = 30
CHECKED = "checked November 2026"
TIME_LINE = re.compile(r"\*About (\d+) minutes: (\d+) minutes of reading and (\d+) of activities\.\*")


def reading_text(markdown: str) -> str:
    """What a learner reads: no front matter, code cells, directive fences or options, or citation roles."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = re.sub(r"^```.*$|^:\w+:.*$", "", text, flags=re.M)
    text = re.sub(r"\{cite:\w+\}`[^`]*`", "", text)
    text = re.sub(r"\{(?:term|doc)\}`([^`<]*?)\s*(?:<[^`]*>)?`", r"\1", text)
    return text


def reading_minutes(markdown: str) -> int:
    return math.ceil(len(re.findall(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?", reading_text(markdown))) / WORDS_PER_MINUTE)


def activity_minutes(markdown: str) -> int:
    return sum(BANK[ident].minutes for ident in QUIZ_CALL.findall(markdown))


def test_lessons_are_listed_in_the_toc_in_course_order():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    lessons = [f.removeprefix("chapters/") for f in files if re.match(r"chapters/\d\d", f)]
    assert lessons == [p.stem for p in LESSONS]
    assert lessons[:2] == ["01-why-partnership", "01b-evidence-and-doubts"]
    assert "05b-warning-signs" in lessons


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_takes_at_most_30_minutes_and_says_so_truly(lesson):
    text = lesson.read_text()
    stated = TIME_LINE.search(text)
    assert stated, f"{lesson.name}: no line like '*About 25 minutes: 10 minutes of reading and 15 of activities.*'"
    total, reading, activities = map(int, stated.groups())
    assert (reading, activities) == (reading_minutes(text), activity_minutes(text)), lesson.name
    assert total == reading + activities <= MAX_MINUTES, lesson.name


def test_the_welcome_page_lists_every_lesson_with_its_true_time_and_outcomes():
    intro = (ROOT / "intro.md").read_text()
    rows = dict(
        (m[0], (m[1], int(m[2])))
        for m in re.findall(r"\| \{doc\}`chapters/([\w-]+)` \| ([\d, ]+) \| about (\d+) min \|", intro)
    )
    assert set(rows) == {p.stem for p in LESSONS}
    for lesson in LESSONS:
        text = lesson.read_text()
        outcomes = sorted({BANK[i].outcome for i in QUIZ_CALL.findall(text)})
        assert rows[lesson.stem] == (", ".join(map(str, outcomes)), reading_minutes(text) + activity_minutes(text))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_applies_its_idea_to_eastbrook(lesson):
    assert "Eastbrook" in reading_text(lesson.read_text()), lesson.name


def test_then_and_now_notes_are_dated_and_tutors_are_told_to_recheck_them():
    boxes = {
        p.stem: re.findall(r"```\{admonition\} Then and now(.*)", p.read_text()) for p in LESSONS
    }
    assert all(boxes[stem] for stem in ("01-why-partnership", "03-types-of-partnership", "05b-warning-signs"))
    assert all(title.strip() == f"({CHECKED})" for titles in boxes.values() for title in titles)
    tutors = (CHAPTERS / "tutors.md").read_text()
    assert CHECKED in tutors and "every year" in tutors


def test_quiz_keys_about_past_structures_say_when():
    for stem in ("01-why-partnership", "03-types-of-partnership"):
        assert "according to the chapter, written about 2009" in (CHAPTERS / f"{stem}.md").read_text().lower()


def glossary() -> dict[str, str]:
    body = (CHAPTERS / "glossary.md").read_text().split("```{glossary}")[1].split("```")[0]
    entries = re.findall(r"^(\S.*)\n((?:  .*\n?)+)", body, flags=re.M)
    return {term: " ".join(definition.split()) for term, definition in entries}


# Bodies the sources name that no longer exist, and the word their entry must use for what does the job today.
PAST_STRUCTURES = {
    "Primary Care Trust": "integrated care boards",
    "Local Involvement Network": "Healthwatch",
    "Local Strategic Partnership": "Health and Wellbeing Board",
    "Children's Trust": "Today",
    "Health Action Zone": "Health and Wellbeing Boards",
    "Drug Action Team": "combating drugs partnership",
    "Clinical commissioning group": "integrated care boards",
}
JARGON = [
    "Governance", "Mainstream", "Pooled budget", "Joint post", "Joint performance management", "Commissioning",
    "Regeneration", "Social exclusion", "Primary Care Trust", "Sure Start", "Contracting out",
]


def test_glossary_puts_past_structures_in_the_past_and_names_their_successors():
    entries = glossary()
    for term, successor in PAST_STRUCTURES.items():
        entry = entries[term]
        assert re.search(r"\b(was|were|abolished|replaced|withdrew)\b", entry), term
        assert successor in entry, term
        assert not re.search(r"\b(is|are) (carried out|a partnership that coordinates)\b", entry), term


def test_glossary_explains_the_jargon_the_review_listed():
    assert set(JARGON) <= set(glossary())


def test_domain_consensus_keeps_the_consensus():
    assert "agreement among organisations" in glossary()["Domain consensus"].lower()


def test_no_page_or_exercise_claims_to_know_what_leathard_meant():
    pages = [*CHAPTERS.glob("*.md"), ROOT / "intro.md", *EXERCISES.glob("*.yml")]
    for page in pages:
        assert not re.search(r"Leathard'?s? (own )?(point|wanted)|(?<!says what )Leathard (intended|meant)", page.read_text()), page.name


def test_lesson_2_prints_leathards_table_as_the_quiz_keys_it_and_flags_the_same_terms():
    """The table on the page is the one the quiz marks: all 52 terms, the quiz's terms (from the 37) in the same columns, and
    the 15 flagged terms (the lower concept rows) left out of the quiz."""
    text = (CHAPTERS / "02-defining-partnership.md").read_text()
    rows = re.findall(r"^\| \d+ \| (.*?) \| (.*?) \| (.*?) \|$", text, flags=re.M)
    printed, flagged = {}, set()
    for cells in rows:
        for column, cell in zip(("concept", "process", "agency"), cells):
            for term in filter(None, (t.strip() for t in re.sub(r"\[\^\w+\]", "", cell).split(","))):
                name = term.removesuffix(" †")
                printed[name] = column
                if term.endswith("†"):
                    flagged.add(name)
    asked = {i.text: i.answer for v in variants_of(BANK["leathard-terms"]) for i in v.items}
    assert len(printed) == 52 and len(flagged) == 15 and {printed[t] for t in flagged} == {"concept"}
    assert asked.items() <= {term: column for term, column in printed.items() if term not in flagged}.items()


def test_source_defects_are_kept_out_of_the_learners_way():
    """Copy defects are explained on the tutors page, not in lesson text."""
    for lesson in LESSONS:
        text = lesson.read_text()
        for defect in ("Delaney 1994a", "Culture Contact", "Get Clinical Tree"):
            assert defect not in text, (lesson.name, defect)
    tutors = (CHAPTERS / "tutors.md").read_text()
    for defect in ("Delaney 1994a", "Culture Contact", "Plampling", "corporate", "GroupworkCollaboration", "boxes"):
        assert defect in tutors, defect


def test_tutors_table_lists_every_exercise_where_the_lessons_use_it():
    """One row per quiz call, in lesson order, with the bank's kind, level, outcome and minutes."""
    tutors = (CHAPTERS / "tutors.md").read_text()
    rows = re.findall(r"^\| `([\w-]+)` \| ([a-z ]+) \| (\w+|—) \| (\d) \| (\d+) \| \{doc\}`\w+ <([\w-]+)>` \|$",
                      tutors, flags=re.M)
    expected = [
        (i, BANK[i].kind.replace("_", " "), getattr(BANK[i], "level", "—"), str(BANK[i].outcome), str(BANK[i].minutes),
         lesson.stem)
        for lesson in LESSONS for i in QUIZ_CALL.findall(lesson.read_text())
    ]
    assert rows == expected
