/** Parses /etc/os-release (KEY=value lines, values optionally quoted). */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    let value = match[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    }
    fields[match[1]!] = value;
  }
  return fields;
}
