// Login, logout, redirects, CSRF and the login rate limit, over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { pageText } from './html.mjs';
import { JANE, JOHN, csrfField, locationPath, startStack } from './stack.mjs';

const WRONG_CREDENTIALS =
    "L'adresse email ou le mot de passe est incorrect. Veuillez réessayer.";
// The rate-limited client uses a second loopback address as its source.
const OTHER_ADDRESS = '127.0.0.2';
// The source address of the parallel attempts against the limit.
const PARALLEL_ADDRESS = '127.0.0.3';

let stack;

before(async () => {
	stack = await startStack({ workers: 2 });
});

after(async () => {
	await stack?.teardown();
});

function sessionCookieLine(res) {
	return res.setCookies.find((line) =>
	    line.startsWith('permacoop_session='));
}

describe('login', () => {
	test('right password redirects to /app', async () => {
		const client = stack.client();
		const res = await client.login(JOHN.email, JOHN.password);
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/app');
		const home = await client.get('/app');
		assert.equal(home.status, 200);
		assert.match(pageText(home.body), /Bonjour, John Doe !/);
	});

	test('session cookie is HttpOnly and SameSite=Lax', async () => {
		const res = await stack.client().login(JOHN.email,
		    JOHN.password);
		const line = sessionCookieLine(res);
		assert.ok(line, `no permacoop_session cookie in ${
		    JSON.stringify(res.setCookies)}`);
		const attributes = line.split(';').map((a) =>
		    a.trim().toLowerCase());
		assert.ok(attributes.includes('httponly'), line);
		assert.ok(attributes.includes('samesite=lax'), line);
		assert.ok(attributes.includes('path=/'), line);
	});

	test('session id changes at each login', async () => {
		const client = stack.client();
		await client.login(JOHN.email, JOHN.password);
		const first = client.cookies.get('permacoop_session');
		await client.login(JOHN.email, JOHN.password);
		const second = client.cookies.get('permacoop_session');
		assert.ok(first);
		assert.ok(second);
		assert.notEqual(second, first);
	});

	test('wrong password gives 401 and the message', async () => {
		const client = stack.client();
		const res = await client.login(JOHN.email, 'wrong');
		assert.equal(res.status, 401);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.ok(pageText(res.body).includes(WRONG_CREDENTIALS),
		    pageText(res.body));
		assert.equal(client.cookies.get('permacoop_session'),
		    undefined);
	});

	test('unknown e-mail gives the same 401', async () => {
		const res = await stack.client().login('nobody@doe.com',
		    JOHN.password);
		assert.equal(res.status, 401);
		assert.ok(pageText(res.body).includes(WRONG_CREDENTIALS));
	});

	test('e-mail is matched without case', async () => {
		const res = await stack.client().login('John@Doe.COM',
		    JOHN.password);
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/app');
	});

	test('a local next is followed', async () => {
		const res = await stack.client().login(JOHN.email,
		    JOHN.password, { next: '/app/faircalendar?month=3' });
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/app/faircalendar?month=3');
	});

	for (const next of ['https://example.org', '//example.org',
	    '/\\example.org', 'javascript:alert(1)']) {
		test(`next=${next} lands on /app`, async () => {
			const res = await stack.client().login(JOHN.email,
			    JOHN.password, { next });
			assert.equal(res.status, 303);
			assert.equal(res.headers.location !== undefined &&
			    locationPath(res), '/app');
		});
	}
});

