/* The "Review" page: plans reviews from the learner's own history of Checks and shows what is due today.
 * `plan` and `schedule` mirror core/schedule.py (a Leitner scheme; tests/test_parity.py proves they agree).
 * Loaded on the review page only, after coursewidgets.js, which sets up the page's quizzes afresh. */
(function () {
  "use strict";

  var cw = window.coursewidgets;
  var INTERVALS = [1, 3, 7, 14, 30], DAY_MS = 86400000;

  function addDays(day, n) {
    var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(day);
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]) + n * DAY_MS).toISOString().slice(0, 10);
  }

  /* One exercise's place in the schedule, or null before its first marked Check. */
  function plan(id, entry) {
    var history = entry && Array.isArray(entry.history) ? entry.history : [];
    var checks = history.map(function (h, n) { return { h: h, n: n, day: h.at.slice(0, 10) }; })
      .filter(function (c) { return c.h.max > 0; })
      .sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : a.n - b.n; });
    if (!checks.length) return null;
    var box = 0, due = "";
    checks.forEach(function (c) {
      if (c.h.score < c.h.max || box === 0) box = 1;
      else if (c.day >= due && c.h.confidence !== 1) box = Math.min(box + 1, INTERVALS.length);
      due = addDays(c.day, INTERVALS[box - 1]);
    });
    return { exercise: id, box: box, last: checks[checks.length - 1].day, due: due, reviews: checks.length };
  }

  /* Every exercise met, the soonest due first (then by id). */
  function schedule(doc) {
    return Object.keys(doc.responses).map(function (id) { return plan(id, doc.responses[id]); })
      .filter(Boolean)
      .sort(function (a, b) {
        var x = a.due + "\u0000" + a.exercise, y = b.due + "\u0000" + b.exercise;
        return x < y ? -1 : x > y ? 1 : 0;
      });
  }

  cw.review = { plan: plan, schedule: schedule, INTERVALS: INTERVALS };

  var root = document.getElementById("cw-review");
  if (!root) return;
  var status = document.getElementById("cw-review-status");
  var table = document.getElementById("cw-plan"), empty = document.getElementById("cw-plan-empty");
  var items = Object.create(null);
  Array.prototype.forEach.call(root.querySelectorAll("[data-review]"), function (w) { items[w.dataset.review] = w; });
  var today = new Date().toISOString().slice(0, 10);
  var reviewing = Object.create(null);  /* due when the page opened: they stay in view, with their marks */

  function title(id) { return items[id].querySelector(".cw-title").textContent; }

  function when(day) {
    var n = Math.round((Date.parse(day) - Date.parse(today)) / DAY_MS);
    return n <= 0 ? "today" : n === 1 ? "tomorrow (" + day + ")" : "in " + n + " days (" + day + ")";
  }

  function plans() { return schedule(cw.store.load()).filter(function (p) { return items[p.exercise]; }); }

  function showPlan(list) {
    var body = table.querySelector("tbody");
    body.textContent = "";
    list.forEach(function (p) {
      var row = document.createElement("tr");
      [title(p.exercise), p.box + " of " + INTERVALS.length, p.last, p.due <= today ? "due now" : p.due]
        .forEach(function (text, n) {
          var cell = document.createElement(n ? "td" : "th");
          if (!n) cell.scope = "row";
          cell.textContent = text;
          row.appendChild(cell);
        });
      body.appendChild(row);
    });
    table.hidden = !list.length;
    empty.hidden = !!list.length;
  }

  function sayStatus(list) {
    var due = list.filter(function (p) { return p.due <= today; }).length;
    if (due) status.textContent = (due === 1 ? "1 exercise is" : due + " exercises are") + " due for review today.";
    else if (list.length) status.textContent = "Nothing is due today. Your next review is " + when(list[0].due) +
      ": " + title(list[0].exercise) + ".";
    else status.textContent = "Nothing to review yet. Check an exercise in a lesson, and it comes back here when it is due.";
  }

  /* After a Check: say when this exercise comes back, and update the plan. */
  function checked(id) {
    var w = items[id], p = plan(id, cw.store.get(id)), note = w.querySelector(".cw-review-next");
    if (!note) {
      note = document.createElement("p");
      note.className = "cw-review-next";
      note.setAttribute("aria-live", "polite");
      w.appendChild(note);
    }
    note.textContent = p ? "Recorded. This exercise comes back " + when(p.due) + ", from box " + p.box + " of " +
      INTERVALS.length + "." : "";
    showPlan(plans());
  }

  var list = plans();
  list.forEach(function (p) { if (p.due <= today) reviewing[p.exercise] = true; });
  Object.keys(items).forEach(function (id) {
    items[id].hidden = !reviewing[id];
    items[id].addEventListener("submit", function () { checked(id); });
  });
  sayStatus(list);
  showPlan(list);
})();
