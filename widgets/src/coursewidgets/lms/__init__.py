"""The course in an LMS: SCORM 1.2 and 2004 packages of the built site (``package.py``, ``manifest.py``) and
the launch page's bridge to the LMS (``static/lms.js``). Reads the core only; cmi5/xAPI or LTI would be siblings."""

from pathlib import Path

STATIC = Path(__file__).parent / "static"
