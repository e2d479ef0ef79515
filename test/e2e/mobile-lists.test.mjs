// Customer, project and task lists on a 360 px phone: rows shown as cards
// with every edit link in view, the table still read as a table, valid
// HTML, axe-core in both themes, and the table unchanged at 1280 px.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	axeViolations, launchChromium, newThemedContext, signIn,
} from './browser.mjs';
import { nuErrors, savePage } from './html.mjs';
import { JOHN, startStack } from './stack.mjs';

const TIMEOUT = { timeout: 10000 };
const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 800 };

const suffix = randomBytes(3).toString('hex');
// A long name with spaces, and names with one long word that only breaks
// inside itself.
const CUSTOMER = 'Coopérative d’activité et d’emploi des métiers du ' +
    `bâtiment et de l’écoconstruction ${suffix}`;
const PROJECT = `Refonte${'x'.repeat(120)}${suffix}`;
const TASK = `Accompagnement${'y'.repeat(120)}${suffix}`;

const LISTS = [
	{ path: '/app/customers', table: 'Liste des clients',
	    name: CUSTOMER, labels: ['Nom du client'],
	    headers: ['Nom du client', 'Actions'] },
	{ path: '/app/projects', table: 'Liste des projets',
	    name: PROJECT, labels: ['Actif', 'Nom du projet', 'Client'],
	    cells: [PROJECT, CUSTOMER],
	    headers: ['Actif', 'Nom du projet', 'Client', 'Actions'] },
	{ path: '/app/tasks', table: 'Liste des missions',
	    name: TASK, labels: ['Nom de la mission'],
	    headers: ['Nom de la mission', 'Actions'] },
];

let stack;
let browser;

before(async () => {
	stack = await startStack({ workers: 2 });
	browser = await launchChromium();
	await withPage({}, async (page) => {
		await page.goto('/app/customers/add');
		await page.getByLabel('Nom du client').fill(CUSTOMER);
		await save(page, '**/app/customers');
		await page.goto('/app/projects/add');
		await page.getByLabel('Nom du projet').fill(PROJECT);
		await page.getByLabel('Client').selectOption(
		    { label: CUSTOMER });
		await save(page, '**/app/projects');
		await page.goto('/app/tasks/add');
		await page.getByLabel('Nom de la mission').fill(TASK);
		await save(page, '**/app/tasks');
	});
});

after(async () => {
	await browser?.close();
	await stack?.teardown();
});

async function save(page, url) {
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await page.waitForURL(url, TIMEOUT);
}

/* Opens a signed-in page of the given size and theme and runs body with
 * it; bypassCSP lets axe-core in. */
async function withPage({ viewport = DESKTOP, theme = 'light' }, body) {
	const context = await newThemedContext(browser, stack.baseUrl, theme,
	    { bypassCSP: true, viewport });
	try {
		const page = await context.newPage();
		await signIn(page, JOHN);
		await body(page);
	} finally {
		await context.close();
	}
}

/* Returns the boxes of the edit links of the table's body rows. */
function editLinkBoxes(table) {
	return table.locator('tbody tr').evaluateAll((rows) => rows.map(
	    (row) => {
		const link = row.querySelector('a[href*="/edit/"]');
		if (link === null)
			return null;
		const box = link.getBoundingClientRect();
		return { label: link.getAttribute('aria-label'),
		    left: box.left, right: box.right, width: box.width,
		    height: box.height };
	}));
}

/* Returns Chromium's accessibility tree as [role, name] pairs, in order,
 * ignored nodes left out. */
async function accessibilityTree(page) {
	const cdp = await page.context().newCDPSession(page);
	try {
		const { nodes } = await cdp.send(
		    'Accessibility.getFullAXTree');
		return nodes.filter((node) => !node.ignored).map((node) => [
		    node.role?.value ?? '', node.name?.value ?? '']);
	} finally {
		await cdp.detach();
	}
}

