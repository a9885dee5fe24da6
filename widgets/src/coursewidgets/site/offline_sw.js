/* The course's service worker: after a first visit, the whole course works without a connection.
   The build writes VERSION (a hash of every file below) and FILES (the course, relative to this file)
   above this text (coursewidgets/site/offline.py). Install caches every file in one cache named after
   VERSION, or fails and keeps nothing; a new build is a new worker, which waits until no page uses the old
   one, so a learner never sees old and new pages mixed; once it takes over, the old cache is deleted.
   Requests are answered from the cache, then from the network; nothing is fetched from another host. */
"use strict";
var CACHE = "coursewidgets-course-" + VERSION;
var PREFIX = "coursewidgets-course-";
var BASE = new URL("./", self.location).href;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(FILES.map(function (f) { return new Request(BASE + f, { cache: "reload" }); }));
  }).catch(function (err) {
    return caches.delete(CACHE).then(function () { throw err; });
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

/* A folder's address is its index page. */
function cached(request) {
  var url = new URL(request.url);
  if (url.pathname.slice(-1) === "/") url.pathname += "index.html";
  return caches.open(CACHE).then(function (cache) {
    return cache.match(url.href, { ignoreSearch: true });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(BASE) !== 0) return;
  event.respondWith(cached(request).then(function (hit) { return hit || fetch(request); }));
});
