"""The tutor's HTML report: one self-contained page (inline CSS and SVG, no script, no request to
another host): what to look at first, the score distribution, item difficulty, item discrimination,
mastery and "sure and wrong" (confident errors) charts, each with a title, a description and its data as
a table, reliability, distractor analysis, each student's mastery (linked to their feedback page) and the files that could not be graded.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from html import escape

from .analysis import analysis
from .gradebook import Gradebook, distribution, item_stats
from .misconceptions import sure_and_wrong
from .stats import class_mastery

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:52rem;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1,h2{line-height:1.2} table{border-collapse:collapse;margin:.5rem 0} caption{text-align:left;font-weight:600}
th,td{border:1px solid #999;padding:.2rem .5rem;text-align:left} td.num{text-align:right}
figure{margin:1rem 0} svg{max-width:100%;height:auto} .bar{fill:#1f5f99} .neg{fill:#a33b20}
.axis{stroke:#333} svg text{font-size:12px;fill:#1a1a1a} .ok{color:#1e6b2f} .bad{color:#a33b20} a{color:#0b4f8a}
"""
_WIDTH, _LABEL, _BAR, _ROW = 640, 250, 320, 24


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: one bar per label, values on a scale from ``lo`` to ``hi``."""

    uid: str
    title: str
    desc: str
    headers: tuple[str, str]
    rows: list[tuple[str, float, str]]  # label, value, value as shown
    lo: float
    hi: float
    scale: tuple[str, str]  # the ends of the value axis, as shown under it

    def _x(self, value: float) -> float:
        return _LABEL + _BAR * (value - self.lo) / (self.hi - self.lo)

    def svg(self) -> str:
        height = 32 + _ROW * len(self.rows)
        zero = self._x(max(self.lo, 0.0))
        bars = []
        for n, (label, value, shown) in enumerate(self.rows):
            y, x = 8 + n * _ROW, self._x(value)
            short = label if len(label) <= 36 else label[:35] + "…"
            left, width = min(x, zero), abs(x - zero)
            bars.append(
                f'<text x="{_LABEL - 6}" y="{y + 16}" text-anchor="end">{escape(short)}</text>'
                f'<rect class="{"neg" if value < 0 else "bar"}" x="{left:.1f}" y="{y + 4}" '
                f'width="{max(width, 1):.1f}" height="{_ROW - 8}"/>'
                f'<text x="{max(x, zero) + 4:.1f}" y="{y + 16}">{escape(shown)}</text>'
            )
        return (
            f'<svg role="img" aria-labelledby="{self.uid}-t {self.uid}-d" viewBox="0 0 {_WIDTH} {height}" '
            f'width="{_WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{self.uid}-t">{escape(self.title)}</title><desc id="{self.uid}-d">{escape(self.desc)}</desc>'
            f'{"".join(bars)}<line class="axis" x1="{zero:.1f}" x2="{zero:.1f}" y1="4" y2="{height - 20}"/>'
            f'<line class="axis" x1="{_LABEL}" x2="{_LABEL + _BAR}" y1="{height - 20}" y2="{height - 20}"/>'
            f'<text x="{_LABEL}" y="{height - 4}" text-anchor="start">{escape(self.scale[0])}</text>'
            f'<text x="{_LABEL + _BAR}" y="{height - 4}" text-anchor="end">{escape(self.scale[1])}</text></svg>'
        )

    def table(self) -> str:
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.headers)
        body = "".join(f'<tr><th scope="row">{escape(label)}</th><td class="num">{escape(shown)}</td></tr>'
                       for label, _, shown in self.rows)
        return f"<table><caption>{escape(self.title)}: data</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def html(self) -> str:
        if not self.rows:
            return f"<h2>{escape(self.title)}</h2><p>No data: no student was graded.</p>"
        return (f'<section aria-labelledby="{self.uid}-h"><h2 id="{self.uid}-h">{escape(self.title)}</h2>'
                f"<p>{escape(self.desc)}</p><figure>{self.svg()}</figure>"
                f"<details><summary>The same data as a table</summary>{self.table()}</details></section>")


def charts(book: Gradebook) -> list[Chart]:
    """The five charts of the report."""
    bins = distribution(book) if book.rows else []
    bands = [f"{10 * n}–{10 * n + 9}%" if n < 9 else "90–100%" for n in range(len(bins))]
    top = max(bins, default=0) or 1
    stats = item_stats(book) if book.rows else []
    hardest = sorted(stats, key=lambda s: s.facility)
    spread = sorted((s for s in stats if s.discrimination is not None), key=lambda s: s.discrimination or 0.0)
    return [
        Chart("dist", "Score distribution", "How many students scored in each band of percentage marks.",
              ("Band", "Students"), [(b, c, str(c)) for b, c in zip(bands, bins)], 0, top, ("0", f"{top} students")),
        Chart("diff", "Item difficulty",
              "The share of the marks the class got on each exercise, hardest first: most students got the "
              "exercises at the top wrong.",
              ("Exercise", "Class's share of the marks"),
              [(s.exercise.id, 100 * s.facility, f"{100 * s.facility:.0f}%") for s in hardest], 0, 100, ("0%", "100%")),
        Chart("disc", "Item discrimination",
              "For each exercise, the share of the marks the top 27% of the class got minus the bottom 27%'s, "
              "from -1 to 1, weakest first. Near 0 or below: the exercise does not separate stronger from "
              "weaker students (check its key); 0.3 or more separates them well.",
              ("Exercise", "Discrimination"),
              [(s.exercise.id, s.discrimination or 0.0, f"{s.discrimination:+.2f}") for s in spread], -1, 1,
              ("-1", "+1")),
        Chart("mast", "The class's share of the marks per outcome",
              "The class's mean share of the marks on each learning outcome's scored exercises.",
              ("Learning outcome", "Class's mean share"),
              [(f"Outcome {o}", 100 * v, f"{100 * v:.0f}%") for o, v in class_mastery(book).items()], 0, 100,
              ("0%", "100%")),
        Chart("sure", "Sure and wrong",
              "For each exercise, the share of the class that said they were sure of their answer (the top level "
              "of \u201cHow sure are you?\u201d) and did not get full marks, largest first: misconceptions worth "
              "teaching against. Students who did not say how sure they were never count here.",
              ("Exercise", "Share of the class sure and wrong"),
              [(s.exercise.id, 100 * s.share, f"{100 * s.share:.0f}% ({s.count} of {s.students})")
               for s in (sure_and_wrong(book) if book.rows else [])], 0, 100, ("0%", "100%")),
    ]


def _summary(book: Gradebook) -> str:
    percents = [book.percent(r) for r in book.rows]
    cells = [("Students graded", str(len(book.rows))),
             ("Files not graded (problems)", str(len({p.file for p in book.problems}))),
             ("Exercises", str(len(book.exercises)))]
    if percents:
        cells += [("Mean", f"{statistics.mean(percents):.1f}%"), ("Median", f"{statistics.median(percents):.1f}%")]
    rows = "".join(f'<tr><th scope="row">{escape(k)}</th><td class="num">{escape(v)}</td></tr>' for k, v in cells)
    return f"<table><caption>Summary</caption><tbody>{rows}</tbody></table>"


def _problems(book: Gradebook) -> str:
    warnings = "".join(f'<p class="bad">Warning: {escape(w)}</p>' for w in book.warnings)
    if not book.problems:
        return f'<h2>Problems</h2><p class="ok">Every file was graded.</p>{warnings}'
    rows = "".join(f"<tr><td>{escape(p.file)}</td><td>{escape(p.field)}</td><td>{escape(p.message)}</td></tr>"
                   for p in book.problems)
    return (f'<h2>Problems</h2><p class="bad">These files were not graded; fix or remove them and grade again.</p>'
            f'<table><thead><tr><th scope="col">File</th><th scope="col">Field</th><th scope="col">Reason</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>{warnings}")


def render_report(book: Gradebook, title: str = "Gradebook report", pages: list[str] | None = None) -> str:
    """The whole report page; ``pages`` names each row's feedback page in ``feedback/`` (to link them)."""
    body = "".join(c.html() for c in charts(book))
    glance, sections = analysis(book, pages)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{_CSS}</style></head><body><main><h1>{escape(title)}</h1>{_summary(book)}{glance}{body}"
            f"{sections}{_problems(book)}</main></body></html>")
