// The team leaves feed (iCalendar) served to calendar clients.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import ICAL from 'ical.js';

import { startStack } from './stack.mjs';

const FEED = '/api/leaves/calendar.ics';

// The fixture's accepted leave requests, all whole days; DTEND is the day
// after the last day (RFC 5545 exclusive end).
const ACCEPTED = [
	{ id: '79a22bf6-3770-47a8-9a03-14cf6c68d5aa', start: '2023-11-20',
	    end: '2023-11-21', person: /jane smith/i },
	{ id: 'a08aa464-5f3a-4f8f-84e1-441a96e30e51', start: '2023-12-26',
	    end: '2023-12-30', person: /john doe/i },
	{ id: '5b2b127c-9a20-4ca5-b6f4-a9c19ae49efa', start: '2024-01-02',
	    end: '2024-01-04', person: /jane smith/i },
];
const PENDING_ID = '8a6bdd9b-d860-4423-8764-c3c1b8f3a329';

let stack;
let feed;

before(async () => {
	stack = await startStack({ workers: 2 });
	feed = await stack.client().get(
	    `${FEED}?token=${encodeURIComponent(stack.calendarToken)}`);
});

after(async () => {
	await stack?.teardown();
});

function events() {
	const calendar = new ICAL.Component(ICAL.parse(feed.body));
	return calendar.getAllSubcomponents('vevent');
}

describe('leaves feed', () => {
	test('is served as text/calendar', () => {
		assert.equal(feed.status, 200);
		assert.equal(feed.headers['content-type'],
		    'text/calendar; charset=utf-8');
	});

	test('parses as a VCALENDAR', () => {
		const calendar = new ICAL.Component(ICAL.parse(feed.body));
		assert.equal(calendar.name, 'vcalendar');
		assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
		assert.ok(calendar.getFirstPropertyValue('prodid'));
		assert.ok(calendar.getFirstPropertyValue('x-wr-calname'));
	});

	test('contains the three accepted leaves', () => {
		const found = events().map((event) => ({
			uid: event.getFirstPropertyValue('uid'),
			start: event.getFirstPropertyValue('dtstart')
			    .toString(),
		})).sort((a, b) => a.start.localeCompare(b.start));
		assert.equal(found.length, ACCEPTED.length,
		    JSON.stringify(found));
		for (const [i, leave] of ACCEPTED.entries()) {
			assert.equal(found[i].start, leave.start);
			assert.ok(found[i].uid.includes(leave.id),
			    `UID ${found[i].uid} does not name ${leave.id}`);
		}
	});

	test('leaves out the pending request', () => {
		assert.ok(!feed.body.includes(PENDING_ID));
	});

	test('every event has DTSTAMP, UID, DTEND, SUMMARY', () => {
		const uids = new Set();
		for (const event of events()) {
			const uid = event.getFirstPropertyValue('uid');
			assert.ok(uid, 'event without UID');
			uids.add(uid);
			assert.ok(event.getFirstPropertyValue('dtstamp'),
			    `${uid} has no DTSTAMP`);
			assert.ok(event.getFirstPropertyValue('dtend'),
			    `${uid} has no DTEND`);
			assert.ok(event.getFirstPropertyValue('summary'),
			    `${uid} has no SUMMARY`);
		}
		assert.equal(uids.size, ACCEPTED.length, 'UIDs are not unique');
	});

	test('whole days end the day after', () => {
		for (const event of events()) {
			const uid = event.getFirstPropertyValue('uid');
			const leave = ACCEPTED.find((l) => uid.includes(l.id));
			assert.ok(leave, `unexpected event ${uid}`);
			const start = event.getFirstPropertyValue('dtstart');
			const end = event.getFirstPropertyValue('dtend');
			assert.equal(start.isDate, true, `${uid} DTSTART`);
			assert.equal(end.toString(), leave.end, `${uid} DTEND`);
			assert.match(event.getFirstPropertyValue('summary'),
			    leave.person);
		}
	});

	test('lines end with CRLF and are folded', () => {
		assert.ok(feed.body.endsWith('\r\n'),
		    'the last line has no CRLF');
		const lines = feed.body.slice(0, -2).split('\r\n');
		for (const [i, line] of lines.entries()) {
			assert.ok(!line.includes('\n'),
			    `line ${i + 1} ends with a bare LF`);
			assert.ok(!line.includes('\r'),
			    `line ${i + 1} contains a bare CR`);
			assert.ok(Buffer.byteLength(line) <= 75,
			    `line ${i + 1} is over 75 octets: ${line}`);
		}
	});

	test('ETag then If-None-Match gives 304', async () => {
		const etag = feed.headers.etag;
		assert.ok(etag, 'no ETag header');
		const res = await stack.client().get(
		    `${FEED}?token=${encodeURIComponent(stack.calendarToken)}`,
		    { 'if-none-match': etag });
		assert.equal(res.status, 304);
		assert.equal(res.bytes.length, 0);
	});

	test('a stale ETag gives the full feed', async () => {
		const res = await stack.client().get(
		    `${FEED}?token=${encodeURIComponent(stack.calendarToken)}`,
		    { 'if-none-match': '"stale"' });
		assert.equal(res.status, 200);
		assert.equal(res.body, feed.body);
	});
});

