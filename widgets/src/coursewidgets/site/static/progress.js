/* The "My progress" page: the state of every exercise, the course total, resets, and the answers
 * as a JSON file (export and import) or as a printable summary. Does nothing on other pages.
 * Uses window.coursewidgets from coursewidgets.js, which loads first. */
(function () {
  "use strict";

  var list = document.getElementById("cw-progress");
  if (!list) return;
  var cw = window.coursewidgets, store = cw.store;
  var lessons = JSON.parse(document.getElementById("cw-bank").textContent);
  var exercises = Object.create(null);  /* so "__proto__" or "constructor" is no exercise */
  lessons.forEach(function (l) { l.exercises.forEach(function (ex) { exercises[ex.id] = ex; }); });
  var answers = document.getElementById("cw-answers");
  function el(id) { return document.getElementById(id); }

  /* ---------- state of each exercise and the course total ---------- */

  function stateOf(ex, entry) {
    var g = cw.grade(ex, entry ? entry.answer : null, cw.shownOf(ex, entry), entry && entry.seed);
    var s = { grade: g, started: !!entry && entry.answer !== undefined && !cw.blank(ex, entry.answer), checked: !!entry && typeof entry.score === "number" };
    if (ex.kind === "reflection") s.label = s.started && g.complete ? "Written" : "Not started";
    else if (!s.started) s.label = "Not started";
    else if (!s.checked) s.label = "Attempted, not checked yet";
    else s.label = "Score: " + g.score + " out of " + g.max;
    return s;
  }

  function showStates() {
    var doc = store.load(), marks = 0, possible = 0, attempted = 0, checked = 0, written = 0, reflections = 0;
    Object.keys(exercises).forEach(function (id) {
      var ex = exercises[id], entry = doc.responses[id] || null, s = stateOf(ex, entry);
      var row = list.querySelector('[data-progress="' + CSS.escape(id) + '"]');
      row.querySelector(".cw-state").textContent = s.label;
      row.querySelector(".cw-reset").hidden = !s.started && !s.checked;  /* a record of checks alone: nothing to reset */
      lastCheck(row.querySelector(".cw-last"), entry);
      if (ex.kind === "reflection") {
        reflections += 1;
        if (s.label === "Written") written += 1;
        return;
      }
      possible += s.grade.max;
      if (s.started) attempted += 1;
      if (s.checked) { checked += 1; marks += s.grade.score; }
    });
    var total = Object.keys(exercises).length - reflections;
    bars(doc);
    advice(doc);
    el("cw-total").textContent = "Course total: " + marks + " out of " + possible + " marks. " +
      "You have attempted " + attempted + " of " + total + " marked exercises and checked " + checked + " of them; " +
      "you have written " + written + " of " + reflections + " reflections.";
    if (answers) summary(doc);
  }

  /* A bar per lesson: its share of the marks (or of its reflections written, when it has no marks). */
  function bars(doc) {
    var boxes = list.querySelectorAll(".cw-bar");
    lessons.forEach(function (l, n) {
      var marks = 0, possible = 0, written = 0, reflections = 0;
      l.exercises.forEach(function (ex) {
        var s = stateOf(ex, doc.responses[ex.id] || null);
        if (ex.kind === "reflection") { reflections += 1; written += s.label === "Written" ? 1 : 0; return; }
        possible += s.grade.max;
        if (s.checked) marks += s.grade.score;
      });
      var parts = [];
      if (possible) parts.push(marks + " of " + possible + " marks");
      if (reflections) parts.push(written + " of " + reflections + (reflections === 1 ? " reflection" : " reflections") + " written");
      boxes[n].querySelector("progress").value = possible ? marks / possible : reflections ? written / reflections : 0;
      boxes[n].querySelector(".cw-bar-text").textContent = parts.join(", ");
    });
  }

  /* How sure the learner said they were, turned into advice: what they were sure of and got wrong at their
     latest Check comes first (Sure, then Fairly sure), then how often each level was right. */
  function advice(doc) {
    var box = el("cw-advice"), wrong = [], tally = { 1: [0, 0], 2: [0, 0], 3: [0, 0] };
    Object.keys(exercises).forEach(function (id) {
      var h = doc.responses[id] && doc.responses[id].history, last = Array.isArray(h) ? h[h.length - 1] : null;
      if (!last || !(last.max > 0) || !cw.LEVELS[last.confidence]) return;
      tally[last.confidence][1] += 1;
      if (last.score >= last.max) tally[last.confidence][0] += 1;
      else if (last.confidence >= 2) wrong.push({ id: id, last: last });
    });
    wrong.sort(function (a, b) { return b.last.confidence - a.last.confidence || (a.last.at < b.last.at ? 1 : -1); });
    box.textContent = "";
    var levels = [3, 2, 1].filter(function (n) { return tally[n][1]; });
    box.hidden = !levels.length;
    if (!levels.length) return;
    box.appendChild(node("h3", wrong.length ? "Read these again first" : "How sure you were"));
    if (wrong.length) {
      box.appendChild(node("p", "At your latest check you were sure of these, or fairly sure, and did not get full marks: " +
        "the misunderstandings most worth putting right."));
      var ul = node("ul");
      wrong.forEach(function (w) {
        var li = node("li"), link = list.querySelector('[data-progress="' + CSS.escape(w.id) + '"] .cw-progress-title a');
        var a = link ? node("a", exercises[w.id].title) : node("span", exercises[w.id].title);
        if (link) a.href = link.href;
        li.appendChild(a);
        li.appendChild(document.createTextNode(": " + cw.describeConfidence(w.last.score, w.last.max, w.last.confidence).replace(/\.$/, "") +
          ", " + cw.dayWords(cw.localDay(w.last.at)) + "."));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    box.appendChild(node("p", "How often you were right at your latest checks: " + levels.map(function (n) {
      return "when " + cw.LEVELS[n].toLowerCase() + ", " + tally[n][0] + " of " + tally[n][1];
    }).join("; ") + ". Being right about as often as you expect is the aim: Sure pays when you are right at least " +
      "4 times in 5, Fairly sure from 2 in 3."));
  }

  /* The latest Check, in the lesson or on Review (what Review plans from), beside the lesson's own score. */
  function lastCheck(box, entry) {
    var h = entry && Array.isArray(entry.history) ? entry.history : [], last = h[h.length - 1];
    box.hidden = !last;
    box.textContent = last ? "Latest check, " + cw.dayWords(cw.localDay(last.at)) + ": " + last.score + " out of " +
      last.max + (cw.LEVELS[last.confidence] ? ", " + cw.LEVELS[last.confidence].toLowerCase() : "") + "." : "";
  }

  /* ---------- the printable summary ---------- */

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined) n.textContent = text;
    if (cls) n.className = cls;
    return n;
  }

  function textOf(items, id) {
    var found = items.filter(function (i) { return i.id === id; })[0];
    return found ? found.text || found.label : id;
  }

  /* The learner's answer in words. */
  function describe(ex, answer) {
    if (ex.kind === "reflection") return node("p", typeof answer === "string" ? answer : "", "cw-reflection-text");
    if (ex.kind === "single_choice") return node("p", textOf(ex.options, answer));
    var out = node(ex.kind === "ordering" ? "ol" : "ul");
    var lines;
    if (ex.kind === "multiple_select") lines = (Array.isArray(answer) ? answer : []).map(function (id) { return textOf(ex.options, id); });
    else if (ex.kind === "ordering") lines = (Array.isArray(answer) ? answer : []).map(function (id) { return textOf(ex.steps, id); });
    else {
      var items = ex.kind === "classification" ? ex.items : ex.pairs, labels = ex.kind === "classification" ? ex.categories : ex.targets;
      var placed = answer && typeof answer === "object" ? answer : {};
      lines = Object.keys(placed).map(function (id) { return textOf(items, id) + ": " + textOf(labels, placed[id]); });
    }
    lines.forEach(function (line) { out.appendChild(node("li", line)); });
    return out;
  }

  function summary(doc) {
    var box = el("cw-summary");
    box.textContent = "";
    box.appendChild(node("h3", "Answers of " + (doc.student || "an unnamed learner")));
    box.appendChild(node("p", el("cw-total").textContent));
    lessons.forEach(function (l) {
      box.appendChild(node("h4", l.lesson));
      l.exercises.forEach(function (ex) {
        var entry = doc.responses[ex.id] || null, s = stateOf(ex, entry);
        var part = node("div", undefined, "cw-summary-item");
        part.appendChild(node("p", ex.title + " \u2014 " + s.label, "cw-summary-title"));
        if (s.started) part.appendChild(describe(ex, entry.answer));
        box.appendChild(part);
      });
    });
  }

  function summaryPage() {
    var title = "Partnership working in public health: answers";
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" +
      "body{font-family:sans-serif;max-width:45rem;margin:1rem auto;padding:0 1rem;line-height:1.5}" +
      ".cw-summary-title{font-weight:700;margin-bottom:0}.cw-reflection-text{white-space:pre-wrap}" +
      "</style></head><body><main><h1>" + title + "</h1>" + el("cw-summary").innerHTML + "</main></body></html>";
  }

  /* ---------- actions ---------- */

  /* A new message (in the answers' status line unless `where` says) replaces every earlier one and any import
     error, so the page never says two things at once. */
  function say(text, where) {
    var here = where || (answers ? "cw-answers-status" : "cw-progress-status");
    ["cw-progress-status", "cw-answers-status"].forEach(function (id) { if (el(id)) el(id).textContent = id === here ? text : ""; });
    if (answers) el("cw-import-error").hidden = true;
  }

  function count(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* Reset does what Start again does in the lesson: the answer, its score and its draw go, the record of Checks
     stays (so the exercise stays in the Review plan). Only "Reset every exercise" deletes that record. */
  list.addEventListener("click", function (ev) {
    var btn = ev.target.closest(".cw-reset");
    if (!btn) return;
    var row = btn.closest("[data-progress]"), next = row.querySelector("a") || list, id = row.dataset.progress;
    var old = store.load().responses[id], history = old && Array.isArray(old.history) ? old.history : [];
    store.put(id, history.length ? { history: history } : null);
    showStates();
    say("Reset: " + exercises[id].title + "." + (history.length ? " Your record of its checks is kept, so it stays in your Review plan." : ""),
      "cw-progress-status");
    next.focus();
  });

  function importFile(file) {
    var box = el("cw-import-error");
    function refuse(why) {
      say("");
      box.textContent = "";
      box.appendChild(node("p", "There is a problem", "cw-errors-title"));
      box.appendChild(node("p", "\u201c" + file.name + "\u201d was not loaded, and nothing was changed: " + why));
      box.hidden = false;
      box.focus();
    }
    box.hidden = true;
    if (file.size > 5000000) return refuse("it is larger than 5 MB.");
    file.text().then(function (body) {
      var data;
      try { data = JSON.parse(body); } catch (e) { return refuse("it is not a JSON file, or it is damaged."); }
      var why = cw.problem(data);
      if (why) return refuse(why);
      var migrated = cw.migrate(data);
      var known = Object.keys(data.responses).filter(function (id) { return exercises[id]; });
      if (!known.length) return refuse("it holds no answers to this course's exercises.");
      var before = JSON.stringify(store.load()), doc = JSON.parse(before);
      known.forEach(function (id) { doc.responses[id] = data.responses[id]; });
      if (data.student) doc.student = data.student;
      if (!store.write(doc)) {
        store.memory = JSON.parse(before);
        return refuse("this browser would not save it (its storage is full, or it does not allow saving).");
      }
      el("cw-student").value = doc.student || "";
      showStates();
      var skipped = Object.keys(data.responses).length - known.length;
      say("Loaded answers to " + count(known.length, "exercise") + " from \u201c" + file.name + "\u201d." +
        (skipped ? " " + count(skipped, "answer") + " to exercises this course does not have " +
          (skipped === 1 ? "was" : "were") + " left out." : "") +
        (migrated ? " The file was in an older format (version 1); its answers are now kept in version " + cw.VERSION + "." : ""));
    }, function () { refuse("the browser could not read it."); });
  }

  function confirmReset(open) {
    el("cw-confirm").hidden = !open;
    el(open ? "cw-confirm-no" : "cw-reset-all").focus();
  }

  if (answers) {
    el("cw-student").value = store.load().student || "";
    el("cw-student").addEventListener("change", function () {
      var doc = store.load();
      doc.student = el("cw-student").value.trim();
      store.write(doc);
      showStates();
    });
    el("cw-export").addEventListener("click", function () { cw.exportAnswers(); say("Your answers were downloaded as a JSON file."); });
    el("cw-summary-download").addEventListener("click", function () {
      cw.download("partnership-working-summary-" + cw.today() + ".html", "text/html", summaryPage());
      say("Your summary was downloaded as a web page. Open it and print it, or save it as a PDF.");
    });
    el("cw-print").addEventListener("click", function () { window.print(); });
    /* The summary is folded away on screen; printing opens it (coursewidgets.css also shows it in print where
       ::details-content is supported), then folds it again if it was folded. */
    var folded = false;
    window.addEventListener("beforeprint", function () { folded = !el("cw-summary-box").open; el("cw-summary-box").open = true; });
    window.addEventListener("afterprint", function () { if (folded) el("cw-summary-box").open = false; folded = false; });
    el("cw-import").addEventListener("change", function () {
      var input = el("cw-import");
      if (input.files.length) importFile(input.files[0]);
      input.value = "";
    });
    el("cw-reset-all").addEventListener("click", function () { confirmReset(true); });
    el("cw-confirm-no").addEventListener("click", function () { confirmReset(false); });
    el("cw-confirm-yes").addEventListener("click", function () {
      var doc = store.load();
      doc.responses = {};
      store.write(doc);
      showStates();
      confirmReset(false);
      say("Every exercise is reset.");
    });
  }

  cw.storageWarning(list);
  showStates();
  cw.damageNotice(list, true);
})();
