"""Helpers for the learner-experience tests: find the quizzes on the built site, open guarded pages
at phone size, answer any quiz with the keyboard alone, and read the browser's saved answers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import EXERCISES, guard

from coursewidgets.core.bank import load_bank
from coursewidgets.core.grading import grade
from coursewidgets.core.layout import variants_of
from coursewidgets.core.models import Exercise
from coursewidgets.render.html import variant_base

BANK = load_bank(EXERCISES)
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
STORE_KEY = "coursewidgets-responses"
PROGRESS = "/chapters/progress.html"
REVIEW = "/chapters/review.html"
REFUSE_WRITES = ("Storage.prototype.setItem = function () {"
                 " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };")
BLOCK_STORAGE = ("Object.defineProperty(window, 'localStorage', { configurable: true, get() {"
                 " throw new DOMException('Access is denied for this document.', 'SecurityError'); } });")
"""Site data blocked, as Chromium does it: reading ``window.localStorage`` throws (the property stays
configurable, as the browser's own is)."""
REDIRECT = re.compile(r'<meta http-equiv="Refresh" content="0; url=([^"]+)"', re.IGNORECASE)
QUIZ_TAG = re.compile(r'<section class="cw-quiz" id="cw-[^"]+" data-exercise="([^"]+)"')


def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the site; a redirect-only page is checked to lead to a page that is tested."""
    pages, redirects = [], {}
    for path in sorted(built_site.rglob("*.html")):
        name = path.relative_to(built_site).as_posix()
        if name.startswith("_static/"):
            continue
        target = REDIRECT.search(path.read_text(encoding="utf-8"))
        if target:
            redirects[name] = target.group(1)
        else:
            pages.append(name)
    assert all(t in pages for t in redirects.values()), redirects
    return pages


def quiz_pages(built_site: Path) -> dict[str, str]:
    """Each exercise id on the built site and the first lesson page (as a URL path) that shows it (the review
    page's quizzes, fetched from ``_static``, are left out)."""
    found: dict[str, str] = {}
    for html in sorted(p for p in built_site.rglob("*.html")
                       if "/" + p.relative_to(built_site).as_posix() != REVIEW and "_static" not in p.parts):
        for ident in QUIZ_TAG.findall(html.read_text(encoding="utf-8")):
            found.setdefault(ident, "/" + html.relative_to(built_site).as_posix())
    return found


def one_of_each_kind(built_site: Path) -> dict[str, tuple[Exercise, str]]:
    """For every kind of exercise, the first one the site shows and its page."""
    kinds: dict[str, tuple[Exercise, str]] = {}
    for ident, url in quiz_pages(built_site).items():
        kinds.setdefault(BANK[ident].kind, (BANK[ident], url))
    return kinds


def maximum(ex: Exercise) -> int:
    """The marks an exercise is out of (a sampled classification: its ``sample``, whatever is shown)."""
    return grade(ex, None).max


@contextmanager
def guarded_page(browser: Any, allowed_error: Callable[[str], bool] = lambda _: False, init_script: str = "",
                 **context_args: Any) -> Iterator[Any]:
    """A page in a fresh browser profile; fails if a request leaves 127.0.0.1 or the console logs an
    error other than ``allowed_error`` ones."""
    context = browser.new_context(accept_downloads=True, **context_args)
    if init_script:
        context.add_init_script(init_script)
    page = guard(context.new_page())
    try:
        yield page
        assert page.external_requests == [], f"requests left 127.0.0.1: {page.external_requests}"
        errors = [e for e in page.console_errors if not allowed_error(e)]
        assert errors == [], f"console errors: {errors}"
    finally:
        context.close()


def theme_storage_error(message: str) -> bool:
    """The theme's colour-mode script uses storage without catching a refusal (not ours to fix)."""
    theirs = ("quota has been exceeded", "Access is denied for this document", "Got invalid theme mode: undefined")
    return any(text in message for text in theirs)


def saved(page: Any) -> dict[str, Any] | None:
    raw = page.evaluate(f"() => localStorage.getItem('{STORE_KEY}')")
    return json.loads(raw) if raw else None


# ---------- keyboard ----------

FOCUS_SEEN = """el => {
  const s = getComputedStyle(el);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
}"""


def tab_to(page: Any, test: str, limit: int = 400, key: str = "Tab") -> None:
    """Press Tab (or ``key``, such as Shift+Tab) until ``test`` (a JavaScript function of the focused element)
    holds; the focus must show."""
    for _ in range(limit):
        if page.evaluate(f"() => !!document.activeElement && ({test})(document.activeElement)"):
            assert page.evaluate(f"({FOCUS_SEEN})(document.activeElement)"), f"focus is not visible: {test}"
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {test}")


def focus_id(page: Any) -> str:
    return page.evaluate("() => document.activeElement.id")


def press_until(page: Any, key: str, test: str, limit: int = 30) -> None:
    for _ in range(limit):
        if page.evaluate(f"() => ({test})(document.activeElement)"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never gave {test}")


def visible_items(quiz: Any) -> list[str]:
    """The ids of a quiz's options, items or steps as the page shows them, first to last."""
    return quiz.evaluate("q => [...q.querySelectorAll('.cw-item:not([hidden])')].map(r => r.dataset.item)")


def shown_targets(quiz: Any) -> list[str]:
    """A matching quiz's target ids in the order its first dropdown lists them."""
    return quiz.evaluate("q => [...q.querySelector('select').options].map(o => o.value).filter(Boolean)")


def pick_radio(page: Any, group: str, value: str) -> None:
    """Tab into a radio group, select its first button, then arrow on to ``value``."""
    tab_to(page, f"el => el.name === '{group}'")
    page.keyboard.press("Space")
    press_until(page, "ArrowDown", f"el => el.checked && el.value === '{value}'")


def shown_variant(page: Any, ex: Exercise) -> tuple[Exercise, str]:
    """The variant of ``ex`` the page asks (the one ``div.cw-variant`` left in it) and its ids' prefix."""
    section = f"cw-{ex.id}"
    if not ex.variants:
        return ex, section
    n = int(page.locator(f"#{section} .cw-variant").first.get_attribute("data-variant"))
    return variants_of(ex)[n], variant_base(section, n)


def answer_by_keyboard(page: Any, ex: Exercise, reflection: str = "A shared goal, trust and a common currency.",
                       right: bool = True, sure: int | None = None, base: str = "") -> None:
    """Answer every part of ``ex`` rightly (or, with ``right=False``, wrongly) with keys only, say how sure
    (``sure``: 1 to 3, or not at all), then press Check; the focus starts anywhere before the quiz. ``ex`` may
    be a variant, ``base`` its ids' prefix; an exercise with variants is answered in the variant the page asks."""
    section = f"cw-{ex.id}"
    if not base:
        ex, base = shown_variant(page, ex)
    quiz = page.locator(f"#{section}")

    def other(choices: list[str], answer: str) -> str:
        return answer if right else next(c for c in choices if c != answer)

    if ex.kind == "single_choice":
        pick_radio(page, base, next(o.id for o in ex.options if o.correct == right))
    elif ex.kind == "multiple_select":
        correct = {o.id for o in ex.options if o.correct}
        for option in visible_items(quiz):  # in the order shown: Tab only goes forward
            tab_to(page, f"el => el.id === '{base}-{option}'")
            if (option in correct) == right:
                page.keyboard.press("Space")
    elif ex.kind == "classification":
        key, categories = {i.id: i.answer for i in ex.items}, [c.id for c in ex.categories]
        for item in visible_items(quiz):
            pick_radio(page, f"{base}-{item}", other(categories, key[item]))
    elif ex.kind == "matching":
        key, targets = {p.id: p.answer for p in ex.pairs}, [t.id for t in ex.targets]
        for pair in visible_items(quiz):
            tab_to(page, f"el => el.id === '{base}-{pair}'")
            press_until(page, "ArrowDown", f"el => el.value === '{other(targets, key[pair])}'")
    elif ex.kind == "ordering":
        steps = [s.id for s in ex.steps]
        for n, step in enumerate(steps if right else reversed(steps)):
            while visible_items(quiz).index(step) > n:
                tab_to(page, f"el => el.dataset.move === '-1' && el.closest('.cw-item').dataset.item === '{step}'")
                page.keyboard.press("Enter")
    else:
        tab_to(page, f"el => el.id === '{base}-text'")
        page.keyboard.type(reflection)
    if sure:
        pick_radio(page, f"{section}-sure", str(sure))
    tab_to(page, f"el => el.classList.contains('cw-check') && !!el.closest('#{section}')")
    page.keyboard.press("Enter")


def change_by_keyboard(page: Any, ex: Exercise) -> None:
    """From the focused Check button, go back (Shift+Tab) to one part of a marked quiz and change it."""
    inside = f"!!el.closest('#cw-{ex.id}')"
    test, key = {
        "single_choice": (f"el => {inside} && el.checked", "ArrowDown"),
        "multiple_select": (f"el => {inside} && el.type === 'checkbox'", "Space"),
        "classification": (f"el => {inside} && el.checked", "ArrowDown"),
        "matching": (f"el => {inside} && el.tagName === 'SELECT'", "ArrowUp"),  # the choice above, maybe "Choose…"
        "ordering": (f"el => {inside} && el.dataset.move === '-1'", "Enter"),  # the last step moves up
    }[ex.kind]
    tab_to(page, test, key="Shift+Tab")
    page.keyboard.press(key)
