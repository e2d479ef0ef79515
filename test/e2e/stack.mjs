// Starts the whole application for a test file (private PostgreSQL
// cluster, migrations, nginx and the FastCGI workers) and offers an HTTP
// client with a cookie jar, process control and teardown.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync,
	readdirSync, rmSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)),
    '../..');
export const fixturePath = process.env.PERMACOOP_FIXTURE ??
    resolve(repoRoot, '../shared/fixtures/permacoop-db.sql');
export const binaryPath = resolve(repoRoot,
    process.env.PERMACOOP_BIN ?? 'build/permacoop');

const READY_TIMEOUT_MS = 60000;
const STOP_TIMEOUT_MS = 10000;

// Accounts of the fixture database; every password is "john".
export const JOHN = { email: 'john@doe.com', password: 'john',
    name: 'John Doe' };
export const JANE = { email: 'jane@smith.com', password: 'john',
    name: 'Jane Smith' };

/* HTTP without fetch, so that a test can pick the client's source address
 * (localAddress) and read every Set-Cookie line. Never follows redirects. */
export function httpRequest(url, options = {}) {
	const { method = 'GET', headers = {}, body, localAddress,
	    timeout = 30000 } = options;
	return new Promise((resolvePromise, reject) => {
		let settled = false;
		const payload = body === undefined ? undefined :
		    Buffer.from(body);
		const allHeaders = { ...headers };
		if (payload !== undefined)
			allHeaders['content-length'] = payload.length;
		const req = http.request(url, { method, headers: allHeaders,
		    localAddress, timeout });
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				settled = true;
				const bytes = Buffer.concat(chunks);
				resolvePromise({
					status: res.statusCode,
					headers: res.headers,
					setCookies: res.headers['set-cookie'] ?? [],
					bytes,
					body: bytes.toString('utf8'),
				});
			});
			res.on('error', (error) => {
				if (!settled)
					reject(error);
			});
		});
		req.on('timeout', () => req.destroy(new Error(
		    `${method} ${url} timed out after ${timeout} ms`)));
		req.on('error', (error) => {
			// A server may respond (413) and close before the
			// whole body is written; the response still counts.
			if (settled || (error.code === 'EPIPE' &&
			    req.res !== null && req.res !== undefined))
				return;
			reject(error);
		});
		if (payload !== undefined)
			req.write(payload, () => {});
		req.end();
	});
}

/* Returns the value of the hidden CSRF field of the first form in html. */
export function csrfField(html) {
	const input = html.match(/<input\b[^>]*\bname="_csrf"[^>]*>/);
	if (input === null)
		return null;
	const value = input[0].match(/\bvalue="([^"]*)"/);
	return value === null ? null : value[1];
}

/* One browser-like visitor: a cookie jar and a source address. */
export class Client {
	constructor(baseUrl, { localAddress } = {}) {
		this.baseUrl = baseUrl;
		this.localAddress = localAddress;
		this.cookies = new Map();
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`)
		    .join('; ');
	}

	storeCookies(setCookies) {
		for (const line of setCookies) {
			const [pair, ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((a) => {
				const [k, v = ''] = a.trim().split('=');
				if (k.toLowerCase() === 'max-age')
					return Number(v) <= 0;
				if (k.toLowerCase() === 'expires')
					return Date.parse(v) < Date.now();
				return false;
			});
			if (expired || value === '')
				this.cookies.delete(name);
			else
				this.cookies.set(name, value);
		}
	}

	async request(method, path, { headers = {}, body } = {}) {
		const allHeaders = { ...headers };
		if (this.cookies.size > 0 && allHeaders.cookie === undefined)
			allHeaders.cookie = this.cookieHeader();
		const res = await httpRequest(new URL(path, this.baseUrl), {
			method, headers: allHeaders, body,
			localAddress: this.localAddress,
		});
		this.storeCookies(res.setCookies);
		return res;
	}

	get(path, headers = {}) {
		return this.request('GET', path, { headers });
	}

	/* Posts a urlencoded form; fields is an object or a raw string. */
	post(path, fields = {}, headers = {}) {
		const body = typeof fields === 'string' ? fields :
		    new URLSearchParams(fields).toString();
		return this.request('POST', path, { body, headers: {
			'content-type': 'application/x-www-form-urlencoded',
			...headers,
		} });
	}

	/* Reads the CSRF field of the page at path. */
	async csrf(path) {
		const res = await this.get(path);
		const token = csrfField(res.body);
		if (token === null)
			throw new Error(`GET ${path} (status ${res.status}) ` +
			    'has no _csrf field');
		return token;
	}

	/* Submits the login form as a browser would: GET /login for the CSRF
	 * cookie and field, then POST. Returns the POST's response. */
	async login(email, password, { next } = {}) {
		const query = next === undefined ? '' :
		    `?next=${encodeURIComponent(next)}`;
		const token = await this.csrf(`/login${query}`);
		return this.post(`/login${query}`, {
			_csrf: token, email, password,
		});
	}
}

/* Returns the path and query of a Location header, absolute or not. */
export function locationPath(res) {
	const location = res.headers.location;
	if (location === undefined)
		return undefined;
	const url = new URL(location, 'http://placeholder.invalid');
	if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(location) &&
	    url.host !== 'placeholder.invalid')
		return location;
	return url.pathname + url.search;
}

function freePort() {
	return new Promise((resolvePromise, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePromise(port));
		});
	});
}

/* Runs a command to completion; throws with its output when it fails. */
function run(command, args, env) {
	const result = spawnSync(command, args, { cwd: repoRoot, env,
	    encoding: 'utf8', timeout: 120000 });
	if (result.error)
		throw new Error(`${command} ${args.join(' ')}: ` +
		    result.error.message);
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} exited with ` +
		    `${result.status ?? result.signal}:\n${result.stdout}` +
		    `${result.stderr}`);
	return result.stdout;
}

