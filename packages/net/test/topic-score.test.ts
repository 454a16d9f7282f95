/**
 * The collective's topics are scored: a peer whose messages the validators reject falls
 * below gossipsub's graylist threshold after three, and its further messages are dropped
 * before they reach the validators. Two real libp2p nodes in this process.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { afterEach, describe, expect, it } from 'vitest'
import { gossipPeersOf } from '../src/gossip-streams.js'
import { createNetwork, type Network } from '../src/network.js'

const TOPIC = '/polder/score-test/heads/1.0.0'
/** gossipsub's default graylist threshold */
const GRAYLIST = -80

const started: Network[] = []
const dirs: string[] = []

async function node(): Promise<Network> {
  const home = await mkdtemp(join(tmpdir(), 'polder-net-'))
  dirs.push(home)
  const network = await createNetwork({
    home,
    privateKey: await generateKeyPair('Ed25519'),
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: [],
    collective: 'score-test',
    mdns: false,
    colocationWhitelist: ['127.0.0.1'],
    scoredTopics: [TOPIC],
  })
  started.push(network)
  return network
}

/** The score `network` gives `peer`: on gossipsub's class, not on its exported interface. */
const scoreOf = (network: Network, peer: string): number =>
  (network.libp2p.services.pubsub as unknown as { getScore(peer: string): number }).getScore(peer)

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 15_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * A receiver whose validator answers `verdict` to every message, and a sender dialled to it
 * that sees its subscription; `validated()` counts the messages the validator saw.
 */
async function pair(verdict: TopicValidatorResult) {
  const [receiver, sender] = [await node(), await node()]
  const pubsub = receiver.libp2p.services.pubsub
  let count = 0
  pubsub.topicValidators.set(TOPIC, () => {
    count++
    return verdict
  })
  pubsub.subscribe(TOPIC)
  sender.libp2p.services.pubsub.subscribe(TOPIC)
  await sender.libp2p.dial(receiver.libp2p.getMultiaddrs()[0] as never)
  // the receiver's subscription comes on its stream; the sender's own stream opens once
  // identify's peer-store write has told gossipsub the receiver's protocols (a LevelDB write):
  // a message before it is lost
  const toReceiver = gossipPeersOf(sender.libp2p.services.pubsub)
  await until(
    () =>
      sender.libp2p.services.pubsub.getSubscribers(TOPIC).length > 0 &&
      toReceiver.hasOutboundStream(receiver.libp2p.peerId.toString()),
    'the sender to see the subscription, with its stream to the receiver',
  )
  return { receiver, sender, validated: () => count }
}

afterEach(async () => {
  await Promise.allSettled(started.splice(0).map((network) => network.stop()))
  await Promise.allSettled(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('topic scores', () => {
  it('graylist a peer after three rejected messages, and drop what it sends next', async () => {
    const { receiver, sender, validated } = await pair(TopicValidatorResult.Reject)
    const senderId = sender.libp2p.peerId
    for (let i = 0; i < 3; i++) {
      await sender.libp2p.services.pubsub.publish(TOPIC, new TextEncoder().encode(`bad ${i}`))
    }
    await until(() => validated() === 3, 'three messages validated')
    await until(() => scoreOf(receiver, senderId.toString()) < GRAYLIST, 'the score to fall')
    expect(scoreOf(receiver, senderId.toString())).toBeLessThan(GRAYLIST)

    // graylisted: its next messages never reach the validator
    for (let i = 3; i < 6; i++) {
      await sender.libp2p.services.pubsub.publish(TOPIC, new TextEncoder().encode(`bad ${i}`))
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(validated()).toBe(3)
  }, 60_000)

  it('leaves an honest peer at a standing of zero or more', async () => {
    const { receiver, sender, validated } = await pair(TopicValidatorResult.Accept)
    for (let i = 0; i < 5; i++) {
      await sender.libp2p.services.pubsub.publish(TOPIC, new TextEncoder().encode(`ok ${i}`))
    }
    await until(() => validated() === 5, 'five messages validated')
    expect(scoreOf(receiver, sender.libp2p.peerId.toString())).toBeGreaterThanOrEqual(0)
  }, 60_000)
})
