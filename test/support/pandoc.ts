import { spawnSync } from 'node:child_process';

// Reads MediaWiki text the way an independent tool does: Debian's pandoc parses it to
// its JSON AST, and these helpers pull headings, paragraphs, tables and images out.

interface Node {
  t: string;
  c?: unknown;
}

export interface PandocTable {
  caption: string;
  header: string[];
  rows: string[][];
}

export interface PandocDocument {
  headings: { level: number; text: string }[];
  /** Every block in order, as text: headings, paragraphs, list items, tables' captions. */
  blocks: { kind: string; text: string }[];
  tables: PandocTable[];
  images: { target: string; caption: string }[];
  links: { target: string; text: string }[];
}

export function hasPandoc(): boolean {
  return spawnSync('pandoc', ['--version']).status === 0;
}

/** Text of inlines, as a reader sees it. */
function inlineText(nodes: Node[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'Str':
          return n.c as string;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Code':
          return (n.c as [unknown, string])[1];
        case 'Emph':
        case 'Strong':
        case 'Underline':
        case 'Strikeout':
        case 'Superscript':
        case 'Subscript':
        case 'SmallCaps':
          return inlineText(n.c as Node[]);
        case 'Quoted':
          return `"${inlineText((n.c as [unknown, Node[]])[1])}"`;
        case 'Span':
          return inlineText((n.c as [unknown, Node[]])[1]);
        case 'Link':
        case 'Image':
          return inlineText((n.c as [unknown, Node[]])[1]);
        case 'RawInline':
          return (n.c as [string, string])[1];
        default:
          return '';
      }
    })
    .join('');
}

function blocksText(blocks: Node[]): string {
  return blocks
    .map((b) => (b.t === 'Plain' || b.t === 'Para' ? inlineText(b.c as Node[]) : ''))
    .join(' ')
    .trim();
}

export function parseMediaWiki(wiki: string): PandocDocument {
  const result = spawnSync('pandoc', ['-f', 'mediawiki', '-t', 'json'], {
    input: wiki,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pandoc failed: ${result.stderr}`);
  const ast = JSON.parse(result.stdout) as { blocks: Node[] };
  const doc: PandocDocument = { headings: [], blocks: [], tables: [], images: [], links: [] };

  const walkInlines = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (n.t === 'Image' || n.t === 'Link') {
        const [, content, [target]] = n.c as [unknown, Node[], [string, string]];
        if (n.t === 'Image') doc.images.push({ target, caption: inlineText(content) });
        else doc.links.push({ target, text: inlineText(content) });
      } else if (n.t === 'Emph' || n.t === 'Strong') {
        walkInlines(n.c as Node[]);
      }
    }
  };
  const cell = (c: unknown): string =>
    blocksText((c as [unknown, unknown, number, number, Node[]])[4]);
  const row = (r: unknown): string[] => (r as [unknown, unknown[]])[1].map(cell);

  const walk = (blocks: Node[]): void => {
    for (const b of blocks) {
      switch (b.t) {
        case 'Header': {
          const [level, , inlines] = b.c as [number, unknown, Node[]];
          doc.headings.push({ level, text: inlineText(inlines) });
          doc.blocks.push({ kind: `h${level}`, text: inlineText(inlines) });
          break;
        }
        case 'Para':
        case 'Plain':
          doc.blocks.push({ kind: 'para', text: inlineText(b.c as Node[]) });
          walkInlines(b.c as Node[]);
          break;
        case 'BulletList':
        case 'OrderedList': {
          const items = (b.t === 'BulletList' ? b.c : (b.c as [unknown, unknown])[1]) as Node[][];
          for (const item of items) {
            doc.blocks.push({ kind: 'item', text: blocksText(item) });
            for (const part of item) {
              if (part.t === 'Plain' || part.t === 'Para') walkInlines(part.c as Node[]);
            }
          }
          break;
        }
        case 'CodeBlock':
          doc.blocks.push({ kind: 'code', text: (b.c as [unknown, string])[1] });
          break;
        case 'Table': {
          const [, [, caption], , [, headRows], bodies] = b.c as [
            unknown,
            [unknown, Node[]],
            unknown,
            [unknown, unknown[]],
            [unknown, unknown, unknown[], unknown[]][],
          ];
          const table: PandocTable = {
            caption: blocksText(caption),
            header: headRows.length ? row(headRows[0]) : [],
            rows: bodies.flatMap((body) => body[3].map(row)),
          };
          doc.tables.push(table);
          doc.blocks.push({ kind: 'table', text: table.caption });
          break;
        }
        case 'Div':
          walk((b.c as [unknown, Node[]])[1]);
          break;
        default:
          break;
      }
    }
  };
  walk(ast.blocks);
  return doc;
}
