// The signed-in session of the pages: the access token of POST
// /auth/login kept in sessionStorage only (this tab, until it closes;
// never a cookie, so no other site's request carries it), and one
// fetch wrapper that sends it. A 401 ends the session: the token is
// dropped and the home page says why.
"use strict";

const Session = (() => {
	const TOKEN = "clientele.token";
	const NOTICE = "clientele.notice";

	function token() {
		return sessionStorage.getItem(TOKEN);
	}

	function begin(t) {
		sessionStorage.setItem(TOKEN, t);
		sessionStorage.removeItem(NOTICE);
	}

	// Ends the session; notice is the sentence the sign-in form shows.
	function end(notice) {
		sessionStorage.removeItem(TOKEN);
		if (notice)
			sessionStorage.setItem(NOTICE, notice);
	}

	// The notice left by end(), once.
	function takeNotice() {
		const n = sessionStorage.getItem(NOTICE);
		sessionStorage.removeItem(NOTICE);
		return n;
	}

	// One API call: {status, json}. body is sent as JSON; file (a Blob)
	// as is with its contentType.
	async function api(method, path, { body, file, contentType } = {}) {
		const headers = {};
		const t = token();
		let data;
		if (t)
			headers.Authorization = "Bearer " + t;
		if (body !== undefined) {
			headers["Content-Type"] = "application/json";
			data = JSON.stringify(body);
		} else if (file !== undefined) {
			headers["Content-Type"] = contentType;
			data = file;
		}
		const res = await fetch("/api/v1" + path, {
			method, headers, body: data, credentials: "omit", cache: "no-store",
		});
		let json = null;
		try {
			json = await res.json();
		} catch {
			json = null;
		}
		if (res.status === 401 && t)
			end("Votre session a expiré : reconnectez-vous.");
		return { status: res.status, json };
	}

	// The error body's sentence, or a general one.
	function detail(res) {
		return (res.json && typeof res.json.detail === "string")
			? res.json.detail : "Erreur " + res.status + ".";
	}

	return { token, begin, end, takeNotice, api, detail };
})();
