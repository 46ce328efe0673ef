// The home page: the sign-in form, then the clients of GET /data with a
// search box and pages of 50. Every value a client record holds is put
// into the page with textContent, never as HTML.
"use strict";

(() => {
	const PAGE = 50;
	const $ = (id) => document.getElementById(id);
	const COLUMNS = [
		["Nom", "Nom"], ["Prenom", "Prénom"], ["Email", "Email"],
		["Phone", "Téléphone"], ["Compte", "Compte"], ["carteFid", "Carte"],
		["Credit", "Crédit"], ["Montant", "Montant"],
	];
	let offset = 0;
	let count = 0;
	let query = "";

	function showSignIn(notice) {
		$("clients").hidden = true;
		$("signin").hidden = false;
		const m = $("signin-message");
		m.textContent = notice || "";
		m.hidden = !notice;
		$("signin-email").focus();
	}

	function showClients() {
		$("signin").hidden = true;
		$("clients").hidden = false;
		load();
	}

	function cell(label, value) {
		const td = document.createElement("td");
		td.dataset.label = label;
		td.textContent = value === null || value === undefined ? "" : String(value);
		return td;
	}

	function render(rows) {
		const body = $("clients-table").tBodies[0];
		body.replaceChildren();
		for (const c of rows) {
			const tr = document.createElement("tr");
			for (const [key, label] of COLUMNS)
				tr.appendChild(cell(label, c[key]));
			body.appendChild(tr);
		}
	}

	async function load() {
		// Newest first, so a client just added is on the first page.
		const params = new URLSearchParams({ limit: PAGE, offset, ordering: "-id" });
		if (query)
			params.set("search", query);
		$("clients-status").textContent = "Chargement…";
		const res = await Session.api("GET", "/data?" + params);
		if (res.status === 401)
			return showSignIn(Session.takeNotice());
		if (res.status === 404 && offset > 0) { // the list shrank
			offset = 0;
			return load();
		}
		if (res.status !== 200) {
			$("clients-status").textContent = Session.detail(res);
			return;
		}
		count = res.json.count;
		render(res.json.results);
		$("clients-status").textContent = count === 0 ? "Aucun client." :
			`${count} client${count > 1 ? "s" : ""}` + (count > PAGE ?
				` (${offset + 1}–${offset + res.json.results.length})` : "");
		$("prev").disabled = offset === 0;
		$("next").disabled = offset + PAGE >= count;
	}

	$("signin-form").addEventListener("submit", async (e) => {
		e.preventDefault();
		const res = await Session.api("POST", "/auth/login", {
			body: { username: $("signin-email").value, password: $("signin-password").value },
		});
		if (res.status !== 200 || !res.json?.data?.access_token) {
			showSignIn(res.status === 400 ? "Email ou mot de passe incorrect." :
				Session.detail(res));
			return;
		}
		Session.begin(res.json.data.access_token);
		$("signin-password").value = "";
		offset = 0;
		showClients();
	});

	$("search-form").addEventListener("submit", (e) => {
		e.preventDefault();
		query = $("search").value.trim();
		offset = 0;
		load();
	});

	$("prev").addEventListener("click", () => {
		offset = Math.max(0, offset - PAGE);
		load();
	});

	$("next").addEventListener("click", () => {
		offset += PAGE;
		load();
	});

	$("signout").addEventListener("click", async () => {
		await Session.api("POST", "/auth/logout");
		Session.end();
		render([]);
		showSignIn("Vous êtes déconnecté.");
	});

	if (Session.token())
		showClients();
	else
		showSignIn(Session.takeNotice());
})();
