// While a citizen types a message, list the public 政策问答 entries and documents that may
// already answer it, each with its kind.
(function () {
  "use strict";
  const form = document.querySelector("form[data-suggest]");
  if (!form) return;
  const box = form.querySelector(".suggestions");
  const list = box.querySelector("ul");
  const fields = [form.elements.title, form.elements.body];
  let timer = null;
  let last = "";

  function query() {
    return fields.map((field) => field.value).join(" ").trim().slice(0, 200);
  }

  function show(results) {
    list.replaceChildren(
      ...results.map((result) => {
        const item = document.createElement("li");
        item.className = "suggestion-" + result.kind;
        const kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = result.label;
        const link = document.createElement("a");
        link.href = result.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = result.title;
        item.append(kind, link);
        return item;
      })
    );
    box.hidden = results.length === 0;
  }

  function look() {
    const text = query();
    if (text.length < 2 || text === last) return;
    last = text;
    fetch(form.dataset.suggest + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => show(data.results || []))
      .catch(() => show([]));
  }

  fields.forEach((field) =>
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(look, 400);
    })
  );
})();
