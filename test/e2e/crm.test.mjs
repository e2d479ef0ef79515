// Customers, projects and tasks over HTTP: lists and pagination, add and
// edit forms with their errors, duplicates under concurrency, escaping,
// 404, 403 and 405 responses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	decodeEntities, elementText, nuErrors, pageText, savePage,
} from './html.mjs';
import { JOHN, csrfField, locationPath, startStack } from './stack.mjs';

const REQUIRED = 'Ce champ est obligatoire.';
const INVISIBLE = 'Ce champ doit contenir au moins un caractère visible.';
const CONTROL = 'Ce champ contient un caractère non autorisé.';
const NO_CUSTOMER = "Ce client n'existe pas.";
const PAGE_SIZE = 30;
const ACCOUNTANT = { email: 'compta@example.test', password: 'john' };

let stack;
let user;
// Fixture customer ids, for the project forms.
let apertureId;
let blackMesaId;

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

/* Returns a name no earlier test used, starting with prefix. */
function uniqueName(prefix) {
	return `${prefix} ${randomBytes(4).toString('hex')}`;
}

/* Returns text with its printable ASCII characters in full width
 * (U+FF01-FF5E), which NFKC maps back to ASCII. */
function fullWidth(text) {
	return [...text].map((c) => c >= '!' && c <= '~' ?
	    String.fromCodePoint(c.codePointAt(0) + 0xfee0) : c).join('');
}

before(async () => {
	stack = await startStack({ workers: 3 });
	user = stack.client();
	const login = await user.login(JOHN.email, JOHN.password);
	assert.equal(login.status, 303, 'login as John failed');
	apertureId = psql("SELECT id FROM customer WHERE name = " +
	    "'Aperture Science'");
	blackMesaId = psql("SELECT id FROM customer WHERE name = " +
	    "'Black Mesa'");
	assert.match(apertureId, /^[0-9a-f-]{36}$/,
	    'the fixture has no customer Aperture Science');
	assert.match(blackMesaId, /^[0-9a-f-]{36}$/,
	    'the fixture has no customer Black Mesa');
});

after(async () => {
	await stack?.teardown();
});

/* The three features, and what their pages read. */
const FEATURES = [
	{
		key: 'customers', table: 'customer',
		listTitle: 'Clients', caption: 'Liste des clients',
		addTitle: 'Ajouter un client',
		editTitle: (name) => `Édition du client "${name}"`,
		label: 'Nom du client',
		added: 'Le client a été ajouté.',
		edited: 'Le client a été modifié.',
		taken: 'Un client porte déjà ce nom.',
		nameColumn: 0,
	},
	{
		key: 'projects', table: 'project',
		listTitle: 'Projets', caption: 'Liste des projets',
		addTitle: 'Ajouter un projet',
		editTitle: (name) => `Édition du projet "${name}"`,
		label: 'Nom du projet',
		added: 'Le projet a été ajouté.',
		edited: 'Le projet a été modifié.',
		taken: 'Un projet porte déjà ce nom.',
		nameColumn: 1,
	},
	{
		key: 'tasks', table: 'task',
		listTitle: 'Missions', caption: 'Liste des missions',
		addTitle: 'Ajouter une mission',
		editTitle: (name) => `Édition de la mission "${name}"`,
		label: 'Nom de la mission',
		added: 'La mission a été ajoutée.',
		edited: 'La mission a été modifiée.',
		taken: 'Une mission porte déjà ce nom.',
		nameColumn: 0,
	},
];

/* The form fields of a feature around a name. */
function fieldsFor(feature, name, extra = {}) {
	if (feature.key !== 'projects')
		return { name, ...extra };
	return { name, customerId: apertureId, invoiceUnit: 'day',
	    active: 'true', ...extra };
}

/* Posts fields with the CSRF token of the form at path. */
async function submit(client, path, fields) {
	const token = await client.csrf(path);
	return client.post(path, { _csrf: token, ...fields });
}

/* Returns the cells' text of each body row of the first table. */
function tableRows(html) {
	const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/);
	assert.ok(body, 'no <tbody> in the page');
	return [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
	    [...row[1].matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map(
	    (cell) => pageText(cell[1])));
}

/* Returns the edit paths of the rows, in order. */
function editPaths(html, feature) {
	const pattern = new RegExp(`href="(/app/${feature.key}/edit/[^"]+)"`,
	    'g');
	return [...html.matchAll(pattern)].map((m) => m[1]);
}

