/* Kernel-free quizzes for the course site.
 *
 * Each <section class="cw-quiz"> holds native form controls and its exercise as JSON.
 * `grade` mirrors core/grading.py rule for rule and `layout` mirrors core/layout.py (the seeded order a
 * quiz shows its parts in); tests/test_parity.py proves both. Answers, with the seed of their attempt, are
 * kept in localStorage in the response-file format (core/responses.py), version 2; version 1 is migrated.
 */
(function () {
  "use strict";

  var FORMAT = "coursewidgets-responses";
  var VERSION = 2;
  var READS = [1, 2];
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

  /* Multiple-select item messages begin with these (grading.py's constants). */
  var TICKED_RIGHT = "\u2713 ", TICKED_WRONG = "\u2717 ", MISSED = "Missed: this one is right. ";

  /* The classification items marked: every item, or with a sample the first `sample` known distinct ids
     of `shown` (places it does not fill score 0). */
  function markedItems(ex, shown) {
    var known = ex.items.map(function (i) { return i.id; });
    if (!ex.sample) return known;
    return ids(shown).filter(function (i) { return known.indexOf(i) >= 0; }).slice(0, ex.sample);
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
      if (picked) items.push(item(o.id, o.correct, (o.correct ? TICKED_RIGHT : TICKED_WRONG) + o.feedback));
      else if (o.correct) items.push(item(o.id, false, MISSED + o.feedback));
      else items.push(item(o.id, null, ""));
    });
    var score = Math.max(0, right - wrong);
    return result(ex, score, max, complete, items, complete ? summary(score, max, true) : "No option chosen yet.");
  }

  function placements(ex, answer, itemIds, max) {
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
    var complete = itemIds.length === max && items.every(function (i) { return i.message !== "Not answered."; });
    return result(ex, score, max, complete, items, summary(score, max, complete));
  }

  /* One mark per step followed by the step that comes next, or (the last step) by nothing: Moodle's
     "relative to the next item, including last". */
  function ordering(ex, answer) {
    var key = ex.steps.map(function (s) { return s.id; });
    var order = ids(answer).filter(function (i) { return key.indexOf(i) >= 0; });
    var max = key.length, items = [], score = 0;
    if (!order.length) return result(ex, 0, max, false, [], "Nothing put in order yet.");
    order.forEach(function (id, n) {
      var at = key.indexOf(id), last = at === key.length - 1, fb = ex.steps[at].feedback;
      var ok = (n + 1 < order.length ? order[n + 1] : null) === (last ? null : key[at + 1]);
      if (ok) score += 1;
      items.push(item(id, ok, (ok ? (last ? "Right: it comes last." : "Right: followed by the step that comes next.")
        : last ? "Belongs last, at position " + (at + 1) + "."
        : "Belongs at position " + (at + 1) + "; the step after it should be the one for position " + (at + 2) + ".") + " " + fb));
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

  function grade(whole, answer, shown, seed) {
    var ex = pick(whole, seed || 0);
    switch (ex.kind) {
      case "single_choice": return single(ex, answer);
      case "multiple_select": return multiple(ex, answer);
      case "classification": return placements(ex, answer, markedItems(ex, shown), ex.sample || ex.items.length);
      case "matching": return placements(ex, answer, ex.pairs.map(function (p) { return p.id; }), ex.pairs.length);
      case "ordering": return ordering(ex, answer);
      default: return reflection(ex, answer);
    }
  }

  /* ---------- certainty-based marking: keep in step with confidence.py ---------- */

  var LEVELS = { 1: "Guessing", 2: "Fairly sure", 3: "Sure" }, RIGHT = { 1: 1, 2: 2, 3: 3 }, WRONG = { 1: 0, 2: -2, 3: -6 };
  var MAX_HISTORY = 1000;

  function isLevel(v) { return v === 1 || v === 2 || v === 3; }

  /* Gardner-Medwin's marks as Moodle gives them: no marks at all is wrong (the level's penalty); otherwise
     the level's reward times the share of the marks. null without a level or without marks. */
  function confidenceMark(score, max, confidence) {
    if (!isLevel(confidence) || !(max > 0)) return null;
    return score <= 0 ? WRONG[confidence] : RIGHT[confidence] * score / max;
  }

  /* The sentence beside the score (confidence.py's `describe`): "Sure but wrong: -6.", "Fairly sure and partly
     right (3 of 4): +1.5.", "Guessing and right: +1.". */
  function describeConfidence(score, max, confidence) {
    var v = confidenceMark(score, max, confidence);
    if (v === null) return "No confidence mark: you did not say how sure you were.";
    var how = score >= max ? "and right" : score <= 0 ? (confidence > 1 ? "but wrong" : "and wrong")
      : "and partly right (" + score + " of " + max + ")";
    var signed = v === 0 ? "0" : ((v > 0 ? "+" : "") + v.toFixed(2)).replace(/0+$/, "").replace(/\.$/, "");
    return LEVELS[confidence] + " " + how + ": " + signed + ".";
  }

  /* ---------- layout: keep in step with layout.py ---------- */

  function mulberry32(a) {
    return function () {
      a |= 0; a = (a + 0x6D2B79F5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* Fisher-Yates from the end; a new list. */
  function shuffle(list, rng) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(rng() * (i + 1)), t = out[i];
      out[i] = out[j]; out[j] = t;
    }
    return out;
  }

  function idsOf(list) { return list.map(function (x) { return x.id; }); }

  /* Pinned options keep their place; the others fill the remaining places in shuffled order. */
  function options(list, rng) {
    var free = shuffle(idsOf(list.filter(function (o) { return !o.pin; })), rng);
    return list.map(function (o) { return o.pin ? o.id : free.shift(); });
  }

  /* The stratified draw: `sample` places shared out evenly over the categories (capped by their size),
     then that many of each category's items, category by category. */
  function drawn(ex, rng) {
    var groups = ex.categories.map(function (c) {
      return idsOf(ex.items.filter(function (i) { return i.answer === c.id; }));
    });
    var quota = groups.map(function () { return 0; }), left = ex.sample;
    while (left > 0) {
      groups.forEach(function (g, n) { if (left > 0 && quota[n] < g.length) { quota[n] += 1; left -= 1; } });
    }
    return groups.reduce(function (out, g, n) { return out.concat(shuffle(g, rng).slice(0, quota[n])); }, []);
  }

  /* ---------- variants: keep in step with layout.py; ex.variants holds what differs (html.py's page_data) ---------- */

  function variantCount(ex) { return Array.isArray(ex.variants) && ex.variants.length ? ex.variants.length : 1; }

  function variantsOf(ex) {
    if (variantCount(ex) < 2) return [ex];
    return ex.variants.map(function (body) { var v = Object.assign({}, ex, body); v.variants = []; return v; });
  }

  function variantIndex(ex, seed) { return seed % variantCount(ex); }

  function pick(ex, seed) { return variantCount(ex) < 2 ? ex : variantsOf(ex)[variantIndex(ex, seed)]; }

  function nextSeed(ex, random32, previous) {
    var n = variantCount(ex), seed = random32 >>> 0;
    if (n < 2 || previous === null || previous === undefined || seed % n !== previous % n) return seed;
    var moved = seed - seed % n + (previous % n + 1 + Math.floor(seed / n) % (n - 1)) % n;
    return moved < 4294967296 ? moved : moved - n;
  }

  /* A shuffle of the steps that is not the right order, as layout.py's _steps. */
  function steps(key, rng) {
    for (var tries = 0; tries < 64; tries += 1) {
      var order = shuffle(key, rng);
      if (order.join("\u0000") !== key.join("\u0000")) return order;
    }
    return [key[1], key[0]].concat(key.slice(2));
  }

  function layout(whole, seed) {
    var rng = mulberry32(seed), ex = pick(whole, seed);
    switch (ex.kind) {
      case "single_choice":
      case "multiple_select": return { options: options(ex.options, rng) };
      case "classification":
        if (!ex.sample) return { items: shuffle(idsOf(ex.items), rng) };
        var shown = shuffle(drawn(ex, rng), rng);  /* never in category order: that would give the key away */
        return { shown: shown, items: shown };
      case "matching": return { items: shuffle(idsOf(ex.pairs), rng), targets: shuffle(idsOf(ex.targets), rng) };
      case "ordering": return { order: steps(idsOf(ex.steps), rng) };
      default: return {};
    }
  }

  /* An ISO-8601 date or date-time: its first ten characters are a real day of the years 1970 to 9998
     (as responses.py asks). */
  function isDay(s) {
    var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(s);
    if (!m || +m[1] < 1970 || +m[1] > 9998) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function isSeed(v) { return Number.isInteger(v) && v >= 0 && v <= 4294967295; }

  function newSeed() { return window.crypto.getRandomValues(new Uint32Array(1))[0]; }

  /* ---------- storage: one response document in localStorage ---------- */

  /* The problem with a decoded response document (version 1 or 2), as the end of a sentence, or "" if it
     is sound. Mirrors the checks of responses.py's ResponseFile. */
  function problem(doc) {
    function isInt(v) { return v === undefined || v === null || Number.isInteger(v); }
    function isText(v) { return v === undefined || v === null || typeof v === "string"; }
    function isCount(v) { return Number.isInteger(v) && v >= 0; }
    function isReview(h) {
      return h && typeof h === "object" && !Array.isArray(h) && typeof h.at === "string" && isDay(h.at) &&
        isCount(h.score) && isCount(h.max) && (h.confidence === undefined || h.confidence === null || isLevel(h.confidence)) &&
        (h.variant === undefined || h.variant === null || (isCount(h.variant) && h.variant <= 999));
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc) || doc.format !== FORMAT) {
      return "it is not a file of answers saved from this course.";
    }
    if (READS.indexOf(doc.version) < 0) {
      return "it is version " + JSON.stringify(doc.version) + " of the answers format, and this course reads versions " + READS.join(" and ") + ".";
    }
    if (!isText(doc.student) || (doc.student || "").length > 200) return "its student name is not valid.";
    if (!doc.responses || typeof doc.responses !== "object" || Array.isArray(doc.responses)) return "it holds no answers.";
    var bad = Object.keys(doc.responses).filter(function (id) {
      var r = doc.responses[id];
      return !r || typeof r !== "object" || Array.isArray(r) || !isInt(r.score) || !isInt(r.max) || !isText(r.updated) ||
        !(doc.version === 1 || r.seed === undefined || r.seed === null || isSeed(r.seed)) ||  /* v1 seeds are dropped */
        !(r.confidence === undefined || r.confidence === null || isLevel(r.confidence)) ||
        !(r.history === undefined || r.history === null ||
          (Array.isArray(r.history) && r.history.length <= MAX_HISTORY && r.history.every(isReview))) ||
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

  /* Bring a sound document up to the current version in place; true if it was older. A version 1 entry
     brings no seed (as in responses.py): each quiz gives its entry one when it next shows it. */
  function migrate(doc) {
    if (doc.version === VERSION) return false;
    doc.version = VERSION;
    Object.keys(doc.responses).forEach(function (id) { delete doc.responses[id].seed; });
    return true;
  }

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
      if (window.cwStorageRefused) store.ok = false;  /* the page's in-memory stand-in (templates/layout.html) */
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
      if (doc && !problem(doc)) {
        store.memory = doc;
        if (migrate(doc)) store.write(doc);
        return doc;
      }
      store.keep(raw);
      var bad = doc && damaged(doc);
      if (bad) { bad.forEach(function (id) { delete doc.responses[id]; }); migrate(doc); store.memory = doc; }
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
      try { window.localStorage.setItem(STORE_KEY, JSON.stringify(doc)); store.ok = !window.cwStorageRefused; } catch (e) { store.ok = false; }
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

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The learner's own day (their time zone) of a date or date-time: a date alone is that day; a date-time
     with an offset or "Z" is turned into local time; one without is local time already. */
  function localDay(at) {
    if (at.length <= 10) return at.slice(0, 10);
    var d = new Date(at);
    if (isNaN(d.getTime())) return at.slice(0, 10);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function today() { return localDay(new Date().toISOString()); }

  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];

  /* A day in words, "Thursday 3 December" (with the year when it is not this year's); as schedule.py's words. */
  function dayWords(day) {
    var d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)));
    var out = WEEKDAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
    return day.slice(0, 4) === today().slice(0, 4) ? out : out + " " + day.slice(0, 4);
  }

  function exportAnswers() {
    download("partnership-working-answers-" + today() + ".json", "application/json",
      JSON.stringify(store.load(), null, 1));
  }

  var NOT_KEPT = "Your browser is not letting this course save your answers (private browsing, blocked site data, or " +
    "full storage). The quizzes still work, but what you do now will be lost when you leave or reload this page, " +
    "and Review cannot plan from it. To keep it, download your answers now; you can load the file on My progress " +
    "in a browser that saves (not a private window), or here once you allow this site to store data.";

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
        var on = section.querySelector(".cw-question input:checked");
        return on ? on.value : null;
      case "multiple_select":
        return $$(section, ".cw-question input:checked").map(function (i) { return i.value; });
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
      number(section);
      return;
    }
    var chosen = ex.kind === "single_choice" ? [answer] : ex.kind === "multiple_select" ? ids(answer) : null;
    var placed = mapping(answer);
    $$(section, ".cw-question input").forEach(function (input) {
      input.checked = chosen ? chosen.indexOf(input.value) >= 0
        : placed.get(input.closest(".cw-item").dataset.item) === input.value;
    });
    $$(section, "select").forEach(function (sel) { sel.value = placed.get(sel.closest(".cw-item").dataset.item) || ""; });
  }

  /* How sure the learner says they are (1, 2 or 3), or null. */
  function readSure(section) {
    var on = section.querySelector(".cw-sure input:checked");
    return on ? Number(on.value) : null;
  }

  function writeSure(section, level) {
    $$(section, ".cw-sure input").forEach(function (i) { i.checked = Number(i.value) === level; });
  }

  function clearMarks(section) {
    rows(section).forEach(function (r) {
      r.classList.remove("cw-right", "cw-wrong", "cw-missing", "cw-missed", "cw-answer");
      var fb = r.querySelector(".cw-feedback");
      fb.hidden = true; fb.textContent = "";
      tie(r, false);
    });
    $$(section, "[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var errors = section.querySelector(".cw-errors");
    errors.hidden = true; errors.textContent = "";
    var model = section.querySelector(".cw-model");
    if (model) model.hidden = true;
    var cbm = section.querySelector(".cw-cbm");
    if (cbm) { cbm.hidden = true; cbm.textContent = ""; }
    showResult(section, []);
    section.cwChecked = false;
    lockSure(section, false);
    section.classList.remove("cw-fold");
    $$(section, ".cw-fold-toggle").forEach(function (b) { b.remove(); });
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
      section.querySelector(".cw-form").appendChild(box);  /* under the score and the confidence mark */
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

  /* After Check, scroll as little as needed to show the error summary, the Check button and the score with its
     result summary (or a reflection's model points); the button wins when they do not all fit. */
  function reveal(section) {
    var shown = function (sel) { var el = section.querySelector(sel); return el && !el.hidden ? el : null; };
    [shown(".cw-errors"), shown(".cw-result") || shown(".cw-model") || shown(".cw-status"), shown(".cw-check")]
      .forEach(function (el) { if (el) el.scrollIntoView({ block: "nearest", behavior: "instant" }); });
  }

  var STALE = "You changed your answer after it was checked, so the old marks are cleared. Press Check to mark it again.";

  /* Marks from the last Check no longer fit a changed answer: clear them and say so. True if there were any.
     The feedback that goes can pull the control being changed up under the page's sticky header: bring it
     back into view (the page's scroll padding keeps it clear of the header). */
  function outOfDate(section) {
    if (!section.cwChecked) return false;
    clearMarks(section);
    section.querySelector(".cw-status").textContent = STALE;
    var here = document.activeElement;
    if (here && section.contains(here)) here.scrollIntoView({ block: "nearest", behavior: "instant" });
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
          section.querySelector("textarea").focus();
        });
        buttons.appendChild(b);
      });
      box.appendChild(q); box.appendChild(buttons);
      box.addEventListener("keydown", function (ev) {  /* Escape keeps the answer, as "No" does */
        if (ev.key === "Escape") { ev.preventDefault(); box.hidden = true; retry.focus(); }
      });
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
    var gaps = g.items.filter(function (i) { return i.message === MISSING; }).map(function (i) { return i.id; });
    var missing = rows(section).filter(function (r) { return gaps.indexOf(r.dataset.item) >= 0; });  /* as shown */
    var controls = missing.length ? missing.map(firstControl) : [firstControl(section.querySelector(".cw-form"))];
    controls.forEach(function (c) { c.setAttribute("aria-invalid", "true"); });
    var first = controls[0];
    var what = missing.length ? "\u201c" + missing[0].querySelector(".cw-item-text, label").textContent + "\u201d" : "the question";
    var box = section.querySelector(".cw-errors");
    box.textContent = "";
    var title = document.createElement("p");
    title.className = "cw-errors-title";
    title.textContent = "Not answered yet";
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
      if (i.correct === null) return;  /* a wrong option left unticked */
      var missing = i.message === MISSING, missed = ex.kind === "multiple_select" && !i.correct && !firstControl(r).checked;
      r.classList.add(missing ? "cw-missing" : missed ? "cw-missed" : i.correct ? "cw-right" : "cw-wrong");
      var fb = r.querySelector(".cw-feedback");
      /* multiple-select messages carry their own mark (and a missed option is not "Not quite") */
      fb.textContent = missing ? "! Not answered yet." : ex.kind === "multiple_select" ? i.message
        : (i.correct ? "\u2713 Correct. " : "\u2717 Not quite. ") + i.message;
      fb.hidden = false;
      if (i.correct && ex.kind === "classification") whyApart(fb, i.message);
      tie(r, true);
    });
    fold(section, ex);
    if (ex.kind === "single_choice" && g.complete && !g.score) showRight(section, ex);
    status.textContent = "Score: " + g.summary;
    lockSure(section, true);
    var cbm = section.querySelector(".cw-cbm");
    cbm.textContent = describeConfidence(g.score, g.max, readSure(section)) + rereadAdvice(section, g);
    cbm.hidden = false;
    showResult(section, g.items.filter(function (i) { return i.correct === false && i.message !== MISSING; })
      .map(function (i) { return row(section, i.id); }).filter(Boolean));
  }

  /* The seed and layout of the attempt saved in `entry`, or of a new attempt (not asking the variant of
     `previous`). An entry migrated from version 1 has no seed and gets a new one, except a sampled
     classification's: it keeps the items drawn then (with no seed, as no seed draws them) in a new order. */
  function attempt(ex, entry, previous) {
    if (ex.kind === "reflection" && variantCount(ex) < 2) return { seed: null, lay: {} };
    if (entry && isSeed(entry.seed)) return { seed: entry.seed, lay: layout(ex, entry.seed) };
    var seed = nextSeed(ex, newSeed(), previous), lay = layout(ex, seed);
    var old = entry && ex.kind === "classification" && ex.sample ? markedItems(ex, entry.shown) : [];
    if (old.length) return { seed: null, lay: { shown: old, items: shuffle(old, mulberry32(seed)) } };
    return { seed: seed, lay: lay };
  }

  /* The classification items an entry's attempt drew: those of its seed, never a list it merely claims. */
  function shownOf(ex, entry) {
    var asked = entry && isSeed(entry.seed) ? pick(ex, entry.seed) : ex;
    if (asked.kind !== "classification" || !asked.sample || !entry) return null;
    return isSeed(entry.seed) ? layout(ex, entry.seed).shown : entry.shown;
  }

  /* Variants (div.cw-variant) leave the page; showVariant puts back the one asked. */
  function takeVariants(section) {
    var bodies = $$(section, ".cw-variant");
    if (!bodies.length) return;
    var place = document.createComment("");
    bodies[0].before(place);
    bodies.forEach(function (b) { b.remove(); });
    section.cwVariants = { place: place, bodies: bodies, shown: null };
  }

  /* True if it changed. */
  function showVariant(section, n) {
    var v = section.cwVariants;
    if (!v || v.shown === v.bodies[n]) return false;
    if (v.shown) v.shown.remove();
    v.shown = v.bodies[n];
    v.shown.hidden = false;
    v.place.after(v.shown);
    return true;
  }

  function inEveryVariant(section, sel) {
    var v = section.cwVariants;
    return v ? v.bodies.reduce(function (all, b) { return all.concat($$(b, sel)); }, []) : $$(section, sel);
  }

  /* Show the ordering positions' numbers (the list's own numbers are not drawn: its rows are flex boxes). */
  function number(section) {
    $$(section, ".cw-order .cw-pos").forEach(function (pos, n) { pos.textContent = (n + 1) + "."; });
  }

  /* Put the rows, and a matching quiz's dropdown choices, in the layout's order; hide undrawn items. */
  function arrange(section, ex, lay) {
    var order = lay.options || lay.items || lay.order || [];
    order.forEach(function (id) { var r = row(section, id); r.parentNode.appendChild(r); });
    $$(section, "select").forEach(function (sel) {
      (lay.targets || []).forEach(function (id) { sel.appendChild(sel.querySelector('option[value="' + CSS.escape(id) + '"]')); });
    });
    if (lay.shown) rows(section).forEach(function (r) { r.hidden = lay.shown.indexOf(r.dataset.item) < 0; });
    section.cwStartOrder = lay.order;
    number(section);
  }

  function setup(section) {
    var ex = JSON.parse(section.querySelector(".cw-data").textContent);
    var fresh = !!section.closest("[data-review]");  /* on the review page: a new attempt, in a new layout */
    var saved = fresh ? null : store.get(ex.id), last = store.get(ex.id);
    var state = attempt(ex, saved, last && last.seed);
    takeVariants(section);
    showVariant(section, variantIndex(ex, state.seed || 0));
    arrange(section, ex, state.lay);
    var status = section.querySelector(".cw-status");
    var form = section.querySelector(".cw-form");

    function save(extra) {
      if (fresh) { keepCheck(ex.id, extra); return; }
      var entry = { answer: readAnswer(section, ex) }, sure = readSure(section), history = historyOf(ex.id);
      if (state.seed !== null) entry.seed = state.seed;
      if (state.lay.shown) entry.shown = state.lay.shown;
      if (sure !== null) entry.confidence = sure;
      if (history.length) entry.history = history;
      Object.keys(extra || {}).forEach(function (k) { entry[k] = extra[k]; });
      store.put(ex.id, entry);
      if (storageWarning(noticeHost(section))) status.textContent += " " + NOT_KEPT;
    }

    if (saved) {
      writeAnswer(section, ex, saved.answer);
      if (isLevel(saved.confidence)) writeSure(section, saved.confidence);
      if (typeof saved.score === "number") {
        showGrade(section, ex, grade(ex, saved.answer, state.lay.shown, state.seed));
        section.cwLast = answerKey(ex, saved.answer);
      }
      if (state.seed !== null && saved.seed !== state.seed) {  /* a migrated entry keeps the layout it is shown in */
        var doc = store.load();
        doc.responses[ex.id].seed = state.seed;
        store.write(doc);
      }
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var answer = readAnswer(section, ex), g = grade(ex, answer, state.lay.shown, state.seed);
      if (recheck(section, ex, answer, g)) return;
      showGrade(section, ex, g);
      if (blank(ex, answer)) { showErrors(section, ex, g); reveal(section); return; }  /* nothing to record */
      section.cwLast = answerKey(ex, answer);
      var checked = { score: g.score, max: g.max };
      if (g.max > 0) checked.history = answered(ex, state, review(ex.id, g, readSure(section)));
      save(checked);
      announce(section, "checked", { id: ex.id, grade: g, entry: store.get(ex.id) });
      if (!g.complete) showErrors(section, ex, g);
      reveal(section);
    });
    section.addEventListener("change", function (ev) { if (ev.target.matches("input, select")) { outOfDate(section); save(); } });
    section.addEventListener("input", function (ev) { if (ev.target.matches("textarea")) save(); });
    section.querySelector(".cw-retry").addEventListener("click", function () {
      if (ex.kind === "reflection" && askFirst(section)) return;
      clearMarks(section);
      state = attempt(ex, null, state.seed);
      var other = showVariant(section, variantIndex(ex, state.seed || 0));
      arrange(section, ex, state.lay);
      writeAnswer(section, ex, null);
      writeSure(section, null);
      section.cwLast = null;
      status.textContent = other ? "Cleared. Have a go at this new question." : "Cleared. Have another go.";
      if (fresh) return;  /* a review's new attempt leaves the lesson's answer as it is */
      startAgain(ex, state);
      announce(section, "restart", { id: ex.id });
    });
    inEveryVariant(section, "[data-move]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var r = btn.closest(".cw-item"), list = r.parentNode, delta = Number(btn.dataset.move);
        var other = delta < 0 ? r.previousElementSibling : r.nextElementSibling;
        var name = r.querySelector(".cw-step").textContent;
        if (!other) { status.textContent = name + " is already " + (delta < 0 ? "first." : "last."); return; }
        list.insertBefore(r, delta < 0 ? other : other.nextElementSibling);
        btn.focus();
        number(section);
        var stale = outOfDate(section);
        status.textContent = name + " is now number " + (rows(section).indexOf(r) + 1) + " of " + rows(section).length + "." +
          (stale ? " " + STALE : "");
        save();
      });
    });
  }

  /* Start again keeps the Checks (the review page plans from them) and, with variants, the new seed (a reload
     asks the new variant). */
  function startAgain(ex, state) {
    var entry = {}, history = historyOf(ex.id);
    if (variantCount(ex) > 1) entry = { seed: state.seed, shown: state.lay.shown };
    if (history.length) entry.history = history;
    store.put(ex.id, entry.seed !== undefined || history.length ? entry : null);
  }

  /* After a wrong single choice, say which option is right, and why: practice needs no guessing again. */
  function showRight(section, ex) {
    var right = variantsOf(ex).map(function (v) { return v.options.filter(function (o) { return o.correct; })[0]; })
      .filter(function (o) { return row(section, o.id); })[0], r = right && row(section, right.id);
    if (!r) return;
    r.classList.add("cw-answer");
    var fb = r.querySelector(".cw-feedback");
    fb.textContent = "\u2713 The right answer. " + right.feedback;
    fb.hidden = false;
    tie(r, true);
  }

  /* ---------- a long classification folds the reasons of its right items (the wrong ones stay open) ---------- */

  var FOLD_FROM = 7;

  /* Put an item's reason in its own span, so that folding leaves "✓ Correct." in view (not colour alone). */
  function whyApart(fb, message) {
    var why = document.createElement("span");
    why.className = "cw-why";
    why.textContent = message;
    fb.textContent = "\u2713 Correct. ";
    fb.appendChild(why);
  }

  /* After Check, a classification showing FOLD_FROM items or more hides the reasons of the right ones (its
     controls are still described by them) behind one button that shows them again. */
  function fold(section, ex) {
    var right = $$(section, ".cw-item.cw-right:not([hidden])").length;
    if (ex.kind !== "classification" || rows(section).filter(function (r) { return !r.hidden; }).length < FOLD_FROM || !right) return;
    section.classList.add("cw-fold");
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "cw-fold-toggle";
    btn.setAttribute("aria-expanded", "false");
    btn.textContent = "Show why for the " + right + " right " + (right === 1 ? "answer" : "answers");
    btn.addEventListener("click", function () {
      var open = section.classList.toggle("cw-fold");
      btn.setAttribute("aria-expanded", String(!open));
      btn.textContent = (open ? "Show" : "Hide") + " why for the " + right + " right " + (right === 1 ? "answer" : "answers");
    });
    section.querySelector(".cw-cbm").after(btn);
  }

  /* After a confident answer short of full marks: which part of the course to read again (the heading of the
     lesson section that holds the quiz, or on the review page the section it links to). */
  function rereadAdvice(section, g) {
    var sure = readSure(section);
    if (!(sure >= 2) || g.score >= g.max) return "";
    var link = section.closest("[data-review]"), heading = null;
    link = link && link.querySelector(".cw-review-why a");
    if (!link) {
      var part = section.parentElement && section.parentElement.closest("section");
      heading = part && part.querySelector("h1, h2, h3, h4");
    }
    var name = link ? link.textContent : heading ? heading.textContent.replace(/#$/, "").trim() : "";
    return name ? " Read \u201c" + name + "\u201d again." : " Read that part of the lesson again.";
  }

  /* ---------- what a Check records (nothing lost, nothing farmed) ---------- */

  /* True when nothing at all is answered: such a Check is not recorded. */
  function blank(ex, answer) {
    if (ex.kind === "ordering") return false;
    if (ex.kind === "reflection") return !(text(answer) || "").replace(SPACE, "");
    if (Array.isArray(answer)) return !answer.length;
    return answer && typeof answer === "object" ? !Object.keys(answer).length : !text(answer);
  }

  /* An answer as a string that is the same for the same answer, whatever order its parts were read in. */
  function answerKey(ex, answer) {
    if (ex.kind === "multiple_select") return JSON.stringify(ids(answer).sort());
    if (ex.kind === "classification" || ex.kind === "matching") {
      var m = mapping(answer);
      return JSON.stringify(Array.from(m.keys()).sort().map(function (k) { return [k, m.get(k)]; }));
    }
    return JSON.stringify(answer === undefined ? null : answer);
  }

  var AGAIN = " This answer is already checked and recorded. Change your answer, or press Start again, to try again.";

  /* Check pressed again on the answer already checked in this attempt: show its marks, record nothing more
     (so extra presses, or a safer "How sure are you?" after seeing the marks, add nothing to the history). */
  function recheck(section, ex, answer, g) {
    if (ex.kind === "reflection" || !section.cwLast || section.cwLast !== answerKey(ex, answer)) return false;
    if (!section.cwChecked) showGrade(section, ex, g);
    section.querySelector(".cw-status").textContent = "Score: " + g.summary + AGAIN;
    reveal(section);
    return true;
  }

  /* On the review page a Check only adds to the exercise's history: the answer checked in the lesson, its
     marks and layout stay as they were, and touching an answer records nothing. */
  function keepCheck(id, extra) {
    if (!extra || !extra.history) return;
    var entry = Object.assign({}, store.get(id) || {});
    entry.history = extra.history;
    store.put(id, entry);
  }

  /* How sure the learner was goes with the Check: it cannot change while that Check's marks show. */
  function lockSure(section, on) {
    var sure = section.querySelector(".cw-sure");
    if (sure) sure.disabled = on;
  }

  /* Tell the page (and an LMS launch page framing it: lms/static/lms.js) that a quiz was checked or restarted. */
  function announce(section, what, detail) {
    section.dispatchEvent(new CustomEvent("coursewidgets:" + what, { bubbles: true, detail: detail }));
  }

  /* With variants, the last Check says which was answered. */
  function answered(ex, state, history) {
    if (variantCount(ex) > 1) history[history.length - 1].variant = variantIndex(ex, state.seed || 0);
    return history;
  }

  /* The Checks saved for an exercise, oldest first. */
  function historyOf(id) {
    var entry = store.get(id);
    return entry && Array.isArray(entry.history) ? entry.history.slice() : [];
  }

  /* The history with one more Check: now, its marks and how sure the learner said they were. */
  function review(id, g, sure) {
    var h = historyOf(id);
    h.push({ at: new Date().toISOString(), score: g.score, max: g.max, confidence: sure });
    return h.slice(-MAX_HISTORY);
  }

  /* Where a page's notices go: before its quizzes (on the review page, before the review, as a quiz there may
     be hidden). */
  function noticeHost(section) { return section.closest(".cw-review") || section.parentNode; }

  /* The top of the page, under its title, where a learner sees a warning first; null without a title. */
  function topHost() {
    var h1 = document.querySelector(".bd-article h1"), box = document.getElementById("cw-notices");
    if (!box && h1) { box = document.createElement("div"); box.id = "cw-notices"; h1.after(box); }
    return box;
  }

  /* The buttons stay hidden and disabled (see the noscript note) until the quiz is set up. */
  function ready(section) {
    var actions = section.querySelector(".cw-actions");
    actions.hidden = false;
    $$(actions, "button").forEach(function (b) { b.disabled = false; });
  }

  /* Set up a quiz put in the page after it loaded (the review page fetches the quizzes due). */
  function setupQuiz(section) { setup(section); ready(section); }

  function start() {
    store.probe();
    var quizzes = $$(document, "section.cw-quiz");
    quizzes.forEach(function (section) {
      try { setup(section); ready(section); } catch (e) {
        section.querySelector(".cw-status").textContent = "This quiz could not start: " + e.message;
      }
    });
    if (quizzes.length) { storageWarning(topHost() || noticeHost(quizzes[0])); damageNotice(noticeHost(quizzes[0]), false); }
  }

  window.coursewidgets = {
    grade: grade, layout: layout, variantsOf: variantsOf, variantIndex: variantIndex, pick: pick, nextSeed: nextSeed,
    confidenceMark: confidenceMark, describeConfidence: describeConfidence, readSure: readSure, blank: blank,
    setupQuiz: setupQuiz, isDay: isDay, shownOf: shownOf, store: store, problem: problem, migrate: migrate,
    download: download, exportAnswers: exportAnswers, storageWarning: storageWarning, damageNotice: damageNotice,
    today: today, LEVELS: LEVELS, localDay: localDay, dayWords: dayWords, FORMAT: FORMAT, VERSION: VERSION, STORE_KEY: STORE_KEY
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
