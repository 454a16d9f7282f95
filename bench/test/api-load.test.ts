/**
 * The publish bench's load generator stays a real HTTP client: its requests, made once
 * with raw header lists and bodies as bytes, carry what a client sends (Host, content type
 * and length, the bearer token, the record as JSON), reuse their kept-alive connection,
 * and read the whole answer.
 */
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { post, publishRequest } from '../src/api-load.ts'

interface Received {
  readonly method: string | undefined
  readonly url: string | undefined
  readonly headers: IncomingHttpHeaders
  readonly body: string
  readonly connection: number
}

describe('the load generator', () => {
  it('sends complete publish requests on one kept-alive connection', async () => {
    const received: Received[] = []
    const connections: unknown[] = []
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const body = Buffer.concat(chunks).toString()
      received.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body,
        connection: connections.indexOf(request.socket),
      })
      const refused = (JSON.parse(body) as { title?: string }).title === 'refuse me'
      response.writeHead(refused ? 422 : 201, { 'content-type': 'application/json' })
      response.end(JSON.stringify(refused ? { title: 'refused' } : { id: received.length }))
    })
    server.on('connection', (socket) => connections.push(socket))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const { port } = server.address() as AddressInfo
      const target = new URL('/v1/records', `http://127.0.0.1:${port}`)
      const records = [{ title: 'één' }, { title: 'twee' }]
      for (const record of records) {
        const answer = await post(publishRequest(target, 'secret', JSON.stringify(record)))
        expect(answer).toEqual({ status: 201, answer: '' })
      }
      // an answer other than 201 is read whole, for the bench's error message
      const refused = await post(publishRequest(target, 'secret', '{"title":"refuse me"}'))
      expect(refused).toEqual({ status: 422, answer: '{"title":"refused"}' })

      expect(received.map(({ body }) => JSON.parse(body))).toEqual([
        ...records,
        { title: 'refuse me' },
      ])
      for (const { method, url, headers, body, connection } of received) {
        expect({ method, url, connection }).toEqual({
          method: 'POST',
          url: '/v1/records',
          connection: 0,
        })
        expect(headers).toMatchObject({
          host: `127.0.0.1:${port}`,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          authorization: 'Bearer secret',
          connection: 'keep-alive',
        })
      }
      expect(connections).toHaveLength(1)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
