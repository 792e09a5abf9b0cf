// Follow the generation: poll its status, and reload once it is done.
(function () {
  var box = document.getElementById("paper-generation");
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"X-Requested-With": "XMLHttpRequest"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        document.getElementById("generation-status").textContent = data.status_label;
        document.getElementById("generation-stage").textContent = data.stage || "—";
        document.getElementById("generation-progress").value = data.progress;
        document.getElementById("generation-percent").textContent = data.progress + " %";
        if (data.done) { window.location.reload(); }
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 1500); });
  }
  window.setTimeout(poll, 1500);
})();
