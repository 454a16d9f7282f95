/**
 * The load generator of the publish benchmark, in a process of its own so that making
 * and timing requests does not share a core's turn with the node it measures: `writers`
 * clients each publish `each` records one request at a time; prints the latencies (ms)
 * and the wall time as one JSON line on stdout. `first` numbers the first record (records
 * differ by number, so a second round publishes no duplicates).
 *
 *   node bench/src/api-load.ts <url> <token> <writers> <each> [first]
 */
import { Agent, type RequestOptions, request } from 'node:http'
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
  // requests made before the clock starts: the figure is the node's, not the generator's
  const requests = Array.from({ length: writers * each }, (_, n) =>
    publishRequest(target, token, JSON.stringify(variedPractice(first + n, texts))),
  )
  const times: number[] = []
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < each; i++) {
        const sent = performance.now()
        const { status, answer } = await post(requests[writer * each + i] as PublishRequest)
        if (status !== 201) throw new Error(`publish answered ${status}: ${answer}`)
        times.push(performance.now() - sent)
      }
    }),
  )
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  return { times, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }
}

/** A publish ready to send: its request options and its JSON body's bytes. */
export interface PublishRequest {
  readonly options: RequestOptions
  readonly body: Buffer
}

/** One connection per writer, kept open: node:http costs the generator less CPU than fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: 1_000 })

/**
 * A publish's request, made once: the options object (not a URL, which node:http turns into
 * options at every request), the headers as a raw list (stored as given, not set and checked
 * one by one) and the body as bytes (not encoded again at each send). The same request a
 * client sends: host, content type and length, the bearer token, the record as JSON.
 */
export function publishRequest(target: URL, token: string, json: string): PublishRequest {
  const body = Buffer.from(json)
  const headers = [
    'host',
    target.host,
    'content-type',
    'application/json',
    'content-length',
    String(body.length),
    'authorization',
    `Bearer ${token}`,
  ]
  const options: RequestOptions = {
    method: 'POST',
    hostname: target.hostname,
    port: target.port,
    path: target.pathname,
    agent,
    headers,
  }
  return { options, body }
}

/** Sends one publish and reads its whole answer (decoded as text only when it is not a 201). */
export function post(
  publish: PublishRequest,
): Promise<{ status: number | undefined; answer: string }> {
  return new Promise((resolve, reject) => {
    const req = request(publish.options, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
      })
      response.on('end', () => {
        const status = response.statusCode
        resolve({ status, answer: status === 201 ? '' : Buffer.concat(chunks).toString() })
      })
      response.on('error', reject)
    })
    req.on('error', reject)
    req.end(publish.body)
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
