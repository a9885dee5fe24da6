/* Fixes to the theme's behaviour, loaded on every page before the theme's own scripts (see theme.py).
   Phone menus (pydata-sphinx-theme 0.17 with sphinx-book-theme, pydata/pydata-sphinx-theme#2451): the
   theme opens its drawers from the first .primary-toggle and .secondary-toggle in the page, which are
   the navbar's hidden copies, so the visible buttons in the article header did nothing. The hidden
   copies go; and as sphinx-book-theme blurs these buttons when pressed, closing a drawer gives focus
   back to the button that opened it.
   Tables: one wider than its box says so above it and can be scrolled with the keyboard.
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
  /* A table wider than its box (a phone): say above it that it scrolls sideways, and let the keyboard scroll it. */
  function wideTables() {
    document.querySelectorAll(".bd-article table").forEach(function (table, n) {
      var box = table.parentElement;
      if (!box.classList.contains("pst-scrollable-table-container")) return;
      var wide = box.scrollWidth > box.clientWidth + 1, hint = box.previousElementSibling;
      var has = hint && hint.classList.contains("cw-scroll-hint");
      box.classList.toggle("cw-wide", wide);
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "cw-scroll-hint";
        hint.textContent = "This table is wider than your screen: scroll it sideways to see every column.";
        box.before(hint);
        box.tabIndex = 0;
        box.setAttribute("role", "region");  /* each region's own name (axe: landmark-unique) */
        var caption = table.querySelector("caption");
        box.setAttribute("aria-label", (caption ? caption.textContent.trim() : "Table " + (n + 1)) +
          ", wider than the screen: scroll sideways");
      } else if (!wide && has) {
        hint.remove();
        box.removeAttribute("tabindex"); box.removeAttribute("role"); box.removeAttribute("aria-label");
      }
    });
  }
  wideTables();
  var resizing = null;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(wideTables, 200); });
  window.addEventListener("beforeprint", function () { fitTextBoxes(true); });
  window.addEventListener("afterprint", function () { fitTextBoxes(false); });
})();
