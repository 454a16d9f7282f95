/**
 * @packageDocumentation
 *
 * Test networks of real Polder nodes: every multi-node test and benchmark starts its
 * nodes through this package.
 *
 * @example
 * ```ts
 * await using network = await TestNetwork.create({ nodes: 3, topology: 'line', follow: [[1, 0], [2, 0]] })
 * await network.node(0).publish([practice])
 * await waitFor(async () => (await network.node(2).count(network.node(0).did)) === 1)
 * ```
 */

export { ApiError, ResponseValidationError } from '@polder/api'
export { clockOffset } from './clock.js'
export { type EventSubscription, type NodeEvent, subscribeEvents } from './events.js'
export { type FloodOptions, type FloodReport, floodWithGarbage } from './flood.js'
export { type ApiFuzzOptions, type ApiFuzzResult, fuzzApi } from './fuzz-api.js'
export { type FuzzOptions, type FuzzResult, fuzzDecoders } from './fuzz-decoders.js'
export { type KillOptions, type KillReport, killDuringWrites } from './kill-writes.js'
export { type LatencyProbe, probeLatency } from './latency-probe.js'
export { writePastPublishChecks } from './modified-writer.js'
export {
  type HomeOptions,
  type NatKind,
  type NetnsHost,
  netnsUnavailable,
  SmallInternet,
} from './netns.js'
export { nodeFlags } from './node-flags.js'
export { rssMb, sampleRss } from './process-memory.js'
export { type Forgery, RogueNode } from './rogue.js'
export { integrityOf, storedTitles } from './state-check.js'
export {
  edgesOf,
  TestNetwork,
  type TestNetworkOptions,
  type Topology,
  waitFor,
} from './test-network.js'
export { type RecordState, TestNode, type TestNodeOptions } from './test-node.js'
export { type PortMapping, type UpnpGateway, upnpUnavailable } from './upnp-gateway.js'
