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

  var store = {
    ok: true,
    empty: function () { return { format: FORMAT, version: VERSION, student: "", responses: {} }; },
    load: function () {
      var raw;
      try { raw = window.localStorage.getItem(STORE_KEY); } catch (e) { store.ok = false; return store.memory; }
      if (!raw) return store.memory;
      try {
        var doc = JSON.parse(raw);
        if (doc && doc.format === FORMAT && doc.version === VERSION && doc.responses && typeof doc.responses === "object") return doc;
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
  store.memory = store.empty();

  /* ---------- the page: read, restore and mark each quiz ---------- */

  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function rows(section) { return $$(section, ".cw-item"); }

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
        rows(section).forEach(function (row) {
          if (row.hidden) return;
          var sel = row.querySelector("select"), on = row.querySelector("input:checked");
          var v = sel ? sel.value : on ? on.value : "";
          if (v) out[row.dataset.item] = v;
        });
        return out;
      case "ordering":
        return rows(section).map(function (row) { return row.dataset.item; });
      default:
        return section.querySelector("textarea").value;
    }
  }

  function writeAnswer(section, ex, answer) {
    if (ex.kind === "reflection") { section.querySelector("textarea").value = typeof answer === "string" ? answer : ""; return; }
    if (ex.kind === "ordering") {
      var list = section.querySelector(".cw-order");
      ids(answer).forEach(function (id) {
        var row = list.querySelector('[data-item="' + CSS.escape(id) + '"]');
        if (row) list.appendChild(row);
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
    rows(section).forEach(function (row) {
      row.classList.remove("cw-right", "cw-wrong");
      var fb = row.querySelector(".cw-feedback");
      fb.hidden = true; fb.textContent = "";
    });
    var errors = section.querySelector(".cw-errors");
    errors.hidden = true; errors.textContent = "";
    var model = section.querySelector(".cw-model");
    if (model) model.hidden = true;
  }

  function firstControl(row) { return row.querySelector("input, select, button"); }

  function showErrors(section, g) {
    var missing = g.items.filter(function (i) { return i.message === "Not answered."; });
    var box = section.querySelector(".cw-errors");
    if (!missing.length) return;
    var first = firstControl(section.querySelector('.cw-item[data-item="' + CSS.escape(missing[0].id) + '"]'));
    box.innerHTML = "";
    var heading = document.createElement("p");
    heading.className = "cw-errors-title";
    heading.textContent = missing.length === 1 ? "1 item is not answered yet." : missing.length + " items are not answered yet.";
    var link = document.createElement("a");
    link.href = "#" + first.id;
    link.textContent = "Go to the first one";
    link.addEventListener("click", function (ev) { ev.preventDefault(); first.focus(); });
    box.appendChild(heading); box.appendChild(link);
    box.hidden = false;
    box.focus();
  }

  function showGrade(section, ex, g) {
    clearMarks(section);
    var status = section.querySelector(".cw-status");
    if (ex.kind === "reflection") {
      var model = section.querySelector(".cw-model");
      model.querySelector("ul").innerHTML = "";
      g.items.forEach(function (p) {
        var li = document.createElement("li"); li.textContent = p.message; model.querySelector("ul").appendChild(li);
      });
      model.hidden = !g.complete;
      status.textContent = g.summary;
      return;
    }
    g.items.forEach(function (i) {
      var row = section.querySelector('.cw-item[data-item="' + CSS.escape(i.id) + '"]');
      if (!row) return;
      row.classList.add(i.correct ? "cw-right" : "cw-wrong");
      var fb = row.querySelector(".cw-feedback");
      fb.textContent = (i.correct ? "\u2713 Correct. " : "\u2717 Not quite. ") + i.message;
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
    rows(section).forEach(function (row) { row.hidden = valid.indexOf(row.dataset.item) < 0; });
    return all.filter(function (i) { return valid.indexOf(i) >= 0; });
  }

  function warnIfNotKept(section) {
    if (store.ok || section.querySelector(".cw-storage")) return;
    var note = document.createElement("p");
    note.className = "cw-storage";
    note.textContent = "This browser is not letting the course keep your answers, so they will be lost when you leave the page.";
    section.querySelector(".cw-form").prepend(note);
  }

  function setup(section) {
    var ex = JSON.parse(section.querySelector(".cw-data").textContent);
    var saved = store.get(ex.id);
    var state = { shown: draw(section, ex, saved && saved.shown) };
    var status = section.querySelector(".cw-status");

    function save(extra) {
      var entry = { answer: readAnswer(section, ex) };
      if (state.shown) entry.shown = state.shown;
      Object.keys(extra || {}).forEach(function (k) { entry[k] = extra[k]; });
      store.put(ex.id, entry);
      warnIfNotKept(section);
    }

    if (saved) {
      writeAnswer(section, ex, saved.answer);
      if (typeof saved.score === "number") showGrade(section, ex, grade(ex, saved.answer, state.shown));
    }

    section.querySelector(".cw-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var g = grade(ex, readAnswer(section, ex), state.shown);
      showGrade(section, ex, g);
      if (ex.kind !== "reflection" && !g.complete) showErrors(section, g);
      save({ score: g.score, max: g.max });
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
        var row = btn.closest(".cw-item"), list = row.parentNode, delta = Number(btn.dataset.move);
        var other = delta < 0 ? row.previousElementSibling : row.nextElementSibling;
        if (!other) { status.textContent = "Already " + (delta < 0 ? "first." : "last."); return; }
        list.insertBefore(row, delta < 0 ? other : other.nextElementSibling);
        btn.focus();
        var pos = rows(section).indexOf(row) + 1;
        status.textContent = row.querySelector(".cw-step").textContent + " is now number " + pos + " of " + rows(section).length + ".";
        save();
      });
    });
  }

  function start() {
    $$(document, "section.cw-quiz").forEach(function (section) {
      try { setup(section); } catch (e) {
        section.querySelector(".cw-status").textContent = "This quiz could not start: " + e.message;
      }
    });
  }

  window.coursewidgets = { grade: grade, store: store, FORMAT: FORMAT, VERSION: VERSION, STORE_KEY: STORE_KEY };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
