const MAX_SHOWN_CHARS = 60;

// Messages echo the offending value so a person can find it, but a hostile or huge
// value must not flood logs and forms, hence the cut and the escaping.
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > MAX_SHOWN_CHARS
      ? `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}…`
      : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// C0 controls, DEL and C1 controls: never meaningful in a fact or a title, and NUL
// cannot be stored in a PostgreSQL text column at all. Matching them is the point,
// hence the lint exceptions.
/* eslint-disable no-control-regex */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_CHARACTERS_BUT_LINE_BREAKS_AND_TABS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

// UTF-16 halves without their other half: UTF-8 (and so PostgreSQL's text and JSON)
// has no way to carry them, so they would fail to store or come back different.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

export function hasControlCharacters(value: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? CONTROL_CHARACTERS_BUT_LINE_BREAKS_AND_TABS : CONTROL_CHARACTERS).test(
    value,
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
