// The site's header, enhanced: the account menu closes when a tap lands elsewhere. (« Autour de moi »
// is search/js/around-me.js, for every search form.) Without this file everything still works.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.echoppe-account[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute("open"); }
    });
  });
})();
