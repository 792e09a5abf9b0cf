// Shows an event's times in the visitor's own time zone, in the page's
// language, next to the organisers' zone printed by the server.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll(".visitor-time").forEach(function (node) {
    var start = new Date(node.dataset.start);
    if (isNaN(start)) { return; }
    var options = { dateStyle: "long", timeStyle: "short", numberingSystem: "latn" };
    var text = new Intl.DateTimeFormat(lang, options).format(start);
    if (node.dataset.end) {
      var end = new Date(node.dataset.end);
      text = new Intl.DateTimeFormat(lang, options).formatRange(start, end);
    }
    node.textContent = node.dataset.label + " " + text + " (" + zone + ")";
    node.hidden = false;
  });
})();