/* Returns the id of the record named name, read from the database. */
function idOf(feature, name) {
	return psql(`SELECT id FROM ${feature.table} ` +
	    `WHERE name = '${name.replaceAll("'", "''")}'`);
}

/* Checks a 422 form: the field error, its wiring and the summary. */
function assertFieldError(res, field, message) {
	assert.equal(res.status, 422);
	const html = res.body;
	const input = html.match(new RegExp(
	    `<(?:input|select)\\b[^>]*\\bid="${field}"[^>]*>`));
	assert.ok(input, `no control with id ${field}`);
	assert.match(input[0], /\baria-invalid="true"/);
	const describedBy = input[0].match(/\baria-describedby="([^"]+)"/);
	assert.ok(describedBy, `${field} has no aria-describedby`);
	const error = html.match(new RegExp(
	    `<p\\b[^>]*\\bid="${describedBy[1]}"[^>]*>([\\s\\S]*?)</p>`));
	assert.ok(error, `no message element #${describedBy[1]}`);
	assert.equal(pageText(error[1]), message);
	const summary = html.match(
	    /<div\b[^>]*data-testid="form-errors"[^>]*>([\s\S]*?)<\/div>/);
	assert.ok(summary, 'no error summary');
	assert.match(summary[1], new RegExp(`href="#${field}"`));
	assert.ok(pageText(summary[1]).includes(message),
	    `summary lacks "${message}"`);
}

/* Returns the HTML of every page of the list of feature. */
async function allPages(feature) {
	const total = Number(psql(`SELECT count(*) FROM ${feature.table}`));
	const pages = [];
	for (let page = 1; page <= Math.max(1, Math.ceil(total / PAGE_SIZE));
	    page++) {
		const res = await user.get(`/app/${feature.key}?page=${page}`);
		assert.equal(res.status, 200, `page ${page}`);
		pages.push(res.body);
	}
	return pages;
}

/* Returns the decoded value attribute of the input with id. */
function inputValue(html, id) {
	const input = html.match(
	    new RegExp(`<input\\b[^>]*\\bid="${id}"[^>]*>`));
	assert.ok(input, `no input #${id}`);
	const value = input[0].match(/\bvalue="([^"]*)"/);
	return value === null ? null : decodeEntities(value[1]);
}

