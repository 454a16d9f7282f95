/**
 * The process metrics at `/metrics` must not keep an idle node awake: the event loop's
 * delay is sampled by a libuv timer, and each sample is a wake-up of the whole process.
 */
import { createRequire } from 'node:module'
import { Registry } from 'prom-client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collectProcessMetrics } from '../src/api/metrics.js'

// prom-client reaches perf_hooks through require: the same object, so the spy sees its calls
const perfHooks = createRequire(import.meta.url)(
  'node:perf_hooks',
) as typeof import('node:perf_hooks')

afterEach(() => {
  vi.restoreAllMocks()
})

describe('collectProcessMetrics', () => {
  it('samples the event loop at most 10 times a second, and still reports its delay', async () => {
    const resolutions: number[] = []
    const real = perfHooks.monitorEventLoopDelay
    vi.spyOn(perfHooks, 'monitorEventLoopDelay').mockImplementation((options) => {
      resolutions.push(options?.resolution ?? 10)
      return real(options)
    })
    const registry = new Registry()
    collectProcessMetrics(registry)
    expect(resolutions.length).toBeGreaterThan(0)
    // wake-ups a second of each sampler: prom-client's default (10 ms) made 100
    for (const resolution of resolutions) expect(1000 / resolution).toBeLessThanOrEqual(10)
    const text = await registry.metrics()
    expect(text).toMatch(/^polder_nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m)
    expect(text).toMatch(/^polder_process_cpu_seconds_total [\d.e-]+$/m)
  })
})