describe('login rate limit', () => {
	test('sixth attempt from one address gives 429', async () => {
		const limited = stack.client({ localAddress: OTHER_ADDRESS });
		for (let i = 1; i <= 5; i++) {
			const res = await limited.login(JANE.email, `wrong${i}`);
			assert.equal(res.status, 401, `failure ${i}`);
		}
		const blocked = await limited.login(JANE.email, JANE.password);
		assert.equal(blocked.status, 429);
		assert.match(blocked.headers['content-type'], /^text\/html/);
		assert.equal(limited.cookies.get('permacoop_session'),
		    undefined);

		const other = await stack.client().login(JANE.email,
		    JANE.password);
		assert.equal(other.status, 303);
		assert.equal(locationPath(other), '/app');
	});

	test('parallel failures pass the limit at most 5 times', async () => {
		const address = PARALLEL_ADDRESS;
		const client = stack.client({ localAddress: address });
		const token = await client.csrf('/login');
		const responses = await Promise.all(Array.from(
		    { length: 20 }, (_, i) => client.post('/login', {
			_csrf: token, email: JOHN.email, password: `wrong${i}`,
		    })));
		const statuses = responses.map((res) => res.status);
		const failed = statuses.filter((status) => status === 401);
		const limited = responses.filter((res) => res.status === 429);
		assert.ok(failed.length <= 5,
		    `${failed.length} attempts reached the password check`);
		assert.equal(failed.length + limited.length, 20,
		    `statuses: ${statuses.join(' ')}`);
		for (const res of limited)
			assert.match(res.headers['retry-after'] ?? '',
			    /^[1-9][0-9]*$/);
		const rows = stack.psql('SELECT count(*) FROM ' +
		    'permacoop_login_failure WHERE client_addr = ' +
		    `'${address}'`);
		assert.equal(Number(rows), failed.length,
		    'failures recorded for the address');
	});
});

describe('anonymous visitor', () => {
	test('GET / redirects to /login', async () => {
		const res = await stack.client().get('/');
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/login');
	});

	test('GET /app redirects with next', async () => {
		const res = await stack.client().get('/app');
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/login?next=%2Fapp');
	});

	test('next keeps the whole query, encoded', async () => {
		const res = await stack.client().get(
		    '/app/customers?page=2&name=a%20b');
		assert.equal(res.status, 303);
		const next = new URL(locationPath(res), stack.baseUrl)
		    .searchParams.getAll('next');
		assert.deepEqual(next,
		    ['/app/customers?page=2&name=a%20b']);
	});

	test('login page asks to log in when next is set', async () => {
		const res = await stack.client().get('/login?next=%2Fapp');
		assert.equal(res.status, 200);
		assert.ok(pageText(res.body).includes(
		    'Veuillez vous connecter pour accéder à cette page.'));
	});

	test('GET / when logged in redirects to /app', async () => {
		const client = stack.client();
		await client.login(JOHN.email, JOHN.password);
		const res = await client.get('/');
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/app');
	});
});

describe('CSRF', () => {
	test('login POST without token gives 403', async () => {
		const client = stack.client();
		await client.get('/login');
		const res = await client.post('/login', {
			email: JOHN.email, password: JOHN.password,
		});
		assert.equal(res.status, 403);
		assert.equal(client.cookies.get('permacoop_session'),
		    undefined);
	});

	test('login POST with a wrong token gives 403', async () => {
		const client = stack.client();
		const token = await client.csrf('/login');
		const wrong = token.slice(0, -1) +
		    (token.endsWith('0') ? '1' : '0');
		const res = await client.post('/login', {
			_csrf: wrong, email: JOHN.email,
			password: JOHN.password,
		});
		assert.equal(res.status, 403);
	});

	test('token of another visitor gives 403', async () => {
		const other = stack.client();
		const token = await other.csrf('/login');
		const client = stack.client();
		await client.get('/login');
		const res = await client.post('/login', {
			_csrf: token, email: JOHN.email,
			password: JOHN.password,
		});
		assert.equal(res.status, 403);
	});

	test('logout without token gives 403', async () => {
		const client = stack.client();
		await client.login(JOHN.email, JOHN.password);
		const res = await client.post('/logout', {});
		assert.equal(res.status, 403);
		const home = await client.get('/app');
		assert.equal(home.status, 200);
	});
});

