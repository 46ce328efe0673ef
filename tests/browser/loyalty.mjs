// The two pages of seed 003 (API.md §5) in a real browser: sign in, the
// clients of GET /data with search, "Importer clients" with a good and a
// bad CSV file, HTML in a client's name shown as text, a session that
// ends (its token revoked) back at the sign-in form with a message, sign
// out, and a phone-sized screen. Clients are made through the API with a
// unique tag, so the searches find only this run's.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { test, run, SITE, assert, api, admin, adminToken } from "./lib.mjs";

const tag = () => "br" + randomUUID().replace(/-/g, "").slice(0, 12);

async function createClient(token, over = {}) {
	const t = tag();
	const body = { name: "Jean" + t, last_name: "Dupont" + t, sexe: "h", age: 40,
		mail: t + "@mail.example", phone: "+33600000000", ...over };
	const r = await api("POST", "/create_customer", { body, token });
	assert.equal(r.status, 200, r.text);
	return { t, body, id: r.json.idClient };
}

async function signIn(page) {
	await page.goto(SITE + "/");
	await page.waitForSelector("#signin-form", { state: "visible" });
	const { email, password } = admin();
	await page.fill("#signin-email", email);
	await page.fill("#signin-password", password);
	await page.click("#signin-form button[type=submit]");
	await page.waitForSelector("#clients", { state: "visible" });
	await page.waitForFunction(() =>
		!document.getElementById("clients-status").textContent.startsWith("Chargement"));
}

// The submit handler shows "Chargement…" before its first await, so by
// the time the click returns the status says so until the answer came.
async function searchFor(page, text) {
	await page.fill("#search", text);
	await page.click("#search-form button[type=submit]");
	await page.waitForFunction(() =>
		!document.getElementById("clients-status").textContent.startsWith("Chargement"));
}

// The server's [auth] jwt_secret, from the stack's clientele.conf.
function jwtSecret() {
	let section = "";
	for (const line of readFileSync(process.env.CLIENTELE_CONF, "utf8").split("\n")) {
		const s = line.trim();
		if (s.startsWith("["))
			section = s;
		const m = /^jwt_secret\s*=\s*(\S+)/.exec(s);
		if (section === "[auth]" && m)
			return m[1];
	}
	throw new Error("no [auth] jwt_secret in CLIENTELE_CONF");
}

// token signed again with the server's secret, its exp a minute ago
// (or unchanged when keep): with keep the server takes it, so the other
// is refused for its expiry alone.
function expired(token, keep = false) {
	const [head, payload] = token.split(".");
	const claims = JSON.parse(Buffer.from(payload, "base64url"));
	if (!keep)
		claims.exp = Math.floor(Date.now() / 1000) - 60;
	const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
	const sig = createHmac("sha256", jwtSecret()).update(head + "." + body)
		.digest("base64url");
	return `${head}.${body}.${sig}`;
}

const rowTexts = (page) => page.$$eval("#clients-table tbody tr",
	(trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));

test("sign in and see a client created through the API, then search it", async ({ page, context }) => {
	const token = await adminToken();
	const c = await createClient(token);
	await signIn(page);
	// Newest first: the client just made is on the first page.
	const first = await rowTexts(page);
	assert.ok(first.some((r) => r[0] === c.body.last_name), JSON.stringify(first.slice(0, 3)));
	await searchFor(page, c.t);
	assert.deepEqual(await rowTexts(page), [[c.body.last_name, c.body.name, c.body.mail,
		"+33600000000", "", "", "0.00", "0"]]);
	assert.match(await page.textContent("#clients-status"), /^1 client$/);
	await searchFor(page, c.t + "nothing");
	assert.deepEqual(await rowTexts(page), []);
	assert.match(await page.textContent("#clients-status"), /Aucun client/);
	// The token lives in this tab's sessionStorage, never in a cookie.
	assert.deepEqual(await context.cookies(), []);
	assert.ok(await page.evaluate(() => sessionStorage.getItem("clientele.token")));
	assert.equal(await page.evaluate(() => localStorage.length), 0);
});

