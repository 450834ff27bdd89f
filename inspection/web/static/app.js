// The dashboard's only script (served from this origin; the CSP allows nothing else):
// live progress of a run, and confirmation of forms that start long work.
"use strict";

function followProgress(box) {
  const url = box.dataset.progressUrl;
  const show = (data) => {
    for (const field of box.querySelectorAll("[data-field]")) {
      const value = data[field.dataset.field];
      field.textContent = value === null || value === undefined ? "" : String(value);
    }
    const bar = box.querySelector("progress");
    if (bar) {
      bar.max = Math.max(1, data.total);
      bar.value = data.done;
      bar.textContent = data.done + "/" + data.total;
    }
  };
  const poll = async () => {
    try {
      const answer = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (answer.ok) {
        const data = await answer.json();
        show(data);
        if (data.finished) {
          window.location.reload();  // the page shows the result once the run has ended
          return;
        }
      }
    } catch (error) {
      // the server restarting: keep trying, the run goes on without us
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("[data-progress-url]")) {
    if (box.dataset.finished !== "true") followProgress(box);
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
});