for (const feature of FEATURES) {
	const list = `/app/${feature.key}`;
	const add = `${list}/add`;

	describe(feature.key, () => {
		test('list has title, table and add link', async () => {
			const res = await user.get(list);
			assert.equal(res.status, 200);
			assert.equal(elementText(res.body, 'title'),
			    `${feature.listTitle} - Permacoop`);
			assert.equal(elementText(res.body, 'h1'),
			    feature.listTitle);
			assert.match(res.body, new RegExp(
			    `<table\\b[^>]*aria-label="${feature.caption}"`));
			assert.match(res.body, new RegExp(`href="${add}"`));
			assert.match(res.body,
			    /<nav\b[^>]*aria-label="Pagination"/);
		});

		test('add redirects and flashes once', async () => {
			const form = await user.get(add);
			assert.equal(form.status, 200);
			assert.equal(elementText(form.body, 'h1'),
			    feature.addTitle);
			assert.ok(csrfField(form.body));
			const name = uniqueName('Ajout');
			const res = await user.post(add, {
				_csrf: csrfField(form.body),
				...fieldsFor(feature, name),
			});
			assert.equal(res.status, 303);
			assert.equal(locationPath(res), list);
			const first = await user.get(list);
			assert.ok(pageText(first.body).includes(feature.added),
			    'no flash after the add');
			const second = await user.get(list);
			assert.ok(!pageText(second.body)
			    .includes(feature.added), 'the flash shows twice');
			assert.ok(idOf(feature, name), `${name} not stored`);
		});

		test('edit form is prefilled and saves', async () => {
			const name = uniqueName('Avant');
			assert.equal((await submit(user, add,
			    fieldsFor(feature, name))).status, 303);
			const path = `${list}/edit/${idOf(feature, name)}`;
			const form = await user.get(path);
			assert.equal(form.status, 200);
			assert.equal(elementText(form.body, 'h1'),
			    feature.editTitle(name));
			assert.equal(inputValue(form.body, 'name'), name);

			const renamed = uniqueName('Après');
			const res = await user.post(path, { _csrf:
			    csrfField(form.body),
			    ...fieldsFor(feature, renamed) });
			assert.equal(res.status, 303);
			assert.equal(locationPath(res), list);
			const listed = await user.get(list);
			assert.ok(pageText(listed.body)
			    .includes(feature.edited));
			assert.equal(idOf(feature, name), '');
			assert.ok(idOf(feature, renamed));
		});

		test('case-only rename is accepted', async () => {
			const name = uniqueName('casse');
			assert.equal((await submit(user, add,
			    fieldsFor(feature, name))).status, 303);
			const id = idOf(feature, name);
			const res = await submit(user, `${list}/edit/${id}`,
			    fieldsFor(feature, name.toUpperCase()));
			assert.equal(res.status, 303);
			assert.equal(psql(`SELECT name FROM ${feature.table} ` +
			    `WHERE id = '${id}'`), name.toUpperCase());
		});

		test('duplicate name is a field error', async () => {
			const name = uniqueName('Doublon');
			assert.equal((await submit(user, add,
			    fieldsFor(feature, name))).status, 303);
			for (const typed of [name, name.toUpperCase(),
			    `  ${name.toLowerCase()}  `]) {
				const res = await submit(user, add,
				    fieldsFor(feature, typed));
				assertFieldError(res, 'name', feature.taken);
				assert.equal(inputValue(res.body, 'name'),
				    typed.trim());
			}
			assert.equal(psql(`SELECT count(*) FROM ` +
			    `${feature.table} WHERE LOWER(name) = ` +
			    `LOWER('${name}')`), '1');
		});

		test('rename onto another name is rejected', async () => {
			const first = uniqueName('Premier');
			const second = uniqueName('Second');
			for (const name of [first, second])
				assert.equal((await submit(user, add,
				    fieldsFor(feature, name))).status, 303);
			const path = `${list}/edit/${idOf(feature, second)}`;
			const res = await submit(user, path,
			    fieldsFor(feature, first.toUpperCase()));
			assertFieldError(res, 'name', feature.taken);
			// The title keeps the stored name.
			assert.equal(elementText(res.body, 'h1'),
			    feature.editTitle(second));
			assert.equal(inputValue(res.body, 'name'),
			    first.toUpperCase());
		});

		test('empty and blank names are required', async () => {
			for (const typed of ['', '   ']) {
				const res = await submit(user, add,
				    fieldsFor(feature, typed));
				assertFieldError(res, 'name', REQUIRED);
				assert.equal(elementText(res.body, 'h1'),
				    feature.addTitle);
			}
			const missing = fieldsFor(feature, '');
			delete missing.name;
			assertFieldError(await submit(user, add, missing),
			    'name', REQUIRED);
		});

		test('blank-looking names are rejected', async () => {
			const count = () => psql(
			    `SELECT count(*) FROM ${feature.table}`);
			const before = count();
			const cases = [
				['\u00a0', REQUIRED],
				['\u200b', REQUIRED],
				['\u00a0\u3000\ufeff', REQUIRED],
				['\u200e', INVISIBLE],
				['\u202e\u200b', CONTROL],
				[`\u202e${uniqueName('exe.fdp')}`, CONTROL],
			];
			for (const [typed, message] of cases) {
				const res = await submit(user, add,
				    fieldsFor(feature, typed));
				assertFieldError(res, 'name', message);
			}
			assert.equal(count(), before, 'a blank name was stored');
			const name = uniqueName('Insécable');
			assert.equal((await submit(user, add, fieldsFor(feature,
			    `\u00a0\u200b${name}\u2060\u00a0`))).status, 303);
			assert.ok(idOf(feature, name),
			    'name trimmed of Unicode spaces not stored');
		});

		test('look-alike names are duplicates', async () => {
			const tag = randomBytes(4).toString('hex');
			const names = [`Black Mesa ${tag}`,
			    `\u00c9cole Normale ${tag}`, `Zoo ${tag}`];
			for (const name of names)
				assert.equal((await submit(user, add,
				    fieldsFor(feature, name))).status, 303);
			const count = () => psql(
			    `SELECT count(*) FROM ${feature.table}`);
			const before = count();
			// Typed, message, value shown again in the form.
			const cases = [
				[`Black  Mesa ${tag}`, feature.taken,
				    `Black Mesa ${tag}`],
				[`Black\u00a0Mesa ${tag}`, feature.taken,
				    `Black Mesa ${tag}`],
				[`Black \u3000\u2003Mesa ${tag}`,
				    feature.taken, `Black Mesa ${tag}`],
				[`Black\u200bMesa ${tag}`, CONTROL,
				    `Black\u200bMesa ${tag}`],
				[`E\u0301cole Normale ${tag}`, feature.taken,
				    `E\u0301cole Normale ${tag}`],
				[`${fullWidth('Zoo')} ${tag}`, feature.taken,
				    `${fullWidth('Zoo')} ${tag}`],
				[fullWidth(`ZOO ${tag}`), feature.taken,
				    fullWidth(`ZOO ${tag}`)],
			];
			for (const [typed, message, shown] of cases) {
				const res = await submit(user, add,
				    fieldsFor(feature, typed));
				assertFieldError(res, 'name', message);
				assert.equal(inputValue(res.body, 'name'), shown,
				    `value shown for ${JSON.stringify(typed)}`);
			}
			assert.equal(count(), before, 'a look-alike was stored');
		});

		test('look-alike rename is rejected', async () => {
			const tag = randomBytes(4).toString('hex');
			const taken = `\u00c9cole Normale ${tag}`;
			const other = `Autre ${tag}`;
			for (const name of [taken, other])
				assert.equal((await submit(user, add,
				    fieldsFor(feature, name))).status, 303);
			const path = `${list}/edit/${idOf(feature, other)}`;
			for (const typed of [`E\u0301cole  Normale ${tag}`,
			    fullWidth(`\u00c9cole Normale ${tag}`)]) {
				assertFieldError(await submit(user, path,
				    fieldsFor(feature, typed)), 'name',
				    feature.taken);
			}
			assert.ok(idOf(feature, other), 'the record was renamed');
		});

		test('names are stored collapsed and in NFC', async () => {
			const tag = randomBytes(4).toString('hex');
			assert.equal((await submit(user, add, fieldsFor(feature,
			    `E\u0301tude \u00a0 des\t sols ${tag}`))).status,
			    303);
			assert.ok(idOf(feature, `\u00c9tude des sols ${tag}`),
			    'the name is not stored collapsed in NFC');
		});

		test('rename collapsing own spaces is accepted', async () => {
			const tag = randomBytes(4).toString('hex');
			// Stored by another program, with two spaces.
			const stored = `A  B ${tag}`;
			const columns = feature.key === 'projects' ?
			    '(name, "customerId", "invoiceUnit")' : '(name)';
			const values = feature.key === 'projects' ?
			    `, '${apertureId}', 'day'` : '';
			psql(`INSERT INTO ${feature.table} ${columns} ` +
			    `VALUES ('${stored}'${values})`);
			const id = idOf(feature, stored);
			assert.match(id, /^[0-9a-f-]{36}$/);
			const res = await submit(user, `${list}/edit/${id}`,
			    fieldsFor(feature, `A B ${tag}`));
			assert.equal(res.status, 303);
			assert.equal(psql(`SELECT name FROM ${feature.table} ` +
			    `WHERE id = '${id}'`), `A B ${tag}`);
		});

		test('name is trimmed', async () => {
			const name = uniqueName('Espaces');
			assert.equal((await submit(user, add,
			    fieldsFor(feature, `   ${name}\t `))).status, 303);
			assert.ok(idOf(feature, name),
			    'trimmed name not stored');
		});

		test('name of 255 characters, not 256', async () => {
			const base = `${feature.key}-${randomBytes(4)
			    .toString('hex')}-`;
			const longest = base + 'é'.repeat(255 - base.length);
			assert.equal([...longest].length, 255);
			assert.equal((await submit(user, add,
			    fieldsFor(feature, longest))).status, 303);
			const tooLong = `${longest}x`;
			const res = await submit(user, add,
			    fieldsFor(feature, tooLong));
			assert.equal(res.status, 422);
			assert.match(pageText(res.body), /trop long/);
			assertFieldError(res, 'name', 'Ce champ est trop ' +
			    'long (255 caractères au plus).');
			assert.equal(inputValue(res.body, 'name'), tooLong);
		});

		test('unknown and malformed ids are 404', async () => {
			const token = await user.csrf(add);
			for (const id of [randomUUID(), 'not-a-uuid',
			    `${randomUUID()}x`, '1']) {
				const path = `${list}/edit/${id}`;
				assert.equal((await user.get(path)).status, 404,
				    `GET ${path}`);
				const res = await user.post(path, {
					_csrf: token,
					...fieldsFor(feature, uniqueName('X')),
				});
				assert.equal(res.status, 404, `POST ${path}`);
			}
		});

		test('POST without CSRF token is 403', async () => {
			const name = uniqueName('Sans jeton');
			const fields = fieldsFor(feature, name);
			const res = await user.post(add, fields);
			assert.equal(res.status, 403);
			const wrong = await user.post(add,
			    { _csrf: 'x'.repeat(64), ...fields });
			assert.equal(wrong.status, 403);
			assert.equal(idOf(feature, name), '');
		});

		test('POST to the list is 405', async () => {
			const token = await user.csrf(add);
			const res = await user.post(list, { _csrf: token });
			assert.equal(res.status, 405);
		});

		test('names are shown as typed', async () => {
			const suffix = randomBytes(3).toString('hex');
			const names = [`<script>alert(1)</script> ${suffix}`,
			    `Dupont & Fils "Lyon" ${suffix}`];
			for (const name of names) {
				assert.equal((await submit(user, add,
				    fieldsFor(feature, name))).status, 303);
				const id = idOf(feature, name);
				const form = await user.get(
				    `${list}/edit/${id}`);
				assert.equal(form.status, 200);
				assert.ok(!form.body.includes(name),
				    'the name is in the page unescaped');
				assert.equal(inputValue(form.body, 'name'),
				    name);
				assert.equal(elementText(form.body, 'h1'),
				    feature.editTitle(name));
				assert.equal(elementText(form.body, 'title'),
				    `${feature.editTitle(name)} - Permacoop`);
			}
			// A name stored by another program is escaped too.
			const columns = feature.key === 'projects' ?
			    '(name, "customerId", "invoiceUnit")' : '(name)';
			const values = feature.key === 'projects' ?
			    `, '${apertureId}', 'day'` : '';
			psql(`INSERT INTO ${feature.table} ${columns} ` +
			    `VALUES ('<b>${suffix}</b>'${values})`);
			const pages = await allPages(feature);
			for (const html of pages) {
				assert.ok(!html.includes(`<b>${suffix}</b>`));
				assert.ok(!html.includes(names[0]),
				    'a raw script tag is listed');
			}
			assert.ok(pages.some((html) =>
			    html.includes(`&lt;b&gt;${suffix}&lt;/b&gt;`)));
		});

		test('list cells read as typed', async () => {
			const names = (await allPages(feature))
			    .flatMap(tableRows)
			    .map((cells) => cells[feature.nameColumn]);
			assert.ok(names.some((name) =>
			    name.startsWith('Dupont & Fils "Lyon"')),
			    'the name with & and quotes is not as typed');
			assert.ok(names.some((name) =>
			    name.startsWith('<script>alert(1)</script>')),
			    'the name with a script tag is not as typed');
		});
	});
}

