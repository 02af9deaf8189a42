// The print view's Print button (a static file: the Content-Security-Policy
// allows no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("print-button");
  if (button) {
    button.addEventListener("click", () => window.print());
  }
});
