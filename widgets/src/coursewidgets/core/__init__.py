"""The pure core: exercise models, bank loading and validation, grading, the response format.

Nothing here imports a renderer, Sphinx or ipywidgets (``tests/test_layers.py`` checks).
"""
