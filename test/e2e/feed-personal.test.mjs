// Personal leaves feed URLs: shown on the home page, renewable, and
// accepted only for active people who may see leaves.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import ICAL from 'ical.js';

import { axeViolations, launchChromium, signIn } from './browser.mjs';
import { decodeEntities, nuErrors, pageText, savePage } from './html.mjs';
import { JANE, JOHN, csrfField, startStack } from './stack.mjs';

const FEED = '/api/leaves/calendar.ics';
const RENEW = '/app/calendar-token/renew';
const FLASH = 'Le lien du calendrier a été renouvelé. ' +
    "L'ancien lien ne fonctionne plus.";
// The fixture's accepted leave requests.
const ACCEPTED_IDS = [
	'79a22bf6-3770-47a8-9a03-14cf6c68d5aa',
	'a08aa464-5f3a-4f8f-84e1-441a96e30e51',
	'5b2b127c-9a20-4ca5-b6f4-a9c19ae49efa',
];
const ACCOUNTANT = { email: 'compta@example.org', password: 'john' };

let stack;
let pagesDir;
let john;
let jane;

before(async () => {
	stack = await startStack({ workers: 2 });
	pagesDir = mkdtempSync(join(tmpdir(), 'permacoop-feed-personal-'));
	john = stack.client();
	jane = stack.client();
	assert.equal((await john.login(JOHN.email, JOHN.password)).status,
	    303, 'john login failed');
	assert.equal((await jane.login(JANE.email, JANE.password)).status,
	    303, 'jane login failed');
	// An accountant with john's password hash, so "john" logs them in.
	stack.psql(`INSERT INTO "user" ("firstName", "lastName", email,
	    password, role)
	    SELECT 'alice', 'martin', '${ACCOUNTANT.email}', password,
	           'accountant'
	      FROM "user" WHERE email = '${JOHN.email}'`);
});

after(async () => {
	if (pagesDir !== undefined &&
	    process.env.PERMACOOP_KEEP_TMP === undefined)
		rmSync(pagesDir, { recursive: true, force: true });
	await stack?.teardown();
});

/* Returns the value of the read-only URL field of the home page, or
 * null when the page has none. */
function calendarUrl(html) {
	const input = html.match(/<input\b[^>]*\bid="calendar-url"[^>]*>/);
	if (input === null)
		return null;
	const value = input[0].match(/\bvalue="([^"]*)"/);
	assert.ok(value !== null, `no value in ${input[0]}`);
	return decodeEntities(value[1]);
}

async function homeUrl(client) {
	const res = await client.get('/app');
	assert.equal(res.status, 200);
	const url = calendarUrl(res.body);
	assert.ok(url !== null, 'the home page shows no calendar URL');
	return url;
}

async function renew(client) {
	const csrf = await client.csrf('/app');
	return client.post(RENEW, { _csrf: csrf });
}

function eventIds(body) {
	const calendar = new ICAL.Component(ICAL.parse(body));
	return calendar.getAllSubcomponents('vevent')
	    .map((event) => event.getFirstPropertyValue('uid'));
}

function tokenOf(url) {
	return new URL(url).searchParams.get('token');
}

function setLeavingDate(email, expression) {
	stack.psql(`UPDATE user_administrative
	    SET "leavingDate" = ${expression}
	    WHERE id = (SELECT "userAdministrativeId" FROM "user"
	                 WHERE email = '${email}')`);
}

describe('personal feed URL', () => {
	let url;

	test('home page shows an absolute URL', async () => {
		url = await homeUrl(john);
		const parsed = new URL(url);
		assert.equal(parsed.origin, stack.baseUrl);
		assert.equal(parsed.pathname, FEED);
		assert.match(parsed.searchParams.get('token'),
		    /^[A-Za-z0-9_-]{43}$/);
		assert.notEqual(parsed.searchParams.get('token'),
		    stack.calendarToken);
	});

	test('unusual Host header gives a path', async () => {
		// nginx accepts an IPv6 literal, which the app does not
		// copy into the URL.
		const res = await john.get('/app', { host: '[::1]:8080' });
		assert.equal(res.status, 200);
		const relative = calendarUrl(res.body);
		assert.equal(relative, `${FEED}?token=${tokenOf(url)}`);
	});

	test('URL stays the same across visits', async () => {
		assert.equal(await homeUrl(john), url);
	});

	test('URL gives the team calendar', async () => {
		const res = await stack.client().get(url);
		assert.equal(res.status, 200);
		assert.equal(res.headers['content-type'],
		    'text/calendar; charset=utf-8');
		const uids = eventIds(res.body);
		assert.equal(uids.length, ACCEPTED_IDS.length,
		    JSON.stringify(uids));
		for (const id of ACCEPTED_IDS)
			assert.ok(uids.some((uid) => uid.includes(id)),
			    `no event for ${id}`);
	});

	test('same body as the team token', async () => {
		const personal = await stack.client().get(url);
		const team = await stack.client().get(
		    `${FEED}?token=${stack.calendarToken}`);
		assert.equal(team.status, 200);
		assert.equal(personal.body, team.body);
		assert.equal(personal.headers.etag, team.headers.etag);
	});

	test('ETag gives 304', async () => {
		const first = await stack.client().get(url);
		const res = await stack.client().get(url,
		    { 'if-none-match': first.headers.etag });
		assert.equal(res.status, 304);
	});

	test('altered token gives 403', async () => {
		const token = tokenOf(url);
		const altered = token.slice(0, -1) +
		    (token.endsWith('A') ? 'B' : 'A');
		const res = await stack.client().get(
		    `${FEED}?token=${altered}`);
		assert.equal(res.status, 403);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.ok(!res.body.includes('BEGIN:VCALENDAR'));
	});

	test('token given twice gives 403', async () => {
		const token = tokenOf(url);
		const res = await stack.client().get(
		    `${FEED}?token=${token}&token=${token}`);
		assert.equal(res.status, 403);
	});
});

