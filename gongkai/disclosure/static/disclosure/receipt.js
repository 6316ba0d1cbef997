// The print button needs script, so it is shown only when script runs; without it the
// browser's own print command prints the same sheet (see receipt.css).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("print-receipt");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