/* Parses the "export NAME=value ..." lines printed by bin/pg-local
 * (values contain no space or quote). */
export function parseExports(text) {
	const vars = {};
	for (const line of text.split('\n')) {
		const words = line.trim().split(/\s+/);
		if (words[0] !== 'export')
			continue;
		for (const word of words.slice(1)) {
			const eq = word.indexOf('=');
			if (eq > 0)
				vars[word.slice(0, eq)] = word.slice(eq + 1);
		}
	}
	return vars;
}

/* Returns pid -> { ppid, argv, environ } for every readable process. */
function processTable() {
	const table = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry))
			continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2)
			    .split(' ');
			if (fields[0] === 'Z')
				continue;
			const argv = readFileSync(`/proc/${entry}/cmdline`,
			    'utf8').split('\0').filter((s) => s !== '');
			let environ = '';
			try {
				environ = readFileSync(
				    `/proc/${entry}/environ`, 'utf8');
			} catch {
				// Another user's process.
			}
			table.set(Number(entry), { ppid: Number(fields[1]),
			    argv, environ });
		} catch {
			// The process ended while we read it.
		}
	}
	return table;
}

function alive(pid) {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

function isServeProcess(info) {
	return info.argv.length >= 2 &&
	    basename(info.argv[0]) === 'permacoop' && info.argv[1] === 'serve';
}

export class Stack {
	constructor({ workers = 2 } = {}) {
		this.workers = workers;
		this.dir = mkdtempSync(join(tmpdir(), 'permacoop-e2e-'));
		// The postgres account (tests run as root) and nginx's
		// unprivileged workers must reach the cluster and the socket.
		chmodSync(this.dir, 0o755);
		this.pgDir = join(this.dir, 'pg');
		this.logPath = join(this.dir, 'stack.log');
		this.marker = `${this.dir}#${randomBytes(4).toString('hex')}`;
		this.calendarToken = randomBytes(12).toString('hex');
		this.child = null;
		this.exit = null;
		this.pgStarted = false;
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	baseEnv() {
		const env = { ...process.env };
		for (const name of Object.keys(env))
			if (name.startsWith('DATABASE_') ||
			    name.startsWith('PG') ||
			    name === 'SCALINGO_POSTGRESQL_URL')
				delete env[name];
		return { ...env, ...this.pgEnv, PERMACOOP_BIN: binaryPath };
	}

	async start() {
		if (!existsSync(binaryPath))
			throw new Error(`${binaryPath} does not exist: build ` +
			    'it first (cmake --build build) or set ' +
			    'PERMACOOP_BIN');
		if (!existsSync(fixturePath))
			throw new Error(`fixture ${fixturePath} not found; ` +
			    'set PERMACOOP_FIXTURE');
		const pgLocal = join(repoRoot, 'bin/pg-local');
		this.pgStarted = true;
		this.watchSignals();
		run(pgLocal, ['start', this.pgDir], process.env);
		// The fixture gets a database of its own; the app uses it.
		this.pgEnv = parseExports(run(pgLocal, ['load-fixture',
		    this.pgDir, fixturePath], process.env));
		if (this.pgEnv.DATABASE_NAME === undefined)
			throw new Error('bin/pg-local load-fixture printed no ' +
			    'DATABASE_NAME');
		run(join(repoRoot, 'bin/migrate'), [], this.baseEnv());

		this.port = await freePort();
		this.env = {
			...this.baseEnv(),
			PORT: String(this.port),
			PERMACOOP_SOCKET: join(this.dir, 'permacoop.sock'),
			PERMACOOP_WORKERS: String(this.workers),
			CALENDAR_TOKEN: this.calendarToken,
			SESSION_SECRET: randomBytes(24).toString('hex'),
			PERMACOOP_E2E_STACK: this.marker,
		};
		const log = openSync(this.logPath, 'a');
		this.child = spawn(join(repoRoot, 'bin/start'), [], {
			cwd: repoRoot, env: this.env,
			stdio: ['ignore', log, log],
		});
		closeSync(log);
		this.exited = new Promise((resolvePromise) => {
			this.child.on('exit', (code, signal) => {
				this.exit = { code, signal };
				resolvePromise(this.exit);
			});
		});
		await this.waitReady();
		await this.waitForWorkers(this.workers);
		return this;
	}

	/*
	 * Stops the servers when the test process is interrupted (Ctrl-C, or
	 * the test runner ending a file), because the after hooks then never
	 * run and PostgreSQL, started by pg_ctl, would outlive the tests.
	 */
	watchSignals() {
		this.onSignal = (signal) => {
			if (this.child !== null && this.exit === null)
				this.child.kill('SIGTERM');
			spawnSync(join(repoRoot, 'bin/pg-local'),
			    ['stop', this.pgDir], { stdio: 'ignore' });
			process.exit(signal === 'SIGINT' ? 130 : 143);
		};
		process.once('SIGINT', this.onSignal);
		process.once('SIGTERM', this.onSignal);
	}

	async waitReady() {
		const deadline = Date.now() + READY_TIMEOUT_MS;
		let last = 'no answer';
		while (Date.now() < deadline) {
			if (this.exit !== null)
				throw new Error('bin/start exited ' +
				    `(${JSON.stringify(this.exit)}) before ` +
				    `serving:\n${this.logTail()}`);
			try {
				const res = await httpRequest(
				    `${this.baseUrl}/login`, { timeout: 5000 });
				if (res.status === 200)
					return;
				last = `status ${res.status}`;
			} catch (error) {
				last = error.message;
			}
			await sleep(200);
		}
		throw new Error(`GET /login not ready after ${READY_TIMEOUT_MS}` +
		    ` ms (${last}):\n${this.logTail()}`);
	}

	logTail(lines = 40) {
		try {
			return readFileSync(this.logPath, 'utf8').split('\n')
			    .slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}

	client(options) {
		return new Client(this.baseUrl, options);
	}

	/* Pids of every live process started by this stack. */
	ownPids() {
		const table = processTable();
		const pids = [];
		for (const [pid, info] of table)
			if (info.environ.includes(
			    `PERMACOOP_E2E_STACK=${this.marker}\0`))
				pids.push(pid);
		if (this.child !== null && this.exit === null &&
		    !pids.includes(this.child.pid))
			pids.push(this.child.pid);
		// nginx rewrites its environment block for its process
		// titles, so its processes are found as descendants.
		for (let i = 0; i < pids.length; i++)
			for (const [pid, info] of table)
				if (info.ppid === pids[i] && !pids.includes(pid))
					pids.push(pid);
		return pids;
	}

	/* The master "permacoop serve" process and its workers. */
	servePids() {
		const table = processTable();
		const serving = [...table].filter(([, info]) =>
		    isServeProcess(info) && info.environ.includes(
		    `PERMACOOP_E2E_STACK=${this.marker}\0`));
		const pids = new Set(serving.map(([pid]) => pid));
		const masters = serving.filter(([, info]) =>
		    !pids.has(info.ppid)).map(([pid]) => pid);
		if (masters.length !== 1)
			return { master: null, workers: [] };
		const master = masters[0];
		const workers = serving.filter(([, info]) =>
		    info.ppid === master).map(([pid]) => pid);
		return { master, workers };
	}

	async waitForWorkers(count, timeoutMs = 15000) {
		const deadline = Date.now() + timeoutMs;
		let found;
		do {
			found = this.servePids();
			if (found.master !== null &&
			    found.workers.length === count)
				return found;
			await sleep(100);
		} while (Date.now() < deadline);
		throw new Error(`expected one permacoop serve master with ` +
		    `${count} workers, found ${JSON.stringify(found)}`);
	}

	/* Sends SIGKILL to one worker and returns its pid. */
	killWorker() {
		const { workers } = this.servePids();
		if (workers.length === 0)
			throw new Error('no permacoop worker found');
		process.kill(workers[0], 'SIGKILL');
		return workers[0];
	}

	/* Runs sql with psql on the app's database; returns its output. */
	psql(sql) {
		return run('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1',
		    '-h', this.pgEnv.DATABASE_HOST,
		    '-p', this.pgEnv.DATABASE_PORT,
		    '-U', this.pgEnv.DATABASE_USERNAME,
		    '-d', this.pgEnv.DATABASE_NAME, '-c', sql],
		    process.env).trim();
	}

	async restartPostgres() {
		const pgLocal = join(repoRoot, 'bin/pg-local');
		run(pgLocal, ['stop', this.pgDir], process.env);
		const env = parseExports(run(pgLocal, ['start', this.pgDir],
		    process.env));
		for (const name of ['DATABASE_HOST', 'DATABASE_PORT',
		    'DATABASE_USERNAME'])
			if (env[name] !== this.pgEnv[name])
				throw new Error(`PostgreSQL came back with ` +
				    `${name}=${env[name]}, was ` +
				    `${this.pgEnv[name]}`);
	}

	/* Sends signal to bin/start and waits for it to exit; returns the
	 * exit and the milliseconds it took, or null on timeout. */
	async stop(signal = 'SIGTERM', timeoutMs = STOP_TIMEOUT_MS) {
		if (this.child === null || this.exit !== null)
			return { exit: this.exit, ms: 0 };
		const started = Date.now();
		this.child.kill(signal);
		// An unreferenced timer lets node exit as soon as the
		// tests are done.
		const result = await Promise.race([this.exited,
		    sleep(timeoutMs, null, { ref: false })]);
		if (result === null)
			return null;
		return { exit: result, ms: Date.now() - started };
	}

	/* Returns the sanitizer reports (AddressSanitizer, LeakSanitizer,
	 * UBSan) found in the stack's log, each with a few lines after it. */
	sanitizerReports() {
		let lines;
		try {
			lines = readFileSync(this.logPath, 'utf8').split('\n');
		} catch {
			return [];
		}
		const reports = [];
		for (const [i, line] of lines.entries())
			if (/ERROR: (Address|Leak)Sanitizer|runtime error:/
			    .test(line))
				reports.push(lines.slice(i, i + 12).join('\n'));
		return reports;
	}

	/* Ends whatever this stack started, then removes its folder. Throws
	 * when the log contains sanitizer reports. */
	async teardown() {
		if (this.child !== null && this.exit === null) {
			const stopped = await this.stop('SIGTERM');
			if (stopped === null)
				this.child.kill('SIGKILL');
		}
		for (let round = 0; round < 50; round++) {
			const left = this.ownPids().filter(alive);
			if (left.length === 0)
				break;
			if (round === 20)
				for (const pid of left)
					process.kill(pid, 'SIGKILL');
			await sleep(100);
		}
		if (this.pgStarted) {
			try {
				run(join(repoRoot, 'bin/pg-local'),
				    ['stop', this.pgDir], process.env);
			} catch (error) {
				console.error(error.message);
			}
		}
		if (this.onSignal !== undefined) {
			process.removeListener('SIGINT', this.onSignal);
			process.removeListener('SIGTERM', this.onSignal);
		}
		const reports = this.sanitizerReports();
		if (process.env.PERMACOOP_KEEP_TMP === undefined)
			rmSync(this.dir, { recursive: true, force: true });
		else
			console.error(`kept ${this.dir}`);
		if (reports.length > 0)
			throw new Error(`${reports.length} sanitizer report(s) ` +
			    `in the server log:\n${reports.join('\n---\n')}`);
	}
}

/* Starts a stack, or tears down what was started when a step fails. */
export async function startStack(options) {
	const stack = new Stack(options);
	try {
		await stack.start();
	} catch (error) {
		await stack.teardown().catch((e) => console.error(e.message));
		throw error;
	}
	return stack;
}

export { alive, sleep };
