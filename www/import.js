// The import page: the chosen JSON or CSV file is sent as is to POST
// /update_db; the answer is the created and updated counts, or the bad
// rows with their numbers (counted from 1) and fields. Text from the
// file or the server goes in with textContent only.
"use strict";

(() => {
	const $ = (id) => document.getElementById(id);

	if (!Session.token()) {
		$("need-signin").hidden = false;
		return;
	}
	$("import").hidden = false;

	// "rows[3].Email" → [4, "Email"]; "header" → [null, "header"].
	function place(key) {
		const m = /^(?:rows|clients)\[(\d+)\](?:\.(.+))?$/.exec(key);
		return m ? [Number(m[1]) + 1, m[2] || ""] : [null, key];
	}

	function showErrors(errors) {
		const body = $("import-errors").tBodies[0];
		body.replaceChildren();
		const items = Object.entries(errors).map(([k, p]) => [place(k), p])
			.sort((a, b) => (a[0][0] ?? 0) - (b[0][0] ?? 0));
		for (const [[row, field], problems] of items) {
			const tr = document.createElement("tr");
			for (const [label, v] of [["Ligne", row ?? "—"], ["Champ", field],
				["Problème", problems.join(" ")]]) {
				const td = document.createElement("td");
				td.dataset.label = label;
				td.textContent = String(v);
				tr.appendChild(td);
			}
			body.appendChild(tr);
		}
		$("import-errors").hidden = items.length === 0;
	}

	function type(file) {
		if (/\.csv$/i.test(file.name) || file.type === "text/csv")
			return "text/csv";
		return "application/json";
	}

	$("import-form").addEventListener("submit", async (e) => {
		e.preventDefault();
		const file = $("file").files[0];
		if (!file)
			return;
		$("import-result").hidden = true;
		showErrors({});
		$("import-status").textContent = "Import en cours…";
		const res = await Session.api("POST", "/update_db", {
			file, contentType: type(file),
		});
		if (res.status === 401) {
			location.assign("/");
			return;
		}
		if (res.status === 200) {
			$("import-status").textContent = "Import terminé.";
			$("created").textContent = String(res.json.created);
			$("updated").textContent = String(res.json.updated);
			$("import-result").hidden = false;
			return;
		}
		$("import-status").textContent = "Rien n'a été importé : " +
			Session.detail(res);
		if (res.json && res.json.errors)
			showErrors(res.json.errors);
	});
})();
