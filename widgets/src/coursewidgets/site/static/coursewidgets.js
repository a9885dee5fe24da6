/* Kernel-free quizzes for the course site.
 *
 * Each <section class="cw-quiz"> holds native form controls and its exercise as JSON.
 * `grade` mirrors coursewidgets/grading.py rule for rule; tests/test_parity.py proves it.
 * Answers are kept in localStorage in the response-file format (coursewidgets/responses.py).
 */
(function () {
  "use strict";

  var FORMAT = "coursewidgets-responses";
  var VERSION = 1;
  var STORE_KEY = "coursewidgets-responses";
  var SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;

  /* ---------- grading: keep in step with grading.py ---------- */

  function text(v) { return typeof v === "string" && v ? v : null; }

  function ids(v) {
    var out = [];
    if (!Array.isArray(v)) return out;
    v.forEach(function (x) { if (typeof x === "string" && out.indexOf(x) < 0) out.push(x); });
    return out;
  }

  function mapping(v) {
    var out = new Map();
    if (v === null || typeof v !== "object" || Array.isArray(v)) return out;
    Object.keys(v).forEach(function (k) { if (typeof v[k] === "string") out.set(k, v[k]); });
    return out;
  }

  function result(ex, score, max, complete, items, summary) {
    return { exercise: ex.id, score: score, max: max, complete: complete, summary: summary, items: items };
  }

  function summary(score, max, complete) {
    var s = score + " out of " + max + ".";
    return complete ? s : s + " Some parts are not answered yet.";
  }

  function item(id, correct, message) { return { id: id, correct: correct, message: message }; }

  function shownItems(ex, shown) {
    var known = ex.items.map(function (i) { return i.id; });
    var drawn = ids(shown).filter(function (i) { return known.indexOf(i) >= 0; });
    return drawn.length ? drawn : known;
  }

  function single(ex, answer) {
    var id = text(answer);
    var chosen = ex.options.filter(function (o) { return o.id === id; })[0];
    if (!chosen) return result(ex, 0, 1, false, [], "No option chosen yet.");
    var score = chosen.correct ? 1 : 0;
    return result(ex, score, 1, true, [item(chosen.id, chosen.correct, chosen.feedback)], summary(score, 1, true));
  }

  function multiple(ex, answer) {
    var chosen = ids(answer), items = [], right = 0, wrong = 0, max = 0, complete = false;
    ex.options.forEach(function (o) {
      var picked = chosen.indexOf(o.id) >= 0;
      if (picked && o.correct) right += 1;
      if (picked && !o.correct) wrong += 1;
      if (o.correct) max += 1;
      if (picked) complete = true;
      if (picked || o.correct) items.push(item(o.id, picked === o.correct, o.feedback));
    });
    var score = Math.max(0, right - wrong);
    return result(ex, score, max, complete, items, complete ? summary(score, max, true) : "No option chosen yet.");
  }

  function placements(ex, answer, itemIds) {
    var entries = new Map(), labels = new Map(), placed = mapping(answer), items = [];
    (ex.kind === "classification" ? ex.items : ex.pairs).forEach(function (e) { entries.set(e.id, e); });
    (ex.kind === "classification" ? ex.categories : ex.targets).forEach(function (c) { labels.set(c.id, c.label); });
    itemIds.forEach(function (id) {
      var entry = entries.get(id), choice = placed.has(id) ? placed.get(id) : null;
      if (!labels.has(choice)) items.push(item(id, false, "Not answered."));
      else if (choice === entry.answer) items.push(item(id, true, entry.feedback));
      else items.push(item(id, false, "Not " + labels.get(choice) + ". " + entry.feedback));
    });
    var score = items.filter(function (i) { return i.correct; }).length;
    var complete = items.every(function (i) { return i.message !== "Not answered."; });
    return result(ex, score, itemIds.length, complete, items, summary(score, itemIds.length, complete));
  }

  function ordering(ex, answer) {
    var key = ex.steps.map(function (s) { return s.id; });
    var order = ids(answer).filter(function (i) { return key.indexOf(i) >= 0; });
    var max = key.length - 1, items = [], score = 0;
    if (!order.length) return result(ex, 0, max, false, [], "Nothing put in order yet.");
    order.forEach(function (id, n) {
      var nxt = n + 1 < order.length ? order[n + 1] : null;
      var at = key.indexOf(id);
      var ok = nxt ? key[at + 1] === nxt : id === key[key.length - 1] && order.length === key.length;
      if (ok && nxt) score += 1;
      var fb = ex.steps[at].feedback;
      items.push(item(id, ok, ok ? fb : "It belongs in position " + (at + 1) + ". " + fb));
    });
    var complete = order.length === key.length;
    return result(ex, score, max, complete, items, summary(score, max, complete));
  }

  function reflection(ex, answer) {
    var t = (text(answer) || "").replace(SPACE, "");
    if (!t) return result(ex, 0, 0, false, [], "Write your answer first, then compare it with the model points.");
    var points = ex.model_points.map(function (p, n) { return item("point-" + (n + 1), null, p); });
    return result(ex, 0, 0, true, points, "Saved. Compare your answer with these points.");
  }

  function grade(ex, answer, shown) {
    switch (ex.kind) {
      case "single_choice": return single(ex, answer);
      case "multiple_select": return multiple(ex, answer);
      case "classification": return placements(ex, answer, shownItems(ex, shown));
      case "matching": return placements(ex, answer, ex.pairs.map(function (p) { return p.id; }));
      case "ordering": return ordering(ex, answer);
      default: return reflection(ex, answer);
    }
  }

  /* ---------- storage: one response document in localStorage ---------- */

  /* The problem with a decoded response document, as the end of a sentence, or "" if it is sound.
     Mirrors the checks of responses.py's ResponseFile. */
  function problem(doc) {
    function isInt(v) { return v === undefined || v === null || Number.isInteger(v); }
    function isText(v) { return v === undefined || v === null || typeof v === "string"; }
    if (!doc || typeof doc !== "object" || Array.isArray(doc) || doc.format !== FORMAT) {
      return "it is not a file of answers saved from this course.";
    }
    if (doc.version !== VERSION) {
      return "it is version " + JSON.stringify(doc.version) + " of the answers format, and this course reads version " + VERSION + ".";
    }
    if (!isText(doc.student) || (doc.student || "").length > 200) return "its student name is not valid.";
    if (!doc.responses || typeof doc.responses !== "object" || Array.isArray(doc.responses)) return "it holds no answers.";
    var bad = Object.keys(doc.responses).filter(function (id) {
      var r = doc.responses[id];
      return !r || typeof r !== "object" || Array.isArray(r) || !isInt(r.score) || !isInt(r.max) || !isText(r.updated) ||
        !(r.shown === undefined || r.shown === null || (Array.isArray(r.shown) && r.shown.every(function (s) { return typeof s === "string"; })));
    });
    return bad.length ? "the saved answer to \u201c" + bad[0] + "\u201d is damaged." : "";
  }

  var store = {
    ok: true,
    memory: { format: FORMAT, version: VERSION, student: "", responses: {} },
    /* Storage is usable only if a write succeeds: private modes and full quotas refuse writes. */
    probe: function () {
      try {
        window.localStorage.setItem(STORE_KEY + ".probe", "1");
        window.localStorage.removeItem(STORE_KEY + ".probe");
      } catch (e) { store.ok = false; }
      return store.ok;
    },
    load: function () {
      if (!store.ok) return store.memory;
      var raw;
      try { raw = window.localStorage.getItem(STORE_KEY); } catch (e) { store.ok = false; return store.memory; }
      if (!raw) return store.memory;
      try {
        var doc = JSON.parse(raw);
        if (!problem(doc)) { store.memory = doc; return doc; }
      } catch (e) { /* fall through: keep the unreadable copy aside */ }
      try { window.localStorage.setItem(STORE_KEY + ".unreadable", raw); } catch (e) { store.ok = false; }
      return store.memory;
    },
    write: function (doc) {
      doc.updated = new Date().toISOString();
      store.memory = doc;
      try { window.localStorage.setItem(STORE_KEY, JSON.stringify(doc)); } catch (e) { store.ok = false; }
    },
    get: function (id) { return store.load().responses[id] || null; },
    put: function (id, entry) {
      var doc = store.load();
      if (entry) { entry.updated = new Date().toISOString(); doc.responses[id] = entry; } else delete doc.responses[id];
      store.write(doc);
    }
  };

  /* Offer text as a file to download. */
  function download(name, type, body) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([body], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  function exportAnswers() {
    download("partnership-working-answers-" + today() + ".json", "application/json",
      JSON.stringify(store.load(), null, 1));
  }

  var NOT_KEPT = "Your browser is not letting this course save your answers (private browsing, or its storage is full). " +
    "The quizzes still work, but your answers will be lost when you leave or reload this page.";

  /* One warning per place, with a button to take the answers away as a file. */
  function storageWarning(host) {
    if (store.ok || host.querySelector(".cw-storage")) return false;
    var note = document.createElement("div");
    note.className = "cw-storage";
    var p = document.createElement("p");
    p.textContent = NOT_KEPT;
    var btn = document.createElement("button");
    btn.type = "button";
    btn.textContent = "Download your answers";
    btn.addEventListener("click", exportAnswers);
    note.appendChild(p); note.appendChild(btn);
    host.prepend(note);
    return true;
  }

  /* ---------- the page: read, restore and mark each quiz ---------- */

  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function rows(section) { return $$(section, ".cw-item"); }
  function row(section, id) { return section.querySelector('.cw-item[data-item="' + CSS.escape(id) + '"]'); }
  var MISSING = "Not answered.";

  function readAnswer(section, ex) {
    switch (ex.kind) {
      case "single_choice":
        var on = section.querySelector("input:checked");
        return on ? on.value : null;
      case "multiple_select":
        return $$(section, "input:checked").map(function (i) { return i.value; });
      case "classification":
      case "matching":
        var out = {};
        rows(section).forEach(function (r) {
          if (r.hidden) return;
          var sel = r.querySelector("select"), on = r.querySelector("input:checked");
          var v = sel ? sel.value : on ? on.value : "";
          if (v) out[r.dataset.item] = v;
        });
        return out;
      case "ordering":
        return rows(section).map(function (r) { return r.dataset.item; });
      default:
        return section.querySelector("textarea").value;
    }
  }

  function writeAnswer(section, ex, answer) {
    if (ex.kind === "reflection") { section.querySelector("textarea").value = typeof answer === "string" ? answer : ""; return; }
    if (ex.kind === "ordering") {
      var list = section.querySelector(".cw-order");
      var order = ids(answer);
      if (!order.length) order = section.cwStartOrder;
      order.forEach(function (id) {
        var r = row(section, id);
        if (r) list.appendChild(r);
      });
      return;
    }
    var chosen = ex.kind === "single_choice" ? [answer] : ex.kind === "multiple_select" ? ids(answer) : null;
    var placed = mapping(answer);
    $$(section, "input").forEach(function (input) {
      input.checked = chosen ? chosen.indexOf(input.value) >= 0
        : placed.get(input.closest(".cw-item").dataset.item) === input.value;
    });
    $$(section, "select").forEach(function (sel) { sel.value = placed.get(sel.closest(".cw-item").dataset.item) || ""; });
  }

  function clearMarks(section) {
    rows(section).forEach(function (r) {
      r.classList.remove("cw-right", "cw-wrong", "cw-missing");
      var fb = r.querySelector(".cw-feedback");
      fb.hidden = true; fb.textContent = "";
    });
    $$(section, "[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var errors = section.querySelector(".cw-errors");
    errors.hidden = true; errors.textContent = "";
    var model = section.querySelector(".cw-model");
    if (model) model.hidden = true;
  }

  function firstControl(el) { return el.querySelector("input, select, textarea, button"); }

  /* What to ask for when nothing at all is answered (kinds without per-item marks). */
  var ASK = {
    single_choice: "No answer is chosen yet.",
    multiple_select: "No answer is chosen yet.",
    reflection: "Nothing is written yet.",
    ordering: "The list is not in any order yet."
  };

  /* The GOV.UK error summary: a titled box that says what is missing and links to the first gap.
     Each missing control is marked invalid until the next Check. */
  function showErrors(section, ex, g) {
    var missing = g.items.filter(function (i) { return i.message === MISSING; }).map(function (i) { return row(section, i.id); });
    var controls = missing.length ? missing.map(firstControl) : [firstControl(section.querySelector(".cw-form"))];
    controls.forEach(function (c) { c.setAttribute("aria-invalid", "true"); });
    var first = controls[0];
    var what = missing.length ? "\u201c" + missing[0].querySelector(".cw-item-text, label").textContent + "\u201d" : "the question";
    var box = section.querySelector(".cw-errors");
    box.textContent = "";
    var title = document.createElement("p");
    title.className = "cw-errors-title";
    title.textContent = "There is a problem";
    var body = document.createElement("p");
    body.textContent = missing.length === 1 ? "1 item is not answered yet."
      : missing.length ? missing.length + " items are not answered yet." : ASK[ex.kind];
    var link = document.createElement("a");
    link.href = "#" + first.id;
    link.textContent = "Go to " + what;
    link.addEventListener("click", function (ev) { ev.preventDefault(); first.focus(); });
    box.appendChild(title); box.appendChild(body); box.appendChild(link);
    box.hidden = false;
    box.focus();
  }

  function showGrade(section, ex, g) {
    clearMarks(section);
    var status = section.querySelector(".cw-status");
    if (ex.kind === "reflection") {
      var model = section.querySelector(".cw-model"), ul = model.querySelector("ul");
      ul.textContent = "";
      g.items.forEach(function (p) {
        var li = document.createElement("li"); li.textContent = p.message; ul.appendChild(li);
      });
      model.hidden = !g.complete;
      status.textContent = g.summary;
      return;
    }
    var unanswered = !g.complete && !g.items.some(function (i) { return i.message === MISSING; });
    if (unanswered) { status.textContent = g.summary; return; }  /* marks now would give the answers away */
    g.items.forEach(function (i) {
      var r = row(section, i.id);
      if (!r) return;
      var missing = i.message === MISSING;
      r.classList.add(missing ? "cw-missing" : i.correct ? "cw-right" : "cw-wrong");
      var fb = r.querySelector(".cw-feedback");
      fb.textContent = missing ? "! Not answered yet." : (i.correct ? "\u2713 Correct. " : "\u2717 Not quite. ") + i.message;
      fb.hidden = false;
    });
    status.textContent = "Score: " + g.summary;
  }

  function draw(section, ex, shown) {
    if (ex.kind !== "classification" || !ex.sample) return null;
    var all = ex.items.map(function (i) { return i.id; });
    var valid = ids(shown).filter(function (i) { return all.indexOf(i) >= 0; });
    if (valid.length !== ex.sample) {
      var pool = all.slice();
      for (var n = pool.length - 1; n > 0; n--) {
        var k = Math.floor(Math.random() * (n + 1)), t = pool[n]; pool[n] = pool[k]; pool[k] = t;
      }
      valid = pool.slice(0, ex.sample);
    }
    rows(section).forEach(function (r) { r.hidden = valid.indexOf(r.dataset.item) < 0; });
    return all.filter(function (i) { return valid.indexOf(i) >= 0; });
  }

  function setup(section) {
    var ex = JSON.parse(section.querySelector(".cw-data").textContent);
    section.cwStartOrder = rows(section).map(function (r) { return r.dataset.item; });
    var saved = store.get(ex.id);
    var state = { shown: draw(section, ex, saved && saved.shown) };
    var status = section.querySelector(".cw-status");
    var form = section.querySelector(".cw-form");
    storageWarning(form);

    function save(extra) {
      var entry = { answer: readAnswer(section, ex) };
      if (state.shown) entry.shown = state.shown;
      Object.keys(extra || {}).forEach(function (k) { entry[k] = extra[k]; });
      store.put(ex.id, entry);
      if (storageWarning(form)) status.textContent += " " + NOT_KEPT;
    }

    if (saved) {
      writeAnswer(section, ex, saved.answer);
      if (typeof saved.score === "number") showGrade(section, ex, grade(ex, saved.answer, state.shown));
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var g = grade(ex, readAnswer(section, ex), state.shown);
      showGrade(section, ex, g);
      save({ score: g.score, max: g.max });
      if (!g.complete) showErrors(section, ex, g);
    });
    section.addEventListener("change", function (ev) { if (ev.target.matches("input, select")) save(); });
    section.addEventListener("input", function (ev) { if (ev.target.matches("textarea")) save(); });
    section.querySelector(".cw-retry").addEventListener("click", function () {
      clearMarks(section);
      writeAnswer(section, ex, null);
      state.shown = draw(section, ex, null);
      status.textContent = "Cleared. Have another go.";
      store.put(ex.id, null);
    });
    $$(section, "[data-move]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var r = btn.closest(".cw-item"), list = r.parentNode, delta = Number(btn.dataset.move);
        var other = delta < 0 ? r.previousElementSibling : r.nextElementSibling;
        var name = r.querySelector(".cw-step").textContent;
        if (!other) { status.textContent = name + " is already " + (delta < 0 ? "first." : "last."); return; }
        list.insertBefore(r, delta < 0 ? other : other.nextElementSibling);
        btn.focus();
        status.textContent = name + " is now number " + (rows(section).indexOf(r) + 1) + " of " + rows(section).length + ".";
        save();
      });
    });
  }

  function start() {
    store.probe();
    $$(document, "section.cw-quiz").forEach(function (section) {
      try { setup(section); } catch (e) {
        section.querySelector(".cw-status").textContent = "This quiz could not start: " + e.message;
      }
    });
  }

  window.coursewidgets = {
    grade: grade, store: store, problem: problem, download: download, exportAnswers: exportAnswers,
    storageWarning: storageWarning, today: today, FORMAT: FORMAT, VERSION: VERSION, STORE_KEY: STORE_KEY
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
