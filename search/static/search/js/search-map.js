// The results on a map (view=map): one point per shop, its products found in the popup. Tiles come
// from the configured server (MAP_TILES_URL) with their attribution; without one, the points show on
// a plain background with the region's outline. Without this file, the page shows the list.
(function () {
  "use strict";
  var box = document.getElementById("search-map");
  var source = document.getElementById("search-map-data");
  if (!box || !source) { return; }

  function draw() {
  if (!window.L) { return; }
  var data = JSON.parse(source.textContent);
  var note = box.querySelector("[data-map-note]");
  if (note) { note.remove(); }
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", box.dataset.mapLabel || "");

  var map = L.map(box, { scrollWheelZoom: false, zoomSnap: 0.5 });
  if (box.dataset.tilesUrl) {
    L.tileLayer(box.dataset.tilesUrl, { attribution: box.dataset.tilesAttribution || "", maxZoom: 18 }).addTo(map);
  } else if (window.fetch && box.dataset.outlineUrl) {
    box.classList.add("search-map--plain");
    fetch(box.dataset.outlineUrl)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (outline) {
        if (outline) { L.geoJSON(outline, { interactive: false, className: "search-map-outline" }).addTo(map).bringToBack(); }
      })
      .catch(function () { /* the points alone still tell where */ });
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function popup(point) {
    var content = element("div", "", { "class": "search-map-popup" });
    var title = element("p", "", { "class": "search-map-popup__shop" });
    title.appendChild(element("a", point.name, { href: point.url }));
    content.appendChild(title);
    content.appendChild(element("p", point.place + (point.distance ? " · " + point.distance : ""), { "class": "search-map-popup__place" }));
    if (point.products.length) {
      var list = element("ul");
      point.products.forEach(function (product) {
        var item = element("li");
        item.appendChild(element("a", product.title, { href: product.url }));
        if (product.price) { item.appendChild(document.createTextNode(" · " + product.price)); }
        list.appendChild(item);
      });
      content.appendChild(list);
    }
    return content;
  }

  var bounds = [];
  if (data.center) {
    var center = [data.center.latitude, data.center.longitude];
    if (data.center.radius_km) {
      L.circle(center, { radius: data.center.radius_km * 1000, interactive: false, className: "search-map-radius" }).addTo(map);
    }
    L.circleMarker(center, { radius: 6, interactive: false, className: "search-map-center" }).addTo(map);
    bounds.push(center);
  }
  // Markers a keyboard reaches (Tab, then Enter opens the popup), named by their shop, 44 px to tap.
  var icon = L.divIcon({ className: "search-map-marker", iconSize: [44, 44], iconAnchor: [22, 22], popupAnchor: [0, -14] });
  data.points.forEach(function (point) {
    var position = [point.latitude, point.longitude];
    L.marker(position, { icon: icon, title: point.name, alt: point.name, riseOnHover: true }).bindPopup(popup(point)).addTo(map);
    bounds.push(position);
  });
  // Without tiles, the region's outline is the only landmark: do not zoom in past it.
  var closest = box.dataset.tilesUrl ? 13 : 10;
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: closest });
  } else {
    map.setView(bounds[0], closest - 1);
  }
  }

  // Leaflet (147 kB for a phone to parse) comes once the page has painted its results, so that the
  // list under the map is not kept waiting; the same file from the site, allowed by the policy's 'self'.
  function loadLeaflet() {
    if (window.L) { draw(); return; }
    var script = document.createElement("script");
    script.src = box.dataset.leafletUrl;
    script.addEventListener("load", draw);
    document.head.appendChild(script);
  }
  if (document.readyState === "complete") { loadLeaflet(); } else { window.addEventListener("load", loadLeaflet); }
})();
