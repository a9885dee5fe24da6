"""The report's sections that say what to fix: questions to check, students who need help, reliability,
distractor analysis and mastery by learning outcome (HTML; the numbers come from ``stats.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .gradebook import Gradebook, item_stats
from .stats import (
    ALPHA_LOW,
    MASTERED,
    VARIANT_GAP,
    NEEDS_HELP,
    Choice,
    Reliability,
    class_mastery,
    distractors,
    mastery,
    needs_help,
    outcomes,
    reliability,
    variant_gap,
    variant_stats,
)

DISCRIMINATION_LOW = 0.2
"""Discrimination below this: the exercise hardly separates stronger from weaker students."""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _num(value: float | None, digits: int = 2) -> str:
    return "not defined" if value is None else f"{value:.{digits}f}"


def table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: int = 1) -> str:
    """A table with a caption; the first cell of each row is its header; cells are HTML (escape first)."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + f'<th scope="row">{r[0]}</th>' + "".join(
        f'<td class="num">{c}</td>' if n < numeric else f"<td>{c}</td>" for n, c in enumerate(r[1:])) + "</tr>"
        for r in rows)
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(uid: str, title: str, body: str) -> str:
    return f'<section aria-labelledby="{uid}"><h2 id="{uid}">{escape(title)}</h2>{body}</section>'


def flagged_questions(book: Gradebook, rel: Reliability, choices: dict[str, list[Choice]]) -> dict[str, list[str]]:
    """Why each exercise may need fixing, by exercise id (only the flagged ones)."""
    reasons: dict[str, list[str]] = {}
    for s in item_stats(book):
        if s.discrimination is not None and s.discrimination < DISCRIMINATION_LOW:
            reasons.setdefault(s.exercise.id, []).append(f"discrimination {s.discrimination:+.2f} (below {DISCRIMINATION_LOW})")
    for ex_id, without in rel.without.items():
        if rel.alpha is not None and without is not None and without > rel.alpha:
            reasons.setdefault(ex_id, []).append(f"leaving it out raises alpha to {without:.2f}")
    for ex_id, found in choices.items():
        strong = [c for c in found if c.strong_pick]
        unpicked = [c for c in found if c.unpicked]
        if strong:
            reasons.setdefault(ex_id, []).append(f"{len(strong)} wrong choice(s) picked more by the top group")
        if unpicked:
            reasons.setdefault(ex_id, []).append(f"{len(unpicked)} wrong option(s) nobody chose")
    for ex_id, each in variant_stats(book).items():
        gap = variant_gap(each)
        if gap is not None and gap > VARIANT_GAP:
            reasons.setdefault(ex_id, []).append(f"its variants differ in difficulty by {gap:.2f} "
                                                 f"(more than {VARIANT_GAP}): not equally hard")
    return reasons


def at_a_glance(book: Gradebook, rel: Reliability, choices: dict[str, list[Choice]],
                each: list[dict[int, float]]) -> str:
    """What to look at first: questions to check and students who need help."""
    titles = {ex.id: ex.title for ex in book.exercises}
    flagged = flagged_questions(book, rel, choices)
    questions = "".join(f"<li><strong>{escape(titles[i])}</strong> ({escape(i)}): {escape('; '.join(r))}</li>"
                        for i, r in flagged.items())
    helped = [shares for shares in each if needs_help(shares)]
    q = f"<ul>{questions}</ul>" if questions else "<p>No question is flagged.</p>"
    s = (f'<p>{len(helped)} of {len(book.rows)} students have less than {_pct(NEEDS_HELP)} of the marks on at least '
         'one learning outcome; they are marked in <a href="#mastery">Mastery by learning outcome</a>.</p>')
    return _section("glance", "At a glance", f"<h3>Questions to check</h3>{q}<h3>Students who need help</h3>{s}")


def reliability_section(book: Gradebook, rel: Reliability) -> str:
    low = rel.alpha is not None and rel.alpha < ALPHA_LOW
    verdict = "below the threshold: the total is too noisy to rank students closely" if low else "at or above the threshold"
    rows = [[escape(rel.name), _num(rel.alpha), f"{ALPHA_LOW} or more is usually wanted; {verdict}" if rel.alpha is not None
             else "needs at least 2 students, 2 scored exercises and totals that differ"],
            ["Standard error of measurement", _num(rel.sem) + (" marks" if rel.sem is not None else ""),
             "a student's total is likely within about ± this of their true total (SD × √(1 − alpha))"],
            ["Standard deviation of the totals", f"{rel.sd:.2f} marks", "dividing by the number of students"]]
    summary = table("Reliability of the set", ("Statistic", "Value", "Meaning and threshold"), rows)
    without = [[escape(i), _num(a), "raises alpha: check this exercise" if rel.alpha is not None and a is not None
                and a > rel.alpha else ""] for i, a in rel.without.items()]
    each = table(f"{rel.name} if each exercise were left out", ("Exercise", rel.name, "Flag"), without)
    intro = (f"<p>How consistently the exercises measure the same thing. {escape(rel.name)} is computed from each "
             "student's marks per scored exercise; an exercise whose removal would raise it is flagged.</p>")
    return _section("reliability", "Reliability", intro + summary + each)


