/* Lists the operations of ./openapi.json, grouped by tag; no libraries. */
"use strict";
const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"];

function el(tag, attrs, ...kids) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {}))
		e.setAttribute(k, v);
	for (const k of kids)
		e.append(k);
	return e;
}

function render(doc) {
	const info = doc.info || {};
	document.getElementById("title").textContent = (info.title || "Clientele API") +
		(info.version ? " " + info.version : "");
	const base = (doc.servers && doc.servers[0] && doc.servers[0].url) || "/api/v1";
	const about = document.getElementById("about");
	about.textContent = (info.description ? info.description + " " : "") + "Base URL: " + base + ". ";
	about.append(el("a", { href: "openapi.json" }, "OpenAPI document"));

	const groups = new Map();
	for (const [path, item] of Object.entries(doc.paths || {})) {
		for (const m of METHODS) {
			const op = item[m];
			if (!op)
				continue;
			const tag = (op.tags && op.tags[0]) || "other";
			if (!groups.has(tag))
				groups.set(tag, []);
			groups.get(tag).push({ path, method: m, op });
		}
	}
	const out = document.getElementById("paths");
	out.textContent = "";
	for (const [tag, ops] of groups) {
		const table = el("table");
		for (const { path, method, op } of ops) {
			const detail = el("details", {}, el("summary", {}, op.summary || op.operationId || ""),
				el("pre", {}, JSON.stringify(op, null, 2)));
			const row = el("tr", { "data-text": (method + " " + path + " " + (op.summary || "")).toLowerCase() },
				el("td", { class: "m " + method }, method),
				el("td", { class: "p" }, path),
				el("td", {}, detail));
			table.append(row);
		}
		out.append(el("section", {}, el("h2", {}, tag), table));
	}
}

document.getElementById("filter").addEventListener("input", (ev) => {
	const q = ev.target.value.toLowerCase();
	for (const row of document.querySelectorAll("tr[data-text]"))
		row.hidden = q !== "" && !row.dataset.text.includes(q);
});

fetch("openapi.json")
	.then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
	.then(render)
	.catch((e) => {
		document.getElementById("about").textContent = "Could not load openapi.json: " + e.message;
	});
