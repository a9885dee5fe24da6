"""HTML for the trust explorable: the results view for one setting, and the kernel-free version.

The kernel-free version embeds the results for every setting it offers, computed here in Python,
so the site and the notebook show the same numbers. ``static/trust.js`` only looks them up and
redraws the view that ``render_view`` drew.
"""

from __future__ import annotations

import json
from html import escape
from itertools import count
from typing import Any

from .model import MIXES, NAMES, NOISE_VALUES, W_VALUES, Outcome, Payoffs, simulate

W_LABEL = "Chance of meeting again"
NOISE_LABEL = "Moves that come out wrong (noise)"
MIX_LABEL = "Starting mix of partners"
DEFAULT_W, DEFAULT_NOISE, DEFAULT_MIX = 0.9, 0.0, "Equal shares"
SUMMARY = ("{w} chance of meeting again, {noise} noise, {mix}. Top scorer in the round robin: {leader}, "
           "{score} points a round. After {generations} generations the largest group is {winner}, "
           "{share}% of partners.")

COLOURS = ("#009E73", "#D55E00", "#0072B2", "#AA4499", "#707070")
DASHES = ("2 3", "8 4", "", "8 3 2 3", "1 3")
LAYOUT = {"barX": 156, "barMax": 120, "scoreMax": Payoffs().temptation, "rowH": 30,
          "plotX": 44, "plotY": 10, "plotW": 266, "plotH": 150}
"""Chart geometry in SVG units (charts are 320 wide), shared with ``trust.js``."""
_SVG = 'aria-hidden="true" focusable="false" font-size="14" fill="currentColor"'

_ids = count(1)


def percent(value: float) -> str:
    return f"{value:.0%}"


def noise_text(noise: float) -> str:
    return "no" if noise == 0 else percent(noise)


def view_data(outcome: Outcome) -> dict[str, Any]:
    """The outcome rounded as displayed: scores to 2 decimals, shares in whole percent per generation."""
    return {
        "scores": [round(s, 2) for s in outcome.scores],
        "shares": [[round(100 * shares[i]) for shares in outcome.history] for i in range(len(NAMES))],
    }


def summary(data: dict[str, Any], w: float, noise: float, mix: str) -> str:
    """``SUMMARY`` filled in for one setting (``trust.js`` fills it in the same way)."""
    scores, final = data["scores"], [series[-1] for series in data["shares"]]
    leader = max(range(len(NAMES)), key=scores.__getitem__)
    winner = max(range(len(NAMES)), key=final.__getitem__)
    return SUMMARY.format(w=percent(w), noise=noise_text(noise), mix=mix.lower(), leader=NAMES[leader],
                          score=f"{scores[leader]:.2f}", generations=len(data["shares"][0]) - 1,
                          winner=NAMES[winner], share=final[winner])


def _bars(scores: list[float]) -> str:
    lay, rows = LAYOUT, []
    for i, (name, score) in enumerate(zip(NAMES, scores)):
        y, width = i * lay["rowH"], lay["barMax"] * score / lay["scoreMax"]
        rows.append(
            f'<text x="{lay["barX"] - 6}" y="{y + 20}" text-anchor="end">{escape(name)}</text>'
            f'<rect data-bar="{i}" x="{lay["barX"]}" y="{y + 6}" width="{width:.1f}" height="20" fill="{COLOURS[i]}"/>'
            f'<text data-value="{i}" x="{lay["barX"] + width + 4:.1f}" y="{y + 20}">{score:.2f}</text>'
        )
    return f'<svg class="cw-trust-bars" viewBox="0 0 320 {len(NAMES) * lay["rowH"] + 4}" {_SVG}>{"".join(rows)}</svg>'


def _y(percent_value: float) -> float:
    return LAYOUT["plotY"] + LAYOUT["plotH"] * (1 - percent_value / 100)


def line_points(series: list[int]) -> str:
    """SVG polyline points for one strategy's share (in percent) in each generation."""
    step = LAYOUT["plotW"] / (len(series) - 1)
    return " ".join(f'{LAYOUT["plotX"] + g * step:.1f},{_y(p):.1f}' for g, p in enumerate(series))


def _stroke(i: int) -> str:
    return f'fill="none" stroke="{COLOURS[i]}" stroke-width="3" stroke-dasharray="{DASHES[i]}"'


def _legend() -> str:
    """Line samples and names; the table below the charts carries the same information in text."""
    items = "".join(
        f'<li><svg width="28" height="10" {_SVG}><line x1="0" y1="5" x2="28" y2="5" {_stroke(i)}/></svg> '
        f'{escape(name)}</li>'
        for i, name in enumerate(NAMES)
    )
    return (f'<ul class="cw-trust-legend" aria-hidden="true" style="list-style: none; padding: 0; margin: 0.25rem 0 0; '
            f'display: flex; flex-wrap: wrap; gap: 0 1.25rem">{items}</ul>')


