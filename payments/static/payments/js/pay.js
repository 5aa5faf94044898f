// Card payment of a checkout. The browser only creates the payment method and, when the bank asks,
// completes 3-D Secure; the server creates and reads the PaymentIntent and decides.
(function () {
  "use strict";
  const form = document.getElementById("card-payment");
  if (!form || typeof Stripe === "undefined") { return; }
  const stripe = Stripe(form.dataset.publishableKey, { locale: document.documentElement.lang || "fr" });
  const card = stripe.elements().create("card", { hidePostalCode: true });
  card.mount("#card-element");
  const errors = document.getElementById("card-errors");
  const progress = document.getElementById("card-progress");
  const submit = document.getElementById("card-submit");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function fail(message) {
    errors.textContent = message;
    errors.classList.remove("d-none");
    progress.classList.add("d-none");
    submit.disabled = false;
  }

  async function paymentMethodId() {
    const created = await stripe.createPaymentMethod({ type: "card", card: card });
    if (created && created.paymentMethod) { return created.paymentMethod.id; }
    if (created && created.error) { throw created.error; }
    // localstripe's stand-in for Stripe.js makes card tokens only.
    const tokenised = await stripe.createToken(card);
    if (tokenised.error) { throw tokenised.error; }
    return tokenised.token.card.id;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    submit.disabled = true;
    errors.classList.add("d-none");
    progress.classList.remove("d-none");
    let id;
    try {
      id = await paymentMethodId();
    } catch (error) {
      fail(error.message || String(error));
      return;
    }
    let answer;
    try {
      const response = await fetch(form.dataset.payUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ payment_method: id }),
        credentials: "same-origin",
      });
      answer = await response.json();
    } catch (error) {
      fail(form.dataset.networkError || "Network error: check your connection and try again.");
      return;
    }
    if (answer.error) {
      if (answer.redirect) { window.location.assign(answer.redirect); return; }
      fail(answer.error);
      return;
    }
    if (answer.client_secret) {
      // The bank asks for 3-D Secure; whatever the outcome, the return page asks the server.
      await stripe.confirmCardPayment(answer.client_secret);
    }
    window.location.assign(answer.redirect);
  });
})();
