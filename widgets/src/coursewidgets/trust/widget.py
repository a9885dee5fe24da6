"""The trust explorable for notebooks: ipywidgets controls and a results view recomputed in Python.

In a lesson cell: ``from coursewidgets.trust.widget import explorable; explorable()``. Jupyter shows
the live widget; the built site shows the kernel-free version from ``html.render_page``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .model import MIXES, NOISE_VALUES, W_VALUES, simulate
from .html import (DEFAULT_MIX, DEFAULT_NOISE, DEFAULT_W, MIX_LABEL, NOISE_LABEL, W_LABEL, percent,
                         render_page, render_view)

_STYLE = {"description_width": "initial"}
_WIDE = widgets.Layout(width="100%", max_width="36rem")


class TrustExplorable(widgets.VBox):
    """Sliders and menus for the settings, and the view for the chosen setting."""

    def __init__(self) -> None:
        self.w = widgets.SelectionSlider(options=[(percent(w), w) for w in W_VALUES], value=DEFAULT_W,
                                         description=W_LABEL, style=_STYLE, layout=_WIDE)
        self.noise = widgets.Dropdown(options=[(percent(n), n) for n in NOISE_VALUES], value=DEFAULT_NOISE,
                                      description=NOISE_LABEL, style=_STYLE, layout=_WIDE)
        self.mix = widgets.Dropdown(options=list(MIXES), value=DEFAULT_MIX, description=MIX_LABEL,
                                    style=_STYLE, layout=_WIDE)
        self.view = widgets.HTML()
        for control in (self.w, self.noise, self.mix):
            control.observe(lambda _: self.update(), names="value")
        super().__init__([self.noise, self.mix, self.w, self.view])  # as on the site: the slider above the chart
        self.update()

    def update(self) -> None:
        """Recompute and redraw for the current settings."""
        w, noise, mix = self.w.value, self.noise.value, self.mix.value
        self.view.value = render_view(simulate(w, noise, mix), w, noise, mix)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(super()._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = render_page()
        return bundle


def explorable() -> TrustExplorable:
    """The explorable: a live widget in Jupyter, a self-contained HTML version on the built site."""
    return TrustExplorable()
