// The preparation sheet's « Imprimer » button: shown only where a script can print the page.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
