// The search page without a server round trip for small things: suggestions while typing, filters
// applied as soon as they change, the filter drawer open as a sidebar on wide screens. The page works
// without it.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("regional-search");
  if (!form || !script) { return; }

  var drawer = document.getElementById("search-filters");
  var wide = window.matchMedia("(min-width: 64rem)");
  function placeDrawer() { if (wide.matches) { drawer.open = true; } }
  if (drawer) {
    placeDrawer();
    wide.addEventListener("change", placeDrawer);
  }

  var text = document.getElementById("search-q");
  var list = document.getElementById("search-suggestions");
  var timer = null;
  var pending = null;
  text.addEventListener("input", function () {
    var typed = text.value.trim();
    clearTimeout(timer);
    if (typed.length < 2 || !window.fetch) { return; }
    timer = setTimeout(function () {
      // Only the latest keystroke's answer matters: an older one arriving late must not win.
      if (pending && window.AbortController) { pending.abort(); }
      pending = window.AbortController ? new AbortController() : null;
      fetch(script.dataset.suggestionsUrl + "?q=" + encodeURIComponent(typed), { headers: { Accept: "application/json" }, signal: pending && pending.signal })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.replaceChildren();
          data.suggestions.forEach(function (title) {
            var option = document.createElement("option");
            option.value = title;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience */ });
    }, 150);
  });

  form.querySelectorAll(".search-filters fieldset input[type=checkbox], .search-filters fieldset input[type=radio], #search-sort, #search-radius").forEach(function (input) {
    input.addEventListener("change", function () { form.submit(); });
  });
})();
