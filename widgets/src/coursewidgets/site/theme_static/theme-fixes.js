/* Fixes to the theme's behaviour, loaded on every page before the theme's own scripts (see theme.py).
   Phone menus (pydata-sphinx-theme 0.17 with sphinx-book-theme, pydata/pydata-sphinx-theme#2451): the
   theme opens its drawers from the first .primary-toggle and .secondary-toggle in the page, which are
   the navbar's hidden copies, so the visible buttons in the article header did nothing. The hidden
   copies go; and as sphinx-book-theme blurs these buttons when pressed, closing a drawer gives focus
   back to the button that opened it.
   Print: a text box prints at its own height, so a long reflection was cut; each grows to its text
   while printing (coursewidgets.css does it with field-sizing where the browser supports that). */
(function () {
  "use strict";
  document.querySelectorAll("#pst-header .sidebar-toggle").forEach(function (button) { button.remove(); });
  var opener = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".sidebar-toggle");
    if (button) opener = button;
  }, true);
  ["pst-primary-sidebar-modal", "pst-secondary-sidebar-modal"].forEach(function (id) {
    var drawer = document.getElementById(id);
    if (drawer) drawer.addEventListener("close", function () { if (opener) opener.focus(); });
  });
  function fitTextBoxes(fit) {
    document.querySelectorAll(".bd-article textarea").forEach(function (box) {
      box.style.height = "";
      if (fit) box.style.height = box.scrollHeight + "px";
    });
  }
  window.addEventListener("beforeprint", function () { fitTextBoxes(true); });
  window.addEventListener("afterprint", function () { fitTextBoxes(false); });
})();
