"""The pattern bot's figure: each strategy that answers without reading against a blind guess."""

from __future__ import annotations

from pathlib import Path

from figures import ROOT, figure


@figure
def pattern_bot(work: Path) -> list[tuple[str, str]]:
    """Mean share of the marks per strategy (``tests/pattern_strategies.py``) vs the blind guess's, on the bank
    (every variant of each exercise)."""
    from pattern_strategies import MARGIN, SEEDS, play_all

    from coursewidgets.core.bank import load_bank

    bank = [ex for ex in load_bank(ROOT / "exercises").values() if ex.kind != "reflection"]
    rows = [("pattern bot", f"{SEEDS} seeds per exercise; pass: mean <= blind guess + {MARGIN:.2f}")]
    for r in play_all(bank, SEEDS):
        versus = f"blind {r.blind:.1%}" + (f", k random {r.informed:.1%}" if r.informed is not None else "")
        fair = r.informed is not None and r.mean <= r.informed + MARGIN
        verdict = "ok" if r.passes else "ok vs k random, beats blind" if fair else "BEATS BLIND"
        played = f"{len(r.exercises)} ex., {len(r.variants)} variants"
        rows.append((f"  {r.strategy} ({played})", f"{r.mean:.1%} vs {versus}: {verdict}"))
    return rows