test("HTML in a client's fields is shown as text, never run", async ({ page }) => {
	const token = await adminToken();
	const evil = "<img src=x onerror=alert(1)>";
	const c = await createClient(token, { last_name: evil, name: "<b>gras</b>" });
	await signIn(page);
	await searchFor(page, c.t);
	const rows = await rowTexts(page);
	assert.equal(rows.length, 1);
	assert.equal(rows[0][0], evil);
	assert.equal(rows[0][1], "<b>gras</b>");
	assert.equal(await page.locator("#clients-table img, #clients-table b").count(), 0);
});

test("import a good CSV file: the counts, then the clients in the table", async ({ page }) => {
	const t = tag();
	const csv = "\ufeffNom,Prenom,Compte,Credit,Email\r\n" +
		`"Martin, ${t}","Anne ""A""",${t}a,12.50,${t}@x.example\r\n` +
		`Durand${t},Luc,${t}b,0,\r\n`;
	await signIn(page);
	await page.click("#import-link");
	await page.waitForSelector("#import-form", { state: "visible" });
	await page.setInputFiles("#file", { name: "clients.csv", mimeType: "text/csv",
		buffer: Buffer.from(csv) });
	await page.click("#import-form button[type=submit]");
	await page.waitForSelector("#import-result", { state: "visible" });
	assert.equal(await page.textContent("#created"), "2");
	assert.equal(await page.textContent("#updated"), "0");
	assert.equal(await page.locator("#import-errors").isVisible(), false);
	// The same file again updates both (upsert by Compte).
	await page.click("#import-form button[type=submit]");
	await page.waitForFunction(() => document.getElementById("updated").textContent === "2");
	assert.equal(await page.textContent("#created"), "0");
	await page.click("text=Retour aux clients");
	await page.waitForSelector("#clients", { state: "visible" });
	await searchFor(page, t);
	const rows = await rowTexts(page);
	assert.deepEqual(rows.map((r) => r[0]).sort(), [`Durand${t}`, `Martin, ${t}`]);
	assert.ok(rows.some((r) => r[1] === 'Anne "A"' && r[6] === "12.50"));
});

test("import a good JSON file", async ({ page }) => {
	const t = tag();
	const json = JSON.stringify({ clients: [{ Nom: "Json" + t, Compte: t, Montant: 125 }] });
	await signIn(page);
	await page.goto(SITE + "/import.html");
	await page.setInputFiles("#file", { name: "clients.json", mimeType: "application/json",
		buffer: Buffer.from(json) });
	await page.click("#import-form button[type=submit]");
	await page.waitForSelector("#import-result", { state: "visible" });
	assert.equal(await page.textContent("#created"), "1");
});

