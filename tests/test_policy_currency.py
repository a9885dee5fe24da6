"""The "then and now" thread stays honest about current UK policy: every dated claim about today's bodies
carries a citation that resolves, pending changes are not presented as settled, Public Health England is never
described as existing now, and tutors get a dated re-check list."""

from __future__ import annotations

import re

import pytest
from conftest import EXERCISES, ROOT

CHAPTERS = ROOT / "chapters"
LESSONS = sorted(p for p in CHAPTERS.glob("*.md") if re.match(r"\d\d", p.name))
BOX = re.compile(r"```\{admonition\} Then and now[^\n]*\n(.*?)\n```", re.S)
CITE = re.compile(r"\{cite:\w+\}`([^`]*)`")
YEAR = re.compile(r"\b(19|20)\d\d\b")
# Dates that describe the sources or the check itself, not a policy claim.
NOT_A_CLAIM = re.compile(r"\(?(?:written )?about 2009\)?|checked (?:in )?(?:\d{1,2} )?[A-Z][a-z]+ 2026")
# Names of current arrangements that the course may only state with a citation.
CURRENT_POLICY = re.compile(
    r"Health Bill|Better Care Fund|UK Health Security Agency|Office for Health Improvement|safeguarding partners"
    r"|mergers of ICBs|ICB mergers|ICBs merge"
)


def claims(text: str) -> list[str]:
    """Split Markdown into claims: one per bullet, one per table cell, one per other paragraph."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip("\n").splitlines()
        if lines and lines[0].startswith("|"):
            rows = [line for line in lines if not re.fullmatch(r"[|\s:-]+", line)]
            out += [cell.strip() for row in rows for cell in row.strip().strip("|").split("|")]
        elif lines and lines[0].startswith("- "):
            out += ["\n".join(item) for item in _items(lines)]
        elif lines:
            out.append(block)
    return out


def _items(lines: list[str]) -> list[list[str]]:
    items: list[list[str]] = []
    for line in lines:
        if line.startswith("- ") or not items:
            items.append([line])
        else:
            items[-1].append(line)
    return items


def box_claims() -> list[tuple[str, str]]:
    return [(p.stem, c) for p in LESSONS for box in BOX.findall(p.read_text()) for c in claims(box)]


def bib_keys() -> set[str]:
    return set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(), flags=re.M))


def test_the_claim_splitter_finds_bullets_cells_and_paragraphs():
    text = "Intro para.\n\n- one 2013\n  more\n- two\n\n| a | b |\n| --- | --- |\n| c 2022 | d |\n"
    assert claims(text) == ["Intro para.", "- one 2013\n  more", "- two", "a", "b", "c 2022", "d"]


def test_the_three_lessons_have_then_and_now_boxes():
    stems = {stem for stem, _ in box_claims()}
    assert {"01-why-partnership", "03-types-of-partnership", "05b-warning-signs"} <= stems


@pytest.mark.parametrize("stem,claim", box_claims(), ids=lambda v: v if len(v) < 40 else v[:40])
def test_every_dated_claim_in_a_then_and_now_box_is_cited(stem, claim):
    if YEAR.search(NOT_A_CLAIM.sub("", claim)):
        assert CITE.search(claim), f"{stem}: dated claim without a citation: {claim!r}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_mention_of_a_current_arrangement_in_a_lesson_is_cited(lesson):
    for claim in claims(lesson.read_text()):
        if CURRENT_POLICY.search(claim) and not claim.lstrip().startswith("```"):
            assert CITE.search(claim), f"{lesson.name}: uncited claim about current policy: {claim!r}"


def test_every_citation_on_a_page_resolves_in_references_bib():
    keys = bib_keys()
    for page in [*CHAPTERS.glob("*.md"), ROOT / "intro.md"]:
        for group in CITE.findall(page.read_text()):
            missing = {k.strip() for k in group.split(",")} - keys
            assert not missing, f"{page.name}: {missing} not in references.bib"


def test_outside_sources_for_current_policy_are_marked_and_dated():
    bib = (ROOT / "references.bib").read_text()
    cited = {k.strip() for _, c in box_claims() if CURRENT_POLICY.search(c) for g in CITE.findall(c)
             for k in g.split(",")}
    assert len(cited) >= 6
    for key in cited:
        entry = re.search(r"@\w+\{" + re.escape(key) + r",(.*?)\n\}", bib, flags=re.S).group(1)
        assert "Outside the sources" in entry, key
        assert re.search(r"year = \{(\d{4}|n\.d\.)\}", entry), key


def test_pending_changes_are_not_presented_as_settled():
    """A box or glossary entry that names Healthwatch or integrated care partnerships also names the Health Bill."""
    glossary = (CHAPTERS / "glossary.md").read_text()
    texts = {p.stem: " ".join(BOX.findall(p.read_text())) for p in LESSONS}
    texts |= {term: m for term in ("Healthwatch", "Integrated care partnership")
              for m in re.findall(rf"^{term}\n((?:  .*\n?)+)", glossary, flags=re.M)}
    assert {"Healthwatch", "Integrated care partnership"} <= set(texts)
    for name, text in texts.items():
        if re.search(r"Healthwatch|integrated care partnership", text, flags=re.I):
            assert "Health Bill" in text, name
            assert re.search(r"not (yet )?law|could not confirm|would", text), name


def test_no_page_says_public_health_england_exists_now():
    pages = [*CHAPTERS.glob("*.md"), ROOT / "intro.md", *EXERCISES.glob("*.yml")]
    mentions = 0
    for page in pages:
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(page.read_text().split())):
            if re.search(r"Public Health England|\bPHE\b", sentence):
                mentions += 1
                assert re.search(r"\b(was|were|dissolved|abolished|replaced|closed|until|successor|2021)\b",
                                 sentence), f"{page.name}: {sentence!r}"
                assert not re.search(r"(Public Health England|PHE) (is|leads|runs|will|has)\b", sentence), page.name
    assert mentions, "the course should say what replaced Public Health England"


def test_then_and_now_names_phes_successors_and_the_safeguarding_partners():
    boxes = " ".join(" ".join(BOX.findall(p.read_text())) for p in LESSONS)
    for name in ("UK Health Security Agency", "Office for Health Improvement and Disparities", "Better Care Fund",
                 "chief officer of police", "14 May 2026"):
        assert name in " ".join(boxes.split()), name


def test_tutors_get_a_dated_recheck_list_for_the_changes_under_way():
    tutors = (CHAPTERS / "tutors.md").read_text()
    section = tutors.split("### Changes under way")[1].split("\n## ")[0]
    assert re.search(r"checked \d{1,2} [A-Z][a-z]+ 20\d\d", section)
    rows = [r for r in section.splitlines() if r.startswith("|") and not re.fullmatch(r"[|\s:-]+", r)][1:]
    for topic in ("Health Bill", "Healthwatch", "ICB", "Better Care Fund", "Safeguarding", "UKHSA"):
        row = next((r for r in rows if topic in r), None)
        assert row, topic
        assert all(cell.strip() for cell in row.strip("|").split("|")), row
    assert "could not verify" in section
