"""Print the course's speed figures (``make bench``). Not a test: nothing here passes or fails.

Each figure is a function registered with ``@figure`` (``figures.py``) in one of the figure modules
imported below; this script runs them all in one work folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import course  # noqa: F401  (build times, quiz assets, grading throughput)
import packages  # noqa: F401  (the SCORM packages' sizes)
import pattern_bot  # noqa: F401  (strategies that answer without reading vs a blind guess)
import site_speed  # noqa: F401  (page weight and Lighthouse scores of a lesson page)
import tutor  # noqa: F401  (grading a class vs executing notebooks)
from figures import FIGURES


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for fn in FIGURES:
            for label, value in fn(Path(tmp)):
                print(f"{label:<55} {value}")


if __name__ == "__main__":
    main()
