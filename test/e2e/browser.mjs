// Shared setup of the browser tests: launching Chromium, opening a
// context with a theme, signing in through the login form and running
// axe-core.
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { repoRoot } from './stack.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the networking flags Chromium reaches out to outside hosts.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
const AXE = join(repoRoot, 'node_modules/axe-core/axe.min.js');
const SIGN_IN_TIMEOUT_MS = 10000;

/* Launches headless Chromium (CHROMIUM_PATH or /usr/bin/chromium) with a
 * fresh, temporary user-data-dir, which Playwright provides. */
export function launchChromium() {
	return chromium.launch({ executablePath: CHROMIUM, headless: true,
	    args: CHROMIUM_ARGS });
}

/* Opens a context on baseUrl whose colorScheme and theme cookie are both
 * theme. The options go to browser.newContext and may override
 * colorScheme. */
export async function newThemedContext(browser, baseUrl, theme,
    options = {}) {
	const context = await browser.newContext({ baseURL: baseUrl,
	    colorScheme: theme, ...options });
	try {
		await context.addCookies([{ name: 'theme', value: theme,
		    url: baseUrl }]);
	} catch (error) {
		await context.close();
		throw error;
	}
	return context;
}

/* Signs person in through the login form and waits for /app. */
export async function signIn(page, person) {
	await page.goto('/login');
	await page.getByLabel('Adresse email').fill(person.email);
	await page.getByLabel('Mot de passe').fill(person.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL('**/app', { timeout: SIGN_IN_TIMEOUT_MS });
}

/* Runs axe-core on the page and returns its violations as text lines.
 * The context needs bypassCSP, because the app's Content-Security-Policy
 * forbids the injected script. */
export async function axeViolations(page) {
	await page.addScriptTag({ path: AXE });
	const violations = await page.evaluate(async () => {
		const result = await globalThis.axe.run(document);
		return result.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			targets: v.nodes.map((n) => n.target.join(' ')),
		}));
	});
	return violations.map((v) => `${v.id} (${v.impact}): ${v.help} ` +
	    `at ${v.targets.slice(0, 5).join(', ')}`);
}
