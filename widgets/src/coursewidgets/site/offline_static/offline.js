/* Offline after one visit: register the course's service worker (sw.js at the site's root) once the page has
   loaded. Not where workers cannot run or should not: a file:// page, a page in a frame or opened by another
   window (an LMS), a browser without them. */
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-content_root") || "./";
  var framed = false;
  try { framed = window.top !== window.self || !!window.opener; } catch (e) { framed = true; }
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol) || framed) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js").catch(function () {
      /* No worker (private mode, a refused registration): the course still works online. */
    });
  });
})();
