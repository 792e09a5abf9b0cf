// Suggested GCM objectives on the posting form. As the author writes, the
// subject and text are sent to the suggestion API (POST, with the form's CSRF
// token); the best three objectives get a "suggested" badge with their score
// beside their checkbox. Nothing is ticked for the author: they tick or ignore.
// Without this script (or when the API is refused) the form is unchanged.
(function () {
  "use strict";
  var group = document.querySelector("[data-objective-suggestions]");
  if (!group || !window.fetch) {
    return;
  }
  var form = group.closest("form");
  if (!form) {
    return;
  }
  var content = form.querySelector("[name=content]");
  var subject = form.querySelector("[name=subject]");
  var language = form.querySelector("[name=language]");
  var token = form.querySelector("[name=csrfmiddlewaretoken]");
  var status = document.getElementById(group.dataset.statusId);
  var shown = 3;
  var minimumChars = 20;
  var waitMs = 700;
  var timer = null;
  var lastAsked = "";
  var percent = new Intl.NumberFormat(document.documentElement.lang || "en", { style: "percent" });

  function textLanguage(text) {
    if (language && language.value) {
      return language.value;
    }
    // "Detect it for me": Arabic letters say Arabic; otherwise the page's language.
    if (/[\u0600-\u06ff]/.test(text)) {
      return "ar";
    }
    var page = (document.documentElement.lang || "en").slice(0, 2);
    return ["ar", "en", "fr"].indexOf(page) >= 0 ? page : "en";
  }

  function clear() {
    group.querySelectorAll(".objective-suggested").forEach(function (badge) {
      badge.remove();
    });
    group.querySelectorAll(".form-check.is-suggested").forEach(function (box) {
      box.classList.remove("is-suggested");
    });
    if (status) {
      status.hidden = true;
    }
  }

  function show(suggestions) {
    clear();
    suggestions.slice(0, shown).forEach(function (suggestion) {
      var box = group.querySelector('input[value="' + suggestion.objective + '"]');
      if (!box) {
        return;
      }
      var label = form.querySelector('label[for="' + box.id + '"]');
      var badge = document.createElement("span");
      badge.className = "badge rounded-pill text-bg-info ms-1 objective-suggested";
      badge.dataset.score = suggestion.score;
      badge.textContent = group.dataset.suggestedLabel + " · " + percent.format(suggestion.score);
      box.closest(".form-check").classList.add("is-suggested");
      (label || box.parentNode).appendChild(badge);
    });
    if (status && suggestions.length) {
      status.hidden = false;
    }
  }

  function ask() {
    var text = ((subject && subject.value) || "") + "\n" + ((content && content.value) || "");
    if (text.trim().length < minimumChars) {
      clear();
      return;
    }
    var body = JSON.stringify({ text: text, language: textLanguage(text) });
    if (body === lastAsked) {
      return;
    }
    lastAsked = body;
    fetch(group.dataset.objectiveSuggestions, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": token ? token.value : "",
      },
      body: body,
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && body === lastAsked) {
          show(data.suggestions || []);
        }
      })
      .catch(function () {
        // A suggestion is a help, never a condition: a failed call leaves the form as it is.
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, waitMs);
  }

  [content, subject].forEach(function (field) {
    if (field) {
      field.addEventListener("input", later);
    }
  });
  if (language) {
    language.addEventListener("change", ask);
  }
  ask();
})();
