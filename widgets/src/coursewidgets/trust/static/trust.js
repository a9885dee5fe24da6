/* Kernel-free trust explorable (coursewidgets.trust.html): looks up the results that Python computed
   for the chosen setting and redraws the view. Does nothing on pages without a .cw-trust element. */
(function () {
  "use strict";

  function argmax(values) {
    var best = 0;
    for (var i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
  }

  function linePoints(series, lay) {
    var step = lay.plotW / (series.length - 1);
    return series.map(function (p, g) {
      return (lay.plotX + g * step).toFixed(1) + "," + (lay.plotY + lay.plotH * (1 - p / 100)).toFixed(1);
    }).join(" ");
  }

  function draw(root, data, wi, ni, mi) {
    var result = data.results[wi][ni][mi], lay = data.layout;
    var finals = result.shares.map(function (series) { return series[series.length - 1]; });
    var leader = argmax(result.scores), winner = argmax(finals);
    var fields = {
      w: data.wLabels[wi], noise: data.noiseLabels[ni], mix: data.mixLabels[mi],
      leader: data.names[leader], score: result.scores[leader].toFixed(2),
      generations: result.shares[0].length - 1, winner: data.names[winner], share: finals[winner]
    };
    function set(selector, i, attr, value) {
      var el = root.querySelector("[" + selector + '="' + i + '"]');
      if (attr) el.setAttribute(attr, value); else el.textContent = value;
    }
    result.scores.forEach(function (score, i) {
      var width = lay.barMax * score / lay.scoreMax;
      set("data-bar", i, "width", width.toFixed(1));
      set("data-value", i, "x", (lay.barX + width + 4).toFixed(1));
      set("data-value", i, null, score.toFixed(2));
      set("data-score", i, null, score.toFixed(2));
      set("data-line", i, "points", linePoints(result.shares[i], lay));
      set("data-start", i, null, result.shares[i][0] + "%");
      set("data-end", i, null, finals[i] + "%");
    });
    var text = data.summary.replace(/\{(\w+)\}/g, function (_, key) { return fields[key]; });
    var summary = root.querySelector(".cw-trust-summary");
    if (summary.textContent !== text) summary.textContent = text;  // announce changes only
  }

  function init(root) {
    var data = JSON.parse(root.querySelector(".cw-trust-data").textContent);
    var w = document.getElementById(root.id + "-w");
    var noise = document.getElementById(root.id + "-noise");
    var mix = document.getElementById(root.id + "-mix");
    var output = root.querySelector("output");
    function update() {
      var wi = Number(w.value);
      output.textContent = data.wLabels[wi];
      w.setAttribute("aria-valuetext", data.wLabels[wi]);
      draw(root, data, wi, Number(noise.value), Number(mix.value));
    }
    w.addEventListener("input", update);
    noise.addEventListener("change", update);
    mix.addEventListener("change", update);
    root.querySelector(".cw-trust-controls").hidden = false;
    update();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".cw-trust"), init);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
