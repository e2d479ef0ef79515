// Page layout in headless Chromium: names without spaces that must not
// widen the page, status marks drawn without an emoji font, and the
// spacing inside form cards.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { launchChromium, newThemedContext, signIn } from './browser.mjs';
import { JOHN, startStack } from './stack.mjs';

const TIMEOUT = { timeout: 10000 };
const WIDTHS = [360, 1280];
// A name of the maximum length the forms accept, with no space to break
// it at.
const LONG_NAME = 'a'.repeat(247) + randomBytes(4).toString('hex');

let stack;
let browser;
let customerId;

before(async () => {
	stack = await startStack({ workers: 2 });
	browser = await launchChromium();
});

after(async () => {
	await browser?.close();
	await stack?.teardown();
});

/* Opens a signed-in page of the given width and theme, runs body. */
async function withPage({ width = 1280, theme = 'light' }, body) {
	const context = await newThemedContext(browser, stack.baseUrl, theme,
	    { viewport: { width, height: 800 } });
	try {
		const page = await context.newPage();
		await signIn(page, JOHN);
		await body(page);
	} finally {
		await context.close();
	}
}

/* Returns [page scroll width, viewport width]. */
function widths(page) {
	return page.evaluate(() => [document.documentElement.scrollWidth,
	    window.innerWidth]);
}

async function assertNoSidewaysScroll(page, what) {
	const [scrollWidth, innerWidth] = await widths(page);
	assert.ok(scrollWidth <= innerWidth,
	    `${what} is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

/* Asserts that locator lies inside the window and inside the visible
 * part of its table wrapper, without any scrolling. */
async function assertInView(page, locator, what) {
	const box = await locator.boundingBox();
	assert.notEqual(box, null, `${what} is not rendered`);
	const view = await locator.evaluate((element) => {
		const wrapper = element.closest('.pc-table-wrapper')
		    .getBoundingClientRect();
		return { left: wrapper.left, right: wrapper.right,
		    width: window.innerWidth };
	});
	assert.ok(box.x >= view.left,
	    `${what} starts at ${box.x} px, left of the table's ` +
	    `${view.left} px`);
	assert.ok(box.x + box.width <= view.right,
	    `${what} ends at ${box.x + box.width} px, right of the ` +
	    `table's ${view.right} px`);
	assert.ok(box.x + box.width <= view.width,
	    `${what} ends at ${box.x + box.width} px, past the window`);
}

describe('name of 255 letters without a space', () => {
	before(async () => {
		await withPage({}, async (page) => {
			await page.goto('/app/customers/add');
			await page.getByLabel('Nom du client').fill(LONG_NAME);
			await page.getByRole('button', { name: 'Enregistrer' })
			    .click();
			await page.waitForURL('**/app/customers', TIMEOUT);
		});
		customerId = stack.psql('SELECT id FROM customer WHERE ' +
		    `name = '${LONG_NAME}'`);
		assert.match(customerId, /^[0-9a-f-]{36}$/,
		    'the customer was not added');
	});

	for (const width of WIDTHS) {
		test(`customer list at ${width} px`, async () => {
			await withPage({ width }, async (page) => {
				await page.goto('/app/customers');
				await assertNoSidewaysScroll(page, 'the list');
				const edit = page.getByRole('link', {
				    name: `Modifier « ${LONG_NAME} »` });
				await assertInView(page, edit, 'the edit link');
				const cell = page.getByRole('cell',
				    { name: LONG_NAME, exact: true });
				const [cellBox, headingBox] = await Promise.all([
				    cell.boundingBox(), page.getByRole('heading',
				    { level: 1 }).boundingBox()]);
				assert.ok(cellBox.height > headingBox.height,
				    'the name does not wrap');
			});
		});

		test(`customer edit page at ${width} px`, async () => {
			await withPage({ width }, async (page) => {
				await page.goto(
				    `/app/customers/edit/${customerId}`);
				await assertNoSidewaysScroll(page,
				    'the edit page');
				const crumb = page.locator(
				    '.pc-breadcrumb [aria-current="page"]');
				const box = await crumb.boundingBox();
				assert.ok(box.x + box.width <= width,
				    'the breadcrumb passes the window');
				const heading = page.getByRole('heading',
				    { level: 1 });
				assert.match(await heading.innerText(),
				    new RegExp(LONG_NAME));
				const save = page.getByRole('button',
				    { name: 'Enregistrer' });
				const saveBox = await save.boundingBox();
				assert.ok(saveBox.x + saveBox.width <= width,
				    'the save button passes the window');
			});
		});

		test(`project list at ${width} px`, async () => {
			await withPage({ width }, async (page) => {
				await page.goto('/app/projects/add');
				const name = 'b'.repeat(247) +
				    randomBytes(4).toString('hex');
				await page.getByLabel('Nom du projet')
				    .fill(name);
				await page.getByLabel('Client').selectOption(
				    { label: LONG_NAME });
				await page.getByRole('button',
				    { name: 'Enregistrer' }).click();
				await page.waitForURL('**/app/projects',
				    TIMEOUT);
				await assertNoSidewaysScroll(page, 'the list');
				const edit = page.getByRole('link',
				    { name: `Modifier « ${name} »` });
				await edit.scrollIntoViewIfNeeded();
				assert.ok(await edit.isVisible());
				// Scrolling the table must not scroll the page.
				await assertNoSidewaysScroll(page, 'the list');
				assert.equal(await page.evaluate(
				    () => window.scrollX), 0);
			});
		});
	}
});

describe('project status marks', () => {
	for (const theme of ['light', 'dark']) {
		test(`drawn without emoji, ${theme} theme`, async () => {
			await withPage({ theme }, async (page) => {
				await page.goto('/app/projects');
				const marks = await page.locator('tbody .pc-picto')
				    .evaluateAll((spans) => spans.map((span) => {
					const mark = getComputedStyle(span,
					    '::before');
					return { text: span.textContent,
					    content: mark.content,
					    width: parseFloat(mark.width),
					    colour: mark.borderTopColor };
				}));
				const texts = new Set(marks.map((m) => m.text));
				assert.deepEqual([...texts].sort(),
				    ['Non', 'Oui']);
				for (const mark of marks) {
					// Only an empty string draws no glyph.
					assert.equal(mark.content, '""',
					    `${mark.text} has content ` +
					    mark.content);
					assert.ok(mark.width > 0,
					    `${mark.text} mark has no width`);
					assert.notEqual(mark.colour,
					    'rgba(0, 0, 0, 0)');
				}
				const colours = new Set(
				    marks.map((m) => m.colour));
				assert.equal(colours.size, 2,
				    'Oui and Non marks look the same');
			});
		});
	}
});

describe('form card spacing', () => {
	for (const width of WIDTHS) {
		test(`same above and below at ${width} px`, async () => {
			await withPage({ width }, async (page) => {
				await page.goto('/app/customers/add');
				const space = await page.locator('form.pc-card')
				    .evaluate((form) => {
					const card = form.getBoundingClientRect();
					const shown = [...form.children].filter(
					    (child) => child.offsetParent !==
					    null);
					const first = shown[0]
					    .getBoundingClientRect();
					const last = shown[shown.length - 1]
					    .getBoundingClientRect();
					return { above: first.top - card.top,
					    below: card.bottom - last.bottom };
				});
				assert.ok(Math.abs(space.above - space.below) <= 1,
				    `${space.above} px above the first field, ` +
				    `${space.below} px below the button`);
			});
		});
	}
});
