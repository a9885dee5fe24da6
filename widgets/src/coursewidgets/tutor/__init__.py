"""The tutor's ``coursewidgets`` command (``cli``) and what it drives: assign, grade, export."""
