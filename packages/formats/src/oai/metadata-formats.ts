/**
 * The metadata formats OAI-PMH offers: simple Dublin Core (`oai_dc`, every harvester reads
 * it) and DataCite Metadata Schema 4 (`oai_datacite`: the kernel-4 `<resource>` itself,
 * as research repositories harvest it), for every live record.
 */
import { DATACITE } from '../citations/datacite.js'
import { OAI_DC } from './dublin-core.js'

export const OAI_DATACITE = {
  prefix: 'oai_datacite',
  schema: DATACITE.schema,
  namespace: DATACITE.namespace,
} as const

export const OAI_FORMATS = [OAI_DC, OAI_DATACITE] as const
export type OaiPrefix = (typeof OAI_FORMATS)[number]['prefix']
