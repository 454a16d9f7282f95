/**
 * The data sets of one record: its attachments (one `dcat:Dataset`, a distribution per
 * file) and each data set of a finding, with licences, media types and places as the
 * typed IRIs the DCAT-AP shapes ask for.
 */
import {
  formatRef,
  isTombstone,
  type PolderRecord,
  type RecordState,
  STANDARDS,
} from '@polder/schema'
import { sha256OfCid } from '../cid-digest.js'
import {
  licenseIris,
  mediaTypeIris,
  municipalityIris,
  provinceIris,
  standardIris,
} from '../iris.js'
import { euDataThemeIri } from '../themes.js'
import { agentIri, agentQuads, type CatalogInit, contactQuads } from './catalog-header.js'
import { dcat, dct, foaf, iri, QuadBag, rdfs, spdx, text, typed } from './terms.js'
import { ACCESS_RIGHTS_PUBLIC, SHA256_ALGORITHM } from './vocabularies.js'

type LangMap = Readonly<Record<string, string>>

/** Resources typed once per catalogue (licences, media types, places, publishers). */
export class Typed {
  readonly #seen = new Set<string>()
  once(key: string): boolean {
    if (this.#seen.has(key)) return false
    this.#seen.add(key)
    return true
  }
}

const STANDARD_LABELS = new Map<string, LangMap>(
  STANDARDS.map((s) => [s.code, { en: s.label.en, nl: s.label.nl }]),
)

/** A standard once per catalogue: its type and its name. */
function standardQuads(bag: QuadBag, standard: string, code: string): void {
  bag.type(iri(standard), dct('Standard'))
  const label = STANDARD_LABELS.get(code)
  if (label !== undefined) bag.langMap(iri(standard), dct('title'), label)
}

interface DatasetDescription {
  readonly id: string
  readonly title: LangMap
  readonly description: LangMap
  readonly identifier: string
  readonly landingPage: string
}

interface DistributionDescription {
  readonly id: string
  readonly title?: string | LangMap
  readonly accessUrl: string
  readonly downloadUrl?: string
  readonly mediaType?: string
  readonly license: string
  readonly size?: number
  readonly cid?: string
}

class DatasetWriter {
  constructor(
    readonly bag: QuadBag,
    readonly init: CatalogInit,
    readonly typedOnce: Typed,
  ) {}

  dataset(record: PolderRecord, described: DatasetDescription): ReturnType<typeof iri> {
    const { bag, init } = this
    const dataset = iri(described.id)
    bag.add(iri(init.iris.catalog()), dcat('dataset'), dataset)
    bag.type(dataset, dcat('Dataset'))
    bag
      .langMap(dataset, dct('title'), described.title)
      .langMap(dataset, dct('description'), described.description)
    bag.add(dataset, dct('identifier'), text(described.identifier))
    bag.add(dataset, dct('issued'), typed(record.created, 'dateTime'))
    bag.add(dataset, dct('modified'), typed(record.updated, 'dateTime'))
    for (const theme of record.themes) {
      bag.add(dataset, dcat('theme'), iri(euDataThemeIri(theme)))
      bag.add(dataset, dcat('theme'), iri(init.iris.theme(theme)))
    }
    for (const tag of record.tags) bag.add(dataset, dcat('keyword'), text(tag))
    // the open standards the work uses: dct:conformsTo a dct:Standard (DCAT-AP 3)
    for (const code of 'standards' in record ? record.standards : []) {
      const standard = standardIris.toIri(code)
      bag.add(dataset, dct('conformsTo'), iri(standard))
      if (this.typedOnce.once(standard)) standardQuads(bag, standard, code)
    }
    for (const place of record.places) {
      for (const location of [
        place.municipality === undefined ? undefined : municipalityIris.toIri(place.municipality),
        place.province === undefined ? undefined : provinceIris.toIri(place.province),
      ]) {
        if (location === undefined) continue
        bag.add(dataset, dct('spatial'), iri(location))
        if (this.typedOnce.once(location)) bag.type(iri(location), dct('Location'))
      }
    }
    bag.add(dataset, dct('publisher'), iri(agentIri(init, record.author)))
    if (this.typedOnce.once(`agent ${record.author}`)) agentQuads(bag, init, record.author)
    const contact = iri(`${agentIri(init, record.author)}#contact`)
    bag.add(dataset, dcat('contactPoint'), contact)
    if (this.typedOnce.once(`contact ${record.author}`)) contactQuads(bag, init, record.author)
    bag.add(dataset, dct('accessRights'), iri(ACCESS_RIGHTS_PUBLIC))
    const landing = iri(described.landingPage)
    bag.add(dataset, dcat('landingPage'), landing).type(landing, foaf('Document'))
    return dataset
  }