for (const list of LISTS) {
	describe(`${list.path} at 360 px`, () => {
		for (const theme of ['light', 'dark']) {
			test(`rows are cards in view, ${theme} theme`,
			    async () => {
				await withPage({ viewport: PHONE, theme },
				    (page) => assertPhoneList(page, list,
				    theme));
			});
		}

		test('still read as a table', async () => {
			await withPage({ viewport: PHONE }, async (page) => {
				await page.goto(list.path);
				const tree = await accessibilityTree(page);
				const roles = (role) => tree.filter(
				    ([r]) => r === role).map(([, n]) => n);
				assert.deepEqual(roles('table'), [list.table]);
				// Chromium names headers as drawn, in
				// capitals.
				assert.deepEqual(roles('columnheader').map(
				    (n) => n.toLowerCase()), list.headers.map(
				    (n) => n.toLowerCase()));
				assert.ok(roles('row').length >= 2,
				    'the rows are not read as rows');
				// The column names drawn in the cards are
				// not part of the cells' names.
				assert.ok(roles('cell').includes(list.name),
				    `no cell named exactly ${list.name}`);
				for (const name of roles('cell'))
					for (const label of list.labels)
						assert.ok(!name.startsWith(
						    label), `cell ${name} ` +
						    'repeats its column name');
			});
		});

		test('edit link reached with the keyboard', async () => {
			await withPage({ viewport: PHONE }, async (page) => {
				await page.goto(list.path);
				const label = `Modifier « ${list.name} »`;
				let focused = null;
				for (let i = 0; i < 60 && focused !== label;
				    i++) {
					await page.keyboard.press('Tab');
					focused = await page.evaluate(() =>
					    document.activeElement
					    ?.getAttribute('aria-label'));
				}
				assert.equal(focused, label,
				    'Tab never reaches the edit link');
				const focus = await page.evaluate(() => {
					const link = document.activeElement;
					const box =
					    link.getBoundingClientRect();
					return { left: box.left,
					    right: box.right, top: box.top,
					    bottom: box.bottom,
					    outline: getComputedStyle(link)
					    .outlineStyle };
				});
				const where = JSON.stringify(focus);
				assert.ok(focus.left >= 0, where);
				assert.ok(focus.right <= PHONE.width, where);
				assert.ok(focus.top >= 0, where);
				assert.ok(focus.bottom <= PHONE.height, where);
				assert.notEqual(focus.outline, 'none');
				await page.keyboard.press('Enter');
				await page.waitForURL(`**${list.path}/edit/**`,
				    TIMEOUT);
			});
		});
	});

	test(`${list.path} at 1280 px keeps the table`, async () => {
		await withPage({}, async (page) => {
			await page.goto(list.path);
			const table = page.getByRole('table',
			    { name: list.table });
			const layout = await table.evaluate((element) => {
				const head = element.tHead
				    .getBoundingClientRect();
				const cell = element.tBodies[0].rows[0]
				    .cells[0];
				return {
					table: getComputedStyle(element)
					    .display,
					row: getComputedStyle(element
					    .tBodies[0].rows[0]).display,
					cell: getComputedStyle(cell).display,
					label: getComputedStyle(cell,
					    '::before').content,
					headHeight: head.height,
				};
			});
			assert.equal(layout.table, 'table');
			assert.equal(layout.row, 'table-row');
			assert.equal(layout.cell, 'table-cell');
			assert.equal(layout.label, 'none',
			    'a column name is drawn inside a cell');
			assert.ok(layout.headHeight > 20, 'thead is hidden');
			for (const header of list.headers)
				assert.ok(await table.getByRole('columnheader',
				    { name: header }).isVisible());
			const boxes = await editLinkBoxes(table);
			const wrapper = await page.locator(
			    '.pc-table-wrapper').boundingBox();
			for (const box of boxes)
				assert.ok(box.right <= wrapper.x +
				    wrapper.width, `${box.label} ends at ` +
				    `${box.right} px`);
		});
	});
}

/* Checks the list at 360 px: no sideways scroll, every edit link and the
 * long names inside the window, the column names drawn, no axe
 * violation. */
async function assertPhoneList(page, list, theme) {
	await page.goto(list.path);
	assert.equal(await page.locator('html').getAttribute('data-theme'),
	    theme);
	const scrollWidth = await page.evaluate(
	    () => document.documentElement.scrollWidth);
	assert.ok(scrollWidth <= PHONE.width,
	    `the page is ${scrollWidth} px wide`);

	const table = page.getByRole('table', { name: list.table });
	const boxes = await editLinkBoxes(table);
	assert.ok(boxes.length >= 2, 'the list has fewer than two rows');
	assert.ok(boxes.some((box) => box?.label ===
	    `Modifier « ${list.name} »`), 'the long name is not listed');
	for (const box of boxes) {
		assert.notEqual(box, null, 'a row has no edit link');
		assert.ok(box.width > 0, `${box.label} has no width`);
		assert.ok(box.height > 0, `${box.label} has no height`);
		assert.ok(box.left >= 0,
		    `${box.label} starts at ${box.left} px`);
		assert.ok(box.right <= PHONE.width,
		    `${box.label} ends at ${box.right} px`);
	}

	for (const name of list.cells ?? [list.name]) {
		const cell = table.getByRole('cell', { name, exact: true });
		const box = await cell.boundingBox();
		assert.ok(box.x >= 0, `${name} starts at ${box.x} px`);
		assert.ok(box.x + box.width <= PHONE.width,
		    `${name} ends at ${box.x + box.width} px`);
		assert.ok(await cell.evaluate((element) =>
		    element.scrollWidth <= element.clientWidth),
		    `${name} is cut`);
	}
	const labels = await table.locator('tbody tr').first()
	    .locator('td').evaluateAll((cells) => cells.map((c) => {
		const before = getComputedStyle(c, '::before');
		const drawn = before.content !== 'none' &&
		    before.content !== 'normal' &&
		    before.display === 'block';
		return { label: c.dataset.label ?? null, drawn };
	}));
	assert.deepEqual(labels.filter((l) => l.drawn).map((l) => l.label),
	    list.labels, `column names drawn: ${JSON.stringify(labels)}`);
	const headHeight = await table.evaluate((element) =>
	    element.tHead.getBoundingClientRect().height);
	assert.ok(headHeight <= 1, `the header row is ${headHeight} px high`);

	assert.deepEqual(await axeViolations(page), []);
}

test('lists are valid HTML', async () => {
	const client = stack.client();
	const login = await client.login(JOHN.email, JOHN.password);
	assert.equal(login.status, 303);
	const dir = mkdtempSync(join(tmpdir(), 'permacoop-lists-'));
	try {
		const files = [];
		for (const list of LISTS) {
			const res = await client.get(list.path);
			assert.equal(res.status, 200);
			assert.ok(res.body.includes('data-label="'),
			    `${list.path} has no column names for cards`);
			files.push(savePage(dir, list.path.slice(5), res.body));
		}
		assert.deepEqual(nuErrors(files), []);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
