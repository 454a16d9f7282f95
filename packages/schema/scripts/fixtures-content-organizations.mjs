// Fixture content: the twelve demo organisations (their node profiles) and the vouches
// between them. Figures and details are illustrative; see fixtures/README.md.
// Straatwerk IoT B.V. and Energiecoöperatie Zonnedijk U.A. are fictional.

import { link, place, province, t } from './fixtures-lib.mjs'

export const ORGANIZATIONS = [
  {
    slug: 'gemeente-eindhoven',
    initials: 'EHV',
    colour: '#d52b1e',
    orgType: 'municipality',
    created: '2019-01-15T09:12:00Z',
    updated: '2025-02-03T10:40:00Z',
    version: 2,
    title: t('Gemeente Eindhoven', 'Municipality of Eindhoven'),
    summary: t(
      'Vijfde stad van Nederland en hart van de Brainport-regio. Het team Slimme Stad deelt hier onze praktijken met slimme openbare verlichting, sensoren in de openbare ruimte, het Living Lab Stratumseind en datagedreven werken met aandacht voor privacy.',
      'Fifth-largest city of the Netherlands and heart of the Brainport region. The Smart City team shares our practices in smart public lighting, sensors in public space, the Stratumseind Living Lab and data-driven work with attention to privacy.',
    ),
    body: t(
      [
        'Eindhoven (ruim 240.000 inwoners) werkt sinds 2014 aan een slimme openbare ruimte samen met bedrijven en kennisinstellingen in de triple helix van Brainport. Onze uitgangspunten staan in de Eindhovense principes voor de digitale samenleving: data uit de openbare ruimte is van iedereen, open standaarden, en geen sensor zonder doel en bewaartermijn.',
        'Deze node publiceert praktijken, lessen en het Living Lab Stratumseind. Vragen over hergebruik zijn welkom via het Smart City-team.',
      ],
      [
        'Eindhoven (over 240,000 inhabitants) has worked on a smart public space since 2014, together with companies and knowledge institutions in the Brainport triple helix. Our starting points are set out in the Eindhoven principles for the digital society: data from public space belongs to everyone, open standards, and no sensor without a purpose and a retention period.',
        'This node publishes practices, lessons and the Stratumseind Living Lab. Questions about reuse are welcome through the Smart City team.',
      ],
    ),
    themes: ['digital-infrastructure', 'data-standards', 'energy-climate', 'safety'],
    tags: ['Brainport', 'openbare verlichting', 'sensoren', 'open standaarden'],
    places: [place('Eindhoven', 'GM0772', [51.4416, 5.4697])],
    links: [link('https://www.eindhoven.nl', 'Gemeente Eindhoven')],
    website: 'https://www.eindhoven.nl',
  },
  {
    slug: 'gemeente-amsterdam',
    initials: 'AMS',
    colour: '#ec0000',
    orgType: 'municipality',
    created: '2019-01-22T13:05:00Z',
    title: t('Gemeente Amsterdam', 'City of Amsterdam'),
    summary: t(
      'Hoofdstad van Nederland. Het team Chief Technology Office deelt praktijken over verantwoord gebruik van algoritmes, slim laden en proeftuinen zoals het Marineterrein.',
      'Capital of the Netherlands. The Chief Technology Office team shares practices on the responsible use of algorithms, smart charging and test beds such as the Marineterrein.',
    ),
    body: t(
      [
        'Amsterdam (ruim 930.000 inwoners) wil dat technologie de stad leefbaarder maakt en de digitale rechten van Amsterdammers beschermt. Wij delen wat werkt, maar ook wat niet werkte: opschalen lukt pas als andere steden onze aanpak zonder ons kunnen overnemen.',
      ],
      [
        'Amsterdam (over 930,000 inhabitants) wants technology to make the city more liveable and to protect the digital rights of its residents. We share what works, and also what did not: scaling only succeeds when other cities can take over our approach without us.',
      ],
    ),
    themes: [
      'public-services',
      'data-standards',
      'mobility',
      'energy-climate',
      'governance-participation',
    ],
    tags: ['digitale rechten', 'algoritmes', 'slim laden', 'proeftuin'],
    places: [place('Amsterdam', 'GM0363', [52.3728, 4.8936])],
    links: [link('https://www.amsterdam.nl', 'Gemeente Amsterdam')],
    website: 'https://www.amsterdam.nl',
  },
  {
    slug: 'gemeente-rotterdam',
    initials: 'RTM',
    colour: '#00811f',
    orgType: 'municipality',
    created: '2019-02-04T08:30:00Z',
    title: t('Gemeente Rotterdam', 'City of Rotterdam'),
    summary: t(
      'Havenstad in de delta. Wij delen ervaringen met de Digitale Tweeling Rotterdam en met klimaatadaptatie in dichtbebouwde wijken (Rotterdams WeerWoord).',
      'Port city in the delta. We share experience with the Rotterdam Digital Twin and with climate adaptation in dense neighbourhoods (Rotterdam Weatherwise).',
    ),
    body: t(
      [
        'Rotterdam (ruim 670.000 inwoners) ligt grotendeels onder zeeniveau. Hoosbuien, hitte en bodemdaling dwingen ons om de stad anders in te richten, en om dat met bewoners, woningcorporaties en het waterschap samen te doen. Ruimtelijke keuzes onderbouwen we steeds vaker met het 3D-model van de Digitale Tweeling.',
      ],
      [
        'Rotterdam (over 670,000 inhabitants) lies largely below sea level. Cloudbursts, heat and land subsidence force us to lay out the city differently, and to do so together with residents, housing associations and the water board. We increasingly base spatial choices on the 3D model of the Digital Twin.',
      ],
    ),
    themes: ['climate-adaptation', 'data-standards', 'digital-infrastructure', 'housing'],
    tags: ['digitale tweeling', 'klimaatadaptatie', 'Rotterdams WeerWoord', 'haven'],
    places: [place('Rotterdam', 'GM0599', [51.9225, 4.4792])],
    links: [
      link('https://www.rotterdam.nl', 'Gemeente Rotterdam'),
      link('https://www.rotterdamsweerwoord.nl', 'Rotterdams WeerWoord'),
    ],
    website: 'https://www.rotterdam.nl',
  },
  {
    slug: 'gemeente-utrecht',
    initials: 'UTR',
    colour: '#c8102e',
    orgType: 'municipality',
    created: '2019-02-11T10:00:00Z',
    title: t('Gemeente Utrecht', 'City of Utrecht'),
    summary: t(
      'Snelgroeiende stad in het midden van het land, met als doel gezond stedelijk leven voor iedereen. Wij delen praktijken over slim en bidirectioneel laden, deelmobiliteit en digitale dienstverlening.',
      'Fast-growing city in the centre of the country, aiming at healthy urban living for everyone. We share practices on smart and bidirectional charging, shared mobility and digital public services.',
    ),
    body: t(
      [
        'Utrecht groeit naar ruim 400.000 inwoners in 2030. Nieuwe wijken als Merwede bouwen we autoluw, met deelmobiliteit en energie uit de wijk zelf. Daarvoor werken we samen met andere steden, het Rijk en de markt.',
      ],
      [
        'Utrecht is growing to over 400,000 inhabitants by 2030. We build new neighbourhoods such as Merwede with few cars, with shared mobility and energy produced in the neighbourhood itself. For this we work together with other cities, national government and the market.',
      ],
    ),
    themes: ['mobility', 'energy-climate', 'healthy-urban-development', 'public-services'],
    tags: ['gezond stedelijk leven', 'deelmobiliteit', 'Merwede', 'City Deal'],
    places: [place('Utrecht', 'GM0344', [52.0907, 5.1214])],
    links: [link('https://www.utrecht.nl', 'Gemeente Utrecht')],
    website: 'https://www.utrecht.nl',
  },
  {
    slug: 'gemeente-den-haag',
    initials: 'DH',
    colour: '#1f7a3f',
    orgType: 'municipality',
    created: '2019-03-01T09:45:00Z',
    title: t('Gemeente Den Haag', 'The Hague Municipality'),
    summary: t(
      'Internationale stad van vrede en recht aan zee. Wij delen praktijken over crowdmanagement, het Living Lab Scheveningen en een schone, veilige stad.',
      'International city of peace and justice by the sea. We share practices on crowd management, the Scheveningen Living Lab and a clean, safe city.',
    ),
    body: t(
      [
        'Den Haag (ruim 560.000 inwoners) ontvangt op een zomerse dag tot 100.000 bezoekers in Scheveningen. Veiligheid, privacy en een schone stad zijn daarom onze speerpunten. Nieuwe technologie proberen we eerst uit in het Living Lab Scheveningen, met een DPIA vooraf en een openbaar verslag achteraf.',
      ],
      [
        'The Hague (over 560,000 inhabitants) receives up to 100,000 visitors in Scheveningen on a summer day. Safety, privacy and a clean city are therefore our priorities. We first try new technology in the Scheveningen Living Lab, with a DPIA beforehand and a public report afterwards.',
      ],
    ),
    themes: ['safety', 'public-services', 'waste', 'digital-infrastructure'],
    tags: ['crowdmanagement', 'privacy by design', 'Scheveningen', 'afvalinzameling'],
    places: [place('Den Haag', 'GM0518', [52.0705, 4.3007])],
    links: [link('https://www.denhaag.nl', 'Gemeente Den Haag')],
    website: 'https://www.denhaag.nl',
  },
  {
    slug: 'gemeente-groningen',
    initials: 'GRO',
    colour: '#8b1a1a',
    orgType: 'municipality',
    created: '2019-03-18T14:20:00Z',
    title: t('Gemeente Groningen', 'Municipality of Groningen'),
    summary: t(
      'Grootste stad van het Noorden, sinds 2019 samen met Haren en Ten Boer één gemeente. Wij delen ervaringen met een gemeentebreed open LoRaWAN-netwerk en met de energietransitie in de wijken.',
      'Largest city of the North, one municipality with Haren and Ten Boer since 2019. We share experience with a municipality-wide open LoRaWAN network and with the energy transition in the neighbourhoods.',
    ),
    body: t(
      [
        'Groningen (ruim 240.000 inwoners, van wie een kwart student) wil in 2035 CO2-neutraal zijn. We werken met de Rijksuniversiteit, de Hanzehogeschool en de Things Network-gemeenschap aan open digitale infrastructuur die ook de dorpen bereikt.',
      ],
      [
        'Groningen (over 240,000 inhabitants, a quarter of them students) aims to be CO2-neutral by 2035. We work with the University of Groningen, Hanze University of Applied Sciences and the Things Network community on open digital infrastructure that also reaches the villages.',
      ],
    ),
    themes: ['digital-infrastructure', 'energy-climate', 'skills', 'data-standards'],
    tags: ['LoRaWAN', 'datavaardigheden', 'energietransitie', 'open data'],
    places: [place('Groningen', 'GM0014', [53.2194, 6.5665])],
    links: [link('https://gemeente.groningen.nl', 'Gemeente Groningen')],
    website: 'https://gemeente.groningen.nl',
  },
  {
    slug: 'gemeente-zwolle',
    initials: 'ZWL',
    colour: '#0065a4',
    orgType: 'municipality',
    created: '2019-04-08T11:10:00Z',
    title: t('Gemeente Zwolle', 'Municipality of Zwolle'),
    summary: t(
      'Middelgrote stad (ca. 132.000 inwoners) tussen IJssel en Vecht. Wij delen vooral praktijken over klimaatadaptatie, zoals hittestress en waterberging, en nemen graag goede voorbeelden van andere steden over.',
      'Mid-size city (about 132,000 inhabitants) between the IJssel and Vecht rivers. We mainly share practices on climate adaptation, such as heat stress and water storage, and we gladly adopt good examples from other cities.',
    ),
    body: t(
      [
        'Als middelgrote stad hebben we geen groot innovatieteam. Daarom kiezen we bewust voor overnemen wat elders werkt en dat aanpassen aan Zwolle. Wat we zelf ontwikkelen, delen we op dezelfde manier terug.',
      ],
      [
        'As a mid-size city we have no large innovation team. We therefore deliberately adopt what works elsewhere and adapt it to Zwolle. What we develop ourselves, we share back in the same way.',
      ],
    ),
    themes: [
      'climate-adaptation',
      'healthy-urban-development',
      'energy-climate',
      'governance-participation',
    ],
    tags: ['middelgrote stad', 'hittestress', 'waterberging', 'overnemen'],
    places: [place('Zwolle', 'GM0193', [52.5168, 6.083])],
    links: [link('https://www.zwolle.nl', 'Gemeente Zwolle')],
    website: 'https://www.zwolle.nl',
  },
  {
    slug: 'provincie-noord-brabant',
    initials: 'PNB',
    colour: '#e2001a',
    orgType: 'province',
    created: '2019-04-15T09:00:00Z',
    title: t('Provincie Noord-Brabant', 'Province of North Brabant'),
    summary: t(
      'Provinciaal bestuur van Noord-Brabant. Wij delen de regionale programma’s waarin we gemeenten, bedrijven en kennisinstellingen verbinden, zoals de Regio Deal Brainport Eindhoven.',
      'Provincial government of North Brabant. We share the regional programmes in which we connect municipalities, companies and knowledge institutions, such as the Brainport Eindhoven Region Deal.',
    ),
    body: t(
      [
        'Noord-Brabant telt 56 gemeenten. Veel slimme-stadprojecten blijven steken in één gemeente; de provincie helpt met cofinanciering, gezamenlijke aanbestedingen en afspraken over open standaarden zodat oplossingen door de hele regio gebruikt kunnen worden.',
      ],
      [
        'North Brabant has 56 municipalities. Many smart-city projects get stuck in a single municipality; the province helps with co-financing, joint procurement and agreements on open standards so that solutions can be used across the region.',
      ],
    ),
    themes: ['digital-infrastructure', 'economy-jobs', 'mobility', 'data-standards'],
    tags: ['regionale samenwerking', 'Regio Deal', 'Brainport', 'cofinanciering'],
    places: [
      place('Provinciehuis, ’s-Hertogenbosch', 'GM0796', [51.6887, 5.2895]),
      province('Noord-Brabant', 'PV30'),
    ],
    links: [link('https://www.brabant.nl', 'Provincie Noord-Brabant')],
    website: 'https://www.brabant.nl',
  },
  {
    slug: 'tu-delft',
    initials: 'TUD',
    colour: '#00a6d6',
    orgType: 'knowledge-institution',
    created: '2019-05-06T08:00:00Z',
    title: t('Technische Universiteit Delft', 'Delft University of Technology'),
    summary: t(
      'Technische universiteit met onderzoek naar stedelijke hitte, 3D-geo-informatie, digitale tweelingen en de acceptatie van technologie in de openbare ruimte. Wij publiceren hier onderzoeksresultaten met de data erbij, en The Green Village.',
      'University of technology researching urban heat, 3D geo-information, digital twins and the acceptance of technology in public space. We publish research findings here together with their data, and The Green Village.',
    ),
    body: t(
      [
        'Onderzoekers van de faculteiten Bouwkunde, Techniek Bestuur en Management en Civiele Techniek werken met gemeenten aan vragen uit de praktijk, onder meer binnen de NWA-route Smart Liveable Cities. Resultaten en datasets zijn open, tenzij privacy dat verhindert.',
      ],
      [
        'Researchers of the faculties of Architecture, Technology Policy and Management, and Civil Engineering work with municipalities on questions from practice, among others within the NWA route Smart Liveable Cities. Results and data sets are open unless privacy prevents it.',
      ],
    ),
    themes: ['climate-adaptation', 'data-standards', 'governance-participation', 'housing'],
    tags: ['onderzoek', 'open data', 'NWA', 'stedelijke hitte', '3D'],
    places: [place('TU Delft campus', 'GM0503', [52.0022, 4.3736])],
    links: [link('https://www.tudelft.nl', 'TU Delft')],
    website: 'https://www.tudelft.nl',
  },
  {
    slug: 'tno',
    initials: 'TNO',
    colour: '#1d3f8f',
    orgType: 'knowledge-institution',
    created: '2019-05-20T12:30:00Z',
    title: t(
      'TNO (Nederlandse Organisatie voor toegepast-natuurwetenschappelijk onderzoek)',
      'TNO (Netherlands Organisation for Applied Scientific Research)',
    ),
    summary: t(
      'Onafhankelijke onderzoeksorganisatie. Voor slimme steden werken wij aan energiesystemen, IoT-netwerken, privacy by design en de effecten van mobiliteitsmaatregelen.',
      'Independent research organisation. For smart cities we work on energy systems, IoT networks, privacy by design and the effects of mobility measures.',
    ),
    body: t(
      [
        'TNO meet, simuleert en toetst oplossingen die gemeenten willen opschalen: werkt het ook bij tien keer zoveel gebruikers, en in een andere stad? Onze bevindingen publiceren we met de onderliggende data zodat anderen ze kunnen controleren.',
      ],
      [
        'TNO measures, simulates and tests solutions that municipalities want to scale up: does it still work with ten times as many users, and in another city? We publish our findings with the underlying data so that others can check them.',
      ],
    ),
    themes: ['energy-climate', 'digital-infrastructure', 'mobility', 'safety'],
    tags: ['toegepast onderzoek', 'IoT', 'energiesystemen', 'privacy by design'],
    places: [place('TNO, Den Haag', 'GM0518', [52.0808, 4.3245])],
    links: [link('https://www.tno.nl', 'TNO')],
    website: 'https://www.tno.nl',
  },
  {
    slug: 'straatwerk-iot',
    initials: 'SW',
    colour: '#f39200',
    orgType: 'company',
    created: '2019-06-03T15:00:00Z',
    title: t('Straatwerk IoT B.V.', 'Straatwerk IoT B.V.'),
    summary: t(
      'Eindhovens bedrijf (45 medewerkers) dat sensorknooppunten voor lichtmasten ontwikkelt: TALQ-verlichtingssturing en LoRaWAN in één retrofit-module, met een open API. Fictief demobedrijf.',
      'Eindhoven company (45 employees) developing sensor nodes for lamp posts: TALQ lighting control and LoRaWAN in one retrofit module, with an open API. Fictional demo company.',
    ),
    body: t(
      [
        'Straatwerk IoT is in 2016 opgericht door oud-medewerkers van de verlichtingsindustrie. Onze knooppunten passen op bestaande masten, zodat gemeenten niet hoeven te vervangen wat nog goed is. Gemeenten blijven eigenaar van hun data; wij leveren de techniek en het onderhoud.',
      ],
      [
        'Straatwerk IoT was founded in 2016 by former employees of the lighting industry. Our nodes fit existing masts, so municipalities need not replace what still works. Municipalities remain the owners of their data; we deliver the technology and maintenance.',
      ],
    ),
    themes: ['digital-infrastructure', 'data-standards', 'circular-economy', 'economy-jobs'],
    tags: ['lichtmast', 'TALQ', 'LoRaWAN', 'retrofit'],
    places: [place('Strijp-S, Eindhoven', 'GM0772', [51.4486, 5.4569])],
    links: [link('https://www.straatwerk-iot.example', 'Straatwerk IoT (fictief)')],
    website: 'https://www.straatwerk-iot.example',
    contactEmail: 'info@straatwerk-iot.example',
  },
  {
    slug: 'energiecooperatie-zonnedijk',
    initials: 'ZD',
    colour: '#f5b800',
    orgType: 'citizen-initiative',
    created: '2019-09-12T19:30:00Z',
    updated: '2025-10-20T18:00:00Z',
    version: 2,
    title: t('Energiecoöperatie Zonnedijk U.A.', 'Zonnedijk Energy Cooperative'),
    summary: t(
      'Energiecoöperatie van bewoners van Stadshagen in Zwolle, met 812 leden. Wij wekken zonnestroom op op daken van scholen en sporthallen en delen die met een buurtbatterij. Fictieve demo-coöperatie.',
      'Energy cooperative of residents of Stadshagen in Zwolle, with 812 members. We generate solar power on the roofs of schools and sports halls and share it with a neighbourhood battery. Fictional demo cooperative.',
    ),
    body: t(
      [
        'Zonnedijk is in 2017 opgericht door twaalf buren na een informatieavond over de postcoderoosregeling. Alles gebeurt door vrijwilligers; het bestuur legt jaarlijks verantwoording af in de ledenvergadering. Wij delen onze ervaringen open, zodat andere coöperaties sneller kunnen starten.',
      ],
      [
        'Zonnedijk was founded in 2017 by twelve neighbours after an information evening on the postcode-area scheme for collective solar. Everything is done by volunteers; the board reports yearly to the members’ meeting. We share our experience openly so that other cooperatives can start faster.',
      ],
    ),
    themes: ['energy-climate', 'governance-participation'],
    tags: ['energiecoöperatie', 'zonnestroom', 'buurtbatterij', 'vrijwilligers'],
    places: [place('Stadshagen, Zwolle', 'GM0193', [52.532, 6.05])],
    links: [link('https://www.zonnedijk.example', 'Energiecoöperatie Zonnedijk (fictief)')],
    website: 'https://www.zonnedijk.example',
    contactEmail: 'bestuur@zonnedijk.example',
  },
]

