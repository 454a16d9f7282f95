import * as z from 'zod'
import { LIMITS } from '../constants.js'
import { checkEnvelope, envelopeShape } from '../envelope.js'
import { langMap, list } from '../fields.js'
import * as f from '../formats.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'

const researcher = () =>
  z.strictObject({
    name: ld(f.name(), { '@id': 'schema:name' }),
    orcid: ld(f.orcid(), { '@id': 'schema:identifier' }).optional(),
    affiliation: ld(f.name(), { '@id': 'schema:affiliation' }).optional(),
  })

/** A data set behind a finding, described in DCAT. */
const dataset = () =>
  z.strictObject({
    title: ld(langMap(LIMITS.title), { '@id': 'dct:title', '@container': '@language' }),
    description: ld(langMap(LIMITS.summary), {
      '@id': 'dct:description',
      '@container': '@language',
    }).optional(),
    landingPage: ld(f.url(), { '@id': 'dcat:landingPage', '@type': '@id' }).optional(),
    downloadUrl: ld(f.url(), { '@id': 'dcat:downloadURL', '@type': '@id' }).optional(),
    /** The data set as an attachment over IPFS. */
    cid: ld(f.cid(), { '@id': 'dct:identifier' }).optional(),
    mediaType: ld(f.mediaType(), { '@id': 'dcat:mediaType' }).optional(),
    license: ld(f.spdx(), { '@id': 'dct:license' }).optional(),
  })

/** A research result: who found it, the abstract, its DOI and the data sets behind it. */
export const findingSchema = once(() =>
  z
    .strictObject({
      ...envelopeShape(),
      kind: z.literal('finding'),
      researchers: ld(list(researcher()).min(1), {
        '@id': 'schema:creator',
        nodeType: 'schema:Person',
      }),
      abstract: ld(langMap(LIMITS.body), { '@id': 'schema:abstract', '@container': '@language' }),
      doi: ld(f.doi(), { '@id': 'schema:sameAs' }).optional(),
      published: ld(f.date(), { '@id': 'schema:datePublished', '@type': 'xsd:date' }).optional(),
      datasets: ld(list(dataset()).default([]), {
        '@id': 'dct:relation',
        scoped: true,
        nodeType: 'dcat:Dataset',
      }),
    })
    .superRefine((record, ctx) => {
      checkEnvelope(record, ctx)
    }),
)