describe('stale tabs', () => {
	const EXPIRED = 'Le formulaire a expiré. Veuillez vous reconnecter.';
	const NEXT = '/app/customers?page=1';
	const FORM_PATH = `/login?next=${encodeURIComponent(NEXT)}`;

	/* Returns the login form's action, its e-mail and its CSRF field. */
	function loginForm(html) {
		const form = html.match(/<form\b[^>]*\baction="([^"]*)"/);
		const email = html.match(
		    /<input\b[^>]*\bid="email"[^>]*\bvalue="([^"]*)"/);
		return {
			action: form === null ? null :
			    form[1].replaceAll('&amp;', '&'),
			email: email === null ? null : email[1],
			token: csrfField(html),
		};
	}

	test('logout signed out elsewhere goes to /login', async () => {
		const client = stack.client();
		await client.login(JOHN.email, JOHN.password);
		const token = csrfField((await client.get('/app')).body);
		// Another tab signs out first.
		const first = await client.post('/logout', { _csrf: token });
		assert.equal(first.status, 303);
		const stale = await client.post('/logout', { _csrf: token });
		assert.equal(stale.status, 303);
		assert.equal(locationPath(stale), '/login');
		const missing = await client.post('/logout', {});
		assert.equal(missing.status, 303);
		assert.equal(locationPath(missing), '/login');
	});

	test('logout by a new visitor goes to /login', async () => {
		const res = await stack.client().post('/logout',
		    { _csrf: 'x'.repeat(64) });
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/login');
	});

	test('logout with a wrong token stays 403', async () => {
		const client = stack.client();
		await client.login(JOHN.email, JOHN.password);
		const res = await client.post('/logout',
		    { _csrf: 'x'.repeat(64) });
		assert.equal(res.status, 403);
		assert.equal((await client.get('/app')).status, 200,
		    'the session ended despite the wrong token');
	});

	test('login form expired shows the form again', async () => {
		const client = stack.client();
		const stale = await client.csrf(FORM_PATH);
		// Another tab signs in and out, which replaces the token.
		await client.login(JOHN.email, JOHN.password);
		const token = csrfField((await client.get('/app')).body);
		assert.equal((await client.post('/logout',
		    { _csrf: token })).status, 303);

		const res = await client.post(FORM_PATH, { _csrf: stale,
		    email: JOHN.email, password: JOHN.password });
		assert.equal(res.status, 403);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.ok(pageText(res.body).includes(EXPIRED),
		    pageText(res.body));
		assert.equal(client.cookies.get('permacoop_session'),
		    undefined);
		const form = loginForm(res.body);
		assert.equal(form.action, FORM_PATH);
		assert.equal(form.email, JOHN.email);
		assert.ok(form.token, 'no fresh token');
		assert.notEqual(form.token, stale);

		const retry = await client.post(form.action, {
			_csrf: form.token, email: JOHN.email,
			password: JOHN.password,
		});
		assert.equal(retry.status, 303);
		assert.equal(locationPath(retry), NEXT);
	});

	test('login form of a signed-in tab redirects', async () => {
		const client = stack.client();
		const stale = await client.csrf(FORM_PATH);
		// Another tab signs in meanwhile.
		assert.equal((await client.login(JOHN.email,
		    JOHN.password)).status, 303);
		const session = client.cookies.get('permacoop_session');
		const res = await client.post(FORM_PATH, { _csrf: stale,
		    email: JOHN.email, password: JOHN.password });
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), NEXT);
		assert.equal(client.cookies.get('permacoop_session'),
		    session, 'the stale form started a new session');
	});
});

describe('logout', () => {
	test('ends the session', async () => {
		const client = stack.client();
		await client.login(JOHN.email, JOHN.password);
		const home = await client.get('/app');
		const token = csrfField(home.body);
		assert.ok(token, 'no _csrf field on /app');
		const oldSession = client.cookies.get('permacoop_session');

		const res = await client.post('/logout', { _csrf: token });
		assert.equal(res.status, 303);
		assert.equal(locationPath(res), '/login');
		const after = await client.get('/app');
		assert.equal(after.status, 303);

		// The old cookie no longer opens a session.
		const replay = stack.client();
		replay.cookies.set('permacoop_session', oldSession);
		const replayed = await replay.get('/app');
		assert.equal(replayed.status, 303);
	});
});
