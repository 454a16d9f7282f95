// Fixture attachments: small, deterministic files that fixture records name by CID (data
// behind a practice or finding, an evaluation summary, organisation logos). The numbers are
// generated from simple models and a seeded generator: illustrative, not measured.

const LINE = '\n'

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = state
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const csv = (header, rows) =>
  [header.join(','), ...rows.map((row) => row.join(','))].join(LINE) + LINE

/** Monthly energy use of Eindhoven's public lighting while LED controllers were rolled out. */
function lightingCsv() {
  const rows = []
  const start = Date.UTC(2019, 8, 1) // conversion starts September 2019
  const end = Date.UTC(2024, 11, 31) // 21,400 light points converted by the end of 2024
  for (let year = 2018; year <= 2024; year++) {
    for (let month = 1; month <= 12; month++) {
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
      const monthEnd = Date.UTC(year, month - 1, days)
      const total = Math.round(35600 + ((year - 2018) * 12 + month - 1) * 8.5)
      const progress = Math.min(1, Math.max(0, (monthEnd - start) / (end - start)))
      const led = Math.round(21400 * progress)
      const nightHours = 12 + 4.2 * Math.cos((2 * Math.PI * (month - 0.5)) / 12)
      const hours = Math.round(nightHours * days)
      const watts = (total - led) * 78 + led * 12
      const mwh = (watts * hours) / 1e6
      rows.push([year, month, total, led, hours, mwh.toFixed(1)])
    }
  }
  return csv(
    ['jaar', 'maand', 'lichtpunten_totaal', 'lichtpunten_led_talq', 'branduren', 'verbruik_mwh'],
    rows,
  )
}

/** Storms and false alarms of the Rotterdam smart rain barrel pilot. */
function rainBarrelCsv() {
  const next = random(20220501)
  const storms = [
    '2022-05-19',
    '2022-06-05',
    '2022-06-18',
    '2022-08-17',
    '2022-08-18',
    '2022-09-09',
    '2022-09-26',
    '2022-10-21',
    '2023-04-12',
    '2023-05-25',
    '2023-06-17',
    '2023-06-22',
    '2023-07-05',
    '2023-07-28',
    '2023-08-07',
    '2023-08-26',
    '2023-09-12',
    '2023-09-25',
    '2023-10-05',
    '2023-10-18',
    '2023-10-29',
  ]
  const late = new Set(['2022-08-17', '2023-07-28'])
  const falseAlarms = [
    '2022-06-24',
    '2022-06-29',
    '2022-07-02',
    '2022-07-08',
    '2022-07-13',
    '2022-07-16',
    '2022-07-19',
    '2022-07-21',
    '2022-07-26',
    '2022-07-28',
    '2022-07-31',
    '2022-08-03',
    '2022-08-05',
    '2022-08-08',
    '2022-08-10',
    '2022-08-12',
    '2022-08-14',
    '2022-08-15',
    '2022-08-22',
    '2022-08-25',
    '2022-08-28',
    '2022-08-30',
    '2022-09-03',
  ]
  const rows = []
  const online = (date) => {
    // Battery modules failed from month 9 on; replaced in batches in 2023.
    const months = (Date.parse(date) - Date.parse('2021-06-01')) / (30.4 * 86400000)
    if (date >= '2023-03-01') return 151 - Math.floor(next() * 6)
    return Math.max(96, Math.round(160 - Math.max(0, months - 9) * 9))
  }
  for (const date of storms) {
    const connected = online(date)
    const forecast = Math.round(26 + next() * 22)
    const measured = Math.round(forecast * (0.7 + next() * 0.7))
    const onTime = !late.has(date)
    const emptyShare = onTime ? 0.58 + next() * 0.16 : 0.12 + next() * 0.1
    const empty = Math.round(connected * emptyShare)
    const buffer = ((empty * 300 * 0.92) / 1000).toFixed(1)
    rows.push([date, 'bui', forecast, measured, connected, onTime ? 'ja' : 'nee', empty, buffer])
  }
  for (const date of falseAlarms) {
    const connected = online(date)
    const forecast = Math.round(25 + next() * 9)
    const measured = Math.round(next() * 4)
    rows.push([date, 'onterecht geleegd', forecast, measured, connected, 'ja', connected, '0.0'])
  }
  rows.sort((a, b) => a[0].localeCompare(b[0]))
  return csv(
    [
      'datum',
      'type',
      'voorspelde_neerslag_mm',
      'gemeten_neerslag_mm',
      'tonnen_online',
      'signaal_op_tijd',
      'tonnen_leeg_bij_start',
      'buffer_benut_m3',
    ],
    rows,
  )
}

