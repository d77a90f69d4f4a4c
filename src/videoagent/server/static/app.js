const token = new URLSearchParams(location.search).get("token");
const auth = token ? { Authorization: `Bearer ${token}` } : {};
const withToken = (url) => token ? `${url}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}` : url;
let project = null, stream = null;

// Everything a user or a model wrote reaches the page as text: nodes are built here, never
// parsed from strings (the server's Content-Security-Policy also refuses inline script).
function element(tag, { className = "", text = "" } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  node.append(...children);  // strings become text nodes
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { "Content-Type": "application/json", ...auth, ...(options.headers || {}) } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
  return body;
}

function follow(id) {
  project = id;
  document.getElementById("steps").replaceChildren();
  if (stream) stream.close();
  stream = new EventSource(withToken(`/api/projects/${id}/events`));
  stream.addEventListener("step", (event) => {
    const record = JSON.parse(event.data);
    const item = document.createElement("li");
    item.className = record.status;
    item.textContent = `${record.step}: ${record.message}`;
    const list = document.getElementById("steps");
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    if (["storyboard", "route", "deliver", "evaluate"].includes(record.step) && record.status !== "progress") refresh();
  });
  stream.addEventListener("idle", () => refresh());
  refresh();
}

async function refresh() {
  if (!project) return;
  const detail = await api(`/api/projects/${project}`);
  document.getElementById("status").textContent = `${detail.request} — ${detail.state}`;
  document.getElementById("status").dataset.state = detail.state;
  document.getElementById("cancel").hidden = !["queued", "running", "awaiting approval"].includes(detail.state);
  const waiting = detail.state === "awaiting approval";
  document.getElementById("approve").hidden = document.getElementById("decline").hidden = !waiting;
  document.getElementById("estimate").textContent = waiting && detail.estimate
    ? `${detail.estimate.shots_to_generate} shots to generate: $${detail.estimate.cost.toFixed(2)}`
    : (detail.error || "");
  const board = document.getElementById("board");
  board.replaceChildren();
  for (const shot of detail.shots) {
    const card = document.createElement("div");
    card.className = "shot";
    card.dataset.shot = shot.number;
    const checks = shot.checks.filter((c) => c.severity === "error");
    const passed = checks.filter((c) => c.passed).length;
    card.append(element("div", {},
      element("strong", { text: String(shot.number) }),
      ` ${shot.beat} `,
      element("span", { className: "dim", text: `${shot.seconds}s · ${shot.backend || shot.kind} · $${(shot.cost || 0).toFixed(2)}` })));
    if (shot.keyframe) {
      const img = document.createElement("img");
      img.alt = `shot ${shot.number}`;
      img.src = withToken(`/api/projects/${project}/keyframes/${shot.id}.png?v=${Date.now()}`);
      card.appendChild(img);
    }
    if (shot.kind === "generated") {
      const checksLine = document.createElement("div");
      checksLine.className = "dim";
      checksLine.textContent = checks.length ? `checks ${passed}/${checks.length}` : "";
      const prompt = document.createElement("textarea");
      prompt.value = shot.prompt;
      prompt.setAttribute("aria-label", `prompt of shot ${shot.number}`);
      const again = document.createElement("button");
      again.type = "button";
      again.className = "regenerate";
      again.textContent = "Regenerate";
      again.onclick = async () => {
        const changed = prompt.value.trim() !== shot.prompt.trim();
        again.disabled = true;
        try {
          await api(`/api/projects/${project}/shots/${shot.number}/regenerate`, { method: "POST", body: JSON.stringify(changed ? { prompt: prompt.value } : {}) });
          follow(project);
        } catch (error) { alert(error.message); again.disabled = false; }
      };
      card.append(checksLine, prompt, again);
    }
    board.appendChild(card);
  }
  const player = document.getElementById("player");
  const downloads = document.getElementById("downloads");
  downloads.replaceChildren();
  if (detail.files.includes("final.mp4")) {
    const source = withToken(`/api/projects/${project}/files/final.mp4?v=${detail.jobs.length}`);
    if (player.dataset.source !== source) { player.src = source; player.dataset.source = source; }
    player.hidden = false;
  }
  for (const name of detail.files) {
    const link = document.createElement("a");
    link.href = withToken(`/api/projects/${project}/files/${name}`);
    link.textContent = name;
    link.download = name;
    downloads.appendChild(link);
  }
  history();
}

async function history() {
  const list = await api("/api/projects");
  const box = document.getElementById("history");
  box.replaceChildren();
  for (const item of list) {
    const link = document.createElement("a");
    link.href = "#";
    link.textContent = `${item.request || item.id} (${item.state})`;
    link.onclick = (event) => { event.preventDefault(); follow(item.id); };
    box.appendChild(link);
  }
}

document.getElementById("create").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = {
    request: document.getElementById("request").value,
    mode: document.getElementById("mode").value,
    aspect: document.getElementById("aspect").value,
  };
  const seconds = document.getElementById("duration").value;
  if (seconds) body.duration = Number(seconds);
  body.approve = document.getElementById("ask").checked;
  body.references = await Promise.all([...document.getElementById("refs").files].map(async (file) => ({
    name: file.name,
    data: await new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",", 2)[1]);
      reader.readAsDataURL(file);
    }),
  })));
  const button = document.getElementById("make");
  button.disabled = true;
  try {
    const created = await api("/api/projects", { method: "POST", body: JSON.stringify(body) });
    follow(created.project);
  } catch (error) {
    document.getElementById("status").textContent = error.message;
  } finally { button.disabled = false; }
});
document.getElementById("cancel").onclick = () => api(`/api/projects/${project}/cancel`, { method: "POST" }).catch(() => {});
for (const [id, yes] of [["approve", true], ["decline", false]]) {
  document.getElementById(id).onclick = () =>
    api(`/api/projects/${project}/approve`, { method: "POST", body: JSON.stringify({ yes }) }).then(refresh).catch((e) => alert(e.message));
}
document.getElementById("edit").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("edit-text").value.trim();
  if (!project || !text) return;
  try {
    await api(`/api/projects/${project}/edits`, { method: "POST", body: JSON.stringify({ text }) });
    document.getElementById("edit-text").value = "";
    follow(project);
  } catch (error) { document.getElementById("estimate").textContent = error.message; }
});
history();