describe('pagination', () => {
	/* Inserts rows until the table has at least count of them. */
	function fill(feature, count) {
		const values = feature.key === 'projects' ?
		    `SELECT 'Page ' || lpad(i::text, 3, '0') || ' ' || ` +
		    `md5(random()::text), '${blackMesaId}', 'day' ` +
		    'FROM generate_series(1, GREATEST(0, ' +
		    `${count} - (SELECT count(*) FROM project))) i` :
		    `SELECT 'Page ' || lpad(i::text, 3, '0') || ' ' || ` +
		    'md5(random()::text) FROM generate_series(1, ' +
		    `GREATEST(0, ${count} - (SELECT count(*) FROM ` +
		    `${feature.table}))) i`;
		const columns = feature.key === 'projects' ?
		    '(name, "customerId", "invoiceUnit")' : '(name)';
		psql(`INSERT INTO ${feature.table} ${columns} ${values}`);
		return Number(psql(`SELECT count(*) FROM ${feature.table}`));
	}

	function currentPage(html) {
		// The number may follow a visually hidden "Page ".
		const m = html.match(new RegExp('<a\\b[^>]*' +
		    'aria-current="page"[^>]*>(?:<span[^>]*>[^<]*</span>)?' +
		    '(\\d+)</a>'));
		return m === null ? null : Number(m[1]);
	}

	for (const feature of FEATURES) {
		const list = `/app/${feature.key}`;

		test(`${feature.key}: 30 rows a page, sorted`, async () => {
			const total = fill(feature, 2 * PAGE_SIZE + 5);
			const pageCount = Math.ceil(total / PAGE_SIZE);
			assert.ok(pageCount >= 3);
			const seen = [];
			for (let page = 1; page <= pageCount; page++) {
				const res = await user.get(
				    `${list}?page=${page}`);
				assert.equal(res.status, 200);
				assert.equal(currentPage(res.body), page);
				const rows = tableRows(res.body);
				const lastSize = total -
				    PAGE_SIZE * (pageCount - 1);
				assert.equal(rows.length, page < pageCount ?
				    PAGE_SIZE : lastSize);
				seen.push(...editPaths(res.body, feature));
				assert.equal(res.body.includes(
				    `href="${list}?page=${page + 1}"`),
				    page < pageCount, `next link on ${page}`);
				assert.equal(res.body.includes(
				    `href="${list}?page=${page - 1}"`),
				    page > 1, `previous link on ${page}`);
			}
			assert.equal(new Set(seen).size, total,
			    'a row is missing or repeated across pages');

			const order = feature.key === 'projects' ?
			    'c.name, p.name, p.id' : 'name, id';
			const expected = psql(feature.key === 'projects' ?
			    'SELECT p.id FROM project p JOIN customer c ON ' +
			    `c.id = p."customerId" ORDER BY ${order}` :
			    `SELECT id FROM ${feature.table} ORDER BY ${order}`)
			    .split('\n').map((id) => `${list}/edit/${id}`);
			assert.deepEqual(seen, expected);
		});

		test(`${feature.key}: odd page values`, async () => {
			const total = Number(psql(
			    `SELECT count(*) FROM ${feature.table}`));
			const last = Math.ceil(total / PAGE_SIZE);
			const cases = [['abc', 1], ['0', 1], ['-2', 1],
			    ['', 1], ['1.5', 1], ['99999', last],
			    ['999999999999999999999999', last], ['2', 2]];
			for (const [value, page] of cases) {
				const query = encodeURIComponent(value);
				const res = await user.get(
				    `${list}?page=${query}`);
				assert.equal(res.status, 200, `page=${value}`);
				assert.equal(currentPage(res.body), page,
				    `page=${value}`);
			}
		});
	}

	test('empty list shows "Aucun élément"', async () => {
		// Tasks have no foreign key that forbids deleting them.
		psql('DELETE FROM task');
		const res = await user.get('/app/tasks');
		assert.equal(res.status, 200);
		assert.deepEqual(tableRows(res.body), [['Aucun élément']]);
		assert.match(res.body, /<td colspan="2">Aucun élément<\/td>/);
		assert.equal(currentPage(res.body), null);
		assert.ok(!/href="\/app\/tasks\?page=/.test(res.body),
		    'an empty list links to pages');
	});
});

