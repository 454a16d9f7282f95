/** Bearer-token check for writes: constant-time, and the token never reaches a log. */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { problem } from './problem.js'

/** Whether a request carries the node's token (compared in constant time). */
export function tokenCheck(token: string): (request: FastifyRequest) => boolean {
  // the last line of defence: an empty expected token would let an empty header through
  if (token.length === 0) throw new Error('The API token is empty: refusing to serve writes')
  const expected = Buffer.from(token)
  return (request) => {
    const header = request.headers.authorization ?? ''
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}

export function requireToken(token: string) {
  const hasToken = tokenCheck(token)
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization ?? ''
    if (hasToken(request)) return
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .type('application/problem+json')
      .send(
        problem(
          401,
          'unauthorized',
          header === '' ? 'This needs the API token' : 'Wrong API token',
          {
            detail:
              'Send the token of the node (the file api-token in its data directory) as: Authorization: Bearer <token>',
          },
        ),
      )
  }
}
