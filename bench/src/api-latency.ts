/** The HTTP API under load: publish latency with many concurrent writers. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDaemon } from './daemon.ts'
import { fixtureTexts, variedPractice } from './records.ts'
import { percentile } from './report.ts'

/**
 * `writers` clients each publish `each` records one request at a time, all at once, to a
 * fresh node over HTTP; returns the latency of each publish (request to 201) and the rate.
 */
export async function publishLatency(
  home: string,
  writers: number,
  each: number,
): Promise<{ p50Ms: number; p99Ms: number; perSecond: number }> {
  // the write limit is for clients out there; this one is the benchmark
  const daemon = await startDaemon(home, { POLDER_WRITE_LIMIT: '1000000' })
  try {
    const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
    const texts = fixtureTexts()
    const times: number[] = []
    const start = performance.now()
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < each; i++) {
          const body = JSON.stringify(variedPractice(writer * each + i, texts))
          const sent = performance.now()
          const response = await fetch(`${daemon.url}/v1/records`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
          })
          await response.arrayBuffer()
          if (response.status !== 201) throw new Error(`publish answered ${response.status}`)
          times.push(performance.now() - sent)
        }
      }),
    )
    const seconds = (performance.now() - start) / 1000
    times.sort((a, b) => a - b)
    return {
      p50Ms: percentile(times, 0.5),
      p99Ms: percentile(times, 0.99),
      perSecond: (writers * each) / seconds,
    }
  } finally {
    await daemon.stop()
  }
}
