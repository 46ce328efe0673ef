// The static pages load in a real browser under the site's CSP: no console
// error (a CSP violation is one), the links they promise are there.
import { test, run, SITE, assert } from "./lib.mjs";

test("the home page loads: sign-in form, footer links to the API docs and health", async ({ page }) => {
	const res = await page.goto(SITE + "/");
	assert.equal(res.status(), 200);
	assert.match(await page.title(), /Clientele/);
	await page.waitForSelector("#signin-form", { state: "visible" });
	assert.equal(await page.locator('footer a[href="/api/docs/"]').count(), 1);
	assert.equal(await page.locator('footer a[href="/api/v1/health"]').count(), 1);
	assert.equal(await page.locator("#clients").isVisible(), false);
});

test("the import page without a session says to sign in first", async ({ page }) => {
	const res = await page.goto(SITE + "/import.html");
	assert.equal(res.status(), 200);
	await page.waitForSelector("#need-signin", { state: "visible" });
	assert.equal(await page.locator("#import-form").isVisible(), false);
	assert.equal(await page.locator('footer a[href="/api/docs/"]').count(), 1);
});

// Every operation of the document, as "METHOD path" strings.
async function operations() {
	const doc = await (await fetch(SITE + "/api/docs/openapi.json")).json();
	const ops = [];
	for (const [path, item] of Object.entries(doc.paths))
		for (const m of ["get", "post", "put", "patch", "delete"])
			if (item[m])
				ops.push(`${m.toUpperCase()} ${path}`);
	assert.ok(ops.length > 50, `the document has ${ops.length} operations`);
	return ops;
}

test("the API docs page is Swagger UI showing every operation", async ({ page }) => {
	const res = await page.goto(SITE + "/api/docs/");
	assert.equal(res.status(), 200);
	const ops = await operations();
	// script/bootstrap fetches Swagger UI; without it this page is the
	// plain list (the next test), and this test says so.
	assert.ok(await page.locator("#swagger-ui").count() === 1,
		"/api/docs/ is not Swagger UI: run script/bootstrap (npm swagger-ui-dist)");
	await page.waitForSelector(".opblock", { timeout: 20000 });
	const shown = await page.$$eval(".opblock", (blocks) => blocks.map((b) =>
		b.querySelector(".opblock-summary-method").textContent.trim() + " " +
		b.querySelector(".opblock-summary-path").getAttribute("data-path")));
	const missing = ops.filter((o) => !shown.includes(o));
	assert.deepEqual(missing, [], "operations missing from Swagger UI");
	assert.equal(shown.length, ops.length, "one block per operation");
});

test("Swagger UI tries GET /health against this server", async ({ page }) => {
	await page.goto(SITE + "/api/docs/");
	const block = page.locator(".opblock-get").filter({
		has: page.locator('.opblock-summary-path[data-path="/health"]') });
	await block.locator(".opblock-summary").first().click();
	await block.locator("button.try-out__btn").click();
	await block.locator("button.execute").click();
	const code = block.locator(".live-responses-table tbody .response-col_status").first();
	await code.waitFor({ timeout: 10000 });
	assert.equal((await code.textContent()).trim(), "200");
	const url = await block.locator(".request-url pre").textContent();
	assert.equal(url.trim(), SITE + "/api/v1/health");
});

test("the plain docs page (the fallback) lists every operation", async ({ page }) => {
	const res = await page.goto(SITE + "/api/docs/index.html");
	assert.equal(res.status(), 200);
	const ops = await operations();
	await page.waitForFunction(() => document.body.innerText.includes("/health"));
	const rows = await page.$$eval("tr[data-text]", (trs) => trs.map((tr) =>
		tr.querySelector(".m").textContent.toUpperCase() + " " +
		tr.querySelector(".p").textContent));
	const missing = ops.filter((o) => !rows.includes(o));
	assert.deepEqual(missing, [], "operations missing from the plain page");
});

await run();
