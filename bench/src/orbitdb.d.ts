/** The part of @orbitdb/core the baseline uses (OrbitDB ships no types). */
declare module '@orbitdb/core' {
  export interface OrbitDBDatabase {
    put(doc: Record<string, unknown>): Promise<string>
    close(): Promise<void>
  }
  export interface OrbitDB {
    open(name: string, options: { type: string }): Promise<OrbitDBDatabase>
    stop(): Promise<void>
  }
  export function createOrbitDB(options: Record<string, unknown>): Promise<OrbitDB>
}
