import { dashboardFiles } from './assets.ts';

// Serving the dashboard: the page at `/`, its hashed files under /__sim/ui/. Both are for the
// loopback browser only (Simulator.fetch applies the control API's loopback, Host and cross-site
// checks before calling this); neither needs the control token, because they hold no state and no
// secret: the page asks for the token itself (from the address's #token=) before it calls the API.

const UI_PREFIX = '/__sim/ui/';

/** Whether a request is the dashboard's: GET or HEAD of `/` or of a file under UI_PREFIX. */
export function isDashboardRequest(method: string, path: string): boolean {
  const verb = method.toUpperCase();
  return (verb === 'GET' || verb === 'HEAD') && (path === '/' || path.startsWith(UI_PREFIX));
}

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

// The page runs only its own files and talks only to its own origin; no frame may hold it (its
// buttons move money), and it leaks no address through Referer.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export async function dashboardReply(method: string, path: string): Promise<Response> {
  let files: Awaited<ReturnType<typeof dashboardFiles>>;
  try {
    files = await dashboardFiles();
  } catch (error) {
    // Only from the sources without their devDependencies: the package ships the files prebuilt.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return Response.json({ error: `the dashboard could not be built (${reason}); run npm install, or npm run build` }, { status: 503 });
  }
  const name = path === '/' ? 'index.html' : path.slice(UI_PREFIX.length);
  const file = name === 'index.html' && path !== '/' ? undefined : files.get(name);
  if (!file) return Response.json({ error: `the dashboard has no file ${path}; open /` }, { status: 404, headers: SECURITY_HEADERS });
  const type = TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  // The page names its files by content hash: they never change, the page itself always may.
  const cache = name === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
  const headers = { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': cache };
  return new Response(method.toUpperCase() === 'HEAD' ? null : (file.contents as Uint8Array<ArrayBuffer>), { status: 200, headers });
}
