/** The latency probe's thread (see latency-probe.ts): GETs until told to stop. */
import { parentPort, workerData } from 'node:worker_threads'

const { urls, everyMs } = workerData as { urls: string[]; everyMs: number }
const latencies: number[] = []
let running = true

parentPort?.once('message', () => {
  running = false
})

const get = async (url: string) => {
  try {
    const response = await fetch(url)
    await response.arrayBuffer()
  } catch {
    // a refused or reset request counts as taking as long as it took
  }
}

await get(urls[0] as string)
parentPort?.postMessage('ready')
for (let i = 0; running; i++) {
  const started = performance.now()
  await get(urls[i % urls.length] as string)
  latencies.push(performance.now() - started)
  await new Promise((resolve) => setTimeout(resolve, everyMs))
}
parentPort?.postMessage(latencies)