def _flag(c: Choice) -> str:
    if c.unpicked:
        return "⚑ nobody chose it: it distracts no one"
    if c.strong_pick:
        return "⚑ the top group chose it more than the bottom group: check the key and wording"
    return "right answer" if c.correct else ""


def distractor_section(book: Gradebook, choices: dict[str, list[Choice]]) -> str:
    titles = {ex.id: ex.title for ex in book.exercises}
    tables = []
    for ex_id, found in choices.items():
        rows = [[escape(c.label), _pct(c.share), _pct(c.top), _pct(c.bottom), escape(_flag(c))] for c in found]
        what = "Option" if found and found[0].item == found[0].choice else "Item → wrong target"
        tables.append(table(f"{titles[ex_id]} ({ex_id})", (what, "Class", "Top 27%", "Bottom 27%", "Flag"), rows, 3))
    intro = ("<p>For each option, the share of the class that chose it; for each classification item or matching "
             "pair, the share that chose each wrong target (of the students shown the item). Top and bottom: the "
             "27% of the class with the highest and lowest percentages. Flagged: wrong options nobody chose, and "
             "wrong choices the top group makes more often than the bottom group.</p>")
    return _section("distractors", "Distractor analysis", intro + ("".join(tables) or "<p>No options to analyse.</p>"))


def variants_section(book: Gradebook) -> str:
    """Difficulty and discrimination of each variant, with the exercises whose variants are not equally hard."""
    found = variant_stats(book)
    if not found:
        return ""
    rows = []
    for ex_id, each in found.items():
        gap = variant_gap(each)
        flag = f"⚑ variants differ by {gap:.2f}" if gap is not None and gap > VARIANT_GAP else ""
        rows += [[escape(f"{ex_id}, variant {v.variant + 1}"), str(v.students), _pct(v.facility),
                  _num(v.discrimination), flag] for v in each]
    intro = (f"<p>Each variant of an exercise asks the same point through another case, so variants should be "
             f"equally hard. Facility: the mean share of the marks among the students a variant asked; "
             f"discrimination: the top 27%'s share minus the bottom 27%'s. Flagged: an exercise whose variants' "
             f"facilities differ by more than {VARIANT_GAP}.</p>")
    return _section("variants", "Variants", intro + table(
        "Each variant", ("Variant", "Students", "Facility", "Discrimination", "Flag"), rows, 4))


def mastery_section(book: Gradebook, pages: Sequence[str] | None, each: list[dict[int, float]]) -> str:
    """Per-student mastery (linked to each feedback page) and the class's, with the thresholds."""
    covered = outcomes(book)
    rows = []
    for n, (row, shares) in enumerate(zip(book.rows, each)):
        name = escape(row.student)
        link = f'<a href="feedback/{escape(pages[n])}">{name}</a>' if pages else name
        weak = ", ".join(str(o) for o in needs_help(shares))
        rows.append([link, f"{book.percent(row):.0f}%", *(_pct(shares[o]) for o in covered),
                     f"needs help on {weak}" if weak else ""])
    heads = ("Student", "Total", *(f"Outcome {o}" for o in covered), "Flag")
    klass = class_mastery(book, each)
    class_rows = [[f"Outcome {o}", _pct(v), "mastered" if v >= MASTERED else "needs help" if v < NEEDS_HELP
                   else "developing"] for o, v in klass.items()]
    intro = (f"<p>The share of the marks on each learning outcome's scored exercises. Mastered: {_pct(MASTERED)} or "
             f"more; needs help: below {_pct(NEEDS_HELP)}. Each student's name links to their feedback page.</p>")
    return _section("mastery", "Mastery by learning outcome", intro +
                    table("The class's mean share per outcome", ("Outcome", "Class", "Level"), class_rows, 1) +
                    f"<details><summary>Every student ({len(rows)})</summary>" +
                    table("Each student's share per outcome", heads, rows, len(covered) + 1) + "</details>")


def analysis(book: Gradebook, pages: Sequence[str] | None = None) -> tuple[str, str]:
    """(the at-a-glance section, the reliability, distractor and mastery sections)."""
    if not book.rows:
        return "", ""
    rel, choices, each = reliability(book), distractors(book), [mastery(book, row) for row in book.rows]
    return (at_a_glance(book, rel, choices, each),
            reliability_section(book, rel) + variants_section(book) + distractor_section(book, choices) +
            mastery_section(book, pages, each))
