/* The product form: pictures chosen for upload are shown cut to a square, as the shop's cards will
   show them (read as data: URLs, which the Content-Security-Policy allows), and « Add a variant »
   adds a blank variant from the page's <template>. Without this script the form works the same:
   one blank variant is always offered, pictures are shown once saved, the making time always shows. */
(function () {
  "use strict";

  function showPreviews(input) {
    var list = document.getElementById(input.getAttribute("data-picture-preview"));
    if (!list) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var files = Array.prototype.slice.call(input.files || []);
    list.hidden = files.length === 0;
    files.forEach(function (file) {
      if (!/^image\//.test(file.type)) { return; }
      var item = document.createElement("li");
      item.className = "product-picture";
      var frame = document.createElement("div");
      frame.className = "product-crop";
      var image = document.createElement("img");
      image.className = "product-crop__img";
      image.alt = "";
      frame.appendChild(image);
      var name = document.createElement("p");
      name.className = "product-crop__name";
      name.textContent = file.name;
      item.appendChild(frame);
      item.appendChild(name);
      list.appendChild(item);
      var reader = new FileReader();
      reader.onload = function () { image.src = reader.result; };
      reader.readAsDataURL(file);
    });
  }

  function addVariant(button) {
    var template = document.getElementById("variant-template");
    var list = document.getElementById("variant-list");
    var total = document.querySelector("input[name='variants-TOTAL_FORMS']");
    var maximum = document.querySelector("input[name='variants-MAX_NUM_FORMS']");
    if (!template || !list || !total) { return; }
    var index = parseInt(total.value, 10) || 0;
    if (maximum && index >= parseInt(maximum.value, 10)) { return; }
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var item = holder.querySelector("[data-variant]");
    list.appendChild(item);
    total.value = String(index + 1);
    var first = item.querySelector("input:not([type='hidden'])");
    if (first) { first.focus(); }
  }

  // The making time matters only for a product made to order: shown when it is ticked.
  var madeToOrder = document.querySelector("input[name='is_made_to_order']");
  var leadTime = document.querySelector(".product-form__lead-time");
  function showLeadTime() {
    if (madeToOrder && leadTime) { leadTime.hidden = !madeToOrder.checked && !leadTime.classList.contains("has-error"); }
  }
  showLeadTime();

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target === madeToOrder) { showLeadTime(); }
    if (target && target.matches && target.matches("input[type='file'][data-picture-preview]")) {
      showPreviews(target);
    }
  });
  document.querySelectorAll("[data-add-variant]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { addVariant(button); });
  });
})();
