// The stack under faults: a killed worker, a PostgreSQL restart, bad
// requests, the pages nginx serves itself, and a graceful stop.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { nuErrors, pageText } from './html.mjs';
import {
	JOHN, alive, csrfField, httpRequest, repoRoot, sleep, startStack,
} from './stack.mjs';

const WORKERS = 2;
const OVER_LIMIT = 2 * 1024 * 1024;
// Connections of the workers, not of psql itself.
const APP_CONNECTIONS = `SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend'
    AND pid <> pg_backend_pid()`;

// The exclusive lock on customer that the 502 test takes, and the
// backends of other sessions waiting for it.
const LOCKS_HELD = `SELECT count(*) FROM pg_locks
    WHERE relation = 'customer'::regclass AND mode = 'AccessExclusiveLock'
    AND granted`;
const LOCK_WAITERS = `SELECT pid FROM pg_locks
    WHERE relation = 'customer'::regclass AND NOT granted`;

let stack;
let client;

before(async () => {
	stack = await startStack({ workers: WORKERS });
	client = stack.client();
	const res = await client.login(JOHN.email, JOHN.password);
	assert.equal(res.status, 303, 'login failed');
});

after(async () => {
	await stack?.teardown();
});

/* Polls check every 50 ms until it returns true, for at most 10 s. */
async function waitFor(check, message) {
	const deadline = Date.now() + 10000;
	while (!check()) {
		if (Date.now() > deadline)
			throw new Error(`${message} within 10 s`);
		await sleep(50);
	}
}

/* Checks a page that nginx serves itself for an error status: French,
 * with the app's security headers and a link back to /app. */
function assertNginxPage(res, status, title) {
	assertHtmlPage(res, status);
	assert.match(res.body, /<html lang="fr">/);
	assert.ok(pageText(res.body).includes(title), pageText(res.body));
	assert.match(res.body, /href="\/app"/);
	assert.match(res.body, /href="\/static\/main\.css"/);
	assert.match(res.headers['content-security-policy'] ?? '',
	    /default-src 'self'/);
	assert.equal(res.headers['x-content-type-options'], 'nosniff');
	assert.equal(res.headers['x-frame-options'], 'DENY');
	assert.equal(res.headers['referrer-policy'], 'same-origin');
	assert.equal(res.headers['cache-control'], 'no-store');
}

/* Posts size bytes of form body with Transfer-Encoding: chunked, which
 * carries no Content-Length, in chunks of 64 KiB. */
function chunkedPost(path, size) {
	return new Promise((resolvePromise, reject) => {
		const req = http.request(new URL(path, stack.baseUrl), {
			method: 'POST', timeout: 30000, headers: {
				'content-type':
				    'application/x-www-form-urlencoded',
			},
		});
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => resolvePromise({
				status: res.statusCode, headers: res.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			}));
		});
		req.on('timeout', () => req.destroy(new Error(
		    `chunked POST ${path} timed out`)));
		req.on('error', (error) => {
			// nginx may respond and close before the whole body
			// is sent; the response still counts.
			if (req.res === null || req.res === undefined)
				reject(error);
		});
		const chunk = Buffer.alloc(64 * 1024, 'a');
		let sent = 0;
		const writeMore = () => {
			while (sent < size && !req.destroyed) {
				sent += chunk.length;
				if (!req.write(chunk)) {
					req.once('drain', writeMore);
					return;
				}
			}
			req.end();
		};
		req.write('comment=');
		writeMore();
	});
}

/* Runs bin/pg-local with args on the stack's cluster; throws when it
 * fails. */
function pgLocal(...args) {
	const result = spawnSync(join(repoRoot, 'bin/pg-local'),
	    [...args, stack.pgDir], { encoding: 'utf8', timeout: 60000 });
	if (result.status !== 0)
		throw new Error(`bin/pg-local ${args.join(' ')} failed ` +
		    `(${result.status ?? result.signal}): ${result.stderr}`);
}

/* Sends GET path on new connections from count loops at once until a
 * connection is refused or 20 s have passed. Returns each response's
 * status, or the error code of a request that got no response. */
