/**
 * `polder doctor`: what operators get wrong, each finding with what to do. Checks of the
 * machine and data directory always run; checks of the running node when it answers
 * (else the ports it needs must be free). Exit code 1 when any check fails.
 */
import { readFile } from 'node:fs/promises'
import { connectToNode } from './client.js'
import { buildConfig } from './config.js'
import {
  checkApiAddress,
  checkDisk,
  checkKeyFile,
  checkNodeVersion,
  checkPorts,
  checkTokenFile,
  type Finding,
} from './doctor-local.js'
import { nodeChecks } from './doctor-node.js'
import { readRawConfig } from './env.js'
import { type NodeCommandOptions, print } from './node-commands.js'

const MARK = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' } as const

export async function diagnose(home: string): Promise<Finding[]> {
  const config = buildConfig(home, ...(await readRawConfig(home)))
  const findings: Finding[] = [
    checkNodeVersion(),
    await checkKeyFile(home),
    await checkTokenFile(home, (path) => readFile(path, 'utf8')),
    await checkDisk(home),
    checkApiAddress(config),
  ]
  const node = await connectToNode(home)
  let status: Awaited<ReturnType<typeof node.api.getStatus>> | undefined
  try {
    status = await node.api.getStatus({}, { signal: AbortSignal.timeout(10_000) })
  } catch (err) {
    findings.push({
      check: 'node',
      verdict: 'warn',
      finding: `no node answers at ${node.url} (${(err as Error).message})`,
      action: 'start it (polder start, or systemctl start polder) for the checks of the network',
    })
    findings.push(await checkPorts(config))
    return findings
  }
  findings.push({
    check: 'node',
    verdict: 'ok',
    finding: `Polder ${status.version} at ${node.url}`,
  })
  for (const check of nodeChecks) findings.push(check(status))
  return findings
}

/** Prints the findings (or JSON with `--json`); true when none failed. */
export async function doctor(home: string, options: NodeCommandOptions): Promise<boolean> {
  const findings = await diagnose(home)
  const failed = findings.some((f) => f.verdict === 'fail')
  print(options, { ok: !failed, findings }, () =>
    findings
      .map(
        (f) =>
          `${MARK[f.verdict]}  ${f.check.padEnd(13)} ${f.finding}${
            f.action === undefined ? '' : `\n${' '.repeat(21)}-> ${f.action}`
          }`,
      )
      .join('\n'),
  )
  return !failed
}
