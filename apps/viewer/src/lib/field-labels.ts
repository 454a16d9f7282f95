/**
 * Names of record fields in both languages, for forms and record pages. The fields
 * themselves come from the schemas; a field without a label here shows its own name.
 */
import type { Language } from './i18n'

const LABELS: Readonly<Record<string, readonly [en: string, nl: string]>> = {
  languages: ['Languages', 'Talen'],
  title: ['Title', 'Titel'],
  summary: ['Summary', 'Samenvatting'],
  body: ['Description', 'Beschrijving'],
  themes: ['Themes', 'Thema’s'],
  tags: ['Tags', 'Trefwoorden'],
  places: ['Places', 'Plaatsen'],
  links: ['Links', 'Links'],
  attachments: ['Attachments', 'Bijlagen'],
  relations: ['Relations', 'Relaties'],
  license: ['Licence', 'Licentie'],
  status: ['Status', 'Status'],
  startDate: ['Start date', 'Startdatum'],
  endDate: ['End date', 'Einddatum'],
  partners: ['Partners', 'Partners'],
  budget: ['Budget', 'Budget'],
  funding: ['Funding', 'Financiering'],
  outcomes: ['Outcomes', 'Resultaten'],
  barriers: ['Barriers', 'Belemmeringen'],
  programme: ['Programme', 'Programma'],
  standards: ['Open standards used', 'Gebruikte open standaarden'],
  urgency: ['Urgency', 'Urgentie'],
  wantedBy: ['Answer wanted by', 'Antwoord gewenst vóór'],
  researchers: ['Researchers', 'Onderzoekers'],
  abstract: ['Abstract', 'Samenvatting van het onderzoek'],
  doi: ['DOI', 'DOI'],
  published: ['Published', 'Gepubliceerd'],
  datasets: ['Data sets', 'Datasets'],
  facilities: ['Facilities', 'Faciliteiten'],
  regulatoryRoom: ['Regulatory room', 'Experimenteerruimte in regels'],
  contactEmail: ['Contact e-mail', 'E-mail voor contact'],
  website: ['Website', 'Website'],
  worked: ['What worked', 'Wat werkte'],
  didNotWork: ['What did not work', 'Wat niet werkte'],
  recommendations: ['Recommendations', 'Aanbevelingen'],
  adaptations: ['Adaptations', 'Aanpassingen'],
  orgType: ['Type of organisation', 'Soort organisatie'],
  logo: ['Logo (CID)', 'Logo (CID)'],
  subject: ['Organisation (DID)', 'Organisatie (DID)'],
  name: ['Name', 'Naam'],
  country: ['Country (ISO code)', 'Land (ISO-code)'],
  municipality: ['Municipality', 'Gemeente'],
  province: ['Province', 'Provincie'],
  point: ['Coordinates', 'Coördinaten'],
  lat: ['Latitude', 'Breedtegraad'],
  lon: ['Longitude', 'Lengtegraad'],
  url: ['Web address', 'Webadres'],
  label: ['Label', 'Label'],
  cid: ['CID', 'CID'],
  mediaType: ['Media type', 'Mediatype'],
  size: ['Size (bytes)', 'Grootte (bytes)'],
  type: ['Type', 'Soort'],
  target: ['Record (polder://…)', 'Record (polder://…)'],
  did: ['DID', 'DID'],
  role: ['Role', 'Rol'],
  amount: ['Amount', 'Bedrag'],
  currency: ['Currency', 'Valuta'],
  source: ['Source', 'Bron'],
  funder: ['Funder', 'Financier'],
  contribution: ['Contribution', 'Bijdrage'],
  dimension: ['Impact dimension', 'Impactdimensie'],
  description: ['Description', 'Beschrijving'],
  indicator: ['Indicator', 'Indicator'],
  value: ['Value', 'Waarde'],
  unit: ['Unit', 'Eenheid'],
  barrier: ['Barrier', 'Belemmering'],
  orcid: ['ORCID', 'ORCID'],
  affiliation: ['Affiliation', 'Instelling'],
  landingPage: ['Landing page', 'Webpagina'],
  downloadUrl: ['Download address', 'Downloadadres'],
  granted: ['Granted', 'Toegekend'],
  reason: ['Reason', 'Reden'],
  kind: ['Kind', 'Soort'],
}

/** One item of a list field: "Place 1", not "Places 1". */
const ITEM_LABELS: Readonly<Record<string, readonly [en: string, nl: string]>> = {
  places: ['Place', 'Plaats'],
  partners: ['Partner', 'Partner'],
  links: ['Link', 'Link'],
  attachments: ['Attachment', 'Bijlage'],
  relations: ['Relation', 'Relatie'],
  funding: ['Contribution', 'Bijdrage'],
  outcomes: ['Outcome', 'Resultaat'],
  barriers: ['Barrier', 'Belemmering'],
  researchers: ['Researcher', 'Onderzoeker'],
  datasets: ['Data set', 'Dataset'],
  facilities: ['Facility', 'Faciliteit'],
}

/** The name of one item of a list field; the list's own name when there is none. */
export function itemLabel(name: string, language: Language): string {
  const labels = ITEM_LABELS[name]
  if (labels !== undefined) return language === 'en' ? labels[0] : labels[1]
  return fieldLabel(name, language)
}

/** "nl" → "Nederlands" in the reader's language; the tag itself when unknown. */
export function languageName(tag: string, language: Language): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(tag)
    return name === undefined || name === tag ? tag : name
  } catch {
    return tag
  }
}

/** "startDate" → "Start date"; unknown names are spelled out from camelCase. */
export function fieldLabel(name: string, language: Language): string {
  const labels = LABELS[name]
  if (labels !== undefined) return language === 'en' ? labels[0] : labels[1]
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