async function requestUntilRefused(path, count) {
	const outcomes = [];
	const loop = async () => {
		const deadline = Date.now() + 20000;
		while (Date.now() < deadline) {
			try {
				const res = await client.get(path,
				    { connection: 'close' });
				outcomes.push(String(res.status));
			} catch (error) {
				outcomes.push(error.code ?? error.message);
				if (error.code === 'ECONNREFUSED')
					return;
			}
		}
	};
	await Promise.all(Array.from({ length: count }, loop));
	return outcomes;
}

function assertHtmlPage(res, status) {
	assert.equal(res.status, status);
	assert.match(res.headers['content-type'] ?? '', /^text\/html/,
	    `${status} is not an HTML page`);
	assert.match(res.body, /<!DOCTYPE html>/i);
}

describe('worker crash', () => {
	test('50 requests succeed after SIGKILL', async () => {
		const killed = stack.killWorker();
		const statuses = [];
		for (let i = 0; i < 50; i++)
			statuses.push((await client.get('/app')).status);
		const failed = statuses.map((s, i) => [i, s])
		    .filter(([, s]) => s !== 200);
		assert.deepEqual(failed, [],
		    `requests after killing worker ${killed} failed`);
	});

	test('worker killed mid-request gives the 502 page', async () => {
		const env = stack.pgEnv;
		// psql holds a lock on customer in an open transaction until
		// its input ends, so the list's query waits in the worker.
		const locker = spawn('psql', ['-X', '-q', '-v',
		    'ON_ERROR_STOP=1', '-h', env.DATABASE_HOST,
		    '-p', env.DATABASE_PORT, '-U', env.DATABASE_USERNAME,
		    '-d', env.DATABASE_NAME], { stdio: ['pipe', 'ignore',
		    'inherit'] });
		const lockerExit = new Promise((resolvePromise) =>
		    locker.on('exit', resolvePromise));
		let waiting = [];
		try {
			locker.stdin.write('BEGIN;\nLOCK TABLE customer IN ' +
			    'ACCESS EXCLUSIVE MODE;\n');
			await waitFor(() => stack.psql(LOCKS_HELD) !== '0',
			    'psql did not take the lock');
			const pending = client.get('/app/customers');
			await waitFor(() => stack.psql(LOCK_WAITERS) !== '',
			    'no worker waits for the lock');
			waiting = stack.psql(LOCK_WAITERS).split('\n');
			for (const pid of stack.servePids().workers)
				process.kill(pid, 'SIGKILL');
			assertNginxPage(await pending, 502,
			    'Service momentanément indisponible');
		} finally {
			locker.stdin.end('ROLLBACK;\n');
			await lockerExit;
			// The backends of the killed workers would wait for
			// their next read before they notice.
			if (waiting.length > 0)
				stack.psql('SELECT pg_terminate_backend(pid) ' +
				    'FROM pg_stat_activity WHERE pid IN ' +
				    `(${waiting.join(', ')})`);
		}
		await stack.waitForWorkers(WORKERS);
		assert.equal((await client.get('/app')).status, 200);
	});

	test('master replaces the dead worker', async () => {
		const before = stack.servePids();
		const killed = stack.killWorker();
		const after = await stack.waitForWorkers(WORKERS);
		assert.equal(after.master, before.master);
		assert.ok(!after.workers.includes(killed));
	});
});

