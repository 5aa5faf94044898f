/* The checkout form (checkout/order/templates/checkout/checkout.html), made lighter with JavaScript:
 * - for each shop, only the fields of the way chosen show (the pickup slot for click-and-collect, the
 *   day and half-day for delivery), and the address only when a shop delivers;
 * - what the customer types or chooses is kept as a draft on the server (the draft view), so that
 *   leaving the checkout and coming back loses nothing.
 * Without it every field shows, each saying what it is for, and the server ignores what does not apply.
 */
(function () {
    "use strict";
    var form = document.querySelector("form[data-checkout-form]");
    if (!form) {
        return;
    }

    function chosenWay(section) {
        var checked = section.querySelector("[data-fulfilment-choice] input[type=radio]:checked");
        return checked ? checked.value : "";
    }

    // « Tout retirer au même endroit »: the shops serving the window chosen are collected there, so
    // their own way's choice is hidden (the server ignores it for them anyway).
    function chosenWindow() {
        var checked = form.querySelector("input[name=together]:checked");
        return checked ? checked.value : "";
    }

    function collectedTogether(section, windowKey) {
        var served = (section.getAttribute("data-serves-windows") || "").split(" ");
        return windowKey !== "" && served.indexOf(windowKey) !== -1;
    }

    function showWhatApplies() {
        var delivery = false;
        var windowKey = chosenWindow();
        form.querySelectorAll("[data-checkout-shop]").forEach(function (section) {
            var together = collectedTogether(section, windowKey);
            section.querySelectorAll("[data-own-way]").forEach(function (part) { part.hidden = together; });
            section.querySelectorAll("[data-together-note]").forEach(function (note) { note.hidden = !together; });
            var way = together ? "point" : chosenWay(section);
            delivery = delivery || way === "delivery";
            section.querySelectorAll("[data-applies-to]").forEach(function (part) {
                part.hidden = part.getAttribute("data-applies-to") !== way;
            });
        });
        var address = form.querySelector("[data-address]");
        if (address) {
            address.hidden = !delivery;
        }
    }

    var draftUrl = form.getAttribute("data-draft-url");
    var timer = null;
    var unsaved = false;

    function saveDraft() {
        if (!unsaved || !draftUrl) {
            return;
        }
        unsaved = false;
        window.clearTimeout(timer);
        var data = new FormData(form);
        data.delete("terms");
        if (window.fetch) {
            window.fetch(draftUrl, {method: "POST", body: data, credentials: "same-origin", keepalive: true}).catch(function () {
                unsaved = true;  // tried again at the next change or when the page is left
            });
        }
    }

    function changed() {
        unsaved = true;
        window.clearTimeout(timer);
        timer = window.setTimeout(saveDraft, 800);
    }

    form.addEventListener("change", function () {
        showWhatApplies();
        changed();
    });
    form.addEventListener("input", changed);
    window.addEventListener("pagehide", saveDraft);
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") {
            saveDraft();
        }
    });
    showWhatApplies();
}());
