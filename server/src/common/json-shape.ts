/**
 * How much structure a request body may have. JSON.parse builds every array, object
 * and key in one go, holding up every other request meanwhile: 2 MB of `[[[[...` or of
 * one object with 200,000 keys takes it a second or more. The largest real body, a
 * batch of 1,000 samples, has about 8,000 arrays and objects, 25,000 values, 6 levels
 * and objects of a few keys; a host list of 50,000 ids is one array of 50,000 values.
 */
export const JSON_SHAPE_LIMITS = {
  maxDepth: 32,
  maxContainers: 20_000,
  maxValues: 100_000,
  maxKeysPerObject: 1_000,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * What in a JSON text goes past the limits, found by one pass over its bytes before it
 * is parsed (a few milliseconds for 2 MB), or null. Values are counted by their commas,
 * which is close enough. Malformed JSON is left to the parser. Pure.
 */
export function jsonShapeProblem(text: Uint8Array, limits = JSON_SHAPE_LIMITS): string | null {
  // Entries so far in each open container; negative for arrays, positive for objects.
  const open: number[] = [];
  let containers = 0;
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (byte === QUOTE) i = endOfString(text, i);
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      containers += 1;
      open.push(byte === OPEN_OBJECT ? 1 : -1);
      if (open.length > limits.maxDepth)
        return `nests more than ${limits.maxDepth} levels of arrays and objects`;
      if (containers > limits.maxContainers)
        return `has more than ${limits.maxContainers} arrays and objects`;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) open.pop();
    else if (byte === COMMA) {
      values += 1;
      if (values > limits.maxValues) return `has more than ${limits.maxValues} values`;
      const last = open.length - 1;
      if (last >= 0 && open[last]! > 0 && ++open[last]! > limits.maxKeysPerObject)
        return `has an object with more than ${limits.maxKeysPerObject} keys`;
    }
  }
  return null;
}

/** Where the string opened at `start` ends (its closing quote), skipping escaped quotes. */
function endOfString(text: Uint8Array, start: number): number {
  let end = start;
  for (;;) {
    end = text.indexOf(QUOTE, end + 1);
    if (end < 0) return text.length;
    let backslashes = 0;
    while (text[end - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
  }
}
