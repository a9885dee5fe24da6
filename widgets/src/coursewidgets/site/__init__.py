"""The Sphinx extensions of the course site and the JavaScript and CSS they ship.

``quizzes`` (quiz pages), ``theme`` (theme fixes), ``progress`` (the "My progress" page).
"""