describe('leaves feed compression and freshness', () => {
	const url = () =>
	    `${FEED}?token=${encodeURIComponent(stack.calendarToken)}`;

	test('gzip body decodes to the plain feed', async () => {
		const res = await stack.client().get(url(),
		    { 'accept-encoding': 'gzip' });
		assert.equal(res.status, 200);
		assert.equal(res.headers['content-encoding'], 'gzip');
		assert.match(res.headers.vary ?? '', /accept-encoding/i);
		assert.equal(zlib.gunzipSync(res.bytes).toString(), feed.body);
		assert.notEqual(res.headers.etag, feed.headers.etag);
	});

	test('gzip refused with q=0 gives plain text', async () => {
		const res = await stack.client().get(url(),
		    { 'accept-encoding': 'gzip;q=0, identity' });
		assert.equal(res.headers['content-encoding'], undefined);
		assert.equal(res.body, feed.body);
	});

	test('a changed leave shows at the next fetch', async () => {
		const [first] = ACCEPTED;
		const endDate = await stack.psql(`SELECT "endDate"
		    FROM leave_request WHERE id = '${first.id}'`);
		await stack.psql(`UPDATE leave_request
		    SET "endDate" = '2023-11-22' WHERE id = '${first.id}'`);
		try {
			const res = await stack.client().get(url(),
			    { 'if-none-match': feed.headers.etag });
			assert.equal(res.status, 200);
			assert.notEqual(res.headers.etag, feed.headers.etag);
			assert.match(res.body, /DTEND;VALUE=DATE:20231123/);
		} finally {
			await stack.psql(`UPDATE leave_request
			    SET "endDate" = '${endDate}'
			    WHERE id = '${first.id}'`);
		}
		const back = await stack.client().get(url());
		assert.equal(back.body, feed.body);
	});

	test('a departed person drops out', async () => {
		await stack.psql(`UPDATE user_administrative
		    SET "leavingDate" = CURRENT_DATE - 1
		    WHERE id = (SELECT "userAdministrativeId" FROM "user"
		                 WHERE email = 'john@doe.com')`);
		try {
			const res = await stack.client().get(url());
			assert.ok(!res.body.includes(ACCEPTED[1].id),
			    'the departed person\'s leave is still listed');
			assert.ok(res.body.includes(ACCEPTED[0].id));
		} finally {
			await stack.psql(`UPDATE user_administrative
			    SET "leavingDate" = NULL
			    WHERE id = (SELECT "userAdministrativeId"
			                 FROM "user"
			                 WHERE email = 'john@doe.com')`);
		}
	});
});

describe('leaves feed token', () => {
	test('wrong token gives 403', async () => {
		const res = await stack.client().get(`${FEED}?token=wrong`);
		assert.equal(res.status, 403);
		assert.ok(!res.body.includes('BEGIN:VCALENDAR'));
	});

	test('token with one more character gives 403', async () => {
		const res = await stack.client().get(
		    `${FEED}?token=${stack.calendarToken}0`);
		assert.equal(res.status, 403);
	});

	test('missing token gives 403', async () => {
		const res = await stack.client().get(FEED);
		assert.equal(res.status, 403);
	});

	test('empty token gives 403', async () => {
		const res = await stack.client().get(`${FEED}?token=`);
		assert.equal(res.status, 403);
	});
});
