/**
 * The part of @orbitdb/core 4 that Polder uses. OrbitDB ships no types; these follow its
 * src/oplog/log.js, src/oplog/entry.js, src/identities/*.js and src/key-store.js.
 */
declare module '@orbitdb/core' {
  import type { PrivateKey } from '@libp2p/interface'

  /** OrbitDB's storage interface: keys are strings (hashes, or 'heads'). */
  export interface Storage<V = unknown> {
    put(key: string, value: V): Promise<void>
    get(key: string): Promise<V | undefined>
    del(key: string): Promise<void>
    iterator(options?: { amount?: number; reverse?: boolean }): AsyncGenerator<[string, V]>
    merge(other: Storage<V>): Promise<void>
    clear(): Promise<void>
    close(): Promise<void>
    persist?(key: string): Promise<void>
  }

  export interface Clock {
    readonly id: string
    readonly time: number
  }

  export interface LogEntry<P = unknown> {
    readonly id: string
    readonly payload: P
    readonly next: string[]
    readonly refs: string[]
    readonly clock: Clock
    readonly v: number
    readonly key: string
    readonly identity: string
    readonly sig: string
    readonly hash?: string
    readonly bytes?: Uint8Array
  }

  export interface Identity {
    readonly id: string
    readonly publicKey: string
    readonly signatures: { readonly id: string; readonly publicKey: string }
    readonly type: string
    readonly hash: string
    readonly bytes: Uint8Array
    sign(identity: Identity, data: string | Uint8Array): Promise<string>
    verify(signature: string, publicKey: string, data: string | Uint8Array): Promise<boolean>
  }

  export interface Identities {
    createIdentity(options: { id: string }): Promise<Identity>
    getIdentity(hash: string): Promise<Identity | undefined>
    verifyIdentity(identity: Identity): Promise<boolean>
    sign(identity: Identity, data: string | Uint8Array): Promise<string>
    verify(signature: string, publicKey: string, data: string | Uint8Array): Promise<boolean>
    readonly keystore: KeyStoreInstance
  }

  export interface KeyStoreInstance {
    addKey(id: string, key: { privateKey: Uint8Array }): Promise<void>
    getKey(id: string): Promise<PrivateKey | undefined>
    close(): Promise<void>
  }

  export interface AccessController {
    readonly type?: string
    canAppend(entry: LogEntry): Promise<boolean>
  }

  export interface Log<P = unknown> {
    readonly id: string
    append(
      payload: P,
      options?: { referencesCount: number },
    ): Promise<LogEntry<P> & { hash: string }>
    joinEntry(entry: LogEntry<P>): Promise<boolean>
    heads(): Promise<(LogEntry<P> & { hash: string })[]>
    get(hash: string): Promise<(LogEntry<P> & { hash: string }) | undefined>
    has(hash: string): Promise<boolean>
    traverse(
      rootEntries?: LogEntry<P>[] | null,
      shouldStop?: (entry: LogEntry<P>) => Promise<boolean>,
    ): AsyncGenerator<LogEntry<P> & { hash: string }>
    close(): Promise<void>
  }

  export function Log<P = unknown>(
    identity: Identity,
    options: {
      logId: string
      access: AccessController
      entryStorage: Storage<Uint8Array>
      headsStorage: Storage<Uint8Array>
      indexStorage: Storage<boolean>
    },
  ): Promise<Log<P>>

  export const Entry: {
    create<P>(
      identity: Identity,
      logId: string,
      payload: P,
      encrypt?: undefined,
      clock?: Clock | null,
      next?: string[],
      refs?: string[],
    ): Promise<LogEntry<P>>
    verify(identities: Identities, entry: LogEntry): Promise<boolean>
    decode(bytes: Uint8Array): Promise<LogEntry & { hash: string; bytes: Uint8Array }>
    encode(entry: LogEntry): Promise<{ hash: string; bytes: Uint8Array }>
    isEntry(value: unknown): boolean
  }

  export function Identities(options: {
    keystore: KeyStoreInstance
    storage: Storage<Uint8Array>
  }): Promise<Identities>

  export function KeyStore(options: { storage: Storage<unknown> }): Promise<KeyStoreInstance>
  export function MemoryStorage<V = unknown>(): Promise<Storage<V>>
}