describe('PostgreSQL restart', () => {
	test('requests succeed again after a restart', async () => {
		// Every worker has an open connection before the restart.
		let connections = 0;
		for (let round = 0; round < 50 && connections < WORKERS;
		    round++) {
			await Promise.all(Array.from({ length: 8 }, () =>
			    client.get('/app')));
			connections = Number(stack.psql(APP_CONNECTIONS));
		}
		assert.equal(connections, WORKERS, 'workers connected');

		await stack.restartPostgres();
		// Only the first request may meet a dead connection: a worker
		// that finds its connection dead reconnects and retries, so
		// the other workers' stale connections must not show either.
		const statuses = [];
		for (let i = 0; i < 20; i++)
			statuses.push(await client.get('/app'));
		if (statuses[0].status === 503) {
			assertHtmlPage(statuses[0], 503);
			assert.equal(statuses[0].headers['retry-after'], '5');
		}
		const failed = statuses.slice(1).map((res, i) =>
		    [i + 2, res.status]).filter(([, status]) => status !== 200);
		assert.deepEqual(failed, [],
		    '[request number, status] after the restart');
	});

	test('database down gives 503 with Retry-After', async () => {
		pgLocal('stop');
		try {
			const res = await client.get('/app');
			assertHtmlPage(res, 503);
			assert.equal(res.headers['retry-after'], '5');
			const json = await client.get('/app',
			    { accept: 'application/json' });
			assert.equal(json.status, 503);
			assert.equal(json.headers['retry-after'], '5');
		} finally {
			pgLocal('start');
		}
		let status;
		for (let i = 0; i < 5 && status !== 200; i++)
			status = (await client.get('/app')).status;
		assert.equal(status, 200, 'no 200 after PostgreSQL started');
	});

	test('login works after a restart', async () => {
		const res = await stack.client().login(JOHN.email,
		    JOHN.password);
		assert.equal(res.status, 303);
	});
});

describe('bad requests', () => {
	test('body over the limit gives 413', async () => {
		const token = csrfField((await client.get('/app')).body);
		const body = `_csrf=${token}&comment=${'a'.repeat(OVER_LIMIT)}`;
		const res = await client.request('POST', '/logout', {
			body, headers: {
				'content-type':
				    'application/x-www-form-urlencoded',
			},
		});
		assert.equal(res.status, 413);
		const home = await client.get('/app');
		assert.equal(home.status, 200, 'session lost after the 413');
	});

	test('bad percent escape gives 400', async () => {
		const token = csrfField((await client.get('/app')).body);
		const res = await client.post('/logout',
		    `_csrf=${token}&comment=%zz`);
		assert.equal(res.status, 400);
		const home = await client.get('/app');
		assert.equal(home.status, 200, 'logout ran on a bad body');
	});

	test('unknown path gives the 404 page', async () => {
		assertHtmlPage(await client.get('/app/no-such-page'), 404);
		assertHtmlPage(await stack.client().get('/no-such-page'), 404);
	});

	test('unknown id gives the 404 page', async () => {
		assertHtmlPage(await client.get(
		    '/app/customers/edit/00000000-0000-4000-8000-000000000000'),
		    404);
	});

	test('POST on a GET-only route gives 405', async () => {
		const token = csrfField((await client.get('/app')).body);
		const res = await client.post('/app', { _csrf: token });
		assertHtmlPage(res, 405);
		assert.match(res.headers.allow ?? '', /\bGET\b/,
		    'no Allow header');
	});

	test('error page names its status', async () => {
		const res = await client.get('/app/no-such-page');
		assert.match(pageText(res.body), /\b404\b/);
	});

	test('malformed id gives 404, not 500', async () => {
		assertHtmlPage(await client.get('/app/customers/edit/not-a-uuid'),
		    404);
	});

	test('chunked body over the limit gives 413', async () => {
		const res = await chunkedPost('/login', OVER_LIMIT);
		assertNginxPage(res, 413, 'Requête trop volumineuse');
	});

	test('body of another type gives 415', async () => {
		const token = csrfField((await client.get('/app')).body);
		const multipart = '--b\r\nContent-Disposition: form-data; ' +
		    `name="_csrf"\r\n\r\n${token}\r\n--b--\r\n`;
		const bodies = [
			['multipart/form-data; boundary=b', multipart],
			['application/json', JSON.stringify({ _csrf: token })],
			[undefined, `_csrf=${token}`],
		];
		for (const [type, body] of bodies) {
			const headers = type === undefined ? {} :
			    { 'content-type': type };
			const res = await client.request('POST', '/logout',
			    { body, headers });
			assertHtmlPage(res, 415);
			assert.match(pageText(res.body), /\b415\b/);
			assert.ok(pageText(res.body).includes(
			    'pas un formulaire de l\'application'),
			    pageText(res.body));
		}
		// Without a body, a POST is read as an empty form.
		const empty = await client.request('POST', '/logout');
		assertHtmlPage(empty, 403);
		const home = await client.get('/app');
		assert.equal(home.status, 200, 'logout ran on a 415');
	});
});

