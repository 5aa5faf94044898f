// Suggests communes in the place box's <datalist> while typing. The form works without it.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  if (!url || !window.fetch) { return; }
  document.querySelectorAll('input[list="commune-suggestions"]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery || /\(\d{5}\)$/.test(query)) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        lastQuery = query;
        fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.results.forEach(function (commune) {
              var option = document.createElement("option");
              option.value = commune.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* Suggestions are a convenience: typing still works. */ });
      }, 150);
    });
  });
})();
