// Choosing a language applies it at once: the button is for browsers without scripts.
document.querySelectorAll(".language-form").forEach((form) => {
  const button = form.querySelector("button");
  button.hidden = true;
  form.querySelector("select").addEventListener("change", () => form.submit());
});
