// Every page the app serves is valid HTML per the Nu HTML checker.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { nuErrors, savePage } from './html.mjs';
import { JOHN, csrfField, startStack } from './stack.mjs';

let stack;
let pagesDir;
let user;

before(async () => {
	stack = await startStack({ workers: 2 });
	pagesDir = mkdtempSync(join(tmpdir(), 'permacoop-pages-'));
	user = stack.client();
	const res = await user.login(JOHN.email, JOHN.password);
	assert.equal(res.status, 303, 'login failed');
});

after(async () => {
	if (pagesDir !== undefined &&
	    process.env.PERMACOOP_KEEP_TMP === undefined)
		rmSync(pagesDir, { recursive: true, force: true });
	await stack?.teardown();
});

/* Returns the distinct /app links of a page, in order. */
function appLinks(html) {
	const links = [];
	for (const m of html.matchAll(/<a\b[^>]*\bhref="(\/app[^"#]*)"/g)) {
		const href = m[1].replaceAll('&amp;', '&');
		if (!links.includes(href))
			links.push(href);
	}
	return links;
}

/* Fetches the pages of the sign-in flow, the home page and the error
 * pages; returns name -> html. */
async function corePages() {
	const pages = new Map();
	const keep = (name, res, status) => {
		assert.equal(res.status, status, `${name}: status`);
		assert.match(res.headers['content-type'] ?? '', /^text\/html/,
		    `${name}: Content-Type`);
		pages.set(name, res.body);
	};

	const anonymous = stack.client();
	keep('login', await anonymous.get('/login'), 200);
	keep('login-next', await anonymous.get('/login?next=%2Fapp'), 200);
	keep('login-failed', await anonymous.login(JOHN.email, 'wrong'), 401);
	keep('anonymous-404', await anonymous.get('/no-such-page'), 404);
	keep('login-403', await anonymous.post('/login', {
		email: JOHN.email, password: JOHN.password,
	}), 403);

	const home = await user.get('/app');
	keep('home', home, 200);
	keep('app-404', await user.get('/app/no-such-page'), 404);
	keep('logout-403', await user.post('/logout', {}), 403);
	const notAllowed = await user.post('/app', {
		_csrf: csrfField(home.body) ?? '',
	});
	assert.equal(notAllowed.status, 405, 'POST /app: status');
	if (/^text\/html/.test(notAllowed.headers['content-type'] ?? ''))
		pages.set('app-405', notAllowed.body);
	const token = csrfField(home.body) ?? '';
	keep('bad-request-400', await user.post('/logout',
	    `_csrf=${token}&comment=%zz`), 400);
	keep('too-large-413', await user.post('/logout',
	    `_csrf=${token}&comment=${'a'.repeat(2 * 1024 * 1024)}`), 413);
	return pages;
}

function assertValid(pages) {
	const files = [...pages].map(([name, html]) =>
	    savePage(pagesDir, name, html));
	const errors = nuErrors(files);
	assert.deepEqual(errors, [], `Nu checker errors:\n${errors.join('\n')}`);
}

test('login, home and error pages are valid', async () => {
	const pages = await corePages();
	assert.ok(pages.size >= 9, `only ${pages.size} pages`);
	assertValid(pages);
});

test('menu pages are valid', async () => {
	const home = await user.get('/app');
	const links = appLinks(home.body).filter((href) => href !== '/app');
	assert.ok(links.length > 0, 'the home page links to no /app page');
	const pages = new Map();
	const failures = [];
	for (const href of links) {
		const res = await user.get(href);
		// Entries whose pages are not built yet lead to the 404 page,
		// which must be valid too.
		if ((res.status !== 200 && res.status !== 404) ||
		    !/^text\/html/.test(res.headers['content-type'] ?? '')) {
			failures.push(`${href}: ${res.status} ` +
			    `${res.headers['content-type']}`);
			continue;
		}
		pages.set(`menu${href.replace(/[^a-z0-9]+/gi, '-')}`, res.body);
	}
	if (pages.size > 0)
		assertValid(pages);
	assert.deepEqual(failures, [], 'menu pages not served');
});
