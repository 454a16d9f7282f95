import { validate } from '@readme/openapi-parser'
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { openApiDocument, ROUTES } from '../src/index.js'

type Operation = {
  operationId: string
  parameters: { name: string; in: string }[]
  responses: Record<string, { content?: Record<string, unknown> }>
}
type Document = { paths: Record<string, Record<string, Operation>> }

const document = openApiDocument({ version: '0.0.0-test' })
const paths = (document as unknown as Document).paths

describe('the OpenAPI document', () => {
  it('passes @seriousme/openapi-schema-validator with zero errors', async () => {
    const validator = new Validator()
    // the validator may keep a reference: give it its own copy
    const result = await validator.validate(structuredClone(document))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('passes @readme/openapi-parser with zero errors and zero warnings', async () => {
    const result = await validate(structuredClone(document) as never)
    expect(result.valid ? [] : result.errors).toEqual([])
    expect(result.warnings).toEqual([])
  })

  it('has an operationId for every route, the contract’s name for it', () => {
    const ids = Object.values(paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    )
    expect(new Set(ids).size).toBe(ids.length)
    for (const operationId of Object.keys(ROUTES)) expect(ids).toContain(operationId)
  })

  it('declares every path parameter, /v1/schema/{kind} included', () => {
    for (const [path, operations] of Object.entries(paths)) {
      const names = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1])
      for (const [method, operation] of Object.entries(operations)) {
        const declared = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)
        expect(declared, `${method} ${path}`).toEqual(names)
      }
    }
    expect(paths['/v1/schema/{kind}']?.get?.parameters[0]?.name).toBe('kind')
  })

  it('gives each answer its media type and schema', () => {
    const typeOf = (path: string, method: string, status = '200') =>
      Object.keys(paths[path]?.[method]?.responses[status]?.content ?? {})
    expect(typeOf('/metrics', 'get')).toEqual(['text/plain'])
    expect(typeOf('/v1/events', 'get')).toEqual(['text/event-stream'])
    expect(typeOf('/v1/context.jsonld', 'get')).toEqual(['application/ld+json'])
    expect(typeOf('/v1/attachments/{cid}', 'get')).toEqual(['application/octet-stream'])
    expect(typeOf('/v1/attachments/{cid}', 'get', '206')).toEqual(['application/octet-stream'])
    expect(paths['/v1/attachments/{cid}']?.head).toBeDefined()
    expect(typeOf('/v1/records', 'post', '201')).toEqual(['application/json'])
    expect(typeOf('/v1/records', 'get', '4XX')).toEqual(['application/problem+json'])
    // every JSON answer has a schema
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          for (const [type, content] of Object.entries(answer.content ?? {})) {
            expect(
              (content as { schema?: unknown }).schema,
              `${method} ${path} ${status} ${type}`,
            ).toBeDefined()
          }
        }
      }
    }
  })
})
