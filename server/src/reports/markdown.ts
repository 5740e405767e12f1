import { safeUrl, type Block, type Inline } from './document.js';

// Punctuation that starts emphasis, code, links, HTML, headings, entities or table
// cells anywhere in a line; a backslash makes each of them literal (CommonMark and
// Discourse alike). An underscore inside a word (metric_key) never makes emphasis.
const SPECIAL = /[\\`*[\]<>|~#&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;
// At the start of a line these make lists, block quotes and setext headings.
const SPECIAL_AT_START = /^([-+=]|\d+(?=[.)]))/;

/**
 * Plain text as it must be written in Markdown to show as itself, on one line;
 * `atLineStart` when nothing precedes it in its block.
 */
export function escapeMarkdown(text: string, atLineStart = false): string {
  const oneLine = text.replace(/\s+/g, ' ');
  // Four spaces at the start of a block would make a code block.
  const escaped = (atLineStart ? oneLine.trimStart() : oneLine).replace(SPECIAL, '\\$&');
  return atLineStart
    ? escaped.replace(SPECIAL_AT_START, (start) =>
        /^\d/.test(start) ? `${start}\\` : `\\${start}`,
      )
    : escaped;
}

/** `code` with a fence longer than any run of backticks inside it. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\s+/g, ' ')}${pad}${fence}`;
}

function inline(item: Inline, atLineStart: boolean): string {
  if (typeof item === 'string') return escapeMarkdown(item, atLineStart);
  if ('emphasis' in item) return `_${escapeMarkdown(item.emphasis)}_`;
  if ('strong' in item) return `**${escapeMarkdown(item.strong)}**`;
  if ('code' in item) return codeSpan(item.code);
  return `[${escapeMarkdown(item.text)}](${safeUrl(item.link)})`;
}

const line = (content: Inline[]): string =>
  content.map((item, i) => inline(item, i === 0)).join('');

const row = (cells: string[]): string =>
  `| ${cells.map((cell) => escapeMarkdown(cell.trim())).join(' | ')} |`;

function block(b: Block): string | null {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return line(b.content);
    case 'list':
      return b.items.map((item) => `- ${line(item)}`).join('\n');
    case 'table':
      // GitHub-flavoured pipe table, as Discourse renders it; the caption goes above.
      return [
        `**${escapeMarkdown(b.caption)}**`,
        '',
        row(b.header),
        `|${b.header.map(() => ' --- |').join('')}`,
        ...b.rows.map(row),
      ].join('\n');
    case 'code': {
      const longest = Math.max(
        0,
        ...b.lines.flatMap((l) => l.match(/`{3,}/g) ?? []).map((f) => f.length),
      );
      const fence = '`'.repeat(Math.max(3, longest + 1));
      return [fence, ...b.lines, fence].join('\n');
    }
    case 'figure':
      return `![${escapeMarkdown(b.caption)}](${safeUrl(b.url)})`;
    case 'template':
    case 'category':
      return null;
  }
}

/** The blocks as Markdown: one blank line between blocks, a newline at the end. */
export function toMarkdown(blocks: Block[]): string {
  return `${blocks
    .map(block)
    .filter((b) => b !== null)
    .join('\n\n')}\n`;
}
