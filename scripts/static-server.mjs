// A small static file server for the production build, used by `npm start`-like previews in the
// browser tests. It serves one folder at "/" and, like GitHub Pages' project sites, also under a
// sub-path ("/iam-playground/"), so tests can prove the build works at both.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../src/pwa/content-security-policy.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Starts serving `root` on 127.0.0.1:`port` at "/" and at each of `subPaths`.
 * Resolves to { url, close() }. `root` may be changed later with setRoot (two successive builds).
 * Every response carries the app's Content-Security-Policy as a header, as a host that can set
 * headers should: that covers the evaluator's worker before the service worker controls the page
 * and the service worker's own script. `contentSecurityPolicy: null` serves without it, as
 * GitHub Pages does.
 */
export async function startStaticServer({
  root,
  port = 0,
  subPaths = ['/iam-playground/'],
  contentSecurityPolicy = CONTENT_SECURITY_POLICY,
}) {
  const policy = contentSecurityPolicy ? { 'Content-Security-Policy': contentSecurityPolicy } : {};
  let base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      for (const sub of subPaths) {
        if (path === sub.slice(0, -1)) {
          res.writeHead(301, { Location: sub, ...policy }).end();
          return;
        }
        if (path.startsWith(sub)) path = '/' + path.slice(sub.length);
      }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403, policy).end('Forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain', ...policy }).end('Not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        // Like a static host: the service worker file must be re-checked on every visit.
        'Cache-Control': 'no-cache',
        ...policy,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(500, policy).end('Server error');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}/`,
    setRoot(next) {
      base = resolve(next);
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

// As a command: node scripts/static-server.mjs [folder] [port]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 4173);
  const server = await startStaticServer({ root, port });
  console.log(`Serving ${root} at ${server.url} and ${server.url}iam-playground/`);
}
