/** Hashes of OrbitDB blocks (entries, identities): CIDv1, DAG-CBOR, sha2-256, base58btc. */
import * as dagCbor from '@ipld/dag-cbor'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'

export async function blockHash(bytes: Uint8Array): Promise<string> {
  return CID.create(1, dagCbor.code, await sha256.digest(bytes)).toString(base58btc)
}
