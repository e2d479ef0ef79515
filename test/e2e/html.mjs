// Helpers to read served HTML and to check it with the Nu HTML checker.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './stack.mjs';

export const vnuJar = join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');

const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
    nbsp: '\u00a0' };

export function decodeEntities(text) {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name) => {
		if (name[0] === '#')
			return String.fromCodePoint(name[1].toLowerCase() === 'x' ?
			    parseInt(name.slice(2), 16) :
			    parseInt(name.slice(1), 10));
		return NAMED_ENTITIES[name.toLowerCase()] ?? all;
	});
}

/* Returns the visible text of html: tags removed, entities decoded,
 * white space collapsed, typographic apostrophes made straight. */
export function pageText(html) {
	const withoutCode = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi,
	    ' ');
	return decodeEntities(withoutCode.replace(/<[^>]*>/g, ' '))
	    .replace(/\u2019/g, "'").replace(/\s+/g, ' ').trim();
}

/* Returns the decoded text of the first element matching tag, or null. */
export function elementText(html, tag) {
	const m = html.match(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`,
	    'i'));
	return m === null ? null : pageText(m[1]);
}

/* Returns the value of attribute on the <html> element, or null. */
export function rootAttribute(html, attribute) {
	const root = html.match(/<html\b[^>]*>/i);
	if (root === null)
		return null;
	const m = root[0].match(new RegExp(`\\s${attribute}="([^"]*)"`, 'i'));
	return m === null ? null : decodeEntities(m[1]);
}

/* Writes html to dir/name.html and returns the file's path. */
export function savePage(dir, name, html) {
	const path = join(dir, `${name}.html`);
	writeFileSync(path, html);
	return path;
}

/*
 * Runs the Nu HTML checker once over files and returns its error messages
 * as "file:line:column: message" strings. Throws when the checker itself
 * cannot run (no Java, no vnu.jar, unreadable output).
 */
export function nuErrors(files) {
	if (!existsSync(vnuJar))
		throw new Error(`${vnuJar} is missing: run npm ci`);
	const result = spawnSync('java', ['-jar', vnuJar, '--errors-only',
	    '--format', 'json', ...files], { encoding: 'utf8',
	    maxBuffer: 64 * 1024 * 1024, timeout: 180000 });
	if (result.error)
		throw new Error(`java -jar vnu.jar: ${result.error.message}`);
	let report;
	try {
		report = JSON.parse(result.stderr);
	} catch {
		throw new Error('vnu.jar exited with ' +
		    `${result.status ?? result.signal} and no JSON report:\n` +
		    `${result.stdout}${result.stderr}`);
	}
	return report.messages.filter((m) => m.type === 'error' ||
	    m.type === 'non-document-error').map((m) => {
		const file = (m.url ?? '').replace(/^file:/, '');
		return `${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ` +
		    `${m.message}${m.extract ? ` [${m.extract}]` : ''}`;
	});
}
