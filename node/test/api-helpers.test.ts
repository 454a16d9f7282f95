import { fastifyPath } from '@polder/api'
import { RELAY_MAX_CONNECTIONS } from '@polder/net/limits'
import type { FastifySchema } from 'fastify'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { problem } from '../src/api/problem.js'
import { RequestValidationError, zodValidatorCompiler } from '../src/api/validation.js'
import { buildConfig, ConfigError } from '../src/config.js'

const PEER = '12D3KooWKnDdG3iXw9eTFijk3EWSunZcFi54Zka4wmtqtt6rPxc8'

describe('problem()', () => {
  it('makes an RFC 9457 document with a URN type and only the extras given', () => {
    expect(problem(404, 'record-not-found', 'No such record')).toEqual({
      type: 'urn:polder:problem:record-not-found',
      title: 'No such record',
      status: 404,
    })
    expect(problem(400, 'bad', 'Bad', { detail: 'why' })).toMatchObject({ detail: 'why' })
  })
})

describe('zodValidatorCompiler', () => {
  const compile = (schema: z.ZodType, httpPart: string) =>
    zodValidatorCompiler({
      schema,
      httpPart,
      method: 'GET',
      url: '/x',
    } as Parameters<typeof zodValidatorCompiler>[0] & { schema: FastifySchema })

  it('hands on the parsed (transformed) value', () => {
    const validate = compile(z.strictObject({ n: z.string().transform(Number) }), 'querystring')
    expect(validate({ n: '5' })).toEqual({ value: { n: 5 } })
  })

  it('names every problem by its place in the request, in Dutch and English', () => {
    const validate = compile(z.strictObject({ reason: z.string(), n: z.number() }), 'body')
    const result = validate({ reason: 5 }) as { error: RequestValidationError }
    expect(result.error).toBeInstanceOf(RequestValidationError)
    expect(result.error.problems.map((p) => p.path)).toEqual(['/body/reason', '/body/n'])
    expect(result.error.message).toMatch(/^Invalid request: \/body\/reason /)
    for (const p of result.error.problems) {
      expect(p.message.nl.length).toBeGreaterThan(0)
      expect(p.message.en.length).toBeGreaterThan(0)
    }
    const params = compile(z.strictObject({ did: z.string().min(3) }), 'params')
    expect(
      (params({ did: 'x' }) as { error: RequestValidationError }).error.problems[0]?.path,
    ).toBe('/params/did')
  })
})

describe('fastifyPath', () => {
  it('turns the contract’s path parameters into Fastify’s', () => {
    expect(fastifyPath('/v1/records/{id}/history')).toBe('/v1/records/:id/history')
    expect(fastifyPath('/v1/attachments/{cid}')).toBe('/v1/attachments/:cid')
    expect(fastifyPath('/health')).toBe('/health')
  })
})