describe('customers', () => {
	test('list sorts names in French order', async () => {
		const suffix = randomBytes(3).toString('hex');
		const names = [`Zoo ${suffix}`, `delta ${suffix}`,
		    `Émeraude ${suffix}`];
		for (const name of names)
			assert.equal((await submit(user, '/app/customers/add',
			    { name })).status, 303, name);
		const listed = (await allPages(FEATURES[0]))
		    .flatMap(tableRows).map((cells) => cells[0])
		    .filter((name) => names.includes(name));
		assert.deepEqual(listed, [`delta ${suffix}`,
		    `Émeraude ${suffix}`, `Zoo ${suffix}`]);
	});
});

describe('projects', () => {
	const add = '/app/projects/add';

	test('add form offers every customer and both units', async () => {
		const res = await user.get(add);
		assert.equal(res.status, 200);
		const customers = Number(psql('SELECT count(*) FROM customer'));
		const select = res.body.match(
		    /<select\b[^>]*id="customerId"[^>]*>([\s\S]*?)<\/select>/);
		assert.ok(select, 'no customer select');
		assert.equal([...select[1].matchAll(/<option\b/g)].length,
		    customers);
		assert.match(res.body,
		    /<option value="day" selected>Jour<\/option>/);
		assert.match(res.body, /<option value="hour">Heure<\/option>/);
		assert.match(res.body,
		    /<input\b[^>]*id="active"[^>]*value="true"[^>]*checked/);
	});

	test('stores customer, unit and active flag', async () => {
		const name = uniqueName('Projet');
		assert.equal((await submit(user, add, { name,
		    customerId: blackMesaId, invoiceUnit: 'hour' })).status,
		    303);
		assert.equal(psql('SELECT "customerId" || \' \' || ' +
		    '"invoiceUnit" || \' \' || active FROM project ' +
		    `WHERE name = '${name}'`), `${blackMesaId} hour false`);
		const id = idOf(FEATURES[1], name);
		const form = await user.get(`/app/projects/edit/${id}`);
		assert.match(form.body, new RegExp(
		    `<option value="${blackMesaId}" selected>Black Mesa`));
		assert.match(form.body, /<option value="hour" selected>/);
		assert.doesNotMatch(form.body,
		    /<input\b[^>]*id="active"[^>]*checked/);

		assert.equal((await user.post(`/app/projects/edit/${id}`, {
		    _csrf: csrfField(form.body), name,
		    customerId: apertureId, invoiceUnit: 'day',
		    active: 'true' })).status, 303);
		assert.equal(psql('SELECT "customerId" || \' \' || ' +
		    '"invoiceUnit" || \' \' || active FROM project ' +
		    `WHERE id = '${id}'`), `${apertureId} day true`);
	});

	test('list shows active flag and customer', async () => {
		const name = uniqueName('Inactif');
		const res = await submit(user, add, { name,
		    customerId: blackMesaId, invoiceUnit: 'day' });
		assert.equal(res.status, 303);
		const rows = (await allPages(FEATURES[1])).flatMap(tableRows);
		const row = rows.find((cells) => cells[1] === name);
		assert.ok(row, `${name} is not listed`);
		assert.deepEqual(row, ['Non', name, 'Black Mesa', '']);
		assert.ok(rows.some((cells) => cells[0] === 'Oui'));
	});

	test('customer must exist', async () => {
		const name = uniqueName('Orphelin');
		assertFieldError(await submit(user, add, { name,
		    customerId: randomUUID(), invoiceUnit: 'day' }),
		    'customerId', NO_CUSTOMER);
		assertFieldError(await submit(user, add, { name,
		    customerId: 'abc', invoiceUnit: 'day' }),
		    'customerId', 'Cet identifiant n\'est pas valide.');
		assertFieldError(await submit(user, add, { name,
		    invoiceUnit: 'day' }), 'customerId', REQUIRED);
		assert.equal(idOf(FEATURES[1], name), '');
	});

	test('invoice unit is day or hour', async () => {
		const name = uniqueName('Unité');
		const res = await submit(user, add, { name,
		    customerId: apertureId, invoiceUnit: 'week' });
		assertFieldError(res, 'invoiceUnit',
		    'Cette valeur n\'est pas valide.');
		assert.equal(inputValue(res.body, 'name'), name);
		assert.equal(idOf(FEATURES[1], name), '');
	});

	test('several errors are all reported', async () => {
		const res = await submit(user, add, { name: '',
		    customerId: randomUUID(), invoiceUnit: 'year' });
		assertFieldError(res, 'name', REQUIRED);
		assertFieldError(res, 'customerId', NO_CUSTOMER);
		assertFieldError(res, 'invoiceUnit',
		    'Cette valeur n\'est pas valide.');
		assert.match(pageText(res.body),
		    /Le formulaire contient 3 erreurs/);
	});
});

