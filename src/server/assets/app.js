// tracuu's web page: search, facets, paragraph context, citations of a document number,
// the documents related to one (with a small SVG map drawn here, no library).
// Document text is always inserted as text; only the API's snippets (escaped by the
// server, with <mark> around matches) are inserted as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const results = $("results");
const facets = $("facets");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k === "html") node.innerHTML = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function link(query, text, cls) {
  const a = el("a", { href: "/?" + new URLSearchParams(query).toString(), text });
  if (cls) a.className = cls;
  return a;
}

async function api(path) {
  const response = await fetch(path);
  const body = await response.json().catch(() => ({ error: "Máy chủ trả lời không hợp lệ." }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function show(...nodes) {
  results.replaceChildren(...nodes.filter(Boolean));
}

function problem(message) {
  show(el("div", { class: "notice error", text: message }));
}

function when(x) {
  return x.date ? "ngày " + shownDate(x.date) : x.year ? "năm " + x.year : "";
}

function metaLine(x) {
  return [x.issuer, when(x), x.file].filter(Boolean).join(" · ");
}

// Document numbers and dates (17-ĐA/TU, 441/QĐ-UBND, 11/12/2020) never break inside.
const NUMBER = /\d+(?:[.\/-]\s?[\p{L}\d&]+)+/gu;

function withNumbers(text) {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const m of (text || "").matchAll(NUMBER)) {
    out.append(text.slice(at, m.index), el("span", { class: "num", text: m[0] }));
    at = m.index + m[0].length;
  }
  out.append((text || "").slice(at));
  return out;
}

async function search() {
  const q = params.get("q") || "";
  $("q").value = q;
  document.title = q + " — tracuu";
  const query = new URLSearchParams({ q, limit: "20" });
  for (const f of ["kind", "issuer", "year"]) if (params.get(f)) query.set(f, params.get(f));
  let data;
  try {
    data = await api("/api/search?" + query.toString());
  } catch (e) {
    return problem(e.message);
  }
  renderFacets(data.facets, data.total_is_estimate);
  const cards = renderCards(data, q);
  if (data.total === 0) return show(...cards, data.documents_total > 0 ? null : empty(q));
  const shown = data.hits.length < data.total ? ` (hiển thị ${data.hits.length} đoạn đầu)` : "";
  const about = data.total_is_estimate ? "Khoảng " : "";
  const summary = el("p", { class: "summary", text: `${about}${data.total} đoạn văn khớp với «${q}»${shown}` });
  show(...cards, summary, dropped(data.dropped_terms), ...data.hits.map(renderHit));
}

// The words a search did not require: question words, or words no paragraph has with the rest.
function dropped(words) {
  if (!words || words.length === 0) return null;
  const list = words.map((w) => `«${w}»`).join(", ");
  return el("p", { class: "summary dropped", text: `Không bắt buộc có các từ ${list}: từ để hỏi, hoặc không đoạn nào có đủ mọi từ.` });
}

// A card per document the query's numbers name, or per document its filters select.
function renderCards(data, q) {
  const docs = data.documents || [];
  if (docs.length === 0) return [];
  const heading = data.documents_total > 0
    ? `${data.documents_total} văn bản khớp bộ lọc «${q}»`
    : (docs.length > 1 ? `Số này chỉ ${docs.length} văn bản khác nhau` : "Văn bản mang số này");
  return [el("h2", { class: "refs-title", text: heading }), ...docs.map(renderCard)];
}

function shownDate(iso) {
  const [y, m, d] = (iso || "").split("-");
  return d ? `${d}/${m}/${y}` : "";
}

// A card's subject: a held document's title as it is, with a capital; what citations say a
// document is about, after "Về".
function subjectLine(subject, held) {
  const text = held ? subject : "về " + subject.replace(/^về\s+/i, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderCard(c) {
  const title = el("h3", {}, el("span", { class: "kind" }, withNumbers([c.kind, c.code].filter(Boolean).join(c.code && c.kind ? " số " : " "))));
  title.append(el("span", { class: c.in_corpus ? "badge held" : "badge", text: c.in_corpus ? "có trong kho" : "chưa có trong kho" }));
  const card = el("div", { class: "card number" }, title);
  const cited = c.citations > 0 ? `${c.citations} trích dẫn` : "";
  card.append(el("div", { class: "meta", text: [c.issuer, c.date && "ngày " + shownDate(c.date), cited].filter(Boolean).join(" · ") }));
  if (c.subject) card.append(el("p", { text: subjectLine(c.subject, c.in_corpus) }));
  const actions = el("div", { class: "actions" });
  if (c.code && c.citations > 0) actions.append(link({ code: c.code }, "Xem các trích dẫn"));
  for (const id of c.doc_ids) actions.append(link({ doc: id }, "Toàn văn"));
  card.append(actions);
  return card;
}

function empty(q) {
  const box = el("div", { class: "notice empty" });
  box.append(el("h3", { text: `Không tìm thấy đoạn văn nào khớp với «${q}».` }));
  const tips = el("ul");
  tips.append(el("li", { text: "Thử bớt từ, hoặc gõ không dấu (ví dụ: chuyen doi so)." }));
  tips.append(el("li", { text: "Số hiệu văn bản viết như 16-NQ/TU, 17-ĐA/TU hoặc 441/QĐ-UBND." }));
  if (["kind", "issuer", "year"].some((f) => params.get(f))) tips.append(el("li", {}, link({ q }, "Bỏ các bộ lọc")));
  box.append(tips);
  return box;
}

// Facet counts past a few thousand matches are estimated, and shown with "≈".
function renderFacets(f, estimated) {
  facets.replaceChildren();
  const groups = [["kind", "Loại văn bản"], ["issuer", "Cơ quan ban hành"], ["year", "Năm"]];
  for (const [name, title] of groups) {
    const values = (f && f[name]) || [];
    if (values.length === 0) continue;
    facets.append(el("h2", { text: title }));
    for (const { value, count } of values) {
      if (value === "—") continue;
      const query = Object.fromEntries(params);
      const on = params.get(name) === value;
      if (on) delete query[name];
      else query[name] = value;
      const a = link(query, "", on ? "on" : "");
      a.append(el("span", { text: value }), el("span", { class: "n", text: (estimated ? "≈" : "") + String(count) }));
      facets.append(a);
    }
  }
}

function renderHit(hit) {
  const title = el("h3", {}, withNumbers(hit.name));
  const where = hit.footnote ? hit.section : `đoạn ${hit.paragraph}`;
  const article = el("article", { class: hit.footnote ? "hit footnote" : "hit" }, title, el("div", { class: "meta", text: where }));
  if (hit.section && !hit.footnote) article.append(el("div", { class: "section", text: "§ " + hit.section }));
  article.append(el("p", { class: "snippet", html: hit.snippet }));
  if (hit.codes.length) {
    const codes = el("div", { class: "codes" });
    for (const code of hit.codes) codes.append(link({ code }, code));
    article.append(codes);
  }
  const context = el("div", { class: "context" });
  const toggle = el("button", { type: "button", text: "Xem đoạn trước và sau" });
  toggle.addEventListener("click", () => showContext(hit, context, toggle));
  const place = hit.footnote ? { doc: hit.doc_id, f: String(hit.footnote) } : { doc: hit.doc_id, p: String(hit.paragraph) };
  const actions = el("div", { class: "actions" }, toggle, link(place, "Toàn văn"));
  article.append(actions, context);
  return article;
}

async function showContext(hit, box, toggle) {
  if (box.childElementCount) {
    box.replaceChildren();
    toggle.textContent = "Xem đoạn trước và sau";
    return;
  }
  try {
    const doc = await api("/api/docs/" + encodeURIComponent(hit.doc_id));
    if (hit.footnote) {
      // A footnote's context: the paragraph that points to it, then the note itself.
      const pointing = doc.paragraphs.filter((p) => p.n === hit.paragraph);
      const note = doc.footnotes.filter((f) => f.n === hit.footnote);
      box.replaceChildren(...pointing.map((p) => el("p", { text: p.text })), ...note.map((f) => el("p", { class: "focus", text: `(${f.n}) ${f.text}` })));
    } else {
      const around = doc.paragraphs.filter((p) => Math.abs(p.n - hit.paragraph) <= 1);
      box.replaceChildren(...around.map((p) => el("p", { class: p.n === hit.paragraph ? "focus" : "", text: p.text })));
    }
    toggle.textContent = "Thu gọn";
  } catch (e) {
    box.replaceChildren(el("p", { text: e.message }));
  }
}

function withMark(text, surface) {
  const p = el("p");
  const at = surface ? text.indexOf(surface) : -1;
  if (at < 0) {
    p.textContent = text;
    return p;
  }
  p.append(text.slice(0, at), el("mark", { text: surface }), text.slice(at + surface.length));
  return p;
}

async function refs(code) {
  $("q").value = code;
  document.title = "Trích dẫn " + code + " — tracuu";
  let data;
  try {
    data = await api("/api/refs/" + encodeURIComponent(code));
  } catch (e) {
    return problem(e.message);
  }
  const head = el("h2", { class: "refs-title" }, "Trích dẫn văn bản số ", el("span", { class: "num", text: data.code }));
  if (data.targets.length === 0) {
    return show(head, el("div", { class: "notice empty", text: `Chưa văn bản nào trong kho trích dẫn số ${data.code}.` }));
  }
  const note = data.targets.length > 1 ? `Số này chỉ ${data.targets.length} văn bản khác nhau (mỗi cấp ủy đánh số riêng).` : "";
  show(head, el("p", { class: "summary", text: note }), ...data.targets.map(renderTarget));
}

function renderTarget(t) {
  const title = el("h3", {}, withNumbers(t.name));
  title.append(el("span", { class: t.in_corpus ? "badge held" : "badge", text: t.in_corpus ? "có trong kho" : "chưa có trong kho" }));
  const card = el("div", { class: "card target" }, title);
  card.append(el("div", { class: "meta" }, withNumbers(`Số hiệu ${t.code}`)));
  if (t.subject) card.append(el("p", { text: "Về " + t.subject }));
  card.append(...status(t));
  card.append(timeline(t.mentions));
  for (const m of t.mentions) {
    const mention = el("div", { class: "mention" });
    const where = m.footnote ? `chú thích ${m.footnote}` : `đoạn ${m.paragraph}`;
    const place = m.footnote ? { doc: m.doc_id, f: String(m.footnote) } : { doc: m.doc_id, p: String(m.paragraph) };
    const label = link(place, "");
    label.append(withNumbers(`${m.name} · ${where}`));
    const meta = el("div", { class: "meta" }, label);
    meta.append(el("span", { class: "badge rel-" + m.relation, text: m.relation_label }));
    mention.append(meta);
    mention.append(withMark(m.text, m.surface));
    card.append(mention);
  }
  return card;
}

// Whether later documents say they replace or amend this one.
function status(x) {
  const lines = [];
  if (x.replaced_by.length) lines.push(el("p", { class: "status", text: "Đã được thay thế bởi " + x.replaced_by.join(", ") }));
  if (x.amended_by.length) lines.push(el("p", { class: "status", text: "Đã được sửa đổi, bổ sung bởi " + x.amended_by.join(", ") }));
  return lines;
}

// Who cited a document when: per year of the citing document, its issuers and how often.
function timeline(mentions) {
  const years = new Map();
  for (const m of mentions) {
    const year = m.year ? String(m.year) : "Không rõ năm";
    if (!years.has(year)) years.set(year, new Map());
    const issuers = years.get(year);
    const issuer = m.issuer || "Không rõ cơ quan";
    issuers.set(issuer, (issuers.get(issuer) || 0) + 1);
  }
  const list = el("ul", { class: "timeline" });
  for (const year of [...years.keys()].sort()) {
    const who = [...years.get(year)].map(([issuer, n]) => (n > 1 ? `${issuer} (${n})` : issuer));
    list.append(el("li", {}, el("span", { class: "year", text: year }), document.createTextNode(who.join(", "))));
  }
  return el("div", { class: "cited-when" }, el("h4", { text: "Được trích dẫn theo thời gian" }), list);
}

function nodeLink(n) {
  if (n.in_corpus) return link({ doc: n.id }, n.label);
  return n.number ? link({ code: n.number }, n.label) : el("span", { text: n.label });
}

function relatedItem(n, e, withRelation) {
  const details = [n.issuer, n.date && "ngày " + shownDate(n.date), `${e.paragraphs} đoạn`];
  const item = el("li", {}, nodeLink(n), el("span", { class: "meta", text: " · " + details.filter(Boolean).join(" · ") }));
  if (withRelation) item.append(el("span", { class: "badge rel-" + e.relation, text: withRelation }));
  return item;
}

// "Văn bản liên quan": what the document cites, grouped by relation, and what cites it.
async function related(id) {
  let g;
  try {
    g = await api("/api/graph/" + encodeURIComponent(id));
  } catch (e) {
    return el("p", { class: "meta", text: e.message });
  }
  const nodes = new Map(g.nodes.map((n) => [n.id, n]));
  const labels = new Map(g.relations.map((r) => [r.relation, r.label]));
  const box = el("section", { class: "card related" }, el("h3", { text: "Văn bản liên quan" }));
  box.append(...status(nodes.get(id)));
  const cites = g.edges.filter((e) => e.from === id);
  const citedBy = g.edges.filter((e) => e.to === id);
  if (cites.length === 0 && citedBy.length === 0) {
    box.append(el("p", { class: "meta", text: "Văn bản này không trích dẫn văn bản nào và chưa được văn bản nào trong kho trích dẫn." }));
    return box;
  }
  if (cites.length) box.append(el("h4", { text: "Văn bản này trích dẫn" }));
  for (const { relation, label } of g.relations) {
    const group = cites.filter((e) => e.relation === relation);
    if (group.length === 0) continue;
    box.append(el("h5", { text: label }), el("ul", {}, ...group.map((e) => relatedItem(nodes.get(e.to), e))));
  }
  if (citedBy.length) {
    box.append(el("h4", { text: "Được trích dẫn bởi" }));
    box.append(el("ul", {}, ...citedBy.map((e) => relatedItem(nodes.get(e.from), e, labels.get(e.relation)))));
  }
  box.append(drawGraph(g, id));
  return box;
}

// Most neighbours the drawing places around the document; the lists above name them all.
const DRAWN = 24;

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

// The document in the middle, its neighbours on a circle, one coloured line per link.
function drawGraph(g, root) {
  const others = g.nodes.filter((n) => n.id !== root).slice(0, DRAWN);
  if (others.length === 0) return null;
  const size = 420, centre = size / 2, radius = 150;
  const pos = new Map([[root, [centre, centre]]]);
  others.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / others.length;
    pos.set(n.id, [centre + radius * Math.cos(angle), centre + radius * Math.sin(angle)]);
  });
  const ys = [...pos.values()].map(([, y]) => y);
  const top = Math.min(...ys) - 28, height = Math.max(...ys) - top + 16;
  const picture = svg("svg", { viewBox: `0 ${top} ${size} ${height}`, class: "graph", role: "img", "aria-label": "Sơ đồ liên kết" });
  for (const e of g.edges) {
    if (!pos.has(e.from) || !pos.has(e.to)) continue;
    const [[x1, y1], [x2, y2]] = [pos.get(e.from), pos.get(e.to)];
    picture.append(svg("line", { x1, y1, x2, y2, class: "rel-" + e.relation }));
  }
  for (const n of [g.nodes.find((x) => x.id === root), ...others]) {
    if (!n) continue;
    const [x, y] = pos.get(n.id);
    const dot = svg("circle", { cx: x, cy: y, r: n.id === root ? 9 : 6, class: n.in_corpus ? "held" : "" });
    const title = svg("title", {});
    title.textContent = n.label;
    dot.append(title);
    const name = svg("text", { x, y: y - 10, "text-anchor": "middle" });
    name.textContent = n.number || n.kind || "";
    picture.append(dot, name);
  }
  return picture;
}

async function documentView(id, focus, footnote) {
  let doc;
  try {
    doc = await api("/api/docs/" + encodeURIComponent(id));
  } catch (e) {
    return problem(e.message);
  }
  document.title = doc.name + " — tracuu";
  const title = el("h3", {}, withNumbers(doc.name));
  const text = el("div", { class: "doc-text" });
  const card = el("div", { class: "card doc" }, title, el("div", { class: "meta", text: metaLine(doc) }), text);
  let section = null;
  for (const p of doc.paragraphs) {
    if (p.section !== section) {
      section = p.section;
      if (section) text.append(el("h4", { text: section }));
    }
    text.append(el("p", { id: "p" + p.n, class: p.n === focus ? "focus" : "", text: p.text }));
  }
  for (const f of doc.footnotes) text.append(el("p", { id: "f" + f.n, class: f.n === footnote ? "meta focus" : "meta", text: `(${f.n}) ${f.text}` }));
  const links = el("div", { class: "related-slot" });
  show(card, links);
  related(doc.doc_id).then((box) => box && links.replaceChildren(box));
  // The text scrolls inside its own box under the document's name, so the page (and a
  // headless screenshot of it) opens with the marked paragraph or footnote in view.
  const target = document.getElementById(footnote ? "f" + footnote : "p" + focus);
  if (!target) return;
  const place = () => {
    const below = target.getBoundingClientRect().top - text.getBoundingClientRect().top;
    text.scrollTop += below - text.clientHeight / 3;
  };
  place();
  // A window resized after loading (a phone turned, a screenshot tool) reflows the text.
  window.addEventListener("resize", place);
}

if (params.get("code")) refs(params.get("code"));
else if (params.get("doc")) documentView(params.get("doc"), Number(params.get("p")), Number(params.get("f")));
else if (params.get("q")) search();