describe('renewing the URL', () => {
	let oldUrl;
	let newUrl;
	let janeUrl;

	before(async () => {
		oldUrl = await homeUrl(john);
		janeUrl = await homeUrl(jane);
	});

	test('redirects home with a message', async () => {
		const res = await renew(john);
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/app');
		const home = await john.get('/app');
		assert.ok(pageText(home.body).includes(FLASH),
		    'the flash message is missing');
		newUrl = calendarUrl(home.body);
		assert.ok(newUrl !== null);
		assert.notEqual(newUrl, oldUrl);
		savePage(pagesDir, 'home-renewed', home.body);
	});

	test('old URL gives 403', async () => {
		const res = await stack.client().get(oldUrl);
		assert.equal(res.status, 403);
		assert.ok(!res.body.includes('BEGIN:VCALENDAR'));
	});

	test('new URL gives the calendar', async () => {
		const res = await stack.client().get(newUrl);
		assert.equal(res.status, 200);
		assert.equal(eventIds(res.body).length, ACCEPTED_IDS.length);
	});

	test('leaves the other person\'s URL alone', async () => {
		assert.notEqual(tokenOf(janeUrl), tokenOf(oldUrl));
		assert.notEqual(tokenOf(janeUrl), tokenOf(newUrl));
		assert.equal(await homeUrl(jane), janeUrl);
		const res = await stack.client().get(janeUrl);
		assert.equal(res.status, 200);
		assert.equal(eventIds(res.body).length, ACCEPTED_IDS.length);
	});

	test('team token still works', async () => {
		const res = await stack.client().get(
		    `${FEED}?token=${stack.calendarToken}`);
		assert.equal(res.status, 200);
	});

	test('without CSRF token gives 403', async () => {
		const res = await john.post(RENEW, {});
		assert.equal(res.status, 403);
		assert.equal(await homeUrl(john), newUrl);
	});

	test('anonymous visitor goes to login', async () => {
		const anonymous = stack.client();
		const csrf = await anonymous.csrf('/login');
		const res = await anonymous.post(RENEW, { _csrf: csrf });
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /^\/login/);
		assert.equal(await homeUrl(john), newUrl);
	});
});

describe('feed access by person', () => {
	test('departed person\'s URL gives 403', async () => {
		const url = await homeUrl(jane);
		setLeavingDate(JANE.email, 'CURRENT_DATE - 2');
		try {
			const res = await stack.client().get(url);
			assert.equal(res.status, 403);
			assert.ok(!res.body.includes('BEGIN:VCALENDAR'));
		} finally {
			setLeavingDate(JANE.email, 'NULL');
		}
		const back = await stack.client().get(url);
		assert.equal(back.status, 200);
	});

	test('leaving today in Paris still works', async () => {
		const url = await homeUrl(jane);
		setLeavingDate(JANE.email,
		    "(now() AT TIME ZONE 'Europe/Paris')::date");
		try {
			const res = await stack.client().get(url);
			assert.equal(res.status, 200);
		} finally {
			setLeavingDate(JANE.email, 'NULL');
		}
	});

	test('accountant sees no card', async () => {
		const accountant = stack.client();
		const login = await accountant.login(ACCOUNTANT.email,
		    ACCOUNTANT.password);
		assert.equal(login.status, 303, 'accountant login failed');
		const home = await accountant.get('/app');
		assert.equal(home.status, 200);
		assert.equal(calendarUrl(home.body), null);
		assert.ok(!pageText(home.body).includes(
		    'Calendrier des congés'));
		assert.ok(!home.body.includes(RENEW));
		savePage(pagesDir, 'home-accountant', home.body);
	});

	test('accountant renewing gets 403', async () => {
		const accountant = stack.client();
		await accountant.login(ACCOUNTANT.email, ACCOUNTANT.password);
		const res = await renew(accountant);
		assert.equal(res.status, 403);
		assert.match(res.headers['content-type'], /^text\/html/);
		const rows = stack.psql(`SELECT count(*)
		    FROM permacoop_calendar_token t
		    JOIN "user" u ON u.id = t.user_id
		    WHERE u.email = '${ACCOUNTANT.email}'`);
		assert.equal(rows, '0');
	});

	test('accountant\'s stored token gives 403', async () => {
		const token = 'accountantTokenAccountantTokenAccountant123';
		assert.equal(token.length, 43);
		stack.psql(`INSERT INTO permacoop_calendar_token
		    (user_id, token)
		    SELECT id, '${token}' FROM "user"
		     WHERE email = '${ACCOUNTANT.email}'`);
		const res = await stack.client().get(`${FEED}?token=${token}`);
		assert.equal(res.status, 403);
	});

	test('deleted person\'s token goes too', async () => {
		stack.psql(`INSERT INTO "user" ("firstName", "lastName",
		    email, password, role)
		    VALUES ('temp', 'person', 'temp@example.org', 'x',
		            'employee')`);
		const token = 'temporaryTokenTemporaryTokenTemporaryToken1';
		assert.equal(token.length, 43);
		stack.psql(`INSERT INTO permacoop_calendar_token
		    (user_id, token)
		    SELECT id, '${token}' FROM "user"
		     WHERE email = 'temp@example.org'`);
		const before = await stack.client().get(
		    `${FEED}?token=${token}`);
		assert.equal(before.status, 200);
		stack.psql(`DELETE FROM "user"
		    WHERE email = 'temp@example.org'`);
		assert.equal(stack.psql(`SELECT count(*)
		    FROM permacoop_calendar_token
		    WHERE token = '${token}'`), '0');
		const res = await stack.client().get(`${FEED}?token=${token}`);
		assert.equal(res.status, 403);
	});
});