  distribution(dataset: ReturnType<typeof iri>, described: DistributionDescription): void {
    const { bag } = this
    const distribution = iri(described.id)
    bag.add(dataset, dcat('distribution'), distribution).type(distribution, dcat('Distribution'))
    if (typeof described.title === 'string')
      bag.add(distribution, dct('title'), text(described.title))
    else if (described.title !== undefined) bag.langMap(distribution, dct('title'), described.title)
    const access = iri(described.accessUrl)
    bag.add(distribution, dcat('accessURL'), access).type(access, rdfs('Resource'))
    if (described.downloadUrl !== undefined) {
      const download = iri(described.downloadUrl)
      bag.add(distribution, dcat('downloadURL'), download).type(download, rdfs('Resource'))
    }
    if (described.mediaType !== undefined) {
      const mediaType = mediaTypeIris.toIri(described.mediaType)
      bag.add(distribution, dcat('mediaType'), iri(mediaType))
      if (this.typedOnce.once(mediaType)) bag.type(iri(mediaType), dct('MediaType'))
    }
    const license = licenseIris.toIri(described.license)
    bag.add(distribution, dct('license'), iri(license))
    if (this.typedOnce.once(license)) bag.type(iri(license), dct('LicenseDocument'))
    if (described.size !== undefined) {
      bag.add(distribution, dcat('byteSize'), typed(String(described.size), 'nonNegativeInteger'))
    }
    const digest = described.cid === undefined ? undefined : sha256OfCid(described.cid)
    if (digest !== undefined) {
      const checksum = iri(`${described.id}-checksum`)
      bag.add(distribution, spdx('checksum'), checksum).type(checksum, spdx('Checksum'))
      bag.add(checksum, spdx('algorithm'), iri(SHA256_ALGORITHM))
      bag.add(checksum, spdx('checksumValue'), typed(digest, 'hexBinary'))
    }
  }
}

/** Quads of every data set of one record (none for a tombstone or a record without files). */
export function datasetQuads(state: RecordState, init: CatalogInit, typedOnce: Typed): QuadBag {
  const bag = new QuadBag()
  if (isTombstone(state)) return bag
  const writer = new DatasetWriter(bag, init, typedOnce)
  const recordIri = init.iris.record(state)
  const ref = formatRef(state)
  const description = state.summary ?? state.title
  if (state.attachments.length > 0) {
    const dataset = writer.dataset(state, {
      id: `${recordIri}#attachments`,
      title: state.title,
      description,
      identifier: `${ref}#attachments`,
      landingPage: recordIri,
    })
    for (const file of state.attachments) {
      const url = init.iris.attachment(file.cid)
      writer.distribution(dataset, {
        id: `${recordIri}#file-${file.cid}`,
        title: file.name,
        accessUrl: url,
        downloadUrl: url,
        mediaType: file.mediaType,
        license: state.license,
        size: file.size,
        cid: file.cid,
      })
    }
  }
  if (state.kind === 'finding') {
    state.datasets.forEach((data, index) => {
      const id = `${recordIri}#dataset-${index + 1}`
      const dataset = writer.dataset(state, {
        id,
        title: data.title,
        description: data.description ?? state.abstract,
        identifier: `${ref}#dataset-${index + 1}`,
        landingPage: data.landingPage ?? recordIri,
      })
      const fromNode = data.cid === undefined ? undefined : init.iris.attachment(data.cid)
      const download = data.downloadUrl ?? fromNode
      writer.distribution(dataset, {
        id: `${id}-distribution`,
        title: data.title,
        accessUrl: download ?? data.landingPage ?? recordIri,
        ...(download === undefined ? {} : { downloadUrl: download }),
        ...(data.mediaType === undefined ? {} : { mediaType: data.mediaType }),
        license: data.license ?? state.license,
        ...(data.cid === undefined ? {} : { cid: data.cid }),
      })
    })
  }
  return bag
}
