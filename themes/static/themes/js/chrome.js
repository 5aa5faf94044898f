// The site's header, enhanced: « Autour de moi » fills the search with the visitor's position, and the
// account menu closes when a tap lands elsewhere. Without this file everything still works.
(function () {
  "use strict";
  var form = document.querySelector("[data-searchbar]");
  var locate = form && form.querySelector("[data-locate]");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      locate.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        ["lat", "lon"].forEach(function (name) {
          var input = form.querySelector("input[name='" + name + "']");
          if (!input) {
            input = document.createElement("input");
            input.type = "hidden";
            input.name = name;
            form.appendChild(input);
          }
          input.value = (name === "lat" ? position.coords.latitude : position.coords.longitude).toFixed(5);
        });
        var place = form.querySelector("input[name='place']");
        if (place) { place.value = locate.textContent.trim(); }
        form.submit();
      }, function () {
        locate.disabled = false;
        var place = form.querySelector("input[name='place']");
        if (place) { place.focus(); }
      }, { maximumAge: 600000, timeout: 10000 });
    });
  }
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.echoppe-account[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute("open"); }
    });
  });
})();
