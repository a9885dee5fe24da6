"""Renderers of one exercise: the live ipywidget (``widget``) and the static HTML quiz (``html``)."""
