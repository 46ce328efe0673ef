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

test("the API docs page renders the document's operations", async ({ page }) => {
	const res = await page.goto(SITE + "/api/docs/");
	assert.equal(res.status(), 200);
	const doc = await (await fetch(SITE + "/api/docs/openapi.json")).json();
	const ops = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item)
		.filter((k) => ["get", "post", "put", "patch", "delete"].includes(k)).length, 0);
	assert.ok(ops > 50, `the document has ${ops} operations`);
	// Wait for the page's script to render the document.
	await page.waitForFunction(() => document.body.innerText.includes("/health"));
	assert.ok((await page.content()).includes("/plans/"));
});

await run();
