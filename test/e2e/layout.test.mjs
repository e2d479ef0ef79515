// The layout around pages over HTTP: error pages keep the menu for signed-in
// people, and the menu and home page show each role only what it may open.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { JOHN, repoRoot, startStack } from './stack.mjs';

const EMPLOYEE = { email: 'salarie@example.test', password: 'john' };
const ACCOUNTANT = { email: 'comptable@example.test', password: 'john' };
// Menu entries an accountant's pages would refuse with a 403.
const CRM_AND_CALENDAR = ['/app/faircalendar', '/app/customers',
    '/app/projects', '/app/tasks'];
const PEOPLE = ['/app/people/leave_requests', '/app/people/payroll_elements',
    '/app/people/meal_tickets', '/app/people/users'];

let stack;
let john;

/* Adds a person with John's password and the given role. */
function addPerson(email, role) {
	stack.psql('INSERT INTO "user" ("firstName", "lastName", email, ' +
	    `password, role) SELECT 'test', '${role}', '${email}', ` +
	    `password, '${role}' FROM "user" WHERE email = '${JOHN.email}'`);
}

async function signedIn(account) {
	const client = stack.client();
	const res = await client.login(account.email, account.password);
	assert.equal(res.status, 303, `login as ${account.email} failed`);
	return client;
}

/* Returns the markup of the sidebar menu, or null when the page has none. */
function sidebar(html) {
	const m = html.match(/<nav class="pc-nav pc-desktop-only"[^>]*>([\s\S]*?)<\/nav>/);
	return m === null ? null : m[1];
}

function menuLinks(html) {
	const menu = sidebar(html);
	assert.notEqual(menu, null, 'the page has no menu');
	return [...menu.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
}

function assertAppLayout(res, status) {
	assert.equal(res.status, status);
	assert.match(res.headers['content-type'] ?? '', /^text\/html/);
	assert.notEqual(sidebar(res.body), null, 'no menu on the page');
	assert.match(res.body, /Se déconnecter/, 'no logout button');
	assert.doesNotMatch(res.body, /pc-main--blank/);
}

function assertBlankLayout(res, status) {
	assert.equal(res.status, status);
	assert.match(res.headers['content-type'] ?? '', /^text\/html/);
	assert.equal(sidebar(res.body), null, 'a menu on the page');
	assert.match(res.body, /pc-main--blank/);
}

before(async () => {
	stack = await startStack({ workers: 2 });
	addPerson(EMPLOYEE.email, 'employee');
	addPerson(ACCOUNTANT.email, 'accountant');
	john = await signedIn(JOHN);
});

after(async () => {
	await stack?.teardown();
});

describe('error pages', () => {
	test('signed-in 404 has the menu', async () => {
		const res = await john.get('/app/no-such-page');
		assertAppLayout(res, 404);
		assert.match(res.body, /Erreur 404/);
		assert.ok(menuLinks(res.body).includes('/app/customers'));
		// The page names no current entry: no route matched.
		assert.doesNotMatch(sidebar(res.body), /aria-current/);
	});

	test('signed-in 404 outside /app has the menu', async () => {
		assertAppLayout(await john.get('/no-such-page'), 404);
	});

	test('signed-in 405 has the menu', async () => {
		const res = await john.get('/logout');
		assertAppLayout(res, 405);
		assert.equal(res.headers.allow, 'POST');
	});

	test('anonymous 404 and 405 stay blank', async () => {
		const anonymous = stack.client();
		assertBlankLayout(await anonymous.get('/app/no-such-page'), 404);
		assertBlankLayout(await anonymous.get('/logout'), 405);
	});

	test('unknown session cookie gives a blank 404', async () => {
		const res = await stack.client().get('/app/no-such-page', {
			cookie: `permacoop_session=${'0'.repeat(64)}`,
		});
		assertBlankLayout(res, 404);
	});

	test('404 without a database stays a blank 404', async () => {
		const pgLocal = join(repoRoot, 'bin/pg-local');
		const stop = spawnSync(pgLocal, ['stop', stack.pgDir],
		    { encoding: 'utf8' });
		assert.equal(stop.status, 0, `pg-local stop: ${stop.stderr}`);
		try {
			assertBlankLayout(await john.get('/app/no-such-page'),
			    404);
			assertBlankLayout(await john.get('/logout'), 405);
		} finally {
			const start = spawnSync(pgLocal, ['start', stack.pgDir],
			    { encoding: 'utf8' });
			assert.equal(start.status, 0,
			    `pg-local start: ${start.stderr}`);
		}
		// A worker may need a request to notice its dead connection.
		let res;
		for (let i = 0; i < 5; i++) {
			res = await john.get('/app/no-such-page');
			if (sidebar(res.body) !== null)
				break;
		}
		assertAppLayout(res, 404);
	});
});

describe('menu by role', () => {
	test('cooperator sees every entry', async () => {
		const links = menuLinks((await john.get('/app')).body);
		for (const href of [...CRM_AND_CALENDAR, ...PEOPLE])
			assert.ok(links.includes(href), `${href} missing`);
	});

	test('employee sees every entry', async () => {
		const employee = await signedIn(EMPLOYEE);
		const links = menuLinks((await employee.get('/app')).body);
		for (const href of [...CRM_AND_CALENDAR, ...PEOPLE])
			assert.ok(links.includes(href), `${href} missing`);
	});

	test('accountant sees no CRM or calendar', async () => {
		const accountant = await signedIn(ACCOUNTANT);
		const home = await accountant.get('/app');
		const links = menuLinks(home.body);
		for (const href of CRM_AND_CALENDAR)
			assert.ok(!links.includes(href), `${href} shown`);
		for (const href of PEOPLE)
			assert.ok(links.includes(href), `${href} missing`);
		assert.doesNotMatch(sidebar(home.body), /FairCRM/);
		// The mobile menu is the same list.
		for (const href of CRM_AND_CALENDAR)
			assert.ok(!home.body.includes(`href="${href}"`),
			    `${href} linked from the page`);
	});
});

describe('home page by role', () => {
	test('cooperator sees pending leave requests', async () => {
		const res = await john.get('/app');
		assert.equal(res.status, 200);
		assert.match(res.body, /<h1>Bonjour, John Doe\u202f!<\/h1>/);
		assert.match(res.body, /<h2[^>]*>Demandes de congés<\/h2>/);
		assert.match(res.body, /en attente de validation/);
	});

	test('accountant sees no leave requests', async () => {
		const accountant = await signedIn(ACCOUNTANT);
		const res = await accountant.get('/app');
		assert.equal(res.status, 200);
		assert.match(res.body, /<h1>Bonjour, Test Accountant\u202f!<\/h1>/);
		assert.doesNotMatch(res.body, /Demandes de congés/);
		assert.doesNotMatch(res.body, /en attente de validation/);
		assert.doesNotMatch(res.body,
		    /href="\/app\/people\/leave_requests"[^>]*class="pc-btn"|class="pc-btn"[^>]*href="\/app\/people\/leave_requests"/);
	});
});
