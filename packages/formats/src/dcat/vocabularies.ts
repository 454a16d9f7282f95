/** The EU and ADMS vocabularies DCAT-AP asks for, with the labels Polder gives them. */
import { REGISTRIES } from '../constants.js'

type Labels = { readonly nl: string; readonly en: string }

/** The EU data themes (Publications Office authority table `data-theme`). */
export const EU_DATA_THEME_LABELS: Readonly<Record<string, Labels>> = {
  AGRI: {
    en: 'Agriculture, fisheries, forestry and food',
    nl: 'Landbouw, visserij, bosbouw en voeding',
  },
  ECON: { en: 'Economy and finance', nl: 'Economie en financiën' },
  EDUC: { en: 'Education, culture and sport', nl: 'Onderwijs, cultuur en sport' },
  ENER: { en: 'Energy', nl: 'Energie' },
  ENVI: { en: 'Environment', nl: 'Milieu' },
  GOVE: { en: 'Government and public sector', nl: 'Overheid en publieke sector' },
  HEAL: { en: 'Health', nl: 'Gezondheid' },
  INTR: { en: 'International issues', nl: 'Internationale vraagstukken' },
  JUST: {
    en: 'Justice, legal system and public safety',
    nl: 'Justitie, rechtsstelsel en openbare veiligheid',
  },
  REGI: { en: 'Regions and cities', nl: 'Regio’s en steden' },
  SOCI: { en: 'Population and society', nl: 'Bevolking en samenleving' },
  TECH: { en: 'Science and technology', nl: 'Wetenschap en technologie' },
  TRAN: { en: 'Transport', nl: 'Vervoer' },
}

export const EU_DATA_THEME_SCHEME = 'http://publications.europa.eu/resource/authority/data-theme'

/** ADMS publisher types of the organisation types of the record model. */
export const PUBLISHER_TYPES: Readonly<Record<string, { code: string; label: Labels }>> = {
  municipality: { code: 'LocalAuthority', label: { en: 'Local authority', nl: 'Lokale overheid' } },
  province: {
    code: 'RegionalAuthority',
    label: { en: 'Regional authority', nl: 'Regionale overheid' },
  },
  'water-board': {
    code: 'RegionalAuthority',
    label: { en: 'Regional authority', nl: 'Regionale overheid' },
  },
  'national-government': {
    code: 'NationalAuthority',
    label: { en: 'National authority', nl: 'Nationale overheid' },
  },
  agency: {
    code: 'NationalAuthority',
    label: { en: 'National authority', nl: 'Nationale overheid' },
  },
  company: { code: 'Company', label: { en: 'Company', nl: 'Bedrijf' } },
  'knowledge-institution': {
    code: 'Academia-ScientificOrganisation',
    label: {
      en: 'Academia/Scientific organisation',
      nl: 'Academische of wetenschappelijke organisatie',
    },
  },
  'citizen-initiative': {
    code: 'NonGovernmentalOrganisation',
    label: { en: 'Non-governmental organisation', nl: 'Niet-gouvernementele organisatie' },
  },
  network: {
    code: 'IndustryConsortium',
    label: { en: 'Industry consortium', nl: 'Samenwerkingsverband' },
  },
}

export const publisherTypeIri = (code: string) => `${REGISTRIES.adminPublisherType}${code}`

/** ISO 639-1 language tags as EU language authority IRIs (the languages records use most). */
export const EU_LANGUAGES: Readonly<Record<string, string>> = {
  nl: 'NLD',
  en: 'ENG',
  fy: 'FRY',
  de: 'DEU',
  fr: 'FRA',
}

export const ACCESS_RIGHTS_PUBLIC =
  'http://publications.europa.eu/resource/authority/access-right/PUBLIC'
export const SHA256_ALGORITHM = 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256'
