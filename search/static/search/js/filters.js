// The contribution search's filters: the page works as a plain GET form;
// this only spares a click (checking a box or changing the order submits
// the form) and opens the filter lists on screens wide enough to show them.
(function () {
  "use strict";
  var form = document.getElementById("search-filters");
  if (!form) {
    return;
  }
  form.addEventListener("change", function (event) {
    var field = event.target;
    if (field.type === "checkbox" || field.type === "radio" || field.tagName === "SELECT") {
      form.submit();
    }
  });
  if (window.matchMedia("(min-width: 992px)").matches) {
    form.querySelectorAll("details.search-facet").forEach(function (details) {
      details.open = true;
    });
  }
})();