/** Vouches: `org` states that `subjectOrg`'s DID is that organisation's legitimate node. */
export const VOUCHES = [
  {
    key: 'vouch:pnb-eindhoven',
    org: 'provincie-noord-brabant',
    subjectOrg: 'gemeente-eindhoven',
    created: '2019-05-02T10:15:00Z',
    summary: t(
      'De provincie bevestigt dat deze DID de node van de Gemeente Eindhoven is. De sleutelvingerafdruk is op 25 april 2019 in het provinciehuis voorgelezen en vergeleken door beide informatiebeveiligers.',
      'The province confirms that this DID is the node of the Municipality of Eindhoven. The key fingerprint was read out and compared by both information security officers at the provincial hall on 25 April 2019.',
    ),
    themes: ['digital-infrastructure'],
  },
  {
    key: 'vouch:eindhoven-straatwerk',
    org: 'gemeente-eindhoven',
    subjectOrg: 'straatwerk-iot',
    created: '2019-07-15T14:00:00Z',
    summary: t(
      'Eindhoven bevestigt dat deze DID de node van Straatwerk IoT B.V. is, onze leverancier van lichtmastknooppunten sinds 2017. Vingerafdruk vergeleken tijdens het contractoverleg van 11 juli 2019.',
      'Eindhoven confirms that this DID is the node of Straatwerk IoT B.V., our supplier of lamp-post nodes since 2017. Fingerprint compared during the contract meeting of 11 July 2019.',
    ),
    themes: ['digital-infrastructure'],
  },
  {
    key: 'vouch:rotterdam-tudelft',
    org: 'gemeente-rotterdam',
    subjectOrg: 'tu-delft',
    created: '2019-06-10T09:30:00Z',
    summary: t(
      'Rotterdam bevestigt dat deze DID de node van de TU Delft is, onze onderzoekspartner voor de Digitale Tweeling. Vingerafdruk telefonisch geverifieerd met de afdeling ICT van de TU Delft.',
      'Rotterdam confirms that this DID is the node of TU Delft, our research partner for the Digital Twin. Fingerprint verified by telephone with TU Delft’s ICT department.',
    ),
    themes: ['data-standards'],
  },
  {
    key: 'vouch:tno-tudelft',
    org: 'tno',
    subjectOrg: 'tu-delft',
    created: '2019-06-17T16:45:00Z',
    summary: t(
      'TNO bevestigt dat deze DID de node van de TU Delft is. Vingerafdruk vergeleken op de bijeenkomst van de NWA-route Smart Liveable Cities van 13 juni 2019.',
      'TNO confirms that this DID is the node of TU Delft. Fingerprint compared at the NWA Smart Liveable Cities route meeting of 13 June 2019.',
    ),
    themes: ['data-standards'],
  },
  {
    key: 'vouch:zwolle-zonnedijk',
    org: 'gemeente-zwolle',
    subjectOrg: 'energiecooperatie-zonnedijk',
    created: '2019-10-01T11:20:00Z',
    summary: t(
      'Zwolle bevestigt dat deze DID de node van Energiecoöperatie Zonnedijk U.A. is. Gecontroleerd met de voorzitter en de secretaris van de coöperatie aan de hand van het uittreksel uit het Handelsregister.',
      'Zwolle confirms that this DID is the node of the Zonnedijk Energy Cooperative. Checked with the cooperative’s chair and secretary against its Trade Register extract.',
    ),
    themes: ['energy-climate', 'governance-participation'],
  },
]
