/**
 * The catalogue itself: the node as `dcat:Catalog`, its publisher with an ADMS publisher
 * type, its languages and theme taxonomies (the EU data themes and Polder's own), and
 * the typed resources the shapes ask for wherever they are used.
 */
import { type Organization, THEMES } from '@polder/schema'
import { REGISTRIES } from '../constants.js'
import type { Iris } from '../iris.js'
import { dcat, dct, foaf, iri, QuadBag, skos, spdx, text, typed, vcard } from './terms.js'
import {
  ACCESS_RIGHTS_PUBLIC,
  EU_DATA_THEME_LABELS,
  EU_DATA_THEME_SCHEME,
  EU_LANGUAGES,
  PUBLISHER_TYPES,
  publisherTypeIri,
  SHA256_ALGORITHM,
} from './vocabularies.js'

export interface CatalogInit {
  readonly iris: Iris
  /** The node's organisation (its DID). */
  readonly did: string
  /** Profiles of organisations by DID: the node's own and those of other publishers. */
  readonly organization: (did: string) => Organization | undefined
  /** When the catalogue last changed (the newest record's `updated`). */
  readonly modified?: string
}

/** The IRI of an organisation as a publisher: its profile's IRI, else its DID. */
export function agentIri(init: CatalogInit, did: string): string {
  const profile = init.organization(did)
  return profile === undefined ? did : init.iris.record(profile)
}

/** `foaf:Agent` of an organisation, with its name and publisher type. */
export function agentQuads(bag: QuadBag, init: CatalogInit, did: string): void {
  const agent = iri(agentIri(init, did))
  const profile = init.organization(did)
  bag.type(agent, foaf('Agent')).type(agent, foaf('Organization'))
  if (profile === undefined) {
    bag.add(agent, foaf('name'), text(did))
    return
  }
  bag.langMap(agent, foaf('name'), profile.title)
  const publisherType = PUBLISHER_TYPES[profile.orgType]
  if (publisherType !== undefined) {
    const type = iri(publisherTypeIri(publisherType.code))
    bag
      .add(agent, dct('type'), type)
      .type(type, skos('Concept'))
      .langMap(type, skos('prefLabel'), publisherType.label)
  }
  if (profile.website !== undefined) {
    bag
      .add(agent, foaf('homepage'), iri(profile.website))
      .type(iri(profile.website), foaf('Document'))
  }
}

/** The contact point of a data set: the publishing organisation (DCAT-AP-NL asks for one). */
export function contactQuads(bag: QuadBag, init: CatalogInit, did: string): void {
  const contact = iri(`${agentIri(init, did)}#contact`)
  const profile = init.organization(did)
  bag.type(contact, vcard('Organization')).type(contact, vcard('Kind'))
  bag.add(contact, vcard('fn'), text(profile?.title.nl ?? profile?.title.en ?? did))
  if (profile?.contactEmail !== undefined) {
    bag.add(contact, vcard('hasEmail'), iri(`mailto:${profile.contactEmail}`))
  }
}

export function catalogHeader(init: CatalogInit): QuadBag {
  const { iris } = init
  const bag = new QuadBag()
  const catalog = iri(iris.catalog())
  const profile = init.organization(init.did)
  const name = profile?.title ?? { nl: init.did, en: init.did }
  bag.type(catalog, dcat('Catalog'))
  for (const [language, value] of Object.entries(name)) {
    const prefix = language === 'nl' ? 'Polder-catalogus van' : 'Polder catalogue of'
    bag.add(catalog, dct('title'), text(`${prefix} ${value}`, language))
  }
  if (profile?.summary !== undefined) bag.langMap(catalog, dct('description'), profile.summary)
  else {
    bag.add(catalog, dct('description'), text('Kennis en data van deze Polder-node', 'nl'))
    bag.add(catalog, dct('description'), text('Knowledge and data of this Polder node', 'en'))
  }
  bag.add(catalog, dct('publisher'), iri(agentIri(init, init.did)))
  agentQuads(bag, init, init.did)
  const home = iri(iris.base)
  bag.add(catalog, foaf('homepage'), home).type(home, foaf('Document'))
  if (init.modified !== undefined)
    bag.add(catalog, dct('modified'), typed(init.modified, 'dateTime'))
  for (const code of ['NLD', 'ENG']) {
    const language = iri(`${REGISTRIES.euLanguage}${code}`)
    bag.add(catalog, dct('language'), language).type(language, dct('LinguisticSystem'))
  }
  for (const code of Object.values(EU_LANGUAGES))
    bag.type(iri(`${REGISTRIES.euLanguage}${code}`), dct('LinguisticSystem'))

  const euScheme = iri(EU_DATA_THEME_SCHEME)
  bag.add(catalog, dcat('themeTaxonomy'), euScheme).type(euScheme, skos('ConceptScheme'))
  bag
    .add(euScheme, dct('title'), text('Data theme', 'en'))
    .add(euScheme, dct('title'), text('Datathema', 'nl'))
  for (const [code, label] of Object.entries(EU_DATA_THEME_LABELS)) {
    const concept = iri(`${REGISTRIES.euDataTheme}${code}`)
    bag
      .type(concept, skos('Concept'))
      .langMap(concept, skos('prefLabel'), label)
      .add(concept, skos('inScheme'), euScheme)
  }
  const ownScheme = iri(iris.themeScheme())
  bag.add(catalog, dcat('themeTaxonomy'), ownScheme).type(ownScheme, skos('ConceptScheme'))
  bag
    .add(ownScheme, dct('title'), text('Polder-thema’s', 'nl'))
    .add(ownScheme, dct('title'), text('Polder themes', 'en'))
  for (const theme of THEMES) {
    const concept = iri(iris.theme(theme.code))
    bag
      .type(concept, skos('Concept'))
      .langMap(concept, skos('prefLabel'), theme.label)
      .add(concept, skos('inScheme'), ownScheme)
  }
  bag.type(iri(SHA256_ALGORITHM), spdx('ChecksumAlgorithm'))
  const publicAccess = iri(ACCESS_RIGHTS_PUBLIC)
  bag
    .type(publicAccess, dct('RightsStatement'))
    .add(publicAccess, skos('prefLabel'), text('public', 'en'))
  return bag
}
