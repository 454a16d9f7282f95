/**
 * The viewer, served at the API's address: the built app (the directory the node is told,
 * `POLDER_VIEWER` or `--viewer`; `pnpm start` passes `apps/viewer/dist`) with a
 * single-page-app fallback, so a link to `/records/…` or `/orgs/…` loads the app. Hashed
 * assets are cached for a year; `index.html` and the service worker are always revalidated,
 * so a new build reaches every viewer. Without a build, `/` says how to make one.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export interface ViewerRoutesInit {
  /** The built viewer's directory; none: `/` says the viewer is not there. */
  readonly root?: string | undefined
}

/** Paths that belong to the API: never answered with the app. */
const API_PATHS = /^\/(v1(\/|$)|health$|openapi\.json$|metrics$)/

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Polder</title></head>
<body><h1>Polder</h1>
<p>The viewer is not built, or this node was not told where it is. Run <code>pnpm build</code> in
the Polder repository and start the node with <code>pnpm start</code> (or set POLDER_VIEWER to the
viewer's <code>dist</code> directory), then reload.</p>
<p>The API is at <a href="/v1/status">/v1/status</a>.</p></body></html>`

const wantsHtml = (request: FastifyRequest): boolean =>
  request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')

function cacheHeaders(reply: FastifyReply, path: string): void {
  // Vite puts a content hash in every file name under assets/: those never change
  if (/[\\/]assets[\\/]/.test(path))
    reply.header('cache-control', 'public, max-age=31536000, immutable')
  else reply.header('cache-control', 'no-cache')
}

export function viewerRoutes({ root }: ViewerRoutesInit = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    if (root === undefined || !existsSync(join(root, 'index.html'))) {
      const notBuilt = (request: FastifyRequest, reply: FastifyReply) => {
        if (API_PATHS.test(request.url) || !wantsHtml(request)) return reply.callNotFound()
        // 404, not 503: nothing is wrong with the node, it serves no viewer (the page says how)
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(NOT_BUILT)
      }
      app.get('/', notBuilt)
      app.get('/*', notBuilt)
      return
    }
    // loaded only to serve a build (with its glob and send): a node without one is smaller
    const { default: fastifyStatic } = await import('@fastify/static')
    // one route per file of the build, found at start (a rebuild needs a restart)
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      cacheControl: false,
      setHeaders: cacheHeaders,
    })
    app.get('/*', (request, reply) => {
      const path = request.url.split('?')[0] ?? ''
      if (API_PATHS.test(path) || !wantsHtml(request)) return reply.callNotFound()
      reply.header('cache-control', 'no-cache')
      return reply.sendFile('index.html')
    })
  }
}
