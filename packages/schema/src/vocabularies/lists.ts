/** The small controlled vocabularies of the record model, each with Dutch and English labels. */
import type { Term } from './vocabulary.js'

export const ORGANIZATION_TYPES = [
  { code: 'municipality', label: { en: 'Municipality', nl: 'Gemeente' } },
  { code: 'province', label: { en: 'Province', nl: 'Provincie' } },
  { code: 'water-board', label: { en: 'Water board', nl: 'Waterschap' } },
  { code: 'national-government', label: { en: 'National government', nl: 'Rijksoverheid' } },
  { code: 'agency', label: { en: 'Agency', nl: 'Uitvoeringsorganisatie' } },
  { code: 'company', label: { en: 'Company', nl: 'Bedrijf' } },
  { code: 'knowledge-institution', label: { en: 'Knowledge institution', nl: 'Kennisinstelling' } },
  { code: 'citizen-initiative', label: { en: 'Citizen initiative', nl: 'Burgerinitiatief' } },
  {
    code: 'network',
    label: { en: 'Network or partnership', nl: 'Netwerk of samenwerkingsverband' },
  },
] as const satisfies readonly Term[]

export const PRACTICE_STATUSES = [
  { code: 'idea', label: { en: 'Idea', nl: 'Idee' } },
  { code: 'pilot', label: { en: 'Pilot', nl: 'Pilot' } },
  { code: 'scaled', label: { en: 'Scaled up', nl: 'Opgeschaald' } },
  { code: 'ended', label: { en: 'Ended', nl: 'Beëindigd' } },
] as const satisfies readonly Term[]

export const BARRIERS = [
  { code: 'regulation', label: { en: 'Regulation', nl: 'Regelgeving' } },
  {
    code: 'financing',
    label: { en: 'Financing and cost sharing', nl: 'Financiering en kostenverdeling' },
  },
  {
    code: 'standards-data-formats',
    label: { en: 'Standards and data formats', nl: 'Standaarden en dataformaten' },
  },
  {
    code: 'collaboration-skills',
    label: { en: 'Collaboration skills', nl: 'Samenwerkingsvaardigheden' },
  },
  { code: 'procurement', label: { en: 'Procurement', nl: 'Aanbesteding' } },
  { code: 'privacy', label: { en: 'Privacy', nl: 'Privacy' } },
  { code: 'technology', label: { en: 'Technology', nl: 'Technologie' } },
  { code: 'organisation', label: { en: 'Organisation', nl: 'Organisatie' } },
  { code: 'not-invented-here', label: { en: 'Not invented here', nl: 'Not invented here' } },
  {
    code: 'resident-acceptance',
    label: { en: 'Acceptance and trust of residents', nl: 'Draagvlak en vertrouwen bij bewoners' },
  },
  { code: 'grid-congestion', label: { en: 'Grid congestion', nl: 'Netcongestie' } },
] as const satisfies readonly Term[]

export const IMPACT_DIMENSIONS = [
  { code: 'social', label: { en: 'Social', nl: 'Sociaal' } },
  { code: 'ecological', label: { en: 'Ecological', nl: 'Ecologisch' } },
  { code: 'economic', label: { en: 'Economic', nl: 'Economisch' } },
] as const satisfies readonly Term[]

export const FUNDING_SOURCES = [
  { code: 'eu', label: { en: 'European Union', nl: 'Europese Unie' } },
  { code: 'national', label: { en: 'National government', nl: 'Rijk' } },
  { code: 'provincial', label: { en: 'Province', nl: 'Provincie' } },
  { code: 'water-board', label: { en: 'Water board', nl: 'Waterschap' } },
  { code: 'municipal', label: { en: 'Municipality', nl: 'Gemeente' } },
  { code: 'private', label: { en: 'Private', nl: 'Privaat' } },
  { code: 'research', label: { en: 'Research funding', nl: 'Onderzoeksfinanciering' } },
] as const satisfies readonly Term[]

/** How one record relates to another. */
export const RELATION_TYPES = [
  { code: 'replicates', label: { en: 'Replicates', nl: 'Repliceert' } },
  { code: 'lessonOf', label: { en: 'Lesson of', nl: 'Les uit' } },
  { code: 'cites', label: { en: 'Cites', nl: 'Citeert' } },
  { code: 'partOf', label: { en: 'Part of', nl: 'Onderdeel van' } },
  { code: 'supersedes', label: { en: 'Supersedes', nl: 'Vervangt' } },
  /** A finding, practice or lab answers a question. */
  { code: 'answers', label: { en: 'Answers', nl: 'Beantwoordt' } },
  /** An endorsement: "we have this question too". */
  { code: 'endorses', label: { en: 'Endorses', nl: 'Onderschrijft' } },
] as const satisfies readonly Term[]

export const RECORD_KINDS = [
  { code: 'practice', label: { en: 'Good practice', nl: 'Goede praktijk' } },
  { code: 'lesson', label: { en: 'Lesson learned', nl: 'Geleerde les' } },
  { code: 'finding', label: { en: 'Research finding', nl: 'Onderzoeksresultaat' } },
  { code: 'initiative', label: { en: 'Initiative', nl: 'Initiatief' } },
  { code: 'lab', label: { en: 'Living lab', nl: 'Living lab' } },
  { code: 'adoption', label: { en: 'Adoption', nl: 'Overname' } },
  { code: 'organization', label: { en: 'Organisation', nl: 'Organisatie' } },
  { code: 'vouch', label: { en: 'Vouch', nl: 'Instaan' } },
  { code: 'question', label: { en: 'Knowledge question', nl: 'Kennisvraag' } },
  { code: 'endorsement', label: { en: 'Endorsement', nl: 'Onderschrijving' } },
] as const satisfies readonly Term[]

/** Where a knowledge question stands. */
export const QUESTION_STATUSES = [
  { code: 'open', label: { en: 'Open', nl: 'Open' } },
  { code: 'in-research', label: { en: 'In research', nl: 'In onderzoek' } },
  { code: 'answered', label: { en: 'Answered', nl: 'Beantwoord' } },
  { code: 'closed', label: { en: 'Closed', nl: 'Gesloten' } },
] as const satisfies readonly Term[]

/** How urgent a knowledge question is for the organisation that asks it. */
export const URGENCIES = [
  { code: 'low', label: { en: 'Low', nl: 'Laag' } },
  { code: 'medium', label: { en: 'Medium', nl: 'Gemiddeld' } },
  { code: 'high', label: { en: 'High', nl: 'Hoog' } },
  { code: 'critical', label: { en: 'Critical', nl: 'Kritiek' } },
] as const satisfies readonly Term[]
