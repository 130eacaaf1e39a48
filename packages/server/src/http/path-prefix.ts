/** Whether a request URL's path is one of `prefixes` or lies under one (the query string ignored). */
export function pathUnder(url: string, prefixes: readonly string[]): boolean {
  const pathname = url.split('?', 1)[0];
  return prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}