def _lines(shares: list[list[int]]) -> str:
    x0, x1, bottom = LAYOUT["plotX"], LAYOUT["plotX"] + LAYOUT["plotW"], _y(0)
    grid = "".join(
        f'<line x1="{x0}" y1="{_y(p)}" x2="{x1}" y2="{_y(p)}" stroke="currentColor" stroke-opacity="0.25"/>'
        f'<text x="{x0 - 4}" y="{_y(p) + 5}" text-anchor="end">{p}%</text>'
        for p in (0, 50, 100)
    )
    lines = "".join(f'<polyline data-line="{i}" points="{line_points(series)}" {_stroke(i)}/>'
                    for i, series in enumerate(shares))
    axis = (f'<text x="{x0}" y="{bottom + 18}">0</text>'
            f'<text x="{x1}" y="{bottom + 18}" text-anchor="end">{len(shares[0]) - 1}</text>'
            f'<text x="{(x0 + x1) / 2}" y="{bottom + 18}" text-anchor="middle">generations</text>')
    return f'<svg class="cw-trust-lines" viewBox="0 0 320 {bottom + 24}" {_SVG}>{grid}{lines}{axis}</svg>{_legend()}'


def _table(data: dict[str, Any]) -> str:
    generations = len(data["shares"][0]) - 1
    rows = "".join(
        f'<tr><th scope="row">{escape(name)}</th><td data-score="{i}">{data["scores"][i]:.2f}</td>'
        f'<td data-start="{i}">{data["shares"][i][0]}%</td><td data-end="{i}">{data["shares"][i][-1]}%</td></tr>'
        for i, name in enumerate(NAMES)
    )
    return (f'<table class="cw-trust-table"><caption>Results for these settings</caption><thead><tr>'
            f'<th scope="col">Strategy</th><th scope="col">Points per round</th><th scope="col">Share at start</th>'
            f'<th scope="col">Share after {generations} generations</th></tr></thead><tbody>{rows}</tbody></table>')


def render_view(outcome: Outcome, w: float, noise: float, mix: str) -> str:
    """Line chart of shares, summary sentence, bar chart of round-robin scores, and a table of both.

    The line chart comes first, right under the controls: it is what the slider changes most, and on a
    360 x 740 phone the slider and the whole chart with its legend then fit on one screen (with the summary and
    the bars first they did not). The summary, the live region, follows it, as the chart's words."""
    data = view_data(outcome)
    generations = len(data["shares"][0]) - 1
    return (
        f'<div class="cw-trust-view">'
        f'<figure class="cw-trust-generations"><figcaption>Share of partners using each strategy over {generations} '
        f'generations</figcaption>{_lines(data["shares"])}</figure>'
        f'<p class="cw-trust-summary" aria-live="polite">{escape(summary(data, w, noise, mix))}</p>'
        f'<figure><figcaption>Points per round in a round robin against the starting mix</figcaption>'
        f'{_bars(data["scores"])}</figure>{_table(data)}</div>'
    )


def _select(uid: str, label: str, options: list[str], selected: int) -> str:
    items = "".join(f'<option value="{i}"{" selected" * (i == selected)}>{escape(text)}</option>'
                    for i, text in enumerate(options))
    return f'<div><label for="{uid}">{label}</label><select id="{uid}">{items}</select></div>'


def render_page() -> str:
    """The kernel-free explorable: native controls, the default view, and every offered result as JSON.

    The slider comes last of the controls, right above the line chart it changes most (and, on a phone, stays
    in view while the charts scroll past: ``static/trust.css``). One announcement per change: the summary is the
    live region. The slider's visible ``<output>``
    is hidden from assistive technology (its implicit status role would be a second live region);
    the slider's own ``aria-valuetext`` carries the value.
    """
    uid = f"cw-trust-{next(_ids)}"
    w_index = W_VALUES.index(DEFAULT_W)
    results = [[[view_data(simulate(w, noise, mix)) for mix in MIXES] for noise in NOISE_VALUES] for w in W_VALUES]
    data = {"names": NAMES, "wLabels": [percent(w) for w in W_VALUES],
            "noiseLabels": [noise_text(n) for n in NOISE_VALUES], "mixLabels": [m.lower() for m in MIXES],
            "summary": SUMMARY, "layout": LAYOUT, "results": results}
    controls = (
        _select(f"{uid}-noise", NOISE_LABEL, [percent(n) for n in NOISE_VALUES], NOISE_VALUES.index(DEFAULT_NOISE))
        + _select(f"{uid}-mix", MIX_LABEL, list(MIXES), list(MIXES).index(DEFAULT_MIX))
        + f'<div class="cw-trust-slider"><label for="{uid}-w">{W_LABEL}</label>'
        f'<input type="range" id="{uid}-w" min="0" max="{len(W_VALUES) - 1}" step="1" value="{w_index}" '
        f'aria-valuetext="{percent(DEFAULT_W)}"><output for="{uid}-w" aria-hidden="true">{percent(DEFAULT_W)}</output>'
        '</div>'
    )
    payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<div class="cw-trust" id="{uid}"><div class="cw-trust-controls" hidden>{controls}</div>'
        f'{render_view(simulate(DEFAULT_W, DEFAULT_NOISE, DEFAULT_MIX), DEFAULT_W, DEFAULT_NOISE, DEFAULT_MIX)}'
        f'<script type="application/json" class="cw-trust-data">'
        f'{payload}</script></div>'
    )
