const params = new URLSearchParams(location.search);
const token = params.get("token");
const auth = token ? { Authorization: `Bearer ${token}` } : {};
const withToken = (url) => token ? `${url}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}` : url;
const BUSY = ["queued", "running", "awaiting approval"];
let project = null, stream = null, busy = false;
let asked = 0;  // how many refreshes were asked for: only the latest one's answer is shown
let shotStates = {};  // shot id → {state, text}: what the step records said of it so far

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

function seconds(value) {
  if (value == null) return "";
  return value < 90 ? `${Math.max(1, Math.round(value))} s` : `${Math.round(value / 60)} min`;
}

// The project is named in the address: a reload, or the link sent to someone, opens it.
function nameInAddress(id) {
  const next = new URLSearchParams(location.search);
  next.set("project", id);
  history.replaceState(null, "", `${location.pathname}?${next}`);
}

function follow(id) {
  project = id;
  shotStates = {};
  nameInAddress(id);
  document.getElementById("steps").replaceChildren();
  if (stream) stream.close();
  stream = new EventSource(withToken(`/api/projects/${id}/events`));
  stream.addEventListener("step", (event) => {
    const record = JSON.parse(event.data);
    const item = element("li", { className: record.status, text: `${record.step}: ${record.message}` });
    const list = document.getElementById("steps");
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    if (record.status === "failed") document.getElementById("log").open = true;  // show why
    heardOfShot(record);
    overall(record);
    if (["storyboard", "route", "deliver", "estimate"].includes(record.step) && record.status !== "progress") refresh();
  });
  stream.addEventListener("idle", () => refresh());
  refresh();
}

// What a step record says of one shot: its take being made, checked, kept or refused.
function heardOfShot(record) {
  const data = record.data || {};
  const id = data.shot;
  if (!id) return;
  let state = null;
  if (record.step === "generate" && record.status === "progress" && data.take) state = ["generating", `take ${data.take} generating`];
  else if (record.step === "generate" && record.status === "progress") state = ["finished", "done"];
  else if (record.step === "evaluate" && data.origin && data.origin !== "generated") state = ["cached", `take ${data.take} from the ${data.origin}`];
  else if (record.step === "evaluate") state = record.status === "done" ? ["passed", `take ${data.take} passed its checks`] : ["failed", record.message.replace(`${id} `, "")];
  else if (record.step === "revise" && record.status === "failed") state = ["failed", "kept a take that fails its checks"];
  else if (record.step === "revise") state = ["retrying", `take ${data.take} refused: trying again`];
  else if (record.status === "failed") state = ["failed", record.message];
  if (!state) return;
  // "done" after a take passed keeps what the take said
  const before = shotStates[id];
  if (state[0] === "finished" && before && ["passed", "cached", "failed"].includes(before.state)) return;
  shotStates[id] = { state: state[0], text: state[1] };
  showShotState(id);
}

function showShotState(id) {
  const card = document.querySelector(`.shot[data-id="${CSS.escape(id)}"]`);
  const known = shotStates[id];
  if (!card || !known) return;
  card.dataset.state = known.state;
  card.querySelector(".state").textContent = known.text;
  const bar = card.querySelector("progress");
  if (known.state === "generating" || known.state === "retrying") bar.removeAttribute("value");
  else bar.value = 1;
  if (["passed", "failed", "cached", "finished"].includes(known.state)) {
    const img = card.querySelector("img");
    if (img && !img.dataset.final) {
      img.src = withToken(`/api/projects/${project}/shots/${id}/preview.png?v=${Date.now()}`);
      img.hidden = false;
    }
  }
}

function overall(record) {
  const bar = document.getElementById("overall");
  const text = document.getElementById("overall-text");
  const progress = record.data && record.data.total ? record.data : null;
  if (record.step === "generate" && progress) {
    bar.hidden = false;
    bar.max = progress.total;
    bar.value = progress.done;
    text.textContent = `${progress.done} of ${progress.total} shots generated`;
  } else if (record.step === "deliver" && record.status !== "progress") {
    bar.hidden = true;
    text.textContent = "";
  }
}

