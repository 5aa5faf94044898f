// The search page without a server round trip for small things: suggestions while typing, the
// browser's position ("around me"), filters applied as soon as they change. The page works without it.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("regional-search");
  if (!form || !script) { return; }
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

  var aroundMe = document.getElementById("search-around-me");
  var place = document.getElementById("search-place");
  var latitude = document.getElementById("search-lat");
  var longitude = document.getElementById("search-lon");
  place.addEventListener("input", function () { latitude.value = ""; longitude.value = ""; });
  if (navigator.geolocation) {
    aroundMe.classList.remove("d-none");
    aroundMe.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        latitude.value = position.coords.latitude.toFixed(5);
        longitude.value = position.coords.longitude.toFixed(5);
        place.value = "";
        form.submit();
      }, function () { window.alert(script.dataset.positionError); }, { timeout: 10000, maximumAge: 600000 });
    });
  }

  form.querySelectorAll("aside input[type=checkbox], aside input[type=radio], #search-sort").forEach(function (input) {
    input.addEventListener("change", function () { form.submit(); });
  });
})();
