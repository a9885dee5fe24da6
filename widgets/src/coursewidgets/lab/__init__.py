"""JupyterLab for learners: book pages open as notebooks that read as the site does (see contents.py)."""