async function refresh() {
  if (!project) return;
  const mine = ++asked;
  let detail;
  try { detail = await api(`/api/projects/${project}`); } catch (error) {
    if (mine === asked) document.getElementById("status").textContent = error.message;
    return;
  }
  // Answers can arrive out of order: an older one (perhaps of the project followed before)
  // must not be drawn over a newer one.
  if (mine !== asked) return;
  busy = BUSY.includes(detail.state);
  const status = document.getElementById("status");
  status.textContent = `${detail.request} — ${detail.state}`;
  status.dataset.state = detail.state;
  if (detail.request && !document.getElementById("request").dataset.typed) document.getElementById("request").value = detail.request;
  document.getElementById("cancel").hidden = !busy;
  const waiting = detail.state === "awaiting approval";
  document.getElementById("approve").hidden = document.getElementById("decline").hidden = !waiting;
  const last = detail.jobs.length ? detail.jobs[detail.jobs.length - 1] : null;
  document.getElementById("estimate").textContent = waiting && detail.estimate
    ? `${detail.estimate.shots_to_generate} shots to generate: $${detail.estimate.cost.toFixed(2)}, about ${seconds(detail.estimate.wall_seconds)}${detail.estimate.basis === "guess" ? " (a guess)" : ""}`
    : (detail.error || "");
  document.getElementById("apply-edit").disabled = busy;
  board(detail);
  asks(detail.asks || []);
  player(detail, last);
  runs(detail.jobs);
  projects();
}

// What the request asked, and whether the video shows it (read from the finished video).
const ASK_MARK = { "shown": "✓", "not shown": "✗", "could not show": "–", "unchecked": "?" };
function asks(states) {
  const list = document.getElementById("asks");
  list.replaceChildren(...states.map((ask) => {
    const item = element("li", { text: `${ASK_MARK[ask.state] || "?"} ${ask.said}: ${ask.state}` });
    item.dataset.state = ask.state;
    item.title = ask.evidence;
    return item;
  }));
}

function board(detail) {
  const box = document.getElementById("board");
  box.replaceChildren();
  for (const shot of detail.shots) {
    const card = element("div", { className: "shot" });
    card.dataset.shot = shot.number;
    card.dataset.id = shot.id;
    card.dataset.state = shot.kind === "generated" ? (shot.keyframe ? "kept" : "planned") : "card";
    const img = document.createElement("img");
    img.alt = `shot ${shot.number}`;
    img.hidden = !shot.keyframe;
    if (shot.keyframe) {
      img.src = withToken(`/api/projects/${project}/keyframes/${shot.id}.png?v=${detail.jobs.length}`);
      img.dataset.final = "1";
    }
    const checks = shot.checks.filter((c) => c.severity === "error");
    const passed = checks.filter((c) => c.passed).length;
    const said = shot.kind !== "generated" ? shot.kind : shot.keyframe ? (checks.length ? `checks ${passed}/${checks.length}` : "kept") : "planned";
    const bar = document.createElement("progress");
    bar.max = 1;
    bar.value = shot.keyframe ? 1 : 0;
    card.append(img, element("div", {},
      element("strong", { text: String(shot.number) }),
      ` ${shot.beat} `,
      element("span", { className: "dim", text: `${shot.seconds}s · ${shot.backend || shot.kind} · $${(shot.cost || 0).toFixed(2)}` })),
      bar, element("div", { className: "state dim", text: said }));
    if (shot.kind === "generated") {
      const prompt = document.createElement("textarea");
      prompt.value = shot.prompt;
      prompt.setAttribute("aria-label", `prompt of shot ${shot.number}`);
      const again = element("button", { className: "regenerate", text: "Regenerate" });
      again.type = "button";
      again.disabled = busy;
      again.title = busy ? "wait until the run ends" : "make this shot again";
      again.onclick = async () => {
        const changed = prompt.value.trim() !== shot.prompt.trim();
        again.disabled = true;
        try {
          await api(`/api/projects/${project}/shots/${shot.number}/regenerate`, { method: "POST", body: JSON.stringify(changed ? { prompt: prompt.value } : {}) });
          follow(project);
        } catch (error) { alert(error.message); again.disabled = busy; }
      };
      card.append(prompt, again);
    }
    box.appendChild(card);
    showShotState(shot.id);
  }
}