/** Heat-stress bottlenecks on Zwolle's cool routes, before and after measures. */
function heatGeoJson() {
  const spots = [
    ['Bushalte Station Zuidzijde', 'Route 1', 6.0905, 52.5043, 41.8, 36.2, 'schaduwdoek en boom'],
    ['Plein Assendorp', 'Route 1', 6.1002, 52.5085, 43.1, 37.1, 'ontharden en drie bomen'],
    [
      'Oosterlaan bij seniorenflat',
      'Route 2',
      6.1047,
      52.5129,
      40.6,
      36.9,
      'bank in schaduw, tappunt',
    ],
    ['Winkelcentrum Holtenbroek', 'Route 3', 6.0969, 52.5272, 44.0, 38.4, 'luifel en twee bomen'],
    ['Bushalte Holtenbroekerweg', 'Route 3', 6.0921, 52.5241, 42.3, 37.5, 'schaduwdoek'],
    ['Zwolle-Zuid, Ittersumerallee', 'Route 4', 6.1121, 52.4989, 39.9, 36.4, 'bank en boom'],
    [
      'Hanzeland, voetgangersbrug',
      'Route 5',
      6.0871,
      52.5062,
      42.7,
      37.9,
      'tappunt en schaduwdoek',
    ],
    ['Stadshagen, Schellerhoek', 'Route 6', 6.0511, 52.5306, 38.8, 35.6, 'bank in schaduw'],
    ['Diezerpoort, Oldeneelallee', 'Route 7', 6.1064, 52.5186, 41.2, 36.1, 'ontharden en boom'],
    ['Westenholte, zorgcentrum', 'Route 8', 6.0642, 52.5209, 40.1, 36.8, 'tappunt'],
    [
      'Binnenstad, Grote Markt',
      'Route 9',
      6.093,
      52.5125,
      44.6,
      38.6,
      'waterelement en schaduwdoeken',
    ],
    ['Binnenstad, Sassenstraat', 'Route 9', 6.0958, 52.5113, 42.0, 37.3, 'bank en boom'],
  ]
  const features = spots.map(([name, route, lon, lat, before, after, measure]) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      naam: name,
      route,
      pet_2021_c: before,
      pet_2023_c: after,
      verschil_c: Number((after - before).toFixed(1)),
      maatregel: measure,
    },
  }))
  return `${JSON.stringify(
    {
      type: 'FeatureCollection',
      name: 'hittestress-knelpunten-zwolle',
      features,
    },
    null,
    2,
  )}\n`
}

/** Air temperature per 250 m route segment from the Zwolle bicycle measurements. */
function bikeHeatCsv() {
  const next = random(20220711)
  const noise = () => (next() + next() + next() - 1.5) * 0.35
  // Route: name, start [lat, lon], end [lat, lon], urban heat per segment from start to end.
  const routes = [
    [
      'binnenstad-holtenbroek',
      [52.5125, 6.093],
      [52.5272, 6.0969],
      [1.0, 0.9, 0.85, 0.6, 0.7, 0.9],
    ],
    ['binnenstad-stadshagen', [52.5125, 6.093], [52.5355, 6.0405], [1.0, 0.8, 0.5, 0.3, 0.1, 0.0]],
    ['station-zwolle-zuid', [52.5043, 6.0905], [52.4935, 6.1155], [0.8, 0.6, 0.5, 0.45, 0.4, 0.35]],
    [
      'assendorp-diezerpoort',
      [52.5085, 6.1002],
      [52.5186, 6.1064],
      [0.7, 0.75, 0.8, 0.75, 0.7, 0.8],
    ],
    [
      'westenholte-binnenstad',
      [52.5209, 6.0642],
      [52.5125, 6.093],
      [0.3, 0.35, 0.45, 0.6, 0.8, 1.0],
    ],
    ['hanzeland-berkum', [52.5062, 6.0871], [52.5235, 6.1245], [0.75, 0.6, 0.4, 0.25, 0.15, 0.1]],
    [
      'holtenbroek-stadshagen',
      [52.5272, 6.0969],
      [52.5306, 6.0511],
      [0.9, 0.7, 0.4, 0.3, 0.15, 0.1],
    ],
    [
      'wipstrik-zwolle-zuid',
      [52.5152, 6.1101],
      [52.4989, 6.1121],
      [0.6, 0.55, 0.5, 0.4, 0.4, 0.45],
    ],
    ['stadshagen-randen', [52.5355, 6.0405], [52.5306, 6.0511], [0.05, 0.0, 0.1, 0.05, 0.0, 0.1]],
  ]
  const days = [
    ['2022-07-11', 29.4, 22.6],
    ['2022-07-12', 31.2, 23.9],
    ['2022-07-18', 34.8, 26.1],
    ['2022-07-19', 36.3, 27.4],
    ['2022-07-20', 28.6, 22.2],
    ['2022-07-25', 30.1, 23.0],
  ]
  const rows = []
  for (const [date, afternoon, evening] of days) {
    for (const [time, base, spread] of [
      ['15:00', afternoon, 2.1],
      ['22:00', evening, 4.62],
    ]) {
      for (const [route, from, to, profile] of routes) {
        const segments = 12
        for (let s = 0; s < segments; s++) {
          const f = (s + 0.5) / segments
          const lat = from[0] + (to[0] - from[0]) * f
          const lon = from[1] + (to[1] - from[1]) * f
          const position = f * (profile.length - 1)
          const low = Math.floor(position)
          const high = Math.min(profile.length - 1, low + 1)
          const heat = profile[low] + (profile[high] - profile[low]) * (position - low)
          const temperature = base - spread / 2 + heat * spread + noise()
          const humidity =
            38 + (base - temperature) * 2.2 + (time === '22:00' ? 14 : 0) + noise() * 4
          const count = 40 + Math.floor(next() * 30)
          rows.push([
            date,
            time,
            route,
            s + 1,
            lat.toFixed(5),
            lon.toFixed(5),
            temperature.toFixed(2),
            humidity.toFixed(1),
            count,
          ])
        }
      }
    }
  }
  return csv(
    [
      'datum',
      'tijd',
      'route',
      'segment',
      'lat',
      'lon',
      'luchttemperatuur_c',
      'relatieve_vochtigheid_pct',
      'aantal_metingen',
    ],
    rows,
  )
}

