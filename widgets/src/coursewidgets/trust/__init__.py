"""The trust explorable: the repeated-exchange simulation (``model``), its notebook widget
(``widget``), its kernel-free page (``html``) and the script and styles that page ships (``static/``).
"""

from pathlib import Path

STATIC = Path(__file__).parent / "static"