describe('nginx', () => {
	test('missing static file gives the French 404', async () => {
		for (const path of ['/static/no-such-file.css',
		    '/static/errors/no-such-page.html']) {
			const res = await client.get(path);
			assertNginxPage(res, 404, 'Page introuvable');
		}
	});

	test('error pages are not served directly', async () => {
		const res = await client.get('/errors/404.html');
		assertNginxPage(res, 404, 'Page introuvable');
	});

	test('malformed request gives the French 400', async () => {
		for (const path of ['/app/customers/edit/x%00',
		    '/..%2f..%2fetc/passwd']) {
			const res = await client.get(path);
			assertNginxPage(res, 400, 'Requête invalide');
		}
	});

	test('long query string gives the French 414', async () => {
		const res = await client.get(`/app?q=${'a'.repeat(20000)}`);
		assertNginxPage(res, 414, 'Adresse trop longue');
	});

	test('large Cookie header gives the French 431', async () => {
		const res = await client.get('/app',
		    { cookie: `big=${'a'.repeat(10240)}` });
		assertNginxPage(res, 431, 'En-têtes trop volumineux');
	});

	test('static error pages are valid HTML', () => {
		const dir = join(repoRoot, 'views/static/errors');
		const files = readdirSync(dir).filter((name) =>
		    name.endsWith('.html')).map((name) => join(dir, name));
		assert.deepEqual(files.map((file) => basename(file)).sort(),
		    ['400.html', '404.html', '413.html', '414.html', '431.html',
		    '502.html']);
		const errors = nuErrors(files);
		assert.deepEqual(errors, [],
		    `Nu checker errors:\n${errors.join('\n')}`);
	});

	test('main.css has one Cache-Control', async () => {
		const home = await client.get('/app');
		const link = home.body.match(
		    /<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/);
		assert.ok(link, 'no stylesheet link');
		assert.match(link[1], /^\/static\/main\.css\?v=/);
		const css = await client.get(link[1].replaceAll('&amp;', '&'));
		assert.equal(css.status, 200);
		assert.equal(css.headers['cache-control'],
		    'public, max-age=31536000, immutable');
		assert.equal(css.headers['x-content-type-options'], 'nosniff');
		// Without the version, the content may change.
		const plain = await client.get('/static/main.css');
		assert.equal(plain.status, 200);
		assert.equal(plain.headers['cache-control'], 'no-cache');
	});
});

describe('graceful stop', () => {
	test('SIGTERM ends the stack within 10 s', async () => {
		const { master, workers } = stack.servePids();
		assert.ok(master, 'no master process');
		// Requests keep arriving while the stack stops: nginx must
		// finish those it accepted before the server goes away.
		const requests = requestUntilRefused('/app', 4);
		await sleep(300);
		const stopped = await stack.stop('SIGTERM', 10000);
		assert.ok(stopped, 'bin/start still runs 10 s after SIGTERM');
		const outcomes = await requests;
		assert.ok(outcomes.includes('200'), 'no request before the stop');
		// The kernel resets a connection still waiting in the listen
		// queue when nginx closes its listening socket: a refusal
		// too, as nginx never read that request.
		const failed = outcomes.filter((outcome) => outcome !== '200' &&
		    outcome !== 'ECONNREFUSED' && outcome !== 'ECONNRESET');
		assert.deepEqual(failed, [],
		    'requests during the stop neither succeeded nor were refused');
		assert.doesNotMatch(stack.logTail(200), /killing it/);
		for (const pid of [master, ...workers])
			assert.ok(!alive(pid), `process ${pid} outlived the stop`);
		await sleep(100);
		await assert.rejects(httpRequest(`${stack.baseUrl}/login`,
		    { timeout: 2000 }), 'nginx still answers after the stop');
	});
});
