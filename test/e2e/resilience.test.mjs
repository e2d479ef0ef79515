// The stack under faults: a killed worker, a PostgreSQL restart, bad
// requests, and a graceful stop.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { pageText } from './html.mjs';
import {
	JOHN, alive, csrfField, httpRequest, sleep, startStack,
} from './stack.mjs';

const WORKERS = 2;
const OVER_LIMIT = 2 * 1024 * 1024;
// Connections of the workers, not of psql itself.
const APP_CONNECTIONS = `SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend'
    AND pid <> pg_backend_pid()`;

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
		if (statuses[0].status === 503)
			assertHtmlPage(statuses[0], 503);
		const failed = statuses.slice(1).map((res, i) =>
		    [i + 2, res.status]).filter(([, status]) => status !== 200);
		assert.deepEqual(failed, [],
		    '[request number, status] after the restart');
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
});

describe('graceful stop', () => {
	test('SIGTERM ends the stack within 10 s', async () => {
		const { master, workers } = stack.servePids();
		assert.ok(master, 'no master process');
		const stopped = await stack.stop('SIGTERM', 10000);
		assert.ok(stopped, 'bin/start still runs 10 s after SIGTERM');
		for (const pid of [master, ...workers])
			assert.ok(!alive(pid), `process ${pid} outlived the stop`);
		await sleep(100);
		await assert.rejects(httpRequest(`${stack.baseUrl}/login`,
		    { timeout: 2000 }), 'nginx still answers after the stop');
	});
});
