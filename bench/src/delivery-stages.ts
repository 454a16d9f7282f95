/**
 * The stage of a follower's delivery a profile sample belongs to, from the functions and
 * source files on its stack (first rule that matches, in order): what `stage-split.ts`
 * groups a propagation follower's samples by. Function names are the bundle's, which keeps
 * them; a frame whose source map misses is known by its bundle file.
 */
export interface StackFacts {
  /** Function names on the stack, leaf to root. */
  readonly functions: ReadonlySet<string>
  /** Their source files (original ones through the source maps, else the bundle's). */
  readonly files: readonly string[]
  /** Their parts (`partOf`: our packages, libraries, the runtime). */
  readonly parts: ReadonlySet<string>
}

const any = (facts: StackFacts, ...names: string[]) => names.some((n) => facts.functions.has(n))
const inFile = (facts: StackFacts, text: string) => facts.files.some((f) => f.includes(text))

const STAGES: readonly [string, (facts: StackFacts) => boolean][] = [
  ['garbage collection', (s) => any(s, '(garbage collector)')],
  [
    'store: checking new entries (decode, hash, signature, records)',
    (s) => any(s, 'checkSegment', 'checkEach', 'explain'),
  ],
  [
    'store: applying and committing (SQLite)',
    (s) => any(s, '#applyChecked', 'applySegment', 'asyncTransaction', 'noteReceived'),
  ],
  [
    'replicator after a join, heads decoding, store events',
    (s) =>
      any(s, '#joinPushed', '#missingHeads', '#onMessage', '#validate', 'decodeHeads') ||
      any(s, '#emitChanges', '#emitChangesYielding'),
  ],
  ['search index write', (s) => any(s, 'applyMany') || (any(s, 'flush') && !any(s, 'search'))],
  [
    'gossip received (decrypt, demux, decode, fast id, signature)',
    (s) =>
      any(s, 'noiseOnMessageDecrypt', 'handleReceivedRpc', 'validateReceivedMessage') ||
      any(s, 'handleReceivedMessage', 'onData') ||
      s.parts.has('@chainsafe/libp2p-yamux') ||
      s.parts.has('it-length-prefixed'),
  ],
  [
    'gossip sent (forwards, IDONTWANT, socket writes)',
    (s) =>
      any(s, 'forwardMessage', 'sendRpc', 'sendData') ||
      inFile(s, 'corked-writes') ||
      // the connections' corked writes, whose frame the source map misses
      (any(s, 'uncork') && inFile(s, 'network-parts')),
  ],
  [
    'gossipsub heartbeat, other libp2p',
    (s) =>
      any(s, 'heartbeat') ||
      [...s.parts].some((p) => p.startsWith('@libp2p') || p.startsWith('@chainsafe')),
  ],
  [
    'searches answered (HTTP, query, response, request log)',
    (s) =>
      any(s, 'search', 'searchRecords') ||
      ['fastify', 'find-my-way', 'pino', 'sonic-boom'].some((p) => s.parts.has(p)) ||
      inFile(s, '_http') ||
      inFile(s, 'response-check'),
  ],
]

/** The stage of a sample with these stack facts; `the rest` when no rule matches. */
export function stageOf(facts: StackFacts): string {
  for (const [stage, matches] of STAGES) if (matches(facts)) return stage
  return 'the rest (timers, unattributed microtasks)'
}