describe('concurrent duplicates', () => {
	for (const feature of FEATURES) {
		test(`${feature.key}: one 303, one 422`, async () => {
			const add = `/app/${feature.key}/add`;
			for (let round = 0; round < 5; round++) {
				const name = uniqueName('Course');
				const clients = [stack.client(),
				    stack.client()];
				for (const client of clients) {
					const login = await client.login(
					    JOHN.email, JOHN.password);
					assert.equal(login.status, 303);
				}
				const tokens = await Promise.all(clients.map(
				    (client) => client.csrf(add)));
				// Odd rounds race a full-width look-alike.
				const other = round % 2 === 0 ?
				    name.toUpperCase() : fullWidth(name);
				const results = await Promise.all(clients.map(
				    (client, i) => client.post(add, {
				    _csrf: tokens[i], ...fieldsFor(feature,
				    i === 0 ? name : other) })));
				const statuses = results.map((r) => r.status)
				    .sort();
				assert.deepEqual(statuses, [303, 422],
				    `round ${round}`);
				const rejected = results.find((r) =>
				    r.status === 422);
				assertFieldError(rejected, 'name',
				    feature.taken);
				assert.equal(psql(`SELECT count(*) FROM ` +
				    `${feature.table} WHERE ` +
				    'lower(normalize(name, NFKC)) = ' +
				    `lower('${name}')`), '1');
			}
		});
	}
});

