// Helpers for Clientele's browser tests: Debian's chromium driven by
// playwright-core, against the stack script/test starts (CLIENTELE_URL and
// friends, as the API tests use them).
//
// A test file:
//   import { test, run, SITE } from "./lib.mjs";
//   test("home page loads", async ({ page }) => { ... });
//   await run();
// Every test gets a fresh browser context and page; any console error or
// uncaught exception in the page fails the test, after its body ran.
//
// A page that shows an API error (a 400 with row errors, a 401 that ends
// the session) makes chromium log "Failed to load resource: ... status of
// 400" as a console error. A test that causes one on purpose names it:
//   test("bad import", body, { httpErrors: [{ path: "/api/v1/update_db", status: 400 }] });
// and only that status of that path is forgiven; any other still fails.

import { createRequire } from "node:module";
import assert from "node:assert/strict";
import path from "node:path";

function env(name) {
	const value = process.env[name];
	if (!value) {
		process.stderr.write(`${name} is not set: run the browser tests with ` +
			"script/test, which starts a stack and sets it\n");
		process.exit(99); // automake: hard error
	}
	return value;
}

// The package lives in the source tree's tests/browser/node_modules,
// installed by script/bootstrap; resolving it from CLIENTELE_ROOT keeps
// the tests working from a distcheck tree, which has no node_modules.
const root = env("CLIENTELE_ROOT");
const require = createRequire(path.join(root, "tests/browser/package.json"));
const { chromium } = require("playwright-core");

export const BASE = env("CLIENTELE_URL").replace(/\/+$/, "");
export const SITE = new URL(BASE).origin;
export const CHROMIUM = process.env.CLIENTELE_CHROMIUM || "/usr/bin/chromium";
export { assert };

const tests = [];

export function test(name, body, { httpErrors = [] } = {}) {
	tests.push({ name, body, httpErrors });
}

// True when m is chromium's report of a response the test expects.
function expectedHttpError(t, m) {
	const s = /^Failed to load resource: the server responded with a status of (\d+)/
		.exec(m.text());
	if (!s)
		return false;
	let path;
	try {
		path = new URL(m.location().url).pathname.replace(/\/+$/, "");
	} catch {
		return false;
	}
	return t.httpErrors.some((e) => e.status === Number(s[1]) &&
		e.path.replace(/\/+$/, "") === path);
}

// One API call from the test itself (not from the page), for set-up.
export async function api(method, apiPath, { body, token, headers = {} } = {}) {
	const h = { ...headers };
	if (body !== undefined && !h["Content-Type"])
		h["Content-Type"] = "application/json";
	if (token)
		h.Authorization = `Bearer ${token}`;
	const res = await fetch(BASE + apiPath, {
		method,
		headers: h,
		body: body === undefined ? undefined :
			typeof body === "string" ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json = null;
	try { json = JSON.parse(text); } catch { /* not JSON */ }
	return { status: res.status, headers: res.headers, text, json };
}

export function admin() {
	return {
		email: env("CLIENTELE_ADMIN_EMAIL"),
		password: env("CLIENTELE_ADMIN_PASSWORD"),
	};
}

export async function adminToken() {
	const { email, password } = admin();
	const r = await api("POST", "/auth/login", { body: { username: email, password } });
	assert.equal(r.status, 200, `admin login: ${r.text}`);
	return r.json.access_token ?? r.json.data?.access_token;
}

export async function run() {
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		// root in CI: chromium's sandbox needs an unprivileged user.
		args: process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [],
	});
	let failed = 0;
	for (const t of tests) {
		const context = await browser.newContext({ ignoreHTTPSErrors: true });
		const page = await context.newPage();
		const problems = [];
		page.on("console", (m) => {
			if (m.type() === "error" && !expectedHttpError(t, m))
				problems.push(`console error: ${m.text()}`);
		});
		page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
		page.on("dialog", (d) => {
			problems.push(`dialog opened: ${d.message()}`);
			d.dismiss().catch(() => {});
		});
		try {
			await t.body({ page, context, problems });
			assert.deepEqual(problems, [], "the page reported problems");
			console.log(`ok - ${t.name}`);
		} catch (e) {
			failed++;
			console.log(`not ok - ${t.name}\n${e.stack || e}`);
		} finally {
			await context.close();
		}
	}
	await browser.close();
	console.log(`${tests.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}
