/**
 * The load generator of the publish benchmark, in a process of its own so that making
 * and timing requests does not share a core's turn with the node it measures: `writers`
 * clients each publish `each` records one request at a time; prints the latencies (ms)
 * and the wall time as one JSON line on stdout. `first` numbers the first record (records
 * differ by number, so a second round publishes no duplicates).
 *
 *   node bench/src/api-load.ts <url> <token> <writers> <each> [first]
 */
import { Agent, request } from 'node:http'
import { fixtureTexts, variedPractice } from './records.ts'

export interface LoadResult {
  /** Request to 201, per publish, in ms. */
  readonly times: number[]
  /** From the first request to the last answer, in ms. */
  readonly wallMs: number
  /** This generator's own CPU time meanwhile (user + system), in ms. */
  readonly cpuMs: number
}

async function load(
  url: string,
  token: string,
  writers: number,
  each: number,
  first: number,
): Promise<LoadResult> {
  const target = new URL('/v1/records', url)
  const texts = fixtureTexts()
  // bodies made before the clock starts: the figure is the node's, not the generator's
  const bodies = Array.from({ length: writers * each }, (_, n) =>
    JSON.stringify(variedPractice(first + n, texts)),
  )
  const times: number[] = []
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < each; i++) {
        const sent = performance.now()
        const { status, answer } = await post(target, token, bodies[writer * each + i] as string)
        if (status !== 201) throw new Error(`publish answered ${status}: ${answer}`)
        times.push(performance.now() - sent)
      }
    }),
  )
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  return { times, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }
}

/** One connection per writer, kept open: node:http costs the generator less CPU than fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: 1_000 })

function post(
  target: URL,
  token: string,
  body: string,
): Promise<{ status: number | undefined; answer: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        let answer = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          answer += chunk
        })
        response.on('end', () => resolve({ status: response.statusCode, answer }))
        response.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

if (import.meta.main) {
  const [url, token, writers, each, first] = process.argv.slice(2)
  if (url === undefined || token === undefined)
    throw new Error('usage: api-load.ts <url> <token> <writers> <each> [first]')
  const result = await load(
    url,
    token,
    Number(writers ?? 50),
    Number(each ?? 20),
    Number(first ?? 0),
  )
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
