/* The counter (« Comptoir »): the camera reads the customer's QR code and the code form is sent with it,
   exactly as if it had been typed (the page works without this script: the form alone).
   The browser's own BarcodeDetector reads the code where it has one (Chrome on Android, Safari);
   elsewhere ZXing (themes/vendor/zxing), loaded on the first tap only, reads frames drawn on a canvas.
   A gift voucher's QR code (ECHOPPE-BON:…) or its 18 characters typed in the order's box are sent by the
   voucher's form instead (POST: a voucher's code never goes into an address).
   On the order's page: the hand-over button is sent once (the server refuses a second payment anyway);
   the voucher's debit button too (the server debits once anyway); the receipt has a print button. */
(function () {
  "use strict";

  var SCAN_EVERY_MS = 150;
  var VOUCHER_PREFIX = "ECHOPPE-BON:";
  var VOUCHER_CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{18}$/;

  function isVoucher(text) {
    var cleaned = String(text || "").replace(/\s+/g, "").toUpperCase();
    return cleaned.indexOf(VOUCHER_PREFIX) === 0 || VOUCHER_CODE.test(cleaned.replace(/[-_.]/g, ""));
  }

  // Sends ``text`` with the voucher's form when it is a voucher's code; false otherwise.
  function sendVoucher(text) {
    var voucherForm = document.querySelector("[data-counter-voucher-form]");
    var field = voucherForm && voucherForm.querySelector("input[name=code]");
    if (!field || !isVoucher(text)) { return false; }
    field.value = text;
    voucherForm.submit();
    return true;
  }
  var MAX_FRAME_SIDE = 720;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.ZXing) { resolve(); return; }
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("ZXing could not be loaded")); };
      document.head.appendChild(script);
    });
  }

  function nativeReader() {
    if (!("BarcodeDetector" in window) || !window.BarcodeDetector.getSupportedFormats) {
      return Promise.resolve(null);
    }
    return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) { return null; }
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return function (video) {
        return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
      };
    }).catch(function () { return null; });
  }

  function zxingReader(src) {
    return loadScript(src).then(function () {
      var ZXing = window.ZXing;
      var reader = new ZXing.QRCodeReader();
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function (video) {
        var width = video.videoWidth, height = video.videoHeight;
        if (!width || !height) { return Promise.resolve(null); }
        var scale = Math.min(1, MAX_FRAME_SIDE / Math.max(width, height));
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        try {
          var bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(new ZXing.HTMLCanvasElementLuminanceSource(canvas)));
          return Promise.resolve(reader.decode(bitmap).getText());
        } catch (notFound) { // no code in this frame
          return Promise.resolve(null);
        } finally {
          reader.reset();
        }
      };
    });
  }

  function setUpScanner(panel) {
    var form = document.querySelector("[data-counter-form]");
    var input = form && form.querySelector("input[name=code]");
    var video = panel.querySelector("[data-counter-video]");
    var start = panel.querySelector("[data-counter-start]");
    var stop = panel.querySelector("[data-counter-stop]");
    var status = panel.querySelector("[data-counter-status]");
    var stream = null, timer = null, read = null;
    if (!form || !input || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
    panel.hidden = false;

    function say(name) { status.textContent = panel.getAttribute("data-text-" + name) || ""; }

    function stopCamera() {
      window.clearTimeout(timer);
      timer = null;
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
      stream = null;
      video.srcObject = null;
      video.hidden = true;
      stop.hidden = true;
      start.hidden = false;
    }

    function found(text) {
      stopCamera();
      say("found");
      if (sendVoucher(text)) { return; }
      input.value = text;
      form.submit();
    }

    function scan() {
      if (!stream) { return; }
      read(video).then(function (text) {
        if (!stream) { return; }
        if (text) { found(text); } else { timer = window.setTimeout(scan, SCAN_EVERY_MS); }
      }, function () {
        if (stream) { timer = window.setTimeout(scan, SCAN_EVERY_MS); }
      });
    }

    start.addEventListener("click", function () {
      start.hidden = true;
      say("starting");
      var camera = navigator.mediaDevices.getUserMedia({
        audio: false, video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } }
      });
      var reader = read ? Promise.resolve(read) : nativeReader().then(function (native) {
        return native || zxingReader(panel.getAttribute("data-zxing-src"));
      });
      Promise.all([camera, reader]).then(function (results) {
        stream = results[0];
        read = results[1];
        video.srcObject = stream;
        video.hidden = false;
        stop.hidden = false;
        return video.play();
      }).then(function () {
        say("scanning");
        scan();
      }).catch(function (error) {
        camera.then(function (opened) { opened.getTracks().forEach(function (track) { track.stop(); }); }, function () {});
        stopCamera();
        say(error && (error.name === "NotAllowedError" || error.name === "SecurityError") ? "denied" : "no-camera");
      });
    });
    stop.addEventListener("click", function () { stopCamera(); status.textContent = ""; });
    // The camera's light goes off when the artisan leaves the page or the phone sleeps.
    window.addEventListener("pagehide", stopCamera);
    document.addEventListener("visibilitychange", function () { if (document.hidden && stream) { stopCamera(); status.textContent = ""; } });
  }

  function setUpHandOver(form) {
    form.addEventListener("submit", function (event) {
      var button = form.querySelector("[data-counter-once]");
      if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
      if (button) { button.setAttribute("aria-disabled", "true"); }
    });
    // Back to this page from the browser's history: the form may be sent again (it is a new page view).
    window.addEventListener("pageshow", function () { form.removeAttribute("data-sent"); });
  }

  var orderForm = document.querySelector("[data-counter-form]");
  if (orderForm) {
    orderForm.addEventListener("submit", function (event) {
      var typed = orderForm.querySelector("input[name=code]");
      if (typed && isVoucher(typed.value) && document.querySelector("[data-counter-voucher-form]")) {
        event.preventDefault();
        sendVoucher(typed.value);
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-counter-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var panel = document.querySelector("[data-counter-scanner]");
  if (panel) { setUpScanner(panel); }
  Array.prototype.forEach.call(document.querySelectorAll("[data-counter-hand-over]"), setUpHandOver);
})();
