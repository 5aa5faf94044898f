// What Oscar's templates did with inline event handlers (onclick=, onload=, onerror=), which the
// Content-Security-Policy refuses even with a nonce: the overriding templates mark the elements with
// data attributes and these listeners, set once on the document, do the same work.
(function () {
  "use strict";

  const clickActions = {
    // « or cancel » links of Oscar's forms: back to the previous page.
    "history-back": function () { window.history.back(); },
    // « Print this page » on an order's confirmation.
    "print": function () { window.print(); },
    // « Cancel » in the dashboard's pop-up windows (related object lookups).
    "close-window": function () { window.close(); },
  };

  document.addEventListener("click", function (event) {
    const trigger = event.target.closest("[data-page-action]");
    if (!trigger) { return; }
    const action = clickActions[trigger.dataset.pageAction];
    if (!action) { return; }
    event.preventDefault();
    action();
  });

  // The dashboard's picture fields (oscar/forms/widgets/image_input_widget.html): once the chosen file
  // shows as a preview, its « Upload Image » button hides; a file that is not a picture brings it back.
  // load and error do not bubble: listened to in the capture phase, for fields the page adds later too.
  function uploadButtonOf(preview) {
    const field = preview.closest(".image-input");
    return field ? field.querySelector("button[id^=upload_button_]") : null;
  }

  document.addEventListener("load", function (event) {
    const preview = event.target;
    if (!(preview instanceof HTMLImageElement) || !preview.hasAttribute("data-image-preview")) { return; }
    const button = uploadButtonOf(preview);
    if (button) { button.hidden = true; }
  }, true);

  document.addEventListener("error", function (event) {
    const preview = event.target;
    if (!(preview instanceof HTMLImageElement) || !preview.hasAttribute("data-image-preview")) { return; }
    if (!preview.getAttribute("src")) { return; }  // no file chosen yet
    const button = uploadButtonOf(preview);
    if (button) { button.hidden = false; }
    window.alert(preview.dataset.errorMessage);
  }, true);
})();
