import { ROUTES } from '@polder/api'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { routeAdder } from '../src/api/contract-route.js'
import { responseSerializer } from '../src/api/response-check.js'
import { zodValidatorCompiler } from '../src/api/validation.js'

async function serverAnswering(health: unknown, check: boolean) {
  const app = Fastify()
  app.setValidatorCompiler(zodValidatorCompiler)
  app.setSerializerCompiler(responseSerializer(check))
  // on purpose any answer, also one the contract (and so the compiler) would not allow
  routeAdder(app, { token: 'secret' })(ROUTES.getHealth, () => health as never)
  await app.ready()
  return app
}

describe('answers checked against the contract', () => {
  it('lets an answer the contract allows through, as JSON', async () => {
    const app = await serverAnswering({ status: 'ok', version: '1.0.0' }, true)
    const response = await app.inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', version: '1.0.0' })
  })

  it('turns an answer the contract does not allow into a 500 when checking', async () => {
    for (const wrong of [{ status: 'fine', version: '1.0.0' }, { status: 'ok' }, []]) {
      const app = await serverAnswering(wrong, true)
      const response = await app.inject({ method: 'GET', url: '/health' })
      expect(response.statusCode, JSON.stringify(wrong)).toBe(500)
      // unchecked (in production), the answer goes out as it is
      const unchecked = await serverAnswering(wrong, false)
      expect((await unchecked.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
    }
  })
})
