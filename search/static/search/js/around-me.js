// « Autour de moi »: a button [data-around-me] in a search form asks the browser for its position,
// fills the form's lat/lon, shows « Autour de moi » in the place box and submits. Without this file,
// without geolocation or without permission, the form works as it is: type a postcode or a commune.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("form [data-around-me]");
  if (!buttons.length || !("geolocation" in navigator)) { return; }

  function field(form, name) {
    var input = form.querySelector("input[name='" + name + "']");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    return input;
  }

  buttons.forEach(function (button) {
    var form = button.form || button.closest("form");
    var place = form.querySelector("input[name='place']");
    var status = form.querySelector("[data-around-me-status]");
    button.hidden = false;
    if (place) {
      // A place typed by hand replaces the position.
      place.addEventListener("input", function () { field(form, "lat").value = ""; field(form, "lon").value = ""; });
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        field(form, "lat").value = position.coords.latitude.toFixed(5);
        field(form, "lon").value = position.coords.longitude.toFixed(5);
        if (place) { place.value = button.dataset.label || button.textContent.trim(); }
        form.submit();
      }, function () {
        button.disabled = false;
        if (status) { status.textContent = button.dataset.error || ""; }
        if (place) { place.focus(); }
      }, { timeout: 10000, maximumAge: 600000 });
    });
  });
})();
