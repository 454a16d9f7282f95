import type { Label } from './vocabulary.js'

/** The 17 UN Sustainable Development Goals, by number. */
export const SDGS: readonly { readonly number: number; readonly label: Label }[] = [
  { number: 1, label: { en: 'No poverty', nl: 'Geen armoede' } },
  { number: 2, label: { en: 'Zero hunger', nl: 'Geen honger' } },
  { number: 3, label: { en: 'Good health and well-being', nl: 'Goede gezondheid en welzijn' } },
  { number: 4, label: { en: 'Quality education', nl: 'Kwaliteitsonderwijs' } },
  { number: 5, label: { en: 'Gender equality', nl: 'Gendergelijkheid' } },
  { number: 6, label: { en: 'Clean water and sanitation', nl: 'Schoon water en sanitair' } },
  { number: 7, label: { en: 'Affordable and clean energy', nl: 'Betaalbare en duurzame energie' } },
  {
    number: 8,
    label: { en: 'Decent work and economic growth', nl: 'Eerlijk werk en economische groei' },
  },
  {
    number: 9,
    label: {
      en: 'Industry, innovation and infrastructure',
      nl: 'Industrie, innovatie en infrastructuur',
    },
  },
  { number: 10, label: { en: 'Reduced inequalities', nl: 'Ongelijkheid verminderen' } },
  {
    number: 11,
    label: { en: 'Sustainable cities and communities', nl: 'Duurzame steden en gemeenschappen' },
  },
  {
    number: 12,
    label: {
      en: 'Responsible consumption and production',
      nl: 'Verantwoorde consumptie en productie',
    },
  },
  { number: 13, label: { en: 'Climate action', nl: 'Klimaatactie' } },
  { number: 14, label: { en: 'Life below water', nl: 'Leven in het water' } },
  { number: 15, label: { en: 'Life on land', nl: 'Leven op het land' } },
  {
    number: 16,
    label: {
      en: 'Peace, justice and strong institutions',
      nl: 'Vrede, justitie en sterke publieke diensten',
    },
  },
  {
    number: 17,
    label: { en: 'Partnerships for the goals', nl: 'Partnerschap om doelen te bereiken' },
  },
]
