/**
 * A URL as people name it: its host and path, without the scheme, the query or a lone "/"
 * (`localhost:8787/echo`); null when it does not parse. `port: false` leaves the port out where it is noise, as in
 * a file name.
 */
export function hostAndPath(url: string, { port = true } = {}): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return `${port ? parsed.host : parsed.hostname}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
