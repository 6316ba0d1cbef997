// The rule editor's live preview: each edit of the JSON (after a pause) asks the server how
// many enterprises the rule meets now, and shows a sample of them.
(function () {
  const section = document.getElementById("rule-preview");
  const form = document.getElementById("rule-form");
  if (!section || !form) return;
  const textarea = form.querySelector("textarea[name=rule]");
  const counts = section.querySelector("[data-preview-counts]");
  const error = section.querySelector("[data-preview-error]");
  const sample = section.querySelector("[data-preview-sample]");
  const template = section.querySelector("[data-preview-labels]").content;
  const countsLabel = template.querySelector("[data-label=counts]").textContent;
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  let asked = 0;

  async function refresh() {
    const ask = ++asked;
    const response = await fetch(section.dataset.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: textarea.value,
      credentials: "same-origin",
    });
    const data = await response.json();
    if (ask !== asked) return;
    sample.replaceChildren();
    if (!response.ok) {
      error.textContent = data.error;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    counts.textContent = countsLabel.replace(/\{(\w+)\}/g, (_, key) => data[key]);
    for (const item of data.sample) {
      const li = document.createElement("li");
      li.textContent = item.name;
      sample.append(li);
    }
  }

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  refresh();
})();
