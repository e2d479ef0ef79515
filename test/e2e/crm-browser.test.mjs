// Customers, projects and tasks in headless Chromium: the reference's
// customer journeys, forms filled with and without JavaScript or with the
// keyboard only, small screens, and axe-core in both themes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
	axeViolations, launchChromium, newThemedContext, signIn,
} from './browser.mjs';
import { JOHN, startStack } from './stack.mjs';

const TIMEOUT = { timeout: 10000 };

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

/* Runs sql in the application's database and returns psql's output. */
function psql(sql) {
	const env = stack.baseEnv();
	const result = spawnSync('psql', ['-h', env.DATABASE_HOST,
	    '-p', env.DATABASE_PORT, '-U', env.DATABASE_USERNAME,
	    '-d', env.DATABASE_NAME, '-X', '-q', '-A', '-t',
	    '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`psql failed: ${result.stderr}`);
	return result.stdout.trim();
}

function uniqueName(prefix) {
	return `${prefix} ${randomBytes(3).toString('hex')}`;
}

/* A context with the theme cookie set; bypassCSP lets axe-core in. */
function newContext({ theme = 'light', ...options } = {}) {
	return newThemedContext(browser, stack.baseUrl, theme,
	    { bypassCSP: true, ...options });
}

/* Opens a logged-in page in a new context and runs body with it. */
async function withPage(options, body) {
	const context = await newContext(options);
	try {
		const page = await context.newPage();
		await signIn(page, JOHN);
		await body(page);
	} finally {
		await context.close();
	}
}

function path(page) {
	const url = new URL(page.url());
	return url.pathname + url.search;
}

/* Returns the rendered text of each cell of each body row. */
function bodyRows(table) {
	return table.locator('tbody tr').evaluateAll((rows) => rows.map(
	    (row) => [...row.cells].map((cell) => cell.innerText.trim())));
}

async function saveForm(page) {
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await page.waitForLoadState();
}

describe('reference customer journeys', () => {
	test('anonymous visitor goes to login', async () => {
		const context = await newContext();
		try {
			const page = await context.newPage();
			await page.goto('/app/customers');
			assert.equal(new URL(page.url()).pathname, '/login');
		} finally {
			await context.close();
		}
	});

	test('customer list content', async () => {
		await withPage({}, async (page) => {
			await page.goto('/app/customers');
			assert.equal(await page.title(), 'Clients - Permacoop');
			assert.equal(await page.locator('h1').innerText(),
			    'Clients');
			const table = page.getByRole('table',
			    { name: 'Liste des clients' });
			assert.ok(await table.isVisible());
			assert.deepEqual(await table.locator('thead th')
			    .allInnerTexts(), ['NOM DU CLIENT', 'ACTIONS']);
			// The fixture has a second customer beside the
			// reference's seed.
			assert.deepEqual(await bodyRows(table), [
				['Aperture Science', ''], ['Black Mesa', ''],
			]);
			await page.getByRole('link', { name: 'Ajouter' })
			    .click();
			await page.waitForURL('**/app/customers/add', TIMEOUT);
		});
	});
});

describe('forms with JavaScript', () => {
	test('customer added then edited', async () => {
		await withPage({}, async (page) => {
			const name = uniqueName('Client');
			await page.goto('/app/customers/add');
			await page.getByLabel('Nom du client').fill(name);
			await saveForm(page);
			assert.equal(path(page), '/app/customers');
			assert.equal(await page.getByRole('status').innerText(),
			    'Le client a été ajouté.');

			await page.getByRole('link',
			    { name: `Modifier « ${name} »` }).click();
			await page.getByRole('heading', { level: 1,
			    name: `Édition du client "${name}"` })
			    .waitFor(TIMEOUT);
			const field = page.getByLabel('Nom du client');
			assert.equal(await field.inputValue(), name);
			const renamed = `${name} renommé`;
			await field.fill(renamed);
			await saveForm(page);
			assert.equal(path(page), '/app/customers');
			assert.equal(await page.getByRole('status').innerText(),
			    'Le client a été modifié.');
			assert.ok(await page.getByRole('cell', { name: renamed,
			    exact: true }).isVisible());
		});
	});

	test('duplicate shows the error at the field', async () => {
		await withPage({}, async (page) => {
			await page.goto('/app/customers/add');
			await page.getByLabel('Nom du client')
			    .fill('aperture SCIENCE');
			await saveForm(page);
			assert.equal(path(page), '/app/customers/add');
			const summary = page.getByTestId('form-errors');
			assert.ok(await summary.isVisible());
			assert.match(await summary.innerText(),
			    /Un client porte déjà ce nom\./);
			const field = page.getByLabel('Nom du client');
			assert.equal(await field.inputValue(),
			    'aperture SCIENCE');
			assert.equal(await field.getAttribute('aria-invalid'),
			    'true');
			const description = await field.evaluate((input) =>
			    document.getElementById(input.getAttribute(
			    'aria-describedby')).textContent.trim());
			assert.equal(description,
			    'Un client porte déjà ce nom.');

			// The summary's link leads to the field.
			await summary.getByRole('link',
			    { name: 'Nom du client' }).click();
			assert.equal(new URL(page.url()).hash, '#name');
		});
	});

	test('project added then edited', async () => {
		await withPage({}, async (page) => {
			const name = uniqueName('Projet');
			await page.goto('/app/projects/add');
			assert.ok(await page.getByLabel('Actif').isChecked());
			await page.getByLabel('Nom du projet').fill(name);
			await page.getByLabel('Client').selectOption({
			    label: 'Black Mesa' });
			await page.getByLabel('Unité de facturation')
			    .selectOption({ label: 'Heure' });
			await page.getByLabel('Actif').uncheck();
			await saveForm(page);
			assert.equal(path(page), '/app/projects');
			assert.equal(await page.getByRole('status').innerText(),
			    'Le projet a été ajouté.');
			const row = page.getByRole('row').filter({ has:
			    page.getByRole('cell', { name, exact: true }) });
			const cells = row.locator('td');
			assert.deepEqual(await cells.allInnerTexts(),
			    ['Non', name, 'Black Mesa', '']);

			await page.getByRole('link',
			    { name: `Modifier « ${name} »` }).click();
			await page.getByRole('heading', { level: 1,
			    name: `Édition du projet "${name}"` })
			    .waitFor(TIMEOUT);
			const customer = page.getByLabel('Client');
			assert.equal(await customer.evaluate((select) =>
			    select.selectedOptions[0].textContent),
			    'Black Mesa');
			assert.equal(await page.getByLabel(
			    'Unité de facturation').inputValue(), 'hour');
			assert.equal(await page.getByLabel('Actif').isChecked(),
			    false);
			await customer.selectOption(
			    { label: 'Aperture Science' });
			await page.getByLabel('Actif').check();
			await saveForm(page);
			assert.equal(await page.getByRole('status').innerText(),
			    'Le projet a été modifié.');
			assert.deepEqual(await cells.allInnerTexts(),
			    ['Oui', name, 'Aperture Science', '']);
		});
	});
});

describe('without JavaScript', () => {
	test('task added, edited and paginated', async () => {
		// Enough tasks for a second page.
		psql("INSERT INTO task (name) SELECT 'Tâche ' || " +
		    "lpad(i::text, 2, '0') FROM generate_series(1, 35) i");
		await withPage({ javaScriptEnabled: false }, async (page) => {
			const name = uniqueName('Mission');
			await page.goto('/app/tasks/add');
			await page.getByLabel('Nom de la mission').fill(name);
			await saveForm(page);
			assert.equal(path(page), '/app/tasks');
			assert.equal(await page.getByRole('status').innerText(),
			    'La mission a été ajoutée.');

			const last = page.getByRole('link',
			    { name: /^Page \d+$/ }).last();
			await page.getByRole('link', { name: 'Page suivante' })
			    .click();
			await page.waitForURL('**/app/tasks?page=2', TIMEOUT);
			assert.equal(await page.locator('[aria-current="page"]',
			    { hasText: /^\s*(Page\s*)?2\s*$/ }).count(), 1);
			assert.ok(await last.isVisible());
			assert.ok(await page.getByRole('link',
			    { name: 'Page précédente' }).isVisible());

			await page.goto(`/app/tasks/edit/${psql(
			    `SELECT id FROM task WHERE name = '${name}'`)}`);
			await page.getByLabel('Nom de la mission')
			    .fill(`${name} bis`);
			await saveForm(page);
			assert.equal(await page.getByRole('status').innerText(),
			    'La mission a été modifiée.');
		});
	});
});

describe('keyboard only', () => {
	/* Presses Tab until the focused element matches selector. */
	async function tabTo(page, selector) {
		for (let i = 0; i < 150; i++) {
			await page.keyboard.press('Tab');
			if (await page.evaluate((s) =>
			    document.activeElement?.matches(s) ?? false,
			    selector))
				return;
		}
		assert.fail(`Tab never reaches ${selector}`);
	}

	test('task added and opened for editing', async () => {
		await withPage({}, async (page) => {
			const name = uniqueName('Clavier');
			await page.goto('/app/tasks');
			await tabTo(page, 'a[href="/app/tasks/add"]');
			await page.keyboard.press('Enter');
			await page.waitForURL('**/app/tasks/add', TIMEOUT);
			await tabTo(page, '#name');
			await page.keyboard.type(name);
			await page.keyboard.press('Enter');
			await page.waitForURL('**/app/tasks', TIMEOUT);
			const id = psql(
			    `SELECT id FROM task WHERE name = '${name}'`);
			assert.match(id, /^[0-9a-f-]{36}$/);
			const listPage = psql('SELECT (n - 1) / 30 + 1 ' +
			    'FROM (SELECT id, row_number() OVER ' +
			    '(ORDER BY name, id) n FROM task) t ' +
			    `WHERE id = '${id}'`);
			await page.goto(`/app/tasks?page=${listPage}`);
			await tabTo(page, `a[href="/app/tasks/edit/${id}"]`);
			await page.keyboard.press('Enter');
			await page.waitForURL(`**/app/tasks/edit/${id}`,
			    TIMEOUT);
		});
	});
});

describe('360 px wide screen', () => {
	test('pages do not scroll sideways', async () => {
		await withPage({ viewport: { width: 360, height: 740 } },
		    async (page) => {
			for (const url of ['/app/customers', '/app/projects',
			    '/app/tasks', '/app/customers/add',
			    '/app/projects/add', '/app/tasks/add']) {
				await page.goto(url);
				const widths = await page.evaluate(() => [
				    document.documentElement.scrollWidth,
				    document.documentElement.clientWidth]);
				assert.ok(widths[0] <= widths[1],
				    `${url} is ${widths[0]} px wide`);
				assert.ok(await page.getByRole('heading',
				    { level: 1 }).isVisible());
			}
		});
	});
});

/* Checks the list, add form, form with errors and edit form of key. */
async function assertFeatureAccessible(page, key, theme) {
	await page.goto(`/app/${key}`);
	assert.equal(await page.locator('html').getAttribute('data-theme'),
	    theme);
	assert.deepEqual(await axeViolations(page), [], 'list');

	await page.goto(`/app/${key}/add`);
	assert.deepEqual(await axeViolations(page), [], 'add form');

	// Without required, an empty name passes the browser's check.
	await page.locator('#name').evaluate((input) =>
	    input.removeAttribute('required'));
	await saveForm(page);
	assert.ok(await page.getByTestId('form-errors').isVisible());
	assert.deepEqual(await axeViolations(page), [], 'form with errors');

	await page.goto(`/app/${key}`);
	await page.getByRole('link', { name: /^Modifier/ }).first().click();
	await page.waitForURL(`**/app/${key}/edit/**`, TIMEOUT);
	assert.deepEqual(await axeViolations(page), [], 'edit form');
}

for (const theme of ['light', 'dark']) {
	describe(`axe-core in the ${theme} theme`, () => {
		for (const key of ['customers', 'projects', 'tasks']) {
			test(`${key} pages have no violation`, async () => {
				await withPage({ theme }, (page) =>
				    assertFeatureAccessible(page, key, theme));
			});
		}
	});
}
