/* The "Review" page: plans reviews from the learner's own history of Checks and shows today's set.
 * `plan`, `schedule` and `agenda` mirror core/schedule.py (a Leitner scheme, at most DAILY reviews a day, days
 * in the learner's time zone; tests/test_parity.py proves they agree). The quizzes are not in the page: the due
 * ones are fetched from the build's _static/cw-review/ and set up by coursewidgets.js, which loads first. */
(function () {
  "use strict";

  var cw = window.coursewidgets;
  var INTERVALS = [1, 3, 7, 14, 30], DAILY = 5, DAY_MS = 86400000;

  function addDays(day, n) {
    var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(day);
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]) + n * DAY_MS).toISOString().slice(0, 10);
  }

  /* An entry's marked Checks, oldest first, each with its day in the learner's time zone (only the days
     before `before`, when given). */
  function checksOf(entry, before) {
    var history = entry && Array.isArray(entry.history) ? entry.history : [];
    return history.map(function (h, n) { return { h: h, n: n, day: cw.localDay(h.at) }; })
      .filter(function (c) { return c.h.max > 0 && (!before || c.day < before); })
      .sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : a.n - b.n; });
  }

  function fromChecks(id, checks) {
    if (!checks.length) return null;
    var box = 0, due = "";
    checks.forEach(function (c) {
      if (c.h.score < c.h.max || box === 0) box = 1;
      else if (c.day >= due && c.h.confidence !== 1) box = Math.min(box + 1, INTERVALS.length);
      due = addDays(c.day, INTERVALS[box - 1]);
    });
    var last = checks[checks.length - 1];
    return { exercise: id, box: box, last: last.day, due: due, reviews: checks.length, score: last.h.score,
      max: last.h.max, confidence: last.h.confidence === undefined ? null : last.h.confidence };
  }

  /* One exercise's place in the schedule, or null before its first marked Check. */
  function plan(id, entry) { return fromChecks(id, checksOf(entry)); }

  /* Every exercise met, the soonest due first (then by id). */
  function schedule(doc) {
    return Object.keys(doc.responses).map(function (id) { return plan(id, doc.responses[id]); })
      .filter(Boolean)
      .sort(function (a, b) {
        var x = a.due + "\u0000" + a.exercise, y = b.due + "\u0000" + b.exercise;
        return x < y ? -1 : x > y ? 1 : 0;
      });
  }

  /* Each exercise with the day it comes back when no day holds more than `limit`: today's set is those
     reviewed today that were due, then the oldest due; the rest go to the next days in turn. */
  function agenda(doc, today, limit) {
    limit = limit || DAILY;
    var plans = schedule(doc), done = Object.create(null);
    plans.forEach(function (p) {
      var before = fromChecks(p.exercise, checksOf(doc.responses[p.exercise], today));
      if (before && before.due <= today && p.last === today) done[p.exercise] = true;
    });
    var slots = plans.filter(function (p) { return done[p.exercise]; })
      .map(function (p) { return { plan: p, when: today, done: true }; });
    var queue = plans.filter(function (p) { return !done[p.exercise]; }), day = today, room = limit - slots.length;
    while (queue.length) {
      var taken = queue.filter(function (p) { return p.due <= day; }).slice(0, Math.max(room, 0));
      taken.forEach(function (p) { slots.push({ plan: p, when: day, done: false }); });
      queue = queue.filter(function (p) { return taken.indexOf(p) < 0; });
      day = addDays(day, 1);
      room = limit;
    }
    return slots;
  }

  cw.review = { plan: plan, schedule: schedule, agenda: agenda, INTERVALS: INTERVALS, DAILY: DAILY };

  var root = document.getElementById("cw-review");
  if (!root) return;
  var status = document.getElementById("cw-review-status"), due = document.getElementById("cw-review-due");
  var table = document.getElementById("cw-plan"), empty = document.getElementById("cw-plan-empty");
  var src = root.dataset.src, today = cw.today(), info = Object.create(null);
  var NOTHING_YET = "Nothing to review yet. Check an exercise in a lesson, and it comes back here when it is due.";

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text) n.textContent = text;
    if (cls) n.className = cls;
    return n;
  }

  function titleOf(id) { return info[id] ? info[id].title : id; }

  function days(n) { return n === 1 ? "1 day" : n + " days"; }

  /* A day in words, from today: "today", "tomorrow, Thursday 3 December", "Saturday 5 December". */
  function when(day) {
    var n = Math.round((Date.parse(day) - Date.parse(today)) / DAY_MS);
    return n <= 0 ? "today" : n === 1 ? "tomorrow, " + cw.dayWords(day) : cw.dayWords(day);
  }

  /* Why an exercise is due (as schedule.py's `reason`, in a sentence). */
  function why(p) {
    if (p.score < p.max) return "Due because you had " + p.score + " of " + p.max + " on " + cw.dayWords(p.last) + ".";
    if (p.confidence === 1) return "Due because you said you were guessing on " + cw.dayWords(p.last) + ".";
    return "Due after its wait of " + days(INTERVALS[p.box - 1]) + " in box " + p.box + " of " + INTERVALS.length + ".";
  }

  /* A link to the lesson section that shows the exercise, to read again. */
  function where(id) {
    var i = info[id];
    if (!i || !i.href) return null;
    var a = el("a", i.lesson + (i.section ? ": " + i.section : ""));
    a.href = new URL(i.href, new URL(src, document.baseURI)).href;
    return a;
  }

  function slots() { return agenda(cw.store.load(), today).filter(function (s) { return info[s.plan.exercise]; }); }

  function sayStatus(list) {
    var mine = list.filter(function (s) { return s.when === today; }), done = mine.filter(function (s) { return s.done; });
    var later = list.filter(function (s) { return s.when !== today; });
    var coming = later.map(function (s) { return s.when; }).concat(done.map(function (s) { return s.plan.due; })).sort();
    var next = coming.length ? coming[0] : null;
    var nextSet = coming.filter(function (d) { return d === next; }).length;
    var nextText = next ? " Next: " + when(next) + " (" + (nextSet === 1 ? "1 exercise" : nextSet + " exercises") + ")." : "";
    if (!list.length) status.textContent = NOTHING_YET;
    else if (!mine.length) status.textContent = "Nothing is due today." + nextText;
    else if (done.length === mine.length) status.textContent = "Done for today: " + done.length + " of " + mine.length + " reviewed." + nextText;
    else {
      var behind = later.filter(function (s) { return s.plan.due <= today; }).length;
      status.textContent = "Today: " + done.length + " of " + mine.length + " done, about " +
        mine.reduce(function (m, s) { return m + (s.done ? 0 : info[s.plan.exercise].minutes); }, 0) + " minutes left." +
        (behind ? " " + behind + " more due are spread over the next days, at most " + DAILY + " a day." : "");
    }
  }

  function showPlan(list) {
    var body = table.querySelector("tbody");
    body.textContent = "";
    list.forEach(function (s) {
      var p = s.plan, row = document.createElement("tr"), head = el("th");
      head.scope = "row";
      var link = where(p.exercise) || el("span");
      link.textContent = titleOf(p.exercise);
      head.appendChild(link);
      row.appendChild(head);
      [p.box + " of " + INTERVALS.length, cw.dayWords(p.last) + ": " + p.score + " of " + p.max,
        s.done ? "done today" : when(s.when)].forEach(function (text) { row.appendChild(el("td", text)); });
      body.appendChild(row);
    });
    table.hidden = !list.length;
    empty.hidden = !!list.length;
  }

  function refresh() { var list = slots(); sayStatus(list); showPlan(list); return list; }

  /* After a Check: where the exercise is now and when it comes back, then the status and plan. */
  function checked(item, id) {
    var list = refresh(), s = list.filter(function (x) { return x.plan.exercise === id; })[0];
    var note = item.querySelector(".cw-review-next");
    note.textContent = "";
    if (!s || !s.done) return;
    var p = s.plan;
    note.appendChild(document.createTextNode("Recorded. It is now in box " + p.box + " of " + INTERVALS.length +
      " and comes back " + when(p.due) + (p.score < p.max ? ". Before then, read again: " : ".")));
    if (p.score < p.max && where(id)) note.appendChild(where(id));
    item.classList.add("cw-review-did");
  }

  function failed(what) {
    status.textContent = "Today's review could not load " + what + ". Check your connection, then reload this page.";
  }

  /* One due exercise: why it is due, where to read again, and its quiz (fetched). */
  function item(s) {
    var id = s.plan.exercise, li = el("li", "", "cw-review-item");
    li.dataset.review = id;
    if (s.done) {
      li.classList.add("cw-review-did");
      li.appendChild(el("p", "\u2713 " + titleOf(id) + ": reviewed today. It comes back " + when(s.plan.due) + ".", "cw-review-why"));
      return Promise.resolve(li);
    }
    var reason = el("p", why(s.plan) + " ", "cw-review-why"), link = where(id);
    if (link) { reason.appendChild(document.createTextNode("From ")); reason.appendChild(link); reason.appendChild(document.createTextNode(".")); }
    li.appendChild(reason);
    return fetch(src + encodeURIComponent(id) + ".html").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      var t = document.createElement("template");
      t.innerHTML = html;
      li.appendChild(t.content);
      var section = li.querySelector("section.cw-quiz"), note = el("p", "", "cw-review-next");
      note.setAttribute("aria-live", "polite");
      (section.querySelector(".cw-cbm") || section).after(note);
      cw.setupQuiz(section);
      section.addEventListener("submit", function () { checked(li, id); });
      return li;
    });
  }

  cw.storageWarning(root);
  cw.damageNotice(root, false);
  if (!schedule(cw.store.load()).length) {
    status.textContent = NOTHING_YET;
    showPlan([]);
    return;
  }
  status.textContent = "Loading today's review\u2026";
  fetch(src + "index.json").then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (index) {
    Object.keys(index).forEach(function (id) { info[id] = index[id]; });
    var list = slots();
    return Promise.all(list.filter(function (s) { return s.when === today; }).map(item)).then(function (items) {
      items.forEach(function (li) { due.appendChild(li); });
      refresh();
    }, function () { failed("today's exercises"); showPlan(list); });
  }, function () { failed("its list of exercises"); });
})();
