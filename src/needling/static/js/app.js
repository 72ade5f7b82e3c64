// Small progressive enhancements; every page works without this file.
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    document.querySelectorAll("details.dropdown[open]").forEach((d) => d.removeAttribute("open"));
  }
});
