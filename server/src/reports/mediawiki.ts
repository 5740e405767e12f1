import { safeUrl, type Block, type Inline } from './document.js';

// Characters that always mean something to MediaWiki (links, templates, table cells,
// HTML) become character references, which the wiki shows as the characters
// themselves; others only in runs ('' italics, ~~~ signatures, __TOC__ switches) or
// at the start of a line (lists, definitions, rules, headings).
const ALWAYS = /[&<>[\]{}|]/g;
const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const SPECIAL_AT_START = /^[*#:;\-!+=]/;

const reference = (c: string): string => NAMED[c] ?? `&#${c.codePointAt(0)};`;
const references = (run: string): string => [...run].map(reference).join('');

/**
 * Plain text as it must be written in wikitext to show as itself, on one line;
 * `atLineStart` when nothing precedes it on its line. An apostrophe at either end is
 * escaped too, so that text next to italics or bold markup cannot extend it.
 */
export function escapeWiki(text: string, atLineStart = false): string {
  const oneLine = text.replace(/\s+/g, ' ');
  // A space at the start of a line would make preformatted text.
  const escaped = (atLineStart ? oneLine.trimStart() : oneLine)
    .replace(ALWAYS, reference)
    .replace(/'{2,}|^'|'$/g, references)
    .replace(/~{3,}|_{2,}/g, references);
  return atLineStart ? escaped.replace(SPECIAL_AT_START, reference) : escaped;
}

function inline(item: Inline, atLineStart: boolean): string {
  if (typeof item === 'string') return escapeWiki(item, atLineStart);
  if ('emphasis' in item) return `''${escapeWiki(item.emphasis)}''`;
  if ('strong' in item) return `'''${escapeWiki(item.strong)}'''`;
  if ('code' in item) return `<code>${escapeWiki(item.code)}</code>`;
  return `[${safeUrl(item.link)} ${escapeWiki(item.text)}]`;
}

const line = (content: Inline[]): string =>
  content.map((item, i) => inline(item, i === 0)).join('');

const cells = (row: string[]): string => row.map((cell) => escapeWiki(cell.trim())).join(' || ');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const marks = '='.repeat(b.level);
      // An = inside a heading could close it early.
      return `${marks} ${escapeWiki(b.text).replace(/=/g, reference)} ${marks}`;
    }
    case 'paragraph':
      return line(b.content);
    case 'list':
      return b.items.map((item) => `* ${line(item)}`).join('\n');
    case 'table':
      return [
        '{| class="wikitable"',
        `|+ ${escapeWiki(b.caption)}`,
        `! ${b.header.map((cell) => escapeWiki(cell)).join(' !! ')}`,
        ...b.rows.flatMap((row) => ['|-', `| ${cells(row)}`]),
        '|}',
      ].join('\n');
    case 'code':
      // <pre> turns wiki syntax off but still reads character references.
      return ['<pre>', ...b.lines.map((l) => l.replace(/[&<>]/g, reference)), '</pre>'].join('\n');
    case 'figure':
      return `[[File:${b.fileName}|thumb|none|720px|${escapeWiki(b.caption)}]]`;
    case 'template':
      return `{{${b.name}}}`;
    case 'category':
      return `[[Category:${b.name}]]`;
  }
}

/** The blocks as wikitext: one blank line between blocks, a newline at the end. */
export function toMediaWiki(blocks: Block[]): string {
  return `${blocks.map(block).join('\n\n')}\n`;
}
