/**
 * `polder orgs|follow|unfollow|vouch|block|unblock|sync|peers|connect`: the collective,
 * through the running node's API. `--json` prints what the API answered.
 */

import type { OutputOf, Routes } from '@polder/api'
import type { Command } from 'commander'
import { ClientError, type NodeClient } from './client.js'
import { count, orgNames } from './labels.js'
import { type NodeCommandOptions, nodeCommands, print } from './node-commands.js'

type Options = NodeCommandOptions

type Org = OutputOf<Routes['getOrg']>

/**
 * Polls sync status until every log (or `did`'s) is complete, drawing a progress bar on a
 * terminal; a ClientError when `timeoutMs` passes first.
 */
async function waitForSync(
  node: NodeClient,
  did: string | undefined,
  timeoutMs: number,
  show: boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const bar = show && process.stderr.isTTY
  for (;;) {
    const { logs } = await node.api.getSync()
    const shown = did === undefined ? logs : logs.filter((log) => log.did === did)
    const complete = shown.filter((log) => log.state === 'complete').length
    const joined = shown.reduce((sum, log) => sum + (log.progress?.joined ?? 0), 0)
    const total = shown.reduce((sum, log) => sum + (log.progress?.total ?? 0), 0)
    if (bar) {
      const share = shown.length === 0 ? 1 : complete / shown.length
      const filled = Math.round(share * 30)
      const entries = total > 0 ? `, ${joined}/${total} entries` : ''
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${complete}/${shown.length} complete${entries}   `,
      )
    }
    if (shown.length > 0 && complete === shown.length) {
      if (bar) process.stderr.write('\n')
      return
    }
    if (Date.now() > deadline) {
      if (bar) process.stderr.write('\n')
      throw new ClientError(
        shown.length === 0
          ? 'nothing to wait for: this node replicates no organisation yet (polder follow <did>)'
          : `not complete after ${Math.round(timeoutMs / 1000)} s: ${complete} of ${shown.length} logs complete`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** Its name from its profile; else the name a vouch gives it, and by whom; else none yet. */
const nameOf = (org: Org) => {
  if (org.name !== undefined) return org.name.nl ?? Object.values(org.name)[0]
  if (org.namedBy === undefined) return '(no profile yet)'
  const by = org.namedBy.byName ?? { did: org.namedBy.by }
  return `${org.namedBy.name.nl ?? Object.values(org.namedBy.name)[0]}, named by ${by.nl ?? Object.values(by)[0]}`
}

export function addCollectiveCommands(
  program: Command,
  homeOf: (options: Options) => string,
  homeFlag: readonly [string, string],
): void {
  const { command, client } = nodeCommands(program, homeOf, homeFlag)

  command('orgs', 'organisations this node knows of, and whether it replicates them').action(
    async (options: Options) => {
      const answer = await (await client(options)).api.listOrgs()
      print(options, answer, () =>
        [
          `trust mode: ${answer.mode}`,
          ...answer.organizations.map((org) => {
            const state = org.self
              ? 'this node'
              : org.blocked
                ? 'blocked'
                : (org.trust ?? (org.held ? 'held here' : 'not replicated'))
            const vouches = org.vouchedBy.length > 0 ? `, vouched by ${org.vouchedBy.length}` : ''
            return `${org.did}  ${nameOf(org)}  [${state}${vouches}]  ${count(org.records, 'record')}`
          }),
        ].join('\n'),
      )
    },
  )

  command('follow', "replicate an organisation's records")
    .argument('<did>', "the organisation's did:key")
    .action(async (did: string, options: Options) => {
      const org = await (await client(options)).api.follow({ params: { did } })
      print(
        options,
        org,
        () => `Following ${did} (${nameOf(org)}). Watch it with: polder sync ${did}`,
      )
    })

  command('unfollow', 'stop replicating an organisation (what was replicated stays)')
    .argument('<did>', "the organisation's did:key")
    .action(async (did: string, options: Options) => {
      await (await client(options)).api.unfollow({ params: { did } })
      print(options, { did, followed: false }, () => `No longer following ${did}.`)
    })

  command('vouch', 'publish a vouch: this DID is the node of that organisation')
    .argument('<did>', "the organisation's did:key")
    .argument('<name>', "the organisation's name, as you know it")
    .action(async (did: string, name: string, options: Options) => {
      const record = await (await client(options)).api.vouch({ body: { subject: did, name } })
      print(options, record, () => `Vouched for ${did} as "${name}" (record ${record.id}).`)
    })

  command('block', 'drop everything of an organisation and never replicate it again')
    .argument('<did>', "the organisation's did:key")
    .option('--reason <text>', 'why, for the record')
    .action(async (did: string, options: Options & { reason?: string }) => {
      const answer = await (await client(options)).api.block({
        params: { did },
        body: { reason: options.reason ?? '' },
      })
      print(options, answer, () => `Blocked ${did}; dropped ${answer.recordsDropped} records.`)
    })

  command('unblock', 'lift a block (follow again to replicate)')
    .argument('<did>', "the organisation's did:key")
    .action(async (did: string, options: Options) => {
      await (await client(options)).api.unblock({ params: { did } })
      print(options, { did, blocked: false }, () => `Unblocked ${did}.`)
    })

  command('sync', 'replication status per organisation')
    .argument('[did]', 'one organisation')
    .option('--now', 'compare heads with peers now')
    .option('--wait [seconds]', 'wait until every log is complete (default at most 600 s)')
    .action(
      async (
        did: string | undefined,
        options: Options & { now?: boolean; wait?: boolean | string },
      ) => {
        const node = await client(options)
        if (options.wait !== undefined) {
          const seconds = options.wait === true ? 600 : Number(options.wait)
          if (!Number.isFinite(seconds) || seconds <= 0)
            throw new ClientError('--wait takes a number of seconds')
          await waitForSync(node, did, seconds * 1000, options.json !== true)
        }
        const logs =
          options.now === true
            ? (await node.api.syncNow()).logs
            : did === undefined
              ? (await node.api.getSync()).logs
              : [await node.api.getSyncOf({ params: { did } })]
        const shown = did === undefined ? logs : logs.filter((log) => log.did === did)
        const names =
          options.json === true || shown.length === 0
            ? new Map<string, string>()
            : await orgNames(node.api, 'nl')
        print(options, did === undefined ? { logs: shown } : shown[0], () =>
          shown.length === 0
            ? 'This node replicates no organisation yet: polder follow <did>'
            : shown
                .map((log) => {
                  const progress =
                    log.progress === undefined
                      ? ''
                      : `, ${log.progress.joined}/${log.progress.total} entries`
                  const error =
                    log.lastError === undefined ? '' : `\n  last error: ${log.lastError}`
                  const holders =
                    log.holders.length === 1
                      ? '1 peer holds it'
                      : `${log.holders.length} peers hold it`
                  const name = names.get(log.did)
                  const who = name === undefined ? log.did : `${name}  ${log.did}`
                  return `${who}\n  ${log.state}${progress}, ${count(log.records, 'record')}, ${holders}${error}`
                })
                .join('\n'),
        )
      },
    )

  command('peers', 'connected peers, and peers that sent refused data').action(
    async (options: Options) => {
      const answer = await (await client(options)).api.listPeers()
      print(options, answer, () =>
        answer.peers.length === 0
          ? 'No peers connected. Connect with: polder connect <multiaddr>'
          : answer.peers
              .map(
                (peer) =>
                  `${peer.peerId}  ${peer.address}${peer.offences > 0 ? `  ${peer.offences} offences` : ''}`,
              )
              .join('\n'),
      )
    },
  )

  command('connect', 'connect to a peer')
    .argument('<multiaddr>', 'its address, with /p2p/<peer id>')
    .action(async (address: string, options: Options) => {
      const answer = await (await client(options)).api.connectPeer({ body: { address } })
      print(options, answer, () =>
        answer.existing === true
          ? `Already connected to ${answer.peerId} (at ${answer.address}).`
          : `Connected to ${answer.peerId}.`,
      )
    })
}