describe('buildConfig, options that depend on each other', () => {
  it('refuses a bootstrap peer that POLDER_DENY_PEERS denies', () => {
    const raw = {
      POLDER_BOOTSTRAP: `/ip4/127.0.0.1/tcp/4011/p2p/${PEER}`,
      POLDER_DENY_PEERS: PEER,
    }
    expect(() => buildConfig('.polder', raw)).toThrow(ConfigError)
    expect(() => buildConfig('.polder', raw)).toThrow(/POLDER_DENY_PEERS/)
    expect(
      buildConfig('.polder', { POLDER_BOOTSTRAP: raw.POLDER_BOOTSTRAP }).bootstrap,
    ).toHaveLength(1)
  })

  it('listens on TCP and WebSocket by default, and takes relay service with its limits', () => {
    const defaults = buildConfig('.polder')
    expect(defaults.listen).toEqual(['/ip4/0.0.0.0/tcp/4011', '/ip4/0.0.0.0/tcp/4012/ws'])
    expect(defaults.relay).toBeUndefined()
    expect(defaults.upnp).toBe(false)
    const relay = buildConfig('.polder', {
      POLDER_RELAY: 'true',
      POLDER_RELAY_RESERVATIONS: '3',
      POLDER_RELAY_DATA: '8',
      POLDER_RELAY_DURATION: '60',
      POLDER_ANNOUNCE: '/dns4/relay.example.nl/tcp/443/wss',
    })
    expect(relay.relay).toEqual({
      maxReservations: 3,
      dataLimitBytes: 8 * 1024 * 1024,
      durationLimitMs: 60_000,
    })
    expect(relay.announce).toEqual(['/dns4/relay.example.nl/tcp/443/wss'])
  })

  it('holds more connections on a relay, which every member keeps one to as its bootstrap peer', () => {
    expect(buildConfig('.polder').maxConnections).toBe(300)
    expect(buildConfig('.polder', { POLDER_RELAY: 'true' }).maxConnections).toBe(
      RELAY_MAX_CONNECTIONS,
    )
    expect(RELAY_MAX_CONNECTIONS).toBeGreaterThanOrEqual(1_000)
    expect(buildConfig('.polder', { POLDER_MAX_CONNECTIONS: '50' }).maxConnections).toBe(50)
    expect(() => buildConfig('.polder', { POLDER_MAX_CONNECTIONS: '2' })).toThrow(
      /POLDER_MAX_CONNECTIONS must be a number from 10/,
    )
  })

  it('refuses a node that listens nowhere without a peer to reach the collective through', () => {
    expect(() => buildConfig('.polder', { POLDER_LISTEN: '' })).toThrow(
      /POLDER_LISTEN is empty.*POLDER_BOOTSTRAP/,
    )
    const bootstrap = `/ip4/198.51.100.1/tcp/4011/p2p/${PEER}`
    expect(
      buildConfig('.polder', { POLDER_LISTEN: '', POLDER_BOOTSTRAP: bootstrap }).listen,
    ).toEqual([])
    expect(() =>
      buildConfig('.polder', {
        POLDER_LISTEN: '',
        POLDER_BOOTSTRAP: bootstrap,
        POLDER_RELAY: 'true',
      }),
    ).toThrow(/POLDER_RELAY needs POLDER_LISTEN/)
  })

  it('names the option and the reason for bad network values', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { POLDER_ANNOUNCE: 'relay.example.nl:443' },
        /POLDER_ANNOUNCE: "relay.example.nl:443" is not a usable multiaddr/,
      ],
      [{ POLDER_UPNP: 'maybe' }, /POLDER_UPNP must be true or false/],
      [{ POLDER_RELAY: 'yes please' }, /POLDER_RELAY must be true or false/],
      [
        { POLDER_RELAY: 'true', POLDER_RELAY_RESERVATIONS: '0' },
        /POLDER_RELAY_RESERVATIONS must be a number from 1/,
      ],
      [{ POLDER_RELAY: 'true', POLDER_RELAY_DATA: 'lots' }, /POLDER_RELAY_DATA must be a number/],
      // below one bitswap message (4 MiB) with room for sync and gossip, attachments never arrive
      [
        { POLDER_RELAY: 'true', POLDER_RELAY_DATA: '1' },
        /POLDER_RELAY_DATA must be a number from 8 to 1048576; got "1"/,
      ],
      [
        { POLDER_RELAY: 'true', POLDER_RELAY_DURATION: '-5' },
        /POLDER_RELAY_DURATION must be a number/,
      ],
    ]
    for (const [raw, message] of cases) {
      expect(() => buildConfig('.polder', raw)).toThrow(ConfigError)
      expect(() => buildConfig('.polder', raw)).toThrow(message)
    }
  })

  it('knows where the viewer is only when told', () => {
    expect(buildConfig('.polder').viewerRoot).toBeUndefined()
    expect(buildConfig('.polder', { POLDER_VIEWER: 'apps/viewer/dist' }).viewerRoot).toMatch(
      /\/apps\/viewer\/dist$/,
    )
  })
})
