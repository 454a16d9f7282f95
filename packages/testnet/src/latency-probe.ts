/**
 * Latencies of a node's cheap routes while something else happens to it (a flood, a
 * catch-up): the fault suite asserts the node never froze, the bench reports the p99.
 * The probe runs in a worker thread of its own, so that a flood sent from the test's
 * process (a rogue signing thousands of messages) does not delay the probe's timers and
 * show up as the node's latency.
 */
import { Worker } from 'node:worker_threads'
import type { TestNode } from './test-node.js'

export interface LatencyProbe {
  /** Stops probing; the latencies measured, in milliseconds, in the order taken. */
  stop(): Promise<number[]>
}

/**
 * GETs each of `paths` in turn, one request at a time, pausing `everyMs` between them.
 * Resolves once the probe's thread is up and one unmeasured request warmed it (a fresh
 * thread's first fetch loads the HTTP client: seconds on a busy machine, not the node's).
 */
export async function probeLatency(
  node: TestNode,
  paths: readonly string[] = ['/health'],
  everyMs = 25,
): Promise<LatencyProbe> {
  const worker = new Worker(new URL('./latency-worker.js', import.meta.url), {
    workerData: { urls: paths.map((path) => `${node.url}${path}`), everyMs },
  })
  const failed = new Promise<never>((_, reject) => worker.once('error', reject))
  failed.catch(() => undefined)
  await Promise.race([failed, new Promise((resolve) => worker.once('message', resolve))])
  return {
    stop: () =>
      Promise.race([
        failed,
        new Promise<number[]>((resolve) => {
          worker.once('message', (latencies: number[]) => {
            void worker.terminate()
            resolve(latencies)
          })
          worker.postMessage('stop')
        }),
      ]),
  }
}
