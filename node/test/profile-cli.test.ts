/**
 * The organisation's profile from `polder init` and the first `polder start`: by flags,
 * by questions on a terminal, into the store or through a running node; `polder status`
 * shows the name.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { orgKeyOf } from '@polder/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, runPolder, startPolder, stopPolder } from './cli.js'
import { startInProcess } from './in-process.js'

let dir: string
const env = { POLDER_API: undefined, POLDER_HOME: undefined }
/** `script` runs a command on a pseudo-terminal: the questions are asked only there. */
const hasScript = spawnSync('script', ['--version']).status === 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-profile-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the organisation’s profile', { timeout: 90_000 }, () => {
  it('is published by polder init with flags, and polder status shows the name', async () => {
    const home = join(dir, 'flags')
    const init = await runPolder(
      [
        'init',
        '--home',
        home,
        '--name',
        'Gemeente Proefdorp',
        '--type',
        'municipality',
        '--municipality',
        'zwolle',
        '--website',
        'https://proefdorp.example.nl',
        '--contact',
        'kennis@proefdorp.example.nl',
      ],
      { env },
    )
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain('Published the profile of Gemeente Proefdorp.')
    await using node = await startInProcess(home)
    const status = await node.api.getStatus()
    expect(status.name).toEqual({ nl: 'Gemeente Proefdorp' })
    const { records } = await node.api.listRecords({ query: { kind: 'organization' } })
    expect(records).toEqual([
      expect.objectContaining({
        orgType: 'municipality',
        website: 'https://proefdorp.example.nl',
        contactEmail: 'kennis@proefdorp.example.nl',
        places: [{ name: 'Zwolle', country: 'NL', municipality: 'GM0193', province: 'PV23' }],
      }),
    ])
    const human = await runPolder(['status', '--home', home], { env })
    expect(human.stdout).toMatch(/^organisation {2}Gemeente Proefdorp$/m)
    expect(human.stdout).toMatch(/^did {11}did:key:z6Mk/m)

    // with the node running, init changes the profile through its API
    const changed = await runPolder(
      ['init', '--home', home, '--website', 'https://www.proefdorp.example.nl'],
      { env },
    )
    expect(changed.code, changed.stderr).toBe(0)
    expect(changed.stdout).toContain('Updated the profile of Gemeente Proefdorp (version 2).')
    const same = await runPolder(
      ['init', '--home', home, '--website', 'https://www.proefdorp.example.nl'],
      { env },
    )
    expect(same.stdout).toContain('The profile of Gemeente Proefdorp was up to date.')
    expect((await node.api.getStatus()).name).toEqual({ nl: 'Gemeente Proefdorp' })

    // an organisation without a profile is shown by the name a vouch held here gives it
    const subject = orgKeyOf(await generateKeyPair('Ed25519')).did
    await node.api.vouch({ body: { subject, name: 'Straatwerk IoT B.V.' } })
    const named = await node.api.getOrg({ params: { did: subject } })
    expect(named.name).toBeUndefined()
    expect(named).toMatchObject({
      namedBy: {
        name: { nl: 'Straatwerk IoT B.V.' },
        by: node.context.store.did,
        byName: { nl: 'Gemeente Proefdorp' },
      },
    })
    const orgs = await runPolder(['orgs', '--home', home], { env })
    expect(orgs.stdout).toContain(`${subject}  Straatwerk IoT B.V., named by Gemeente Proefdorp  [`)
  })

  it('refuses wrong flags, naming each with the reason in English and Dutch, and publishes nothing', async () => {
    const home = join(dir, 'wrong')
    const wrong = await runPolder(
      [
        'init',
        '--home',
        home,
        '--name',
        'X',
        '--type',
        'bar',
        '--website',
        'nope',
        '--contact',
        'x',
      ],
      { env },
    )
    expect(wrong.code).toBe(2)
    const line = wrong.stderr.trim()
    expect(line).toMatch(
      /^polder: --type "bar": not an organisation type \/ geen organisatietype; /,
    )
    expect(line).toContain('company (Bedrijf / Company)')
    expect(line).toContain('--website: ')
    expect(line).toContain('--contact: ')
    const noName = await runPolder(['init', '--home', home, '--type', 'company'], { env })
    expect(noName.code).toBe(2)
    expect(noName.stderr).toContain('--name: a new profile needs the organisation’s name')
    const none = await runPolder(['init', '--home', home], { env })
    expect(none.code).toBe(0)
    expect(none.stdout).toContain('No profile yet: name your organisation with polder init --name')
  })

  it.skipIf(!hasScript)('is asked on a terminal, each answer checked', async () => {
    const home = join(dir, 'asked')
    // typed ahead: a wrong type and website are asked again
    const answers =
      'Straatwerk IoT B.V.\n42\nbedrijf\nEindhoven\nnot a url\nhttps://straatwerk.example\n\n'
    const run = spawnSync(
      'script',
      ['-qec', `'${process.execPath}' '${BIN}' init --home '${home}'`, '/dev/null'],
      { input: answers, encoding: 'utf8', timeout: 60_000 },
    )
    expect(run.status, run.stdout).toBe(0)
    expect(run.stdout).toContain('not one of the types above: 42')
    expect(run.stdout).toContain('--website: ')
    expect(run.stdout).toContain('Published the profile of Straatwerk IoT B.V.')
    await using node = await startInProcess(home)
    const { records } = await node.api.listRecords({ query: { kind: 'organization' } })
    expect(records[0]).toMatchObject({
      title: { nl: 'Straatwerk IoT B.V.' },
      orgType: 'company',
      website: 'https://straatwerk.example',
      places: [{ municipality: 'GM0772' }],
    })
  })

  it('is published by the first polder start with flags', async () => {
    const home = join(dir, 'start')
    const { child, url } = await startPolder(
      { ...env, POLDER_API: '127.0.0.1:0', POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0' },
      60_000,
      ['--home', home, '--name', 'TNO', '--type', 'knowledge-institution'],
    )
    try {
      const status = await runPolder(['status', '--home', home, '--json'], { env })
      expect(JSON.parse(status.stdout)).toMatchObject({ name: { nl: 'TNO' } })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      await stopPolder(child)
    }
  })
})
