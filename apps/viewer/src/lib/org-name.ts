/** The name an organisation goes by on this node: its own profile's, else a vouch's. */
import type { LangMap, Organization } from './types'

export const orgDisplayName = (org: Pick<Organization, 'name' | 'namedBy'>): LangMap | undefined =>
  org.name ?? org.namedBy?.name