describe('accountants', () => {
	let accountant;

	before(async () => {
		psql('INSERT INTO "user" ("firstName", "lastName", email, ' +
		    'password, role) SELECT \'anne\', \'compta\', ' +
		    `'${ACCOUNTANT.email}', password, 'accountant' ` +
		    `FROM "user" WHERE email = '${JOHN.email}'`);
		accountant = stack.client();
		const login = await accountant.login(ACCOUNTANT.email,
		    ACCOUNTANT.password);
		assert.equal(login.status, 303, 'accountant login failed');
	});

	for (const feature of FEATURES) {
		test(`${feature.key}: every page is 403`, async () => {
			const list = `/app/${feature.key}`;
			const id = psql(
			    `SELECT id FROM ${feature.table} LIMIT 1`) ||
			    randomUUID();
			const token = await accountant.csrf('/app');
			for (const path of [list, `${list}/add`,
			    `${list}/edit/${id}`]) {
				const res = await accountant.get(path);
				assert.equal(res.status, 403, `GET ${path}`);
				assert.match(res.headers['content-type'],
				    /^text\/html/);
			}
			const name = uniqueName('Comptable');
			for (const path of [`${list}/add`,
			    `${list}/edit/${id}`]) {
				const res = await accountant.post(path, {
					_csrf: token,
					...fieldsFor(feature, name),
				});
				assert.equal(res.status, 403, `POST ${path}`);
			}
			assert.equal(idOf(feature, name), '');
		});
	}
});

