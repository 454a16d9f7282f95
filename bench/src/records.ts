/** Records that look like the fixtures: bilingual, with places, themes and a budget. */
import type { NewRecord } from '@polder/schema'

const THEMES = [
  'mobility',
  'energy-climate',
  'climate-adaptation',
  'data-standards',
  'circular-economy',
] as const
const PLACES = [
  { name: 'Zwolle', country: 'NL', municipality: 'GM0193', province: 'PV23' },
  { name: 'Eindhoven', country: 'NL', municipality: 'GM0772', province: 'PV30' },
  { name: 'Groningen', country: 'NL', municipality: 'GM0014', province: 'PV20' },
]

export function practice(n: number): NewRecord {
  return {
    kind: 'practice',
    languages: ['nl', 'en'],
    title: { nl: `Slimme lantaarnpalen in wijk ${n}`, en: `Smart street lights in district ${n}` },
    summary: {
      nl: 'Dimbare LED-verlichting met bewegingssensoren bespaart energie en houdt straten veilig.',
      en: 'Dimmable LED lighting with motion sensors saves energy and keeps streets safe.',
    },
    status: 'pilot',
    themes: [THEMES[n % THEMES.length] as (typeof THEMES)[number]],
    tags: ['verlichting', 'sensoren'],
    places: [PLACES[n % PLACES.length] as (typeof PLACES)[number]],
    budget: { amount: `${100_000 + (n % 50) * 1_000}.00`, currency: 'EUR' },
    funding: [
      {
        source: 'municipal',
        funder: 'Gemeente',
        contribution: { amount: '50000.00', currency: 'EUR' },
      },
    ],
  }
}