test("import a bad CSV file: the row errors by row number, nothing imported", async ({ page }) => {
	const t = tag();
	const csv = "Nom,Compte,Credit,Sexe\n" +
		`A${t},${t}1,1.00,h\n` +
		`B${t},${t}2,2.00,x\n` +
		`C${t},${t}3,154.62542724609375,f\n`;
	await signIn(page);
	await page.click("#import-link");
	await page.setInputFiles("#file", { name: "bad.csv", mimeType: "text/csv",
		buffer: Buffer.from(csv) });
	await page.click("#import-form button[type=submit]");
	await page.waitForSelector("#import-errors", { state: "visible" });
	const errs = await page.$$eval("#import-errors tbody tr",
		(trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
	assert.deepEqual(errs.map((r) => [r[0], r[1]]), [["2", "Sexe"], ["3", "Credit"]]);
	assert.match(errs[1][2], /2 decimal/);
	assert.match(await page.textContent("#import-status"), /Rien n'a été importé/);
	assert.equal(await page.locator("#import-result").isVisible(), false);
	const r = await api("GET", "/data?search=" + t, { token: await adminToken() });
	assert.deepEqual(r.json, []);
	// A file that is not CSV at all: the whole-file problem is shown.
	await page.setInputFiles("#file", { name: "broken.csv", mimeType: "text/csv",
		buffer: Buffer.from('Nom\n"unclosed\n') });
	await page.click("#import-form button[type=submit]");
	await page.waitForFunction(() => /Malformed CSV/.test(
		document.getElementById("import-errors").textContent));
}, { httpErrors: [{ path: "/api/v1/update_db", status: 400 }] });

test("an ended session goes back to the sign-in form with a message", async ({ page }) => {
	await signIn(page);
	const token = await page.evaluate(() => sessionStorage.getItem("clientele.token"));
	// The session ends behind the page's back (as an expiry would).
	const r = await api("POST", "/auth/logout", { token });
	assert.equal(r.status, 200, r.text);
	await page.fill("#search", "x");
	await page.click("#search-form button[type=submit]");
	await page.waitForSelector("#signin-form", { state: "visible" });
	assert.match(await page.textContent("#signin-message"), /session a expiré/);
	assert.equal(await page.evaluate(() => sessionStorage.getItem("clientele.token")), null);
	// The import page sends such a session home too.
	await signIn(page);
	const t2 = await page.evaluate(() => sessionStorage.getItem("clientele.token"));
	await page.goto(SITE + "/import.html");
	await api("POST", "/auth/logout", { token: t2 });
	await page.setInputFiles("#file", { name: "a.csv", mimeType: "text/csv",
		buffer: Buffer.from("Nom\nx\n") });
	await page.click("#import-form button[type=submit]");
	await page.waitForSelector("#signin-form", { state: "visible" });
	assert.match(await page.textContent("#signin-message"), /session a expiré/);
}, { httpErrors: [{ path: "/api/v1/data", status: 401 },
	{ path: "/api/v1/update_db", status: 401 }] });

test("an expired token goes back to the sign-in form with a message", async ({ page }) => {
	await signIn(page);
	const token = await page.evaluate(() => sessionStorage.getItem("clientele.token"));
	const old = expired(token);
	// Signed the same way but not expired, it is taken: the expired one
	// is refused for its expiry alone (API.md §2: 401).
	assert.equal((await api("GET", "/data?limit=1", { token: expired(token, true) })).status, 200);
	const r = await api("GET", "/data", { token: old });
	assert.equal(r.status, 401, r.text);
	await page.evaluate((t) => sessionStorage.setItem("clientele.token", t), old);
	await page.reload();
	await page.waitForSelector("#signin-form", { state: "visible" });
	assert.match(await page.textContent("#signin-message"), /session a expiré/);
	assert.equal(await page.locator("#clients").isVisible(), false);
}, { httpErrors: [{ path: "/api/v1/data", status: 401 }] });

test("a wrong password is refused with a message", async ({ page }) => {
	await page.goto(SITE + "/");
	await page.fill("#signin-email", admin().email);
	await page.fill("#signin-password", "wrong-password-" + tag());
	await page.click("#signin-form button[type=submit]");
	await page.waitForSelector("#signin-message", { state: "visible" });
	assert.match(await page.textContent("#signin-message"), /incorrect/);
	assert.equal(await page.locator("#clients").isVisible(), false);
}, { httpErrors: [{ path: "/api/v1/auth/login", status: 400 }] });

test("sign out ends the session", async ({ page }) => {
	await signIn(page);
	const token = await page.evaluate(() => sessionStorage.getItem("clientele.token"));
	await page.click("#signout");
	await page.waitForSelector("#signin-form", { state: "visible" });
	assert.match(await page.textContent("#signin-message"), /déconnecté/);
	assert.equal(await page.evaluate(() => sessionStorage.getItem("clientele.token")), null);
	assert.equal(await page.locator("#clients-table tbody tr").count(), 0);
	// The server revoked it too.
	const r = await api("GET", "/data", { token });
	assert.equal(r.status, 401);
	await page.reload();
	await page.waitForSelector("#signin-form", { state: "visible" });
});

test("a phone-sized screen: no sideways scrolling, rows as labelled cards", async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 740 });
	const c = await createClient(await adminToken(), { mail: "a.very.long.address." + tag() + "@example.com" });
	await signIn(page);
	await searchFor(page, c.t);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 375, `the page is ${width}px wide`);
	assert.equal(await page.locator("#clients-table thead").isVisible(), false);
	const label = await page.$eval("#clients-table tbody td",
		(td) => getComputedStyle(td, "::before").content);
	assert.match(label, /Nom/);
	await page.click("#import-link");
	await page.waitForSelector("#import-form", { state: "visible" });
	assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375);
});

await run();