test('every page is valid HTML', async () => {
	const pages = new Map();
	const keep = async (name, response, status) => {
		const res = await response;
		assert.equal(res.status, status, `${name}: status`);
		pages.set(name, res.body);
	};
	for (const feature of FEATURES) {
		const list = `/app/${feature.key}`;
		const add = `${list}/add`;
		const name = uniqueName('Valide & "sûr"');
		await keep(`${feature.key}-list`, user.get(list), 200);
		await keep(`${feature.key}-list-2`, user.get(`${list}?page=2`),
		    200);
		await keep(`${feature.key}-add`, user.get(add), 200);
		await keep(`${feature.key}-add-empty`,
		    submit(user, add, fieldsFor(feature, '')), 422);
		assert.equal((await submit(user, add,
		    fieldsFor(feature, name))).status, 303);
		await keep(`${feature.key}-list-flash`, user.get(list), 200);
		const edit = `${list}/edit/${idOf(feature, name)}`;
		await keep(`${feature.key}-edit`, user.get(edit), 200);
		await keep(`${feature.key}-edit-too-long`, submit(user, edit,
		    fieldsFor(feature, 'x'.repeat(256))), 422);
		await keep(`${feature.key}-404`,
		    user.get(`${list}/edit/${randomUUID()}`), 404);
	}
	await keep('projects-three-errors', submit(user, '/app/projects/add',
	    { name: '', customerId: randomUUID(), invoiceUnit: 'year' }), 422);
	await keep('tasks-empty', user.get('/app/tasks'), 200);

	const dir = mkdtempSync(join(tmpdir(), 'permacoop-crm-pages-'));
	try {
		const files = [...pages].map(([name, html]) =>
		    savePage(dir, name, html));
		const errors = nuErrors(files);
		assert.deepEqual(errors, [],
		    `Nu checker errors:\n${errors.join('\n')}`);
	} finally {
		if (process.env.PERMACOOP_KEEP_TMP === undefined)
			rmSync(dir, { recursive: true, force: true });
	}
});

test('customer list sorts numbers by value', async () => {
	const suffix = randomBytes(3).toString('hex');
	const names = [`Client ${suffix} 10`, `Client ${suffix} 2`];
	for (const name of names)
		assert.equal((await submit(user, '/app/customers/add',
		    { name })).status, 303, name);
	const listed = (await allPages(FEATURES[0]))
	    .flatMap(tableRows).map((cells) => cells[0])
	    .filter((name) => names.includes(name));
	assert.deepEqual(listed, [`Client ${suffix} 2`,
	    `Client ${suffix} 10`]);
});