function player(detail, last) {
  const video = document.getElementById("player");
  const downloads = document.getElementById("downloads");
  downloads.replaceChildren();
  // The video, else the last render that failed its checks, else the free preview.
  const name = ["final.mp4", "final.unverified.mp4", "preview.mp4"].find((file) => detail.files.includes(file)) || null;
  if (name) {
    const version = last ? `${last.id}-${last.state}` : "0";
    const source = withToken(`/api/projects/${project}/files/${name}?v=${version}`);
    if (video.dataset.source !== source) {
      video.poster = withToken(`/api/projects/${project}/poster.png?v=${version}`);
      video.src = source;
      video.dataset.source = source;
    }
    video.hidden = false;
  } else {
    video.hidden = true;
    video.removeAttribute("src");
    video.removeAttribute("poster");
    delete video.dataset.source;
  }
  for (const file of detail.files) {
    const link = element("a", { text: file });
    link.href = withToken(`/api/projects/${project}/files/${file}`);
    link.download = file;
    downloads.appendChild(link);
  }
}

function runs(jobs) {
  const body = document.querySelector("#runs tbody");
  body.replaceChildren();
  for (const job of jobs) {
    const estimate = job.estimate
      ? `$${job.estimate.cost.toFixed(2)} · ${job.estimate.wall_seconds != null ? "about " + seconds(job.estimate.wall_seconds) : ""}${job.estimate.basis === "guess" ? " (a guess)" : ""}`
      : "";
    const took = job.finished && job.started ? seconds(job.finished - job.started) : "";
    const actual = job.cost != null ? `$${job.cost.toFixed(2)} · ${took}` : took;
    const when = new Date(job.created * 1000).toLocaleTimeString();
    body.appendChild(element("tr", {},
      element("td", { text: `${job.kind} ${when}` }),
      element("td", { className: job.state, text: job.error ? `${job.state}: ${job.error}` : job.state }),
      element("td", { text: estimate }),
      element("td", { text: actual })));
  }
}

async function projects() {
  const list = await api("/api/projects");
  const box = document.getElementById("history");
  box.replaceChildren();
  for (const item of list) {
    const link = element("a", { text: `${item.request || item.id} (${item.state})` });
    link.href = `?project=${item.id}`;
    link.onclick = (event) => { event.preventDefault(); follow(item.id); };
    box.appendChild(link);
  }
}

async function backends() {
  const select = document.getElementById("backend");
  const choices = await api("/api/backends").catch(() => []);
  const chosen = choices.find((c) => c.default);
  select.replaceChildren(element("option", { text: chosen ? `${chosen.name} (default)` : "automatic (the agent chooses)" }));
  select.firstChild.value = "";
  for (const choice of choices) {
    if (choice.default) continue;
    const price = choice.price_per_second ? `$${choice.price_per_second.toFixed(2)}/s` : "free";
    const option = element("option", { text: `${choice.name} · ${price}` });
    option.value = choice.name;
    select.appendChild(option);
  }
}

async function voices() {
  const select = document.getElementById("voice");
  for (const name of await api("/api/voices").catch(() => [])) {
    const option = element("option", { text: `voice: ${name}` });
    option.value = name;
    select.appendChild(option);
  }
}

document.getElementById("request").addEventListener("input", (event) => { event.target.dataset.typed = "1"; });
document.getElementById("create").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = {
    request: document.getElementById("request").value,
  };
  const mode = document.getElementById("mode").value;
  if (mode) body.mode = mode;  // else the kind of video the request names, else create
  const aspect = document.getElementById("aspect").value;
  if (aspect) body.aspect = aspect;  // else the shape the request asks for in words
  const length = document.getElementById("duration").value;
  if (length) body.duration = Number(length);
  const backend = document.getElementById("backend").value;
  if (backend) body.backend = backend;
  body.approve = document.getElementById("ask").checked;
  body.preview = document.getElementById("preview").checked;
  const profile = document.getElementById("profile").value;
  if (profile) body.profile = profile;  // it sets the shape, size and rate
  const captions = document.getElementById("captions").value;
  if (captions) body.caption_style = captions;
  const voice = document.getElementById("voice").value;
  if (voice) body.voice = voice;
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
    delete document.getElementById("request").dataset.typed;
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
  if (!project || !text || busy) return;
  try {
    await api(`/api/projects/${project}/edits`, { method: "POST", body: JSON.stringify({ text }) });
    document.getElementById("edit-text").value = "";
    follow(project);
  } catch (error) { document.getElementById("estimate").textContent = error.message; }
});
backends();
voices();
if (/^[0-9a-f]{12}$/.test(params.get("project") || "")) follow(params.get("project"));
else projects();
