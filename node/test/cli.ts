/** Runs the real `polder` bin in a child process, with timeouts. */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../bundle/bin.js', import.meta.url))

export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `polder ...args` to completion. */
export function runPolder(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; node?: string; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [BIN, ...args], {
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    if (options.input !== undefined) child.stdin?.end(options.input)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk) => (stdout += chunk))
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`polder ${args.join(' ')} timed out\n${stdout}\n${stderr}`))
    }, options.timeoutMs ?? 20_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * Starts `polder start` and resolves with its API URL once it logs that it started (every
 * part, the network too), or with `until: 'API listening'` once its API serves.
 */
export function startPolder(
  env: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
  args: string[] = [],
  until: 'Polder node started' | 'API listening' = 'Polder node started',
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`polder start did not start in time\n${output}`))
    }, timeoutMs)
    child.stderr.on('data', (chunk) => (output += chunk))
    child.stdout.on('data', (chunk) => {
      output += chunk
      for (const line of output.split('\n')) {
        if (!line.includes(`"msg":"${until}"`)) continue
        clearTimeout(timer)
        resolve({ child, url: (JSON.parse(line) as { url: string }).url, output: () => output })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`polder start exited with ${code}\n${output}`))
    })
  })
}

/** Sends a signal and waits for the process to exit; SIGKILL after the timeout. */
export function stopPolder(child: ChildProcess, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    child.kill('SIGTERM')
  })
}

/** Resolves once the process has exited (at once if it has); rejects after the timeout. */
export function exited(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the process did not exit in time')), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
