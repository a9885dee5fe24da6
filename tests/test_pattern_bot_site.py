"""The pattern bot in Chromium, on the built site: each strategy of ``tests/pattern_strategies.py`` plays
every auto-marked exercise on its lesson page, over ``SEEDS`` = 30 fresh attempts each (Start again makes
a new seed), reading the layout off the page and the score off the page's status line. Each strategy's mean
share of the marks must be at most the blind guess's mean over the same exercises plus ``MARGIN`` = 0.08,
as in the Python bot (``tests/test_pattern_bot.py``, which plays 200 seeds per exercise). On every attempt
the page must also show ``layout(ex, seed)`` for the seed it saved and give the score Python gives. A
strategy reads the variant the page asks (an exercise with variants asks another on each Start again).
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import mean

import pytest
from learner import BANK, guarded_page, quiz_pages
from pattern_strategies import MARGIN, STRATEGIES, blind, blind_knowing_k

from coursewidgets.core.grading import grade
from coursewidgets.core.layout import layout, variant_index, variants_of

pytestmark = pytest.mark.browser
SEEDS = 30
SCORE = re.compile(r"^Score: (\d+) out of (\d+)\.")

READ_LAYOUT = """q => {
  q.querySelector('.cw-retry').click();
  const shown = [...q.querySelectorAll('.cw-item:not([hidden])')].map(r => r.dataset.item);
  const variant = q.querySelector('.cw-variant'), asked = variant ? Number(variant.dataset.variant) : 0;
  switch (q.dataset.kind) {
    case 'single_choice': case 'multiple_select': return [asked, {options: shown}];
    case 'ordering': return [asked, {order: shown}];
    case 'matching': return [asked, {items: shown, targets: [...q.querySelector('select').options].map(o => o.value).filter(Boolean)}];
    default: return [asked, {items: shown}];
  }
}"""

# Put an answer (by id) into the page's own controls, press Check; the score line and the seed saved.
PLAY = """(q, answer) => {
  const row = id => q.querySelector(`.cw-item[data-item="${CSS.escape(id)}"]`);
  const set = (input, on) => { if (input.checked !== on) input.click(); };
  if (typeof answer === 'string') set(row(answer).querySelector('input'), true);
  else if (Array.isArray(answer) && q.dataset.kind === 'multiple_select')
    q.querySelectorAll('input').forEach(i => set(i, answer.includes(i.value)));
  else if (Array.isArray(answer)) answer.forEach(id => row(id).parentNode.appendChild(row(id)));
  else Object.entries(answer).forEach(([id, value]) => {
    const sel = row(id).querySelector('select');
    if (sel) { sel.value = value; sel.dispatchEvent(new Event('change', {bubbles: true})); }
    else set(row(id).querySelector(`input[value="${CSS.escape(value)}"]`), true);
  });
  q.querySelector('.cw-check').click();
  const saved = JSON.parse(localStorage.getItem('coursewidgets-responses')).responses[q.dataset.exercise];
  return [q.querySelector('.cw-status').textContent, saved.seed];
}"""


def play_site(page, site_url: str, built_site) -> dict[str, dict[str, list[float]]]:
    """strategy -> exercise id -> the page's share of the marks on each attempt."""
    shares: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    by_page = defaultdict(list)
    for ident, url in quiz_pages(built_site).items():
        if BANK[ident].kind != "reflection":
            by_page[url].append(BANK[ident])
    for url, exercises in sorted(by_page.items()):
        page.goto(site_url + url)
        for ex in exercises:
            quiz = page.locator(f"#cw-{ex.id}")
            for _ in range(SEEDS):
                number, lay = quiz.evaluate(READ_LAYOUT)
                for name, strategy in STRATEGIES.items():
                    given = strategy(variants_of(ex)[number], lay)
                    if given is None:
                        continue
                    status, seed = quiz.evaluate(PLAY, given)
                    expected = layout(ex, seed)
                    assert lay == {k: v for k, v in expected.items() if k != "shown"}, f"{ex.id}: not the seed's layout"
                    assert variant_index(ex, seed) == number, f"{ex.id}: not the seed's variant"
                    g = grade(ex, given, expected.get("shown"), seed)
                    score, out_of = map(int, SCORE.match(status).groups())
                    assert (score, out_of) == (g.score, g.max), f"{ex.id}: the page and Python disagree"
                    shares[name][ex.id].append(score / out_of)
    return shares


@pytest.fixture(scope="module")
def results(built_site, site_url, browser) -> dict[str, dict[str, list[float]]]:
    with guarded_page(browser) as page:
        return play_site(page, site_url, built_site)


def check(results, strategy: str, yardstick=blind) -> None:
    played = results[strategy]
    assert played and all(len(s) == SEEDS for s in played.values()), f"{strategy} played nothing"
    got = mean(mean(s) for s in played.values())
    limit = mean(yardstick(BANK[i]) for i in played) + MARGIN
    assert got <= limit, f"{strategy}: {got:.3f} > {limit:.3f} over {sorted(played)}"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_strategy_is_no_better_than_a_blind_guess(results, strategy):
    check(results, strategy)


def test_the_first_k_options_are_no_better_than_k_random_ones(results):
    check(results, "the first k options (multiple select)", blind_knowing_k)


def test_every_marked_exercise_on_the_site_is_played(built_site, results):
    played = {ex_id for s in results.values() for ex_id in s}
    assert played == {i for i in quiz_pages(built_site) if BANK[i].kind != "reflection"}