const batteryEvaluation = `# Evaluatie buurtbatterij Stadshagen — samenvatting

Energiecoöperatie Zonnedijk U.A., oktober 2025. Fictieve demo-coöperatie; alle cijfers zijn
illustratief.

## Opzet

- Batterij: 500 kWh / 250 kW, lithium-ijzerfosfaat, naast transformatorstation Schellerhoek.
- Opwek: 1.900 panelen op twee scholen en een sporthal (postcoderoos), plus overschotten van
  84 huishoudens.
- Periode: juni 2022 (start project) – september 2025; batterij in bedrijf sinds maart 2023.

## Resultaten 2024

| Indicator                                  | Waarde         |
| ------------------------------------------ | -------------- |
| Lokaal gebruik zonnestroom coöperatie      | 71% (was 46%)  |
| Middagpiek transformator                   | −34%           |
| Uren met uitschakelende omvormers          | van 212 naar 9 |
| Leden                                      | 812 (was 640)  |
| Gemiddelde besparing deelnemend huishouden | € 96 per jaar  |

## Wat tegenzat

1. **Brandveiligheid.** De veiligheidsregio toetste volgens PGS 37-1 en keurde de eerste
   locatie af. Verplaatsen kostte € 38.000 en vier maanden.
2. **Netaansluiting.** Veertien maanden op de wachtlijst wegens netcongestie.
3. **Regels.** Energiedelen tussen huishoudens was niet toegestaan; over opgeslagen stroom werd
   dubbel energiebelasting geheven.

## Aanbevelingen

- Laat de locatie toetsen en vraag de aansluiting aan vóór je geld ophaalt.
- Maak afspraken met de netbeheerder over wie de batterij wanneer mag inzetten.
- Zoek een tweede coöperatie om ervaringen mee te delen.

## English summary

The 500 kWh neighbourhood battery raised local use of the cooperative's solar power from 46% to
71% and cut the transformer's midday peak by 34%. Fire safety (PGS 37-1), a 14-month wait for
the grid connection and the rules on energy sharing cost the most time and money. Settle
location and connection before raising money.
`

export const ATTACHMENTS = [
  {
    file: 'energieverbruik-openbare-verlichting-eindhoven-2018-2024.csv',
    mediaType: 'text/csv',
    content: lightingCsv(),
  },
  {
    file: 'regentonnen-meetdata-delfshaven-2022-2023.csv',
    mediaType: 'text/csv',
    content: rainBarrelCsv(),
  },
  {
    file: 'hittestress-knelpunten-zwolle.geojson',
    mediaType: 'application/geo+json',
    content: heatGeoJson(),
  },
  {
    file: 'fietsmetingen-zwolle-2022-07.csv',
    mediaType: 'text/csv',
    content: bikeHeatCsv(),
  },
  {
    file: 'evaluatie-buurtbatterij-stadshagen-samenvatting.md',
    mediaType: 'text/markdown',
    content: batteryEvaluation,
  },
]

/** A simple square logo: the organisation's initials on its colour. */
export function logoSvg({ initials, colour, title }) {
  const size = initials.length > 2 ? 34 : 44
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">',
    `  <title>${title.nl}</title>`,
    `  <rect width="128" height="128" rx="16" fill="${colour}"/>`,
    `  <text x="64" y="64" dy="0.35em" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="${size}" font-weight="700" fill="#ffffff">${initials}</text>`,
    '</svg>',
    '',
  ].join(LINE)
}
