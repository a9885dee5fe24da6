/* The SCORM bridge of the launch page (lms-launch.html) that lms/package.py writes: the one SCO.
 *
 * It finds the LMS's API (SCORM 1.2 `API` or 2004 `API_1484_11`) through window.parent and window.opener;
 * with none it hands over to the course's start page, which then works as the site does. Otherwise it
 * initialises once, restores the learner's answers from cmi.suspend_data into this browser's store, and
 * frames the course: a learner moves between lessons inside the frame, so the LMS session lasts the launch.
 * After each Check or "Start again" in the frame (the `coursewidgets:checked` and `coursewidgets:restart`
 * events of coursewidgets.js), and whenever the frame shows a new page, it grades every saved answer with
 * coursewidgets.js's grader (the one tests/test_parity.py holds to core/grading.py) and sends the course's
 * score (marks in 2004; a percentage in 1.2, whose scores run from 0 to 100), completion (every marked exercise
 * checked with all its parts answered), success against the pass mark, one interaction per exercise checked,
 * the answers (suspend_data) and the page (location), then commits. It terminates when the page closes, with
 * exit "suspend" while the course is unfinished. tests/test_lms_runtime.py holds what it sends to Python's marks.
 */
(function () {
  "use strict";

  var settings = JSON.parse(document.getElementById("cw-lms-settings").textContent);
  var bank = JSON.parse(document.getElementById("cw-lms-bank").textContent);
  var frame = document.getElementById("cw-lms-frame");
  var cw = window.coursewidgets;
  var V12 = settings.version === "1.2";
  var CALL = V12
    ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", end: "LMSFinish", error: "LMSGetLastError", say: "LMSGetErrorString" }
    : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", end: "Terminate", error: "GetLastError", say: "GetErrorString" };
  var CMI = V12
    ? { entry: "cmi.core.entry", suspend: "cmi.suspend_data", location: "cmi.core.lesson_location", exit: "cmi.core.exit",
        time: "cmi.core.session_time", pass: "cmi.student_data.mastery_score" }
    : { entry: "cmi.entry", suspend: "cmi.suspend_data", location: "cmi.location", exit: "cmi.exit",
        time: "cmi.session_time", pass: "cmi.scaled_passing_score" };
  var LIMIT = V12 ? 4096 : 64000;  /* suspend_data's size in each version */
  var TYPES = { single_choice: "choice", multiple_select: "choice", classification: "matching", matching: "matching",
                ordering: "sequencing", reflection: V12 ? "fill-in" : "long-fill-in" };
  var RESPONSE = V12 ? 255 : 4000;  /* the longest learner response each version takes */
  var byId = {};
  bank.forEach(function (ex) { byId[ex.id] = ex; });

  var api = null, live = false, ended = false, dirty = false, started = Date.now();
  var sent = {};     /* element -> the value the LMS last accepted */
  var order = [];    /* exercise ids in the order of their first Check: interaction n is order[n] */

  /* ---------- the LMS ---------- */

  function apiIn(win) {
    var name = V12 ? "API" : "API_1484_11";
    for (var n = 0; win && n < 10; n++) {
      try { if (win[name]) return win[name]; } catch (e) { /* another origin: look further up */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function refused(what, code) {
    var note = document.getElementById("cw-lms-notice"), says = "";
    if (!note.hidden) return;
    try { says = String(api[CALL.say](code)); } catch (e) { /* no explanation offered */ }
    note.textContent = "Your learning platform did not accept part of your progress (" + what + ": error " + code +
      (says ? ", " + says : "") + "). Your answers are still kept in this browser, so carry on; if this note " +
      "comes back next time, tell your tutor.";
    note.hidden = false;
  }

  /* Call the API; true when it reports no error. */
  function call(fn, element, value) {
    var ok = String(api[CALL[fn]](element === undefined ? "" : element, value)) === "true";
    var code = String(api[CALL.error]());
    if (!ok || code !== "0") { refused(element || CALL[fn], code); return false; }
    return true;
  }

  function get(element) { try { return String(api[CALL.get](element)); } catch (e) { return ""; } }

  /* Send a value unless the LMS already has it. */
  function set(element, value) {
    value = String(value);
    if (sent[element] === value) return;
    dirty = true;
    if (call("set", element, value)) sent[element] = value;
  }

  /* ---------- answers in suspend_data ---------- */

  /* Every id inside an exercise (options, items, categories, pairs, targets, steps), in the order its JSON gives
     them: answers are kept as positions in this list. */
  function words(ex) {
    var out = [];
    (function walk(v, top) {
      if (Array.isArray(v)) v.forEach(function (x) { walk(x, false); });
      else if (v && typeof v === "object") {
        if (!top && typeof v.id === "string" && out.indexOf(v.id) < 0) out.push(v.id);
        Object.keys(v).forEach(function (k) { walk(v[k], false); });
      }
    })(ex, true);
    return out;
  }

  /* Two characters that change when an exercise's ids do: a saved answer is read only by the same exercise. */
  function fingerprint(list) {
    var h = 7, s = list.join(",");
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 1296;
    return pad(h.toString(36), 2);
  }

  function pad(s, width) { while (s.length < width) s = "0" + s; return s; }

  function encodeAnswer(ex, answer, text) {
    var list = words(ex), width = list.length > 36 ? 2 : 1;
    function at(id) { var i = list.indexOf(id); return i < 0 ? "" : pad(i.toString(36), width); }
    if (ex.kind === "reflection") return text && typeof answer === "string" ? "t" + encodeURIComponent(answer) : "";
    if (typeof answer === "string") return "s" + at(answer);
    if (Array.isArray(answer)) return "l" + answer.map(at).join("");
    if (answer && typeof answer === "object") {
      return "m" + Object.keys(answer).map(function (k) { var a = at(k), b = at(answer[k]); return a && b ? a + b : ""; }).join("");
    }
    return "";
  }

  function decodeAnswer(ex, code) {
    var list = words(ex), width = list.length > 36 ? 2 : 1, body = code.slice(1);
    if (code.charAt(0) === "t") { try { return decodeURIComponent(body); } catch (e) { return null; } }
    var parts = body.match(new RegExp(".{" + width + "}", "g")) || [];
    var got = parts.map(function (p) { return list[parseInt(p, 36)]; });
    if (got.some(function (id) { return id === undefined; })) return null;
    switch (code.charAt(0)) {
      case "s": return got.length === 1 ? got[0] : null;
      case "l": return got;
      case "m":
        var out = {};
        for (var i = 0; i + 1 < got.length; i += 2) out[got[i]] = got[i + 1];
        return out;
      default: return null;
    }
  }

  /* One exercise's entry: id:<flags><seed>.<fingerprint><answer>. Flags (hex): confidence 0-3, +4 checked,
     +8 has an interaction. */
  function encodeEntry(id, e, text) {
    var ex = byId[id], flags = (e && e.confidence ? e.confidence : 0) + (e && typeof e.score === "number" ? 4 : 0) +
      (order.indexOf(id) >= 0 ? 8 : 0);
    var seed = e && Number.isInteger(e.seed) && e.seed >= 0 ? e.seed.toString(36) : "";
    return id + ":" + flags.toString(16) + seed + "." + fingerprint(words(ex)) + (e ? encodeAnswer(ex, e.answer, text) : "");
  }

  var ENTRY = /^([a-z0-9-]+):([0-9a-f])([0-9a-z]*)\.([0-9a-z]{2})(.*)$/;

  /* The learner's answers, seeds, confidence and Checks, and the interactions' order, as suspend_data:
     reflections' writing too when it fits (SCORM 2004); the review history stays in the browser. */
  function encode(responses) {
    function build(text) {
      var ids = order.concat(bank.map(function (ex) { return ex.id; }).filter(function (id) {
        return order.indexOf(id) < 0 && responses[id] && responses[id].answer !== undefined;
      }));
      return "cw1|" + ids.map(function (id) { return encodeEntry(id, responses[id], text); }).join(";");
    }
    var s = build(!V12);
    return s.length <= LIMIT ? s : build(false).slice(0, LIMIT).replace(/;[^;]*$/, "");
  }

  /* The entries suspend_data holds, graded again, and the interactions' order. */
  function decode(s) {
    var out = {};
    if (s.indexOf("cw1|") !== 0) return out;
    s.slice(4).split(";").forEach(function (part) {
      var m = ENTRY.exec(part), ex = m && byId[m[1]];
      if (!ex) return;
      var flags = parseInt(m[2], 16);
      if (flags & 8 && order.indexOf(ex.id) < 0) order.push(ex.id);
      var answer = m[4] === fingerprint(words(ex)) && m[5] ? decodeAnswer(ex, m[5]) : null;
      if (answer === null) return;
      var e = { answer: answer };
      if (m[3]) e.seed = parseInt(m[3], 36);
      if (flags & 3) e.confidence = flags & 3;
      if (flags & 4) { var g = cw.grade(ex, answer, cw.shownOf(ex, e), e.seed); e.score = g.score; e.max = g.max; }
      var shown = cw.shownOf(ex, e);
      if (shown) e.shown = shown;
      out[ex.id] = e;
    });
    return out;
  }

  /* At launch the LMS's record is the learner's: it replaces the answers this browser holds for the course's
     exercises (a new attempt starts with none); their review history stays. */
  function restore(s) {
    var kept = decode(s), doc = cw.store.load();
    bank.forEach(function (ex) {
      var local = doc.responses[ex.id], e = kept[ex.id] || null;
      if (e && local && Array.isArray(local.history)) e.history = local.history;
      if (!e && local && Array.isArray(local.history)) e = { history: local.history };
      cw.store.put(ex.id, e);
    });
  }

  /* ---------- what the LMS is told ---------- */

  function response(ex, answer) {
    var sep = V12 ? "," : "[,]", dot = V12 ? "." : "[.]", out;
    if (ex.kind === "reflection") out = typeof answer === "string" ? answer : "";
    else if (typeof answer === "string") out = answer;
    else if (Array.isArray(answer)) out = answer.join(sep);
    else out = Object.keys(answer || {}).map(function (k) { return k + dot + answer[k]; }).join(sep);
    return out.slice(0, RESPONSE);
  }

  function result(g) {
    if (!(g.max > 0)) return "neutral";
    return g.score === g.max ? "correct" : g.score === 0 ? (V12 ? "wrong" : "incorrect") : String(g.score);
  }

  /* The pass mark as a share of the marks: the LMS's (set from the manifest, or changed by the tutor), else
     the package's. */
  function passMark() {
    var v = parseFloat(get(CMI.pass));
    if (isNaN(v)) return settings.pass / 100;
    return V12 ? v / 100 : v;
  }

  function round(x) { return String(Math.round(x * 1e7) / 1e7); }

  function clock(ms) {
    var s = Math.floor(ms / 10) / 100, h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = (s % 60).toFixed(2);
    if (!V12) return "PT" + h + "H" + m + "M" + sec + "S";
    return pad(String(h), 4) + ":" + pad(String(m), 2) + ":" + pad(sec, 5);
  }

  function interaction(n, ex, e, g) {
    var key = "cmi.interactions." + n + ".";
    set(key + "id", ex.id);
    set(key + "type", TYPES[ex.kind]);
    if (!V12 && ex.title) set(key + "description", ex.title.slice(0, 250));
    var said = response(ex, e.answer);
    if (said) set(key + (V12 ? "student_response" : "learner_response"), said);
    set(key + "result", result(g));
    set(key + "weighting", g.max);
  }

  /* Grade every saved answer and tell the LMS what changed; commit if anything did. */
  function sync() {
    if (!live || ended) return;
    var responses = cw.store.load().responses, raw = 0, total = 0, marked = 0, checked = 0, graded = {};
    bank.forEach(function (ex) {
      var e = responses[ex.id], max = cw.grade(ex, null, null).max, g = null;
      if (e && typeof e.score === "number") {  /* checked, and not changed since */
        g = graded[ex.id] = cw.grade(ex, e.answer, cw.shownOf(ex, e), e.seed);
        if (order.indexOf(ex.id) < 0) order.push(ex.id);
      }
      if (max > 0) { marked += 1; total += max; checked += g && g.complete ? 1 : 0; raw += g ? g.score : 0; }
    });
    order.forEach(function (id, n) {
      if (graded[id]) interaction(n, byId[id], responses[id], graded[id]);
    });
    var pass = passMark(), share = total ? raw / total : 0, complete = checked === marked, passed = raw >= pass * total - 1e-9;
    var values = V12 ? [
      ["cmi.core.score.raw", round(100 * share)], ["cmi.core.score.min", 0], ["cmi.core.score.max", 100],
      ["cmi.core.lesson_status", complete ? (passed ? "passed" : "failed") : "incomplete"],
      [CMI.exit, complete ? "" : "suspend"]
    ] : [
      ["cmi.score.raw", raw], ["cmi.score.min", 0], ["cmi.score.max", total], ["cmi.score.scaled", round(share)],
      ["cmi.progress_measure", round(marked ? checked / marked : 1)],
      ["cmi.completion_status", complete ? "completed" : "incomplete"],
      ["cmi.success_status", passed ? "passed" : complete ? "failed" : "unknown"],
      [CMI.exit, complete ? "normal" : "suspend"]
    ];
    values.push([CMI.suspend, encode(responses)]);
    values.forEach(function (kv) { set(kv[0], kv[1]); });
    if (dirty) commit();
  }

  function commit() {
    set(CMI.time, clock(Date.now() - started));
    dirty = false;
    call("commit");
  }

  function finish() {
    if (!live || ended) return;
    sync();
    commit();
    call("end");
    ended = true;
  }

  /* ---------- the frame ---------- */

  var PAGE = /^[A-Za-z0-9_\-\/.]+\.html(#[A-Za-z0-9_\-.]*)?$/;

  /* Where the frame shows now, relative to this page, or "" when it has left the course. */
  function here(win) {
    var base = location.href.replace(/[^\/]*([?#].*)?$/, ""), url = win.location.href;
    var path = url.indexOf(base) === 0 ? url.slice(base.length) : "";
    return PAGE.test(path) && path.indexOf("..") < 0 ? path : "";
  }

  function watch() {
    var win;
    try { win = frame.contentWindow; if (!win.document) return; } catch (e) { return; }  /* another site */
    /* The frame's entry goes into this page's store too: its only copy when the browser refuses storage. */
    function mirror(ev) {
      try { cw.store.put(ev.detail.id, win.coursewidgets.store.get(ev.detail.id)); } catch (e) { /* nothing to add */ }
      sync();
    }
    win.addEventListener("coursewidgets:checked", mirror);
    win.addEventListener("coursewidgets:restart", mirror);
    var path = here(win);
    if (live && path) set(CMI.location, path.slice(0, V12 ? 255 : 1000));
    sync();
  }

  function start() {
    api = apiIn(window) || (window.opener ? apiIn(window.opener) : null);
    if (!api) { location.replace(settings.start); return; }  /* no LMS: the course as the site */
    live = call("init");
    if (live) {
      var resumed = get(CMI.entry) !== "ab-initio";  /* a new attempt has nothing saved to read */
      restore(resumed ? get(CMI.suspend) : "");
      var at = resumed ? get(CMI.location) : "";
      frame.addEventListener("load", watch);
      frame.src = PAGE.test(at) && at.indexOf("..") < 0 ? at : settings.start;
      window.addEventListener("pagehide", finish);
      window.addEventListener("beforeunload", finish);
    } else frame.src = settings.start;
  }

  start();
})();
