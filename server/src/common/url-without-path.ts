/**
 * A URL's scheme, host and port, with `hidden` after the slash in place of any path or
 * query (where services such as Slack keep their secret); null when it is not a URL.
 * Pure.
 */
export function urlWithoutPath(value: string, hidden: string): string | null {
  try {
    const url = new URL(value);
    const rest = url.pathname !== '/' || url.search !== '' ? hidden : '';
    return `${url.protocol}//${url.host}/${rest}`;
  } catch {
    return null;
  }
}
