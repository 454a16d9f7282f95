/**
 * The load generator of the publish benchmark, in a process of its own so that making
 * and timing requests does not share a core's turn with the node it measures: `writers`
 * clients each publish `each` records one request at a time; prints the latencies (ms)
 * and the wall time as one JSON line on stdout.
 *
 *   node bench/src/api-load.ts <url> <token> <writers> <each>
 */
import { fixtureTexts, variedPractice } from './records.ts'

export interface LoadResult {
  /** Request to 201, per publish, in ms. */
  readonly times: number[]
  /** From the first request to the last answer, in ms. */
  readonly wallMs: number
}

async function load(
  url: string,
  token: string,
  writers: number,
  each: number,
): Promise<LoadResult> {
  const texts = fixtureTexts()
  // bodies made before the clock starts: the figure is the node's, not the generator's
  const bodies = Array.from({ length: writers * each }, (_, n) =>
    JSON.stringify(variedPractice(n, texts)),
  )
  const times: number[] = []
  const start = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < each; i++) {
        const sent = performance.now()
        const response = await fetch(`${url}/v1/records`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: bodies[writer * each + i] as string,
        })
        const answer = await response.text()
        if (response.status !== 201)
          throw new Error(`publish answered ${response.status}: ${answer}`)
        times.push(performance.now() - sent)
      }
    }),
  )
  return { times, wallMs: performance.now() - start }
}

if (import.meta.main) {
  const [url, token, writers, each] = process.argv.slice(2)
  if (url === undefined || token === undefined)
    throw new Error('usage: api-load.ts <url> <token> <writers> <each>')
  const result = await load(url, token, Number(writers ?? 50), Number(each ?? 20))
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
