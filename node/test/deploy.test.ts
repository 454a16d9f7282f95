/**
 * The files in deploy/: the systemd unit passes `systemd-analyze verify` without a single
 * warning (with its ExecStart pointed at this checkout's Node.js and bin, which verify
 * requires to exist), and the sample polder.env is a valid configuration.
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConfig } from '../src/config.js'
import { readRawConfig } from '../src/env.js'
import { BIN } from './cli.js'

const run = promisify(execFile)
const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url))

/** Where systemd-analyze is, if installed (the `systemd` Debian package; .ci/run installs it). */
async function systemdAnalyze(): Promise<string | undefined> {
  for (const path of ['/usr/bin/systemd-analyze', '/bin/systemd-analyze']) {
    try {
      await run(path, ['--version'])
      return path
    } catch {
      // not here
    }
  }
  return undefined
}

const analyze = await systemdAnalyze()
if (analyze === undefined && process.env.CI === 'true')
  throw new Error('systemd-analyze is missing in CI: .ci/run installs the systemd package')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-deploy-'))
  // the unit as installed, its ExecStart pointed at this checkout (verify needs it to exist)
  const unit = await readFile(join(DEPLOY, 'polder.service'), 'utf8')
  await writeFile(
    join(dir, 'polder.service'),
    unit
      .replace('/opt/polder/node_modules/.bin/node', process.execPath)
      .replace('/opt/polder/node/bundle/bin.js', BIN),
  )
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('deploy/polder.service', () => {
  it.skipIf(analyze === undefined)(
    'passes systemd-analyze verify (skipped without it: apt-get install systemd)',
    async () => {
      const unit = await readFile(join(DEPLOY, 'polder.service'), 'utf8')
      expect(unit).toContain('ExecStart=/opt/polder/node_modules/.bin/node ')
      const { stdout, stderr } = await run(analyze as string, [
        'verify',
        join(dir, 'polder.service'),
      ])
      expect(stderr).toBe('')
      expect(stdout).toBe('')
    },
  )

  it.skipIf(analyze === undefined)('is caught by verify when a directive is misspelt', async () => {
    // the check above would notice a mistake: the same unit with one typo warns
    const unit = (await readFile(join(DEPLOY, 'polder.service'), 'utf8'))
      .replace('/opt/polder/node_modules/.bin/node', process.execPath)
      .replace('/opt/polder/node/bundle/bin.js', BIN)
      .replace('NoNewPrivileges=yes', 'NoNewPrivilege=yes')
    await writeFile(join(dir, 'typo.service'), unit)
    const { stderr } = await run(analyze as string, ['verify', join(dir, 'typo.service')])
    expect(stderr).toContain("Unknown key 'NoNewPrivilege'")
  })

  it.skipIf(analyze === undefined)(
    'is rated "OK" (exposure under 2 of 10) by systemd-analyze security',
    async () => {
      const { stdout } = await run(analyze as string, [
        'security',
        '--offline=yes',
        '--no-pager',
        join(dir, 'polder.service'),
      ])
      const exposure = /Overall exposure level for polder\.service: ([\d.]+) (\w+)/.exec(stdout)
      expect(exposure?.[2]).toBe('OK')
      expect(Number(exposure?.[1])).toBeLessThan(2)
    },
  )

  it('keeps the hardening the operations guide promises', async () => {
    const unit = await readFile(join(DEPLOY, 'polder.service'), 'utf8')
    for (const line of [
      'DynamicUser=yes',
      'StateDirectory=polder',
      'ProtectSystem=strict',
      'NoNewPrivileges=yes',
      'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK',
      'MemoryMax=640M',
      'Restart=on-failure',
      'StandardOutput=journal',
      'EnvironmentFile=-/etc/polder/polder.env',
    ])
      expect(unit.split('\n')).toContain(line)
  })
})

describe('deploy/polder.env', () => {
  it('is a valid configuration with the documented values', async () => {
    const home = join(dir, 'home')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(home)
    await copyFile(join(DEPLOY, 'polder.env'), join(home, 'polder.env'))
    const config = buildConfig(home, ...(await readRawConfig(home, {}, {})))
    expect(config.api).toEqual({ host: '127.0.0.1', port: 7878 })
    expect(config.listen).toEqual(['/ip4/0.0.0.0/tcp/4011'])
    expect(config.memoryLimitBytes).toBe(512 * 2 ** 20)
    expect(config.viewerRoot).toBe('/opt/polder/apps/viewer/dist')
  })
})
