/** Records for multi-node tests: small, valid practices. */
export function practice(n: number, city = 'Zwolle') {
  return {
    kind: 'practice',
    languages: ['nl', 'en'],
    title: { nl: `Hittekaart ${n}`, en: `Heat map ${n}` },
    summary: {
      nl: 'Waar het in de wijk te heet wordt.',
      en: 'Where the neighbourhood gets too hot.',
    },
    status: 'pilot',
    themes: ['climate-adaptation'],
    places: [{ name: city, country: 'NL' }],
  }
}

export const practices = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => practice(from + i))

export function organization(name: string) {
  return {
    kind: 'organization',
    languages: ['nl'],
    title: { nl: name },
    orgType: 'municipality',
  }
}
