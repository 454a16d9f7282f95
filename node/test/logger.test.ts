/**
 * The daemon's log on standard output (pino's default destination: asynchronous writes,
 * flushed synchronously when the process ends): a reader that falls behind never stalls
 * the node, and nothing logged is lost when the process ends, whether it exits or crashes
 * on an uncaught error. Each case is a real process logging through `createLogger` into a
 * real pipe. A synchronous destination would fail the first.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'

const LOGGER = new URL('../src/logger.ts', import.meta.url).href

/** Far more than a pipe and the reader's buffer hold (~130 KB): a blocking write would wait. */
const LINES = 20_000

/**
 * A process that logs LINES lines at once, tells the test over IPC, and on the test's word
 * logs one more line and ends as `ending` says.
 */
function logger(ending: 'crash' | 'exit'): ChildProcess {
  const end = ending === 'crash' ? `throw new Error('fatal')` : 'process.exit(3)'
  const script = `
    const { createLogger } = await import(${JSON.stringify(LOGGER)})
    const log = createLogger('info')
    for (let n = 0; n < ${LINES}; n++) log.info({ n, pad: 'x'.repeat(100) }, 'request')
    process.send('logged')
    process.once('message', () => {
      log.info({ n: ${LINES} }, 'the last line')
      ${end}
    })
  `
  return spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
}

/** Waits for the child's IPC message, or fails after `ms` (the child is blocked). */
async function message(child: ChildProcess, ms: number): Promise<unknown> {
  const signal = AbortSignal.timeout(ms)
  const [received] = await once(child, 'message', { signal }).catch((error: unknown) => {
    throw new Error(`no word from the logging process in ${ms} ms: ${String(error)}`)
  })
  return received
}

/** Reads the rest of the child's output and its exit code. */
async function finish(child: ChildProcess): Promise<{ lines: string[]; code: number | null }> {
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr?.resume()
  // 'close': the process has ended and all its output is read
  const [code] = (await once(child, 'close')) as [number | null]
  return { lines: output.split('\n').filter((line) => line !== ''), code }
}

describe('the log on standard output', () => {
  it('never holds up the node while the reader of its output is behind', async () => {
    const child = logger('exit')
    try {
      // nothing reads the pipe yet: a synchronous write blocks once it is full
      expect(await message(child, 20_000)).toBe('logged')
    } finally {
      child.send('end')
    }
    const { lines, code } = await finish(child)
    expect(code).toBe(3)
    expect(lines).toHaveLength(LINES + 1)
  }, 60_000)

  it('keeps every line logged just before an uncaught error ends the process', async () => {
    const child = logger('crash')
    await message(child, 20_000)
    child.send('end')
    const { lines, code } = await finish(child)
    expect(code).toBe(1)
    expect(lines).toHaveLength(LINES + 1)
    const last = JSON.parse(lines.at(-1) ?? '{}') as { msg?: string; n?: number }
    expect(last).toMatchObject({ msg: 'the last line', n: LINES })
  }, 60_000)
})
