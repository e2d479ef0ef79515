// Journeys in headless Chromium: login through the form, the theme toggle
// without JavaScript, and axe-core accessibility checks in both themes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, launchChromium } from './browser.mjs';
import { JOHN, startStack } from './stack.mjs';

const HOME_HEADING = 'Bonjour, John Doe\u202f!';

let stack;
let browser;

before(async () => {
	stack = await startStack({ workers: 2 });
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	await stack?.teardown();
});

/* A fresh context; bypassCSP lets axe-core be injected under the app's
 * Content-Security-Policy, which forbids inline scripts. */
function newContext(options = {}) {
	return browser.newContext({ baseURL: stack.baseUrl,
	    colorScheme: 'light', bypassCSP: true, ...options });
}

async function loginThroughForm(page) {
	await page.goto('/login');
	const email = page.getByLabel('Adresse email');
	assert.equal(await email.getAttribute('type'), 'email');
	await email.fill(JOHN.email);
	const password = page.getByLabel('Mot de passe');
	assert.equal(await password.getAttribute('type'), 'password');
	await password.fill(JOHN.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await page.getByRole('heading', { level: 1, name: HOME_HEADING })
	    .waitFor({ timeout: 10000 });
}

/* The visible theme control ("Alterner le thème", or one button per
 * theme with only the other theme's shown): a button, or a link. */
function themeToggle(page) {
	const name = /thème/i;
	return page.getByRole('button', { name })
	    .or(page.getByRole('link', { name })).locator('visible=true')
	    .first();
}

function rootTheme(page) {
	return page.locator('html').getAttribute('data-theme');
}

describe('login form', () => {
	test('leads to the home page', async () => {
		const context = await newContext();
		try {
			const page = await context.newPage();
			await loginThroughForm(page);
			assert.equal(new URL(page.url()).pathname, '/app');
			assert.equal(await page.title(),
			    `${HOME_HEADING} - Permacoop`);
		} finally {
			await context.close();
		}
	});

	test('wrong password shows the error', async () => {
		const context = await newContext();
		try {
			const page = await context.newPage();
			await page.goto('/app/customers');
			assert.equal(new URL(page.url()).pathname, '/login');
			await page.getByLabel('Adresse email').fill(JOHN.email);
			await page.getByLabel('Mot de passe').fill('wrong');
			await page.getByRole('button', { name: 'Se connecter' })
			    .click();
			await page.getByText('Veuillez réessayer', {
			    exact: false }).waitFor({ timeout: 10000 });
			await page.getByLabel('Mot de passe')
			    .fill(JOHN.password);
			await page.getByRole('button', { name: 'Se connecter' })
			    .click();
			await page.waitForURL('**/app/customers',
			    { timeout: 10000 });
		} finally {
			await context.close();
		}
	});
});

describe('theme toggle without JavaScript', () => {
	let cookies;

	test('switches data-theme both ways', async () => {
		const context = await newContext({ javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			await loginThroughForm(page);
			const initial = await rootTheme(page);
			assert.ok(initial === null || initial === 'light',
			    `data-theme is ${initial} before any choice`);

			await themeToggle(page).click();
			await page.waitForLoadState();
			assert.equal(await rootTheme(page), 'dark');
			assert.equal(new URL(page.url()).pathname, '/app');

			// The choice outlives the page.
			await page.goto('/app');
			assert.equal(await rootTheme(page), 'dark');
			cookies = await context.cookies();

			await themeToggle(page).click();
			await page.waitForLoadState();
			assert.equal(await rootTheme(page), 'light');
		} finally {
			await context.close();
		}
	});

	test('chosen dark theme passes axe', async (t) => {
		if (cookies === undefined)
			return t.skip('the toggle test failed');
		const context = await newContext({ colorScheme: 'light' });
		try {
			await context.addCookies(cookies);
			const page = await context.newPage();
			await page.goto('/app');
			assert.equal(await rootTheme(page), 'dark');
			assert.deepEqual(await axeViolations(page), []);
		} finally {
			await context.close();
		}
	});
});

for (const theme of ['light', 'dark']) {
	describe(`axe-core in the ${theme} theme`, () => {
		let context;
		let page;

		before(async () => {
			context = await newContext({ colorScheme: theme });
			page = await context.newPage();
		});

		after(async () => {
			await context?.close();
		});

		test('/login has no violation', async () => {
			await page.goto('/login');
			assert.deepEqual(await axeViolations(page), []);
		});

		test('/login with an error has no violation', async () => {
			await page.goto('/login');
			await page.getByLabel('Adresse email').fill(JOHN.email);
			await page.getByLabel('Mot de passe').fill('wrong');
			await page.getByRole('button', { name: 'Se connecter' })
			    .click();
			await page.waitForLoadState();
			assert.deepEqual(await axeViolations(page), []);
		});

		test('anonymous 404 page has no violation', async () => {
			const res = await page.goto('/no-such-page');
			assert.equal(res.status(), 404);
			assert.deepEqual(await axeViolations(page), []);
		});

		test('/app has no violation', async () => {
			await loginThroughForm(page);
			assert.deepEqual(await axeViolations(page), []);
		});

		test('404 page in the app has no violation', async () => {
			const res = await page.goto('/app/no-such-page');
			assert.equal(res.status(), 404);
			assert.deepEqual(await axeViolations(page), []);
		});
	});
}