describe('home page markup', () => {
	test('is valid HTML', async () => {
		const home = await john.get('/app');
		savePage(pagesDir, 'home', home.body);
		const errors = nuErrors([join(pagesDir, 'home.html'),
		    join(pagesDir, 'home-renewed.html'),
		    join(pagesDir, 'home-accountant.html')]);
		assert.deepEqual(errors, []);
	});

	test('renew form has the CSRF field', async () => {
		const home = await john.get('/app');
		const form = home.body.match(
		    /<form\b[^>]*action="\/app\/calendar-token\/renew"[\s\S]*?<\/form>/);
		assert.ok(form !== null, 'no renew form');
		assert.match(form[0], /method="post"/);
		assert.ok(csrfField(form[0]), 'no _csrf field');
		assert.match(pageText(form[0]), /Renouveler le lien/);
	});

	test('copy button is hidden without JavaScript', async () => {
		const home = await john.get('/app');
		const button = home.body.match(
		    /<button\b[^>]*\bdata-copy="calendar-url"[^>]*>/);
		assert.ok(button !== null, 'no copy button');
		assert.match(button[0], /\bhidden\b/);
		assert.match(button[0], /\bpc-js-only\b/);
	});
});

describe('home page in the browser', () => {
	let browser;

	before(async () => {
		browser = await launchChromium();
	});

	after(async () => {
		await browser?.close();
	});

	async function homePage(options) {
		// bypassCSP lets axe-core be injected under the app's CSP.
		const context = await browser.newContext({
			baseURL: stack.baseUrl, bypassCSP: true, ...options });
		const page = await context.newPage();
		await signIn(page, JOHN);
		await page.getByRole('heading', { level: 2,
		    name: 'Calendrier des congés' }).waitFor({ timeout: 10000 });
		return { context, page };
	}

	for (const theme of ['light', 'dark']) {
		test(`axe finds nothing in the ${theme} theme`, async () => {
			const { context, page } = await homePage(
			    { colorScheme: theme });
			try {
				await page.getByRole('button',
				    { name: 'Copier' }).waitFor();
				assert.deepEqual(await axeViolations(page), []);
			} finally {
				await context.close();
			}
		});
	}

	test('URL field has its label', async () => {
		const { context, page } = await homePage({});
		try {
			const field = page.getByLabel(
			    "Lien d'abonnement au calendrier");
			assert.equal(await field.getAttribute('readonly'), '');
			assert.equal(await field.inputValue(),
			    await homeUrl(john));
		} finally {
			await context.close();
		}
	});

	test('Copier puts the URL in the clipboard', async () => {
		const { context, page } = await homePage({});
		try {
			await context.grantPermissions(
			    ['clipboard-read', 'clipboard-write'],
			    { origin: stack.baseUrl });
			await page.getByRole('button', { name: 'Copier' })
			    .click();
			await page.getByRole('button', { name: 'Copié' })
			    .waitFor({ timeout: 5000 });
			const copied = await page.evaluate(() =>
			    navigator.clipboard.readText());
			assert.equal(copied, await homeUrl(john));
		} finally {
			await context.close();
		}
	});

	test('Copier stays hidden without JavaScript', async () => {
		const { context, page } = await homePage(
		    { javaScriptEnabled: false });
		try {
			const button = page.locator('button[data-copy]');
			assert.equal(await button.count(), 1);
			assert.equal(await button.isVisible(), false);
		} finally {
			await context.close();
		}
	});
});
