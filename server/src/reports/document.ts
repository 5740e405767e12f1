// A small document model that the MediaWiki and Markdown writers both serialise, so
// the wiki page and the Discourse post carry the same evidence from one source. Text
// in it is plain: each writer escapes it for its own syntax.

export type Inline =
  | string
  | { emphasis: string }
  | { strong: string }
  | { code: string }
  | { link: string; text: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'figure'; fileName: string; url: string; caption: string }
  /** A MediaWiki template such as Change_Proposal_Banner; other writers leave it out. */
  | { kind: 'template'; name: string }
  /** A MediaWiki page category such as ChangeReadyForWrangler; other writers leave it out. */
  | { kind: 'category'; name: string };

export const heading = (level: 1 | 2 | 3 | 4, text: string): Block => ({
  kind: 'heading',
  level,
  text,
});

export const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });

export const list = (items: Inline[][]): Block => ({ kind: 'list', items });

export const table = (caption: string, header: string[], rows: string[][]): Block => ({
  kind: 'table',
  caption,
  header,
  rows,
});

export const code = (lines: string[]): Block => ({ kind: 'code', lines });

/** Paragraphs of free text (a description, a hypothesis): blank lines separate them. */
export function paragraphs(text: string | null | undefined): Block[] {
  return (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .map((p) => paragraph(p));
}

/**
 * A URL that neither wiki nor Markdown syntax can break: every character outside a
 * conservative set (quotes, brackets, parentheses, pipes, spaces...) is
 * percent-encoded, byte by byte in UTF-8.
 */
export function safeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]/g, (c) =>
    [...new TextEncoder().encode(c)]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}
