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

  /* The ids of a sound document's damaged entries (each is checked alone, by `problem`), or null when the
     document itself is unsound. */
  function damaged(doc) {
    function alone(responses) { var d = Object.assign({}, doc); d.responses = responses; return d; }
    if (problem(alone({}))) return null;
    return Object.keys(doc.responses).filter(function (id) {
      var one = Object.create(null);
      one[id] = doc.responses[id];
      return !!problem(alone(one));
    });
  }

  var BACKUP_KEY = STORE_KEY + ".unreadable";

  var store = {
    ok: true,
    read: false,
    lost: null,  /* what this page could not read of the saved answers: null, "all", or the damaged ids */
    backup: null,
    memory: { format: FORMAT, version: VERSION, student: "", responses: {} },
    /* Storage is usable only if a write succeeds: private modes and full quotas refuse writes. */
    probe: function () {
      try {
        window.localStorage.setItem(STORE_KEY + ".probe", "1");
        window.localStorage.removeItem(STORE_KEY + ".probe");
      } catch (e) { store.ok = false; }
      return store.ok;
    },
    /* What was saved is read even when writes fail; from then on this page's copy in memory is the one that
       counts. A damaged entry is set aside (the whole record is kept as a backup) and the rest still loads. */
    load: function () {
      if (!store.ok && store.read) return store.memory;
      store.read = true;
      var raw, doc = null;
      try { raw = window.localStorage.getItem(STORE_KEY); } catch (e) { store.ok = false; return store.memory; }
      if (!raw) return store.memory;
      try { doc = JSON.parse(raw); } catch (e) { /* unreadable: keep it aside */ }
      if (doc && !problem(doc)) { store.memory = doc; return doc; }
      store.keep(raw);
      var bad = doc && damaged(doc);
      if (bad) { bad.forEach(function (id) { delete doc.responses[id]; }); store.memory = doc; }
      store.lost = bad || "all";
      return store.memory;
    },
    /* Keep an unreadable record aside (in memory too, in case storage refuses it). */
    keep: function (raw) {
      store.backup = raw;
      try {
        if (window.localStorage.getItem(BACKUP_KEY) !== raw) window.localStorage.setItem(BACKUP_KEY, raw);
      } catch (e) { /* the copy in memory still downloads */ }
    },
    kept: function () {
      try { return store.backup || window.localStorage.getItem(BACKUP_KEY); } catch (e) { return store.backup; }
    },
    /* True when the browser saved it. */
    write: function (doc) {
      doc.updated = new Date().toISOString();
      store.memory = doc;
      try { window.localStorage.setItem(STORE_KEY, JSON.stringify(doc)); store.ok = true; } catch (e) { store.ok = false; }
      return store.ok;
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
    "Answers saved before still show, and the quizzes still work, but what you change now will be lost when you " +
    "leave or reload this page unless you download your answers.";

  /* A note shown once per page, at the start of `host`, with a button; false if it was there already. */
  function notice(host, cls, text, label, action) {
    if (document.querySelector("." + cls)) return false;
    var note = document.createElement("div");
    note.className = cls;
    var p = document.createElement("p");
    p.textContent = text;
    var btn = document.createElement("button");
    btn.type = "button";
    btn.textContent = label;
    btn.addEventListener("click", action);
    note.appendChild(p); note.appendChild(btn);
    host.prepend(note);
    return true;
  }

  /* The warning that answers are not being kept, with a button to take them away as a file. */
  function storageWarning(host) {
    return !store.ok && notice(host, "cw-storage", NOT_KEPT, "Download your answers", exportAnswers);
  }

  /* Say what of the saved answers could not be read, and offer the damaged record that was kept aside.
     With `always`, offer a backup kept from an earlier page too. */
  function damageNotice(host, always) {
    var backup = store.kept();
    if (!backup || !(store.lost || always)) return false;
    var lost = store.lost === "all" ? "The answers saved in this browser are damaged and could not be read. "
      : store.lost ? "Part of the answers saved in this browser is damaged: the saved answer to " +
        store.lost.map(function (id) { return "\u201c" + id + "\u201d"; }).join(" and ") +
        " could not be read. Your other answers are kept. "
      : "Answers saved in this browser were found damaged earlier. ";
    return notice(host, "cw-damaged", lost + "A copy of the damaged record is kept: download it to keep it safe, or " +
      "to ask your tutor for help.", "Download the damaged copy", function () {
      download("partnership-working-damaged-answers-" + today() + ".json", "application/json", store.kept());
    });
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
      tie(r, false);
    });
    $$(section, "[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var errors = section.querySelector(".cw-errors");
    errors.hidden = true; errors.textContent = "";
    var model = section.querySelector(".cw-model");
    if (model) model.hidden = true;
    showResult(section, []);
    section.cwChecked = false;
  }

  /* Tie an item's feedback to its controls (or untie it), so a screen reader reads the mark with the control. */
  function tie(r, on) {
    var fb = r.querySelector(".cw-feedback");
    $$(r, "input, select, button").forEach(function (c) {
      var ids = (c.getAttribute("aria-describedby") || "").split(" ").filter(function (i) { return i && i !== fb.id; });
      if (on) ids.push(fb.id);
      if (ids.length) c.setAttribute("aria-describedby", ids.join(" ")); else c.removeAttribute("aria-describedby");
    });
  }

  /* The result summary under the score: each item not right yet, as a link that moves the focus to it. */
  function showResult(section, wrong) {
    var box = section.querySelector(".cw-result");
    if (!box) {
      box = document.createElement("div");
      box.className = "cw-result";
      section.querySelector(".cw-status").after(box);
    }
    box.textContent = "";
    box.hidden = !wrong.length;
    if (!wrong.length) return;
    var title = document.createElement("p");
    title.className = "cw-result-title";
    title.textContent = wrong.length === 1 ? "1 answer is not right yet:" : wrong.length + " answers are not right yet:";
    var list = document.createElement("ul");
    wrong.forEach(function (r) {
      var target = r.querySelector("input:checked") || firstControl(r);
      var a = document.createElement("a");
      a.href = "#" + (target.id || r.id);
      a.textContent = r.querySelector(".cw-item-text, .cw-step, label").textContent;
      a.addEventListener("click", function (ev) { ev.preventDefault(); target.focus(); });
      var li = document.createElement("li");
      li.appendChild(a); list.appendChild(li);
    });
    box.appendChild(title); box.appendChild(list);
  }

  /* After Check, scroll as little as needed to show the error summary (or model points), the Check button and
     the score with its result summary; the button wins when they do not all fit. */
  function reveal(section) {
    var shown = function (sel) { var el = section.querySelector(sel); return el && !el.hidden ? el : null; };
    [shown(".cw-errors") || shown(".cw-model"), shown(".cw-result") || shown(".cw-status"), shown(".cw-check")]
      .forEach(function (el) { if (el) el.scrollIntoView({ block: "nearest", behavior: "instant" }); });
  }

  var STALE = "You changed your answer after it was checked, so the old marks are cleared. Press Check to mark it again.";

  /* Marks from the last Check no longer fit a changed answer: clear them and say so. True if there were any. */
  function outOfDate(section) {
    if (!section.cwChecked) return false;
    clearMarks(section);
    section.querySelector(".cw-status").textContent = STALE;
    return true;
  }

  /* "Start again" on a reflection deletes the learner's writing, so it asks first ("No" has the focus).
     True while the question is open; the "Yes" button presses "Start again" once more, now sure. */
  function askFirst(section) {
    var text = section.querySelector("textarea"), retry = section.querySelector(".cw-retry");
    if (section.cwSure || !text.value.replace(SPACE, "")) { section.cwSure = false; return false; }
    var box = section.querySelector(".cw-ask");
    if (!box) {
      box = document.createElement("div");
      box.className = "cw-confirm cw-ask";
      var q = document.createElement("p");
      q.id = section.id + "-ask";
      q.textContent = "Start again deletes what you have written here, and it cannot be undone. Delete it?";
      var buttons = document.createElement("div");
      buttons.className = "cw-actions";
      [["Yes, delete my answer", true], ["No, keep it", false]].forEach(function (choice) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = choice[0];
        b.setAttribute("aria-describedby", q.id);
        b.addEventListener("click", function () {
          box.hidden = true;
          if (!choice[1]) { retry.focus(); return; }
          section.cwSure = true;
          retry.click();
          text.focus();
        });
        buttons.appendChild(b);
      });
      box.appendChild(q); box.appendChild(buttons);
      section.querySelector(".cw-actions").after(box);
    }
    box.hidden = false;
    box.querySelector("button:last-child").focus();
    return true;
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
    section.cwChecked = true;
    g.items.forEach(function (i) {
      var r = row(section, i.id);
      if (!r) return;
      var missing = i.message === MISSING;
      r.classList.add(missing ? "cw-missing" : i.correct ? "cw-right" : "cw-wrong");
      var fb = r.querySelector(".cw-feedback");
      fb.textContent = missing ? "! Not answered yet." : (i.correct ? "\u2713 Correct. " : "\u2717 Not quite. ") + i.message;
      fb.hidden = false;
      tie(r, true);
    });
    status.textContent = "Score: " + g.summary;
    showResult(section, g.items.filter(function (i) { return i.correct === false && i.message !== MISSING; })
      .map(function (i) { return row(section, i.id); }).filter(Boolean));
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

    function save(extra) {
      var entry = { answer: readAnswer(section, ex) };
      if (state.shown) entry.shown = state.shown;
      Object.keys(extra || {}).forEach(function (k) { entry[k] = extra[k]; });
      store.put(ex.id, entry);
      if (storageWarning(section.parentNode)) status.textContent += " " + NOT_KEPT;
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
      reveal(section);
    });
    section.addEventListener("change", function (ev) { if (ev.target.matches("input, select")) { outOfDate(section); save(); } });
    section.addEventListener("input", function (ev) { if (ev.target.matches("textarea")) save(); });
    section.querySelector(".cw-retry").addEventListener("click", function () {
      if (ex.kind === "reflection" && askFirst(section)) return;
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
        var stale = outOfDate(section);
        status.textContent = name + " is now number " + (rows(section).indexOf(r) + 1) + " of " + rows(section).length + "." +
          (stale ? " " + STALE : "");
        save();
      });
    });
  }

  /* The buttons stay hidden and disabled (see the noscript note) until the quiz is set up. */
  function ready(section) {
    var actions = section.querySelector(".cw-actions");
    actions.hidden = false;
    $$(actions, "button").forEach(function (b) { b.disabled = false; });
  }

  function start() {
    store.probe();
    var quizzes = $$(document, "section.cw-quiz");
    quizzes.forEach(function (section) {
      try { setup(section); ready(section); } catch (e) {
        section.querySelector(".cw-status").textContent = "This quiz could not start: " + e.message;
      }
    });
    if (quizzes.length) { storageWarning(quizzes[0].parentNode); damageNotice(quizzes[0].parentNode, false); }
  }

  window.coursewidgets = {
    grade: grade, store: store, problem: problem, download: download, exportAnswers: exportAnswers,
    storageWarning: storageWarning, damageNotice: damageNotice, today: today, FORMAT: FORMAT, VERSION: VERSION, STORE_KEY: STORE_KEY
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
