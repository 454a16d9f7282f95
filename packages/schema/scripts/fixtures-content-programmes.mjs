// Fixture content: initiatives (programmes with budgets), living labs and adoptions (one
// city replicating another's practice). Figures are illustrative; see fixtures/README.md.

import {
  eur,
  fund,
  link,
  outcome,
  partner,
  partnerOrg,
  place,
  province,
  rel,
  t,
} from './fixtures-lib.mjs'

export const INITIATIVES = [
  {
    key: 'pnb-smart-public-space',
    org: 'provincie-noord-brabant',
    created: '2019-10-07T09:00:00Z',
    updated: '2024-01-15T10:30:00Z',
    version: 2,
    title: t(
      'Slimme openbare ruimte Brainport: lichtmasten als digitale infrastructuur',
      'Smart public space Brainport: lamp posts as digital infrastructure',
    ),
    summary: t(
      'Onderdeel van de Regio Deal Brainport Eindhoven. De 21 gemeenten van de Metropoolregio Eindhoven vernieuwen samen hun openbare verlichting en maken lichtmasten tot dragers van sensoren, met gedeelde open standaarden (TALQ, LoRaWAN, Zhaga) en een gezamenlijke raamovereenkomst.',
      'Part of the Brainport Eindhoven Region Deal. The 21 municipalities of the Eindhoven Metropolitan Region jointly renew their public lighting and turn lamp posts into carriers of sensors, with shared open standards (TALQ, LoRaWAN, Zhaga) and a joint framework agreement.',
    ),
    body: t(
      [
        'Het programma kent vier werklijnen: (1) een regionale raamovereenkomst voor verlichting en sensorknooppunten, (2) een regionaal LoRaWAN-netwerk, (3) een modelovereenkomst voor het delen van data uit de openbare ruimte, en (4) kennisdeling tussen gemeenten, waaronder via Polder.',
        'Versie 2 van dit record verwerkt de herziening van 2023: de raamovereenkomst laat gemeenten nu zelf tempo en dimbeleid kiezen (zie de les over samen aanbesteden).',
      ],
      [
        'The programme has four lines of work: (1) a regional framework agreement for lighting and sensor nodes, (2) a regional LoRaWAN network, (3) a model agreement for sharing data from public space, and (4) knowledge sharing between municipalities, including through Polder.',
        'Version 2 of this record incorporates the 2023 revision: the framework agreement now lets municipalities choose their own pace and dimming policy (see the lesson on joint procurement).',
      ],
    ),
    themes: [
      'digital-infrastructure',
      'data-standards',
      'energy-climate',
      'economy-jobs',
      'safety',
    ],
    tags: ['Regio Deal', 'Brainport', 'gezamenlijk aanbesteden', 'lichtmasten', 'open standaarden'],
    places: [
      province('Noord-Brabant', 'PV30'),
      place('Eindhoven', 'GM0772', [51.4416, 5.4697]),
      place('Helmond', 'GM0794', [51.4793, 5.657]),
    ],
    links: [link('https://www.talq-consortium.org', 'TALQ Consortium')],
    startDate: '2020-01-01',
    endDate: '2025-12-31',
    partners: [
      partnerOrg('gemeente-eindhoven', 'trekker werklijn verlichting'),
      partner('Gemeente Helmond', 'municipality', 'trekker werklijn LoRaWAN'),
      partner('Metropoolregio Eindhoven', 'network', 'samenwerkingsverband 21 gemeenten'),
      partnerOrg('straatwerk-iot', 'leverancier'),
      partner('Technische Universiteit Eindhoven', 'knowledge-institution', 'onderzoek'),
      partner('Brainport Development', 'agency', 'regionale ontwikkelingsmaatschappij'),
    ],
    budget: eur('14500000.00'),
    funding: [
      fund('national', 'Rijksoverheid (Regio Deal Brainport Eindhoven)', '6000000.00'),
      fund('provincial', 'Provincie Noord-Brabant', '4000000.00'),
      fund('municipal', 'Gemeenten Metropoolregio Eindhoven', '3500000.00'),
      fund('eu', 'EFRO (OP Zuid)', '1000000.00'),
    ],
    programme: 'Regio Deal Brainport Eindhoven',
  },
  {
    key: 'rtm-weatherwise-delfshaven',
    org: 'gemeente-rotterdam',
    created: '2020-11-02T11:00:00Z',
    updated: '2025-02-17T09:30:00Z',
    version: 2,
    title: t(
      'Rotterdams WeerWoord in Delfshaven: klimaatbestendige wijken met bewoners',
      'Rotterdam Weatherwise in Delfshaven: climate-proof neighbourhoods with residents',
    ),
    summary: t(
      'Programma voor klimaatadaptatie in de dichtbebouwde wijken van Delfshaven: groene daken, tegels eruit en groen erin, slimme regentonnen en een waterplein, samen met bewoners, woningcorporaties en het hoogheemraadschap. Doel: 10.000 m³ extra waterberging in 2024.',
      'Programme for climate adaptation in the dense neighbourhoods of Delfshaven: green roofs, tiles out and green in, smart rain barrels and a water square, together with residents, housing associations and the water board. Goal: 10,000 m³ of extra water storage by 2024.',
    ),
    body: t(
      [
        'Delfshaven heeft weinig groen en een oud gemengd rioolstelsel dat bij zware buien overstroomt. Het programma werkt per bouwblok: bewoners kiezen uit een menu van maatregelen, de gemeente en de corporatie betalen mee.',
        'Eind 2024 was 7.300 m³ berging gerealiseerd, 73% van het doel. Groene daken leverden het meeste op; de slimme regentonnen vooral bewustwording.',
      ],
      [
        'Delfshaven has little green space and an old combined sewer system that overflows in heavy storms. The programme works block by block: residents choose from a menu of measures, and the municipality and the housing association contribute.',
        'By the end of 2024, 7,300 m³ of storage had been realised, 73% of the goal. Green roofs contributed most; the smart rain barrels mainly raised awareness.',
      ],
    ),
    themes: [
      'climate-adaptation',
      'green-biodiversity',
      'governance-participation',
      'healthy-urban-development',
    ],
    tags: ['klimaatadaptatie', 'waterberging', 'groene daken', 'tegelwippen', 'Delfshaven'],
    places: [
      place('Delfshaven, Rotterdam', 'GM0599', [51.9115, 4.4485]),
      place('Spangen, Rotterdam', 'GM0599', [51.9187, 4.435]),
    ],
    links: [link('https://www.rotterdamsweerwoord.nl', 'Rotterdams WeerWoord')],
    startDate: '2021-01-01',
    endDate: '2024-12-31',
    partners: [
      partner('Woonstad Rotterdam', 'company', 'woningcorporatie'),
      partner('Hoogheemraadschap van Delfland', 'water-board', 'waterbeheer'),
      partner('Hogeschool Rotterdam', 'knowledge-institution', 'monitoring'),
      partner('Bewonersorganisaties Delfshaven', 'citizen-initiative', 'participatie'),
    ],
    budget: eur('5800000.00'),
    funding: [
      fund('municipal', 'Gemeente Rotterdam', '3900000.00'),
      fund('eu', 'Interreg Noordzeeregio', '1200000.00'),
      fund('private', 'Woningcorporaties', '400000.00'),
    ],
    programme: 'Rotterdams WeerWoord',
  },
  {
    key: 'utr-city-deal-shared-mobility',
    org: 'gemeente-utrecht',
    created: '2019-06-24T10:00:00Z',
    updated: '2024-01-29T13:00:00Z',
    version: 2,
    title: t(
      'City Deal Elektrische deelmobiliteit in stedelijke gebiedsontwikkeling',
      'City Deal on electric shared mobility in urban development',
    ),
    summary: t(
      'Steden, ministeries, ontwikkelaars en aanbieders werken samen aan een standaardaanpak om nieuwe wijken met lage parkeernormen te bouwen dankzij elektrische deelmobiliteit. Utrecht is secretaris. Resultaten: een handreiking, een datastandaard voor deelmobiliteit en pilots in vijf steden.',
      'Cities, ministries, developers and providers work together on a standard approach for building new neighbourhoods with low parking standards thanks to electric shared mobility. Utrecht is secretary. Results: a guide, a data standard for shared mobility and pilots in five cities.',
    ),
    body: t(
      [
        'Elke stad wilde deelmobiliteit inzetten om woningbouw met minder parkeerplaatsen mogelijk te maken, maar iedere gemeente vond het wiel opnieuw uit: andere vergunningen, andere data-eisen, andere afspraken met ontwikkelaars. De City Deal bundelt die ervaring.',
        'Opbrengsten: een handreiking parkeernormen en deelmobiliteit, inbreng in de City Data Standard – Mobility (CDS-M), en een gezamenlijk monitoringsformat dat alle deelnemende steden gebruiken.',
      ],
      [
        'Every city wanted to use shared mobility to enable housing with fewer parking spaces, but each municipality reinvented the wheel: different permits, different data requirements, different agreements with developers. The City Deal pools that experience.',
        'Results: a guide on parking standards and shared mobility, input to the City Data Standard – Mobility (CDS-M), and a joint monitoring format that all participating cities use.',
      ],
    ),
    themes: ['mobility', 'energy-climate', 'housing', 'governance-participation'],
    tags: ['City Deal', 'deelmobiliteit', 'parkeernorm', 'gebiedsontwikkeling', 'CDS-M'],
    places: [place('Utrecht', 'GM0344', [52.0907, 5.1214])],
    links: [link('https://www.agendastad.nl', 'Agenda Stad')],
    startDate: '2019-06-01',
    endDate: '2023-12-31',
    partners: [
      partnerOrg('gemeente-amsterdam', 'deelnemer'),
      partnerOrg('gemeente-rotterdam', 'deelnemer'),
      partnerOrg('gemeente-den-haag', 'deelnemer'),
      partnerOrg('gemeente-groningen', 'deelnemer'),
      partner(
        'Ministerie van Infrastructuur en Waterstaat',
        'national-government',
        'deelnemer en cofinancier',
      ),
      partner(
        'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
        'national-government',
        'deelnemer',
      ),
      partnerOrg('tno', 'monitoring'),
    ],
    budget: eur('1200000.00'),
    funding: [
      fund('national', 'Ministerie van Infrastructuur en Waterstaat', '600000.00'),
      fund('municipal', 'Deelnemende gemeenten', '450000.00'),
      fund('private', 'Ontwikkelaars en aanbieders', '150000.00'),
    ],
    programme: 'City Deals (Agenda Stad)',
  },
  {
    key: 'tud-cool-cities',
    org: 'tu-delft',
    created: '2021-02-01T09:00:00Z',
    title: t(
      'Koele Steden: hittestress meten, voorspellen en verminderen in middelgrote steden',
      'Cool Cities: measuring, predicting and reducing heat stress in mid-size cities',
    ),
    summary: t(
      'Onderzoeksproject in de NWA-route Smart Liveable Cities. Met Zwolle, Groningen en Amersfoort ontwikkelen we meetmethoden voor hitte op straatniveau, toetsen we landelijke hittekaarten en meten we het effect van maatregelen zoals koele routes.',
      'Research project in the NWA route Smart Liveable Cities. With Zwolle, Groningen and Amersfoort we develop methods for measuring heat at street level, test national heat maps and measure the effect of measures such as cool routes.',
    ),
    body: t(
      [
        'Grote steden hebben eigen klimaatteams en meetnetten; middelgrote steden moeten het meestal doen met landelijke kaarten. Koele Steden onderzoekt hoe betrouwbaar die zijn en welke goedkope meetmethoden gemeenten zelf kunnen gebruiken: fietsmetingen, LoRaWAN-sensoren en meetwandelingen met bewoners.',
        'Het project loopt vier jaar, met twee promovendi en een postdoc. Resultaten en data worden open gepubliceerd.',
      ],
      [
        'Large cities have their own climate teams and measurement networks; mid-size cities usually have to make do with national maps. Cool Cities examines how reliable those are and which low-cost measurement methods municipalities can use themselves: bicycle measurements, LoRaWAN sensors and measurement walks with residents.',
        'The project runs for four years, with two PhD candidates and a postdoc. Results and data are published openly.',
      ],
    ),
    themes: ['climate-adaptation', 'healthy-urban-development', 'data-standards', 'health-care'],
    tags: ['NWA', 'hittestress', 'middelgrote steden', 'meetmethoden'],
    places: [
      place('Zwolle', 'GM0193', [52.5168, 6.083]),
      place('Groningen', 'GM0014', [53.2194, 6.5665]),
      place('Amersfoort', 'GM0307', [52.1561, 5.3878]),
      place('Delft', 'GM0503', [52.0116, 4.3571]),
    ],
    links: [link('https://www.nwo.nl', 'NWO')],
    startDate: '2021-03-01',
    endDate: '2025-02-28',
    partners: [
      partnerOrg('gemeente-zwolle', 'casusgemeente'),
      partnerOrg('gemeente-groningen', 'casusgemeente'),
      partner('Gemeente Amersfoort', 'municipality', 'casusgemeente'),
      partnerOrg('tno', 'modellering'),
      partner('Hogeschool Windesheim', 'knowledge-institution', 'meetwandelingen'),
      partner('GGD IJsselland', 'agency', 'gezondheidsonderzoek'),
      partner('KNMI', 'agency', 'referentiemetingen'),
    ],
    budget: eur('1750000.00'),
    funding: [
      fund('research', 'NWO (Nationale Wetenschapsagenda)', '1400000.00'),
      fund('municipal', 'Gemeenten Zwolle, Groningen en Amersfoort', '150000.00'),
      fund('private', 'Bedrijfspartners', '120000.00'),
    ],
    programme: 'NWA-route Smart Liveable Cities',
  },
  {
    key: 'gro-ped-paddepoel',
    org: 'gemeente-groningen',
    created: '2022-01-17T10:00:00Z',
    updated: '2025-06-30T12:00:00Z',
    version: 2,
    title: t(
      'Positief-energiewijk Paddepoel-Selwerd',
      'Positive energy district Paddepoel-Selwerd',
    ),
    summary: t(
      'Paddepoel en Selwerd (6.400 woningen, vooral flats uit de jaren zestig) worden een wijk die over een jaar meer energie opwekt dan ze gebruikt: isoleren, een warmtenet op aquathermie, zonnepanelen op alle geschikte daken, een energiegemeenschap van bewoners en een digitale tweeling van de energiestromen. Onderdeel van Groningens deelname aan de EU-missie voor klimaatneutrale en slimme steden.',
      'Paddepoel and Selwerd (6,400 homes, mostly 1960s flats) are becoming a district that generates more energy over a year than it uses: insulation, a heat network on aquathermal energy, solar panels on all suitable roofs, a residents’ energy community and a digital twin of the energy flows. Part of Groningen’s participation in the EU mission for climate-neutral and smart cities.',
    ),
    body: t(
      [
        'De woningcorporaties Nijestee en Lefier bezitten 70% van de woningen; zij isoleren en sluiten aan op het warmtenet van WarmteStad. Bewoners in koopwoningen krijgen een gratis energieadvies en een lening tegen 0%.',
        'Wat tot nu toe tegenzat: de aanbesteding van het warmtenet duurde een jaar langer door gestegen bouwkosten, en 22% van de huurders stemde in eerste instantie tegen renovatie in bewoonde staat. Versie 2 van dit record beschrijft de bijgestelde planning tot 2027.',
      ],
      [
        'The housing associations Nijestee and Lefier own 70% of the homes; they insulate and connect to WarmteStad’s heat network. Owner-occupiers get free energy advice and a 0% loan.',
        'What has held us back so far: the heat network tender took a year longer because of rising construction costs, and 22% of tenants initially voted against renovation while living in their homes. Version 2 of this record describes the revised schedule until 2027.',
      ],
    ),
    themes: ['energy-climate', 'housing', 'governance-participation', 'digital-infrastructure'],
    tags: ['positief-energiewijk', 'warmtenet', 'aquathermie', 'energiegemeenschap', 'missiestad'],
    places: [
      place('Paddepoel, Groningen', 'GM0014', [53.2338, 6.5455]),
      place('Selwerd, Groningen', 'GM0014', [53.2305, 6.5525]),
    ],
    links: [link('https://netzerocities.eu', 'NetZeroCities')],
    startDate: '2022-01-01',
    endDate: '2027-12-31',
    partners: [
      partner('WarmteStad', 'company', 'warmtenet'),
      partner('Nijestee', 'company', 'woningcorporatie'),
      partner('Lefier', 'company', 'woningcorporatie'),
      partner('Rijksuniversiteit Groningen', 'knowledge-institution', 'monitoring'),
      partner('Hanzehogeschool Groningen', 'knowledge-institution', 'bewonersonderzoek'),
      partnerOrg('tno', 'digitale tweeling energiestromen'),
    ],
    budget: eur('24000000.00'),
    funding: [
      fund('eu', 'Horizon Europe', '7500000.00'),
      fund('private', 'Woningcorporaties Nijestee en Lefier', '6000000.00'),
      fund('national', 'Programma Aardgasvrije Wijken', '5000000.00'),
      fund('municipal', 'Gemeente Groningen', '4200000.00'),
      fund('provincial', 'Provincie Groningen', '800000.00'),
    ],
    programme: 'Horizon Europe – EU-missie Klimaatneutrale en slimme steden',
  },
]

export const LABS = [
  {
    key: 'ehv-stratumseind-lab',
    org: 'gemeente-eindhoven',
    created: '2019-03-25T10:00:00Z',
    updated: '2022-09-12T09:30:00Z',
    version: 2,
    title: t('Living Lab Stratumseind', 'Stratumseind Living Lab'),
    summary: t(
      'De langste kroegenstraat van Nederland als proeftuin: sensoren meten geluid, drukte en weer, en met dynamische verlichting testen we of we spanningen kunnen verminderen. Samen met politie, horeca, de TU/e en bedrijven.',
      'The longest pub street in the Netherlands as a test bed: sensors measure sound, crowds and weather, and with dynamic lighting we test whether we can reduce tension. Together with the police, bar owners, TU/e and companies.',
    ),
    body: t(
      [
        'Stratumseind trekt in het weekend tot 20.000 bezoekers per nacht. Sinds 2014 testen we hier hoe data en licht kunnen bijdragen aan een veilig uitgaansgebied. Resultaten zijn wisselend: dynamisch licht verminderde de geluidsniveaus op drukke momenten licht, maar een effect op het aantal incidenten konden we niet aantonen.',
        'Na publieke kritiek in 2019 over het meten van bezoekers zonder hun medeweten hebben we strenge regels ingevoerd: geen camerabeelden met herkenning, alleen tellingen, bewaartermijn 30 dagen, een DPIA en een ethische toets per experiment, en bordjes aan het begin van de straat. Versie 2 beschrijft deze regels.',
      ],
      [
        'Stratumseind attracts up to 20,000 visitors per night at weekends. Since 2014 we have tested here how data and light can contribute to a safe nightlife area. Results are mixed: dynamic light slightly reduced sound levels at busy moments, but we could not demonstrate an effect on the number of incidents.',
        'After public criticism in 2019 about measuring visitors without their knowledge, we introduced strict rules: no camera images with recognition, only counts, a 30-day retention period, a DPIA and an ethics review per experiment, and signs at the entrance of the street. Version 2 describes these rules.',
      ],
    ),
    themes: ['safety', 'digital-infrastructure', 'governance-participation', 'economy-jobs'],
    tags: ['living lab', 'uitgaansgebied', 'dynamische verlichting', 'geluidssensoren', 'ethiek'],
    places: [place('Stratumseind, Eindhoven', 'GM0772', [51.4392, 5.4822])],
    startDate: '2014-01-01',
    partners: [
      partner('Politie Eenheid Oost-Brabant', 'agency', 'veiligheid'),
      partnerOrg('straatwerk-iot', 'sensorknooppunten'),
      partner(
        'Technische Universiteit Eindhoven',
        'knowledge-institution',
        'onderzoek lichtbeleving',
      ),
      partner('Horecaondernemers Stratumseind', 'network', 'gebruikers'),
    ],
    facilities: t(
      '22 lichtmasten met regelbare RGBW-verlichting; 6 geluidssensoren die alleen decibelniveaus en ‘verheffing’ van stemmen doorgeven; 4 tellers voor bezoekersaantallen; een weerstation; een dataplatform met API voor onderzoekers na goedkeuring; stroom en glasvezel op elke mast; vergunning voor een experiment binnen 6 weken.',
      '22 lamp posts with controllable RGBW lighting; 6 sound sensors that pass on only decibel levels and raised voices; 4 counters of visitor numbers; a weather station; a data platform with an API for researchers after approval; power and fibre at every mast; permit for an experiment within 6 weeks.',
    ),
    regulatoryRoom: {
      granted: false,
      description: t(
        'Geen uitzondering op wet- of regelgeving: experimenten vallen volledig onder de AVG, met een DPIA en een ethische toets per experiment.',
        'No exemption from laws or regulations: experiments fall fully under the GDPR, with a DPIA and an ethics review per experiment.',
      ),
    },
    website: 'https://www.eindhoven.nl',
  },
  {
    key: 'dh-scheveningen-lab',
    org: 'gemeente-den-haag',
    created: '2019-05-13T09:00:00Z',
    updated: '2022-03-07T10:00:00Z',
    version: 2,
    title: t('Living Lab Scheveningen', 'Scheveningen Living Lab'),
    summary: t(
      'Proeftuin langs de boulevard en de haven van Scheveningen voor 5G, crowdmanagement, slim parkeren en toepassingen voor hulpdiensten. Bedrijven en kennisinstellingen testen hier onder echte omstandigheden: zout, wind en 100.000 bezoekers op een zomerdag.',
      'Test bed along the Scheveningen boulevard and harbour for 5G, crowd management, smart parking and applications for emergency services. Companies and knowledge institutions test here under real conditions: salt, wind and 100,000 visitors on a summer day.',
    ),
    body: t(
      [
        'Het Living Lab begon in 2018 met een 5G-testnetwerk en breidde uit met sensoren voor drukte en parkeren. Elk experiment heeft een DPIA en een openbaar eindverslag. Wat hier werkt, kan de gemeente daarna opschalen, zoals de crowdmonitoring op de boulevard.',
      ],
      [
        'The Living Lab started in 2018 with a 5G test network and expanded with sensors for crowds and parking. Every experiment has a DPIA and a public final report. What works here can then be scaled up by the municipality, such as the crowd monitoring on the boulevard.',
      ],
    ),
    themes: ['digital-infrastructure', 'safety', 'mobility', 'economy-jobs'],
    tags: ['living lab', '5G', 'crowdmanagement', 'slim parkeren', 'Scheveningen'],
    places: [
      place('Boulevard Scheveningen, Den Haag', 'GM0518', [52.109, 4.274]),
      place('Haven Scheveningen, Den Haag', 'GM0518', [52.0975, 4.2655]),
    ],
    startDate: '2018-06-01',
    partners: [
      partner('KPN', 'company', '5G-testnetwerk'),
      partnerOrg('tno', 'onderzoek en privacy'),
      partner('Politie Eenheid Den Haag', 'agency', 'gebruiker'),
      partner('De Haagse Hogeschool', 'knowledge-institution', 'studentenprojecten'),
    ],
    facilities: t(
      '5G-testnetwerk in de 3,5 GHz-band langs de boulevard; 14 3D-telsensoren; parkeersensoren op 420 plaatsen; edge-servers in de haven; een openbaar dashboard; ondersteuning bij DPIA en vergunningen.',
      '5G test network in the 3.5 GHz band along the boulevard; 14 3D counting sensors; parking sensors on 420 spaces; edge servers in the harbour; a public dashboard; support with DPIAs and permits.',
    ),
    regulatoryRoom: {
      granted: true,
      description: t(
        'Experimenteervergunning voor 5G in de 3,5 GHz-band van Agentschap Telecom (nu Rijksinspectie Digitale Infrastructuur), geldig tot de landelijke veiling van die band.',
        'Experimental licence for 5G in the 3.5 GHz band from the Radiocommunications Agency (now the Dutch Authority for Digital Infrastructure), valid until the national auction of that band.',
      ),
    },
  },
  {
    key: 'tud-green-village',
    org: 'tu-delft',
    created: '2019-09-09T10:00:00Z',
    title: t('The Green Village', 'The Green Village'),
    summary: t(
      'Proeftuin op de campus van de TU Delft voor duurzame innovaties in de gebouwde omgeving. Bedrijven, onderzoekers en overheden testen hier woningen, straten, energiesystemen en waterbeheer in het echt, met bewoners en gebruikers erbij.',
      'Field lab on the TU Delft campus for sustainable innovations in the built environment. Companies, researchers and governments test homes, streets, energy systems and water management for real, with residents and users involved.',
    ),
    body: t(
      [
        'The Green Village biedt een plek waar innovaties kunnen worden getest die nog niet in de regels passen. Voorbeelden zijn een straat met een waterdoorlatende verharding en sensoren, woningen die worden gerenoveerd met circulaire bouwdelen, en een lokaal gelijkstroomnet.',
      ],
      [
        'The Green Village offers a place where innovations can be tested that do not yet fit the rules. Examples are a street with permeable paving and sensors, homes renovated with circular building components, and a local direct-current grid.',
      ],
    ),
    themes: ['energy-climate', 'housing', 'circular-economy', 'climate-adaptation'],
    tags: ['living lab', 'proeftuin', 'gebouwde omgeving', 'circulair bouwen', 'gelijkstroom'],
    places: [place('The Green Village, Delft', 'GM0503', [51.9966, 4.3785])],
    startDate: '2016-01-01',
    partners: [
      partner('Gemeente Delft', 'municipality', 'vergunningverlening'),
      partnerOrg('tno', 'onderzoekspartner'),
      partnerOrg('straatwerk-iot', 'test sensorknooppunten'),
    ],
    facilities: t(
      'Kavels voor tijdelijke woningen en gebouwen; een proefstraat van 200 meter met wisselbare verharding; een lokaal gelijkstroomnet; een meetnet voor energie, water en binnenklimaat; ondersteuning bij vergunningen en veiligheid.',
      'Plots for temporary homes and buildings; a 200-metre test street with exchangeable paving; a local direct-current grid; a measurement network for energy, water and indoor climate; support with permits and safety.',
    ),
    regulatoryRoom: {
      granted: true,
      description: t(
        'In afspraak met de gemeente Delft mogen tijdelijke experimenten op het terrein onder toezicht afwijken van onderdelen van de bouwregels, mits veiligheid is aangetoond.',
        'By agreement with the municipality of Delft, temporary experiments on the site may deviate from parts of the building rules under supervision, provided safety has been demonstrated.',
      ),
    },
    website: 'https://www.thegreenvillage.org',
  },
  {
    key: 'ams-marineterrein-lab',
    org: 'gemeente-amsterdam',
    created: '2020-02-17T11:00:00Z',
    title: t(
      'Marineterrein Amsterdam: proeftuin voor de stad',
      'Marineterrein Amsterdam: test bed for the city',
    ),
    summary: t(
      'Voormalig marineterrein in de binnenstad, nu een open proeftuin met de AMS Institute: autonome boten, zwemwaterkwaliteit, circulaire paviljoens en slimme mobiliteit worden hier getest voordat ze de stad in gaan.',
      'Former navy yard in the city centre, now an open test bed with the AMS Institute: autonomous boats, swimming water quality, circular pavilions and smart mobility are tested here before they go into the city.',
    ),
    body: t(
      [
        'Het terrein heeft eigen water en eigen kades, afgesloten van de drukke grachten. Daardoor kunnen experimenten met autonome vaartuigen en waterkwaliteit hier veilig beginnen. Bewoners en bezoekers zwemmen er in de zomer; hun ervaringen horen bij de proef.',
      ],
      [
        'The site has its own water and quays, separated from the busy canals. This lets experiments with autonomous vessels and water quality start safely here. Residents and visitors swim here in summer; their experiences are part of the trial.',
      ],
    ),
    themes: ['mobility', 'climate-adaptation', 'circular-economy', 'digital-infrastructure'],
    tags: ['living lab', 'autonome boten', 'zwemwater', 'circulair bouwen', 'AMS Institute'],
    places: [place('Marineterrein, Amsterdam', 'GM0363', [52.373, 4.9135])],
    links: [link('https://www.ams-institute.org', 'AMS Institute')],
    startDate: '2015-09-01',
    partners: [
      partner('AMS Institute', 'knowledge-institution', 'onderzoek'),
      partner('Bureau Marineterrein', 'agency', 'gebiedsbeheer'),
      partner('Rijksvastgoedbedrijf', 'agency', 'eigenaar'),
      partnerOrg('tu-delft', 'onderzoekspartner'),
    ],
    facilities: t(
      'Afgeschermd binnenwater met kades voor vaarproeven; meetboeien voor waterkwaliteit; tijdelijke bouwkavels; glasvezel en een LoRaWAN-gateway; ruimte voor evenementen en publieksproeven.',
      'Sheltered inner water with quays for sailing trials; measuring buoys for water quality; temporary building plots; fibre and a LoRaWAN gateway; space for events and public trials.',
    ),
    regulatoryRoom: {
      granted: true,
      description: t(
        'Op het eigen water van het terrein mogen autonome vaartuigen onder voorwaarden varen zonder schipper aan boord; tijdelijke paviljoens krijgen een vergunning voor maximaal tien jaar.',
        'On the site’s own water, autonomous vessels may sail without a skipper on board under conditions; temporary pavilions get a permit for at most ten years.',
      ),
    },
    website: 'https://www.marineterrein.nl',
  },
]

export const ADOPTIONS = [
  {
    key: 'utr-adopts-algorithm-register',
    org: 'gemeente-utrecht',
    created: '2022-05-16T09:30:00Z',
    updated: '2024-10-07T14:00:00Z',
    version: 2,
    title: t(
      'Utrecht neemt het Amsterdamse algoritmeregister over',
      'Utrecht adopts Amsterdam’s algorithm register',
    ),
    summary: t(
      'Utrecht publiceert sinds 2022 een algoritmeregister op basis van het Amsterdamse model. Binnen 18 maanden stonden er 17 algoritmes in, voor € 95.000 in plaats van de geschatte € 300.000 voor een eigen ontwikkeling.',
      'Since 2022 Utrecht publishes an algorithm register based on the Amsterdam model. Within 18 months it held 17 algorithms, for € 95,000 instead of the estimated € 300,000 for developing our own.',
    ),
    body: t(
      [
        'We hebben de beschrijvingsvelden en werkwijze van Amsterdam overgenomen, inclusief een eigenaar per algoritme en een jaarlijkse herziening. Collega’s in Amsterdam namen twee middagen de tijd om hun valkuilen te delen, wat ons het verouderingsprobleem bespaarde.',
        'Versie 2 van dit record beschrijft de aansluiting op het landelijke Algoritmeregister in 2023.',
      ],
      [
        'We adopted Amsterdam’s description fields and way of working, including an owner per algorithm and a yearly review. Colleagues in Amsterdam took two afternoons to share their pitfalls, which saved us from the problem of stale entries.',
        'Version 2 of this record describes the connection to the national Algorithm Register in 2023.',
      ],
    ),
    themes: ['public-services', 'data-standards', 'governance-participation'],
    tags: ['algoritmes', 'transparantie', 'overnemen', 'register'],
    places: [place('Utrecht', 'GM0344', [52.0907, 5.1214])],
    links: [
      link('https://algoritmes.overheid.nl', 'Algoritmeregister van de Nederlandse overheid'),
    ],
    relations: [rel('replicates', 'ams-algorithm-register')],
    status: 'scaled',
    startDate: '2021-06-01',
    partners: [partnerOrg('gemeente-amsterdam', 'kennisdeling')],
    budget: eur('95000.00'),
    funding: [fund('municipal', 'Gemeente Utrecht', '95000.00')],
    adaptations: t(
      [
        'Teksten vereenvoudigd tot taalniveau B1, met voor elk algoritme een voorbeeld uit het dagelijks leven.',
        'Elke beschrijving wordt voor publicatie besproken in de Utrechtse ethische commissie voor data en algoritmes.',
        'Vanaf 2023 rechtstreeks gekoppeld aan de landelijke standaard, zodat we niet dubbel hoeven te publiceren.',
      ],
      [
        'Texts simplified to language level B1, with an everyday example for every algorithm.',
        'Every description is discussed in Utrecht’s ethics committee for data and algorithms before publication.',
        'From 2023 linked directly to the national standard, so that we do not have to publish twice.',
      ],
    ),
    outcomes: [
      outcome(
        'social',
        t('Gepubliceerde algoritmes na 18 maanden.', 'Published algorithms after 18 months.'),
        'gepubliceerde algoritmebeschrijvingen',
        17,
        'beschrijvingen',
      ),
      outcome(
        'economic',
        t(
          'Kosten van overname, tegenover een geschatte € 300.000 voor eigen ontwikkeling.',
          'Cost of adoption, compared with an estimated € 300,000 for developing our own.',
        ),
        'kosten overname',
        95000,
        'EUR',
      ),
      outcome(
        'social',
        t(
          'Doorlooptijd van eerste concept tot publicatie.',
          'Lead time from first draft to publication.',
        ),
        'doorlooptijd per beschrijving',
        6,
        'weken',
      ),
    ],
  },
  {
    key: 'zwolle-adopts-rain-barrels',
    org: 'gemeente-zwolle',
    created: '2024-04-22T10:00:00Z',
    updated: '2024-11-25T15:00:00Z',
    version: 2,
    title: t(
      'Slimme regentonnen in Zwolle-Zuid, met LoRaWAN en half leeglopen',
      'Smart rain barrels in Zwolle-Zuid, with LoRaWAN and partial draining',
    ),
    summary: t(
      'Zwolle nam de slimme regentonnen van Rotterdam over en verwerkte de Rotterdamse lessen vanaf het begin: LoRaWAN in plaats van NB-IoT, half leeglopen, bewoners mogen weigeren, en onderhoud door een sociaal werkbedrijf. Bij de buien van 2024 was 88% van de tonnen op tijd leeg.',
      'Zwolle adopted Rotterdam’s smart rain barrels and built in the Rotterdam lessons from the start: LoRaWAN instead of NB-IoT, partial draining, residents may refuse, and maintenance by a social enterprise. During the 2024 storms, 88% of the barrels were empty in time.',
    ),
    themes: ['climate-adaptation', 'digital-infrastructure', 'governance-participation'],
    tags: ['regenton', 'waterberging', 'overnemen', 'LoRaWAN'],
    places: [place('Zwolle-Zuid', 'GM0193', [52.496, 6.109])],
    relations: [
      rel('replicates', 'rtm-smart-rain-barrels'),
      rel('cites', 'rtm-rain-barrel-lesson'),
    ],
    status: 'pilot',
    startDate: '2023-09-01',
    partners: [
      partnerOrg('gemeente-rotterdam', 'kennisdeling'),
      partner('Waterschap Drents Overijsselse Delta', 'water-board', 'neerslagdata'),
      partner('Sociaal werkbedrijf Zwolle', 'company', 'onderhoud'),
    ],
    budget: eur('210000.00'),
    funding: [
      fund('municipal', 'Gemeente Zwolle', '150000.00'),
      fund('provincial', 'Provincie Overijssel', '40000.00'),
    ],
    adaptations: t(
      [
        'LoRaWAN-modules met een verwachte batterijduur van meer dan drie jaar in plaats van NB-IoT.',
        'Tonnen lopen tot de helft leeg; bewoners krijgen een bericht en kunnen weigeren.',
        'Een bladfilter in elke regenpijp, en onderhoud twee keer per jaar door een sociaal werkbedrijf.',
        'Het Waterschap Drents Overijsselse Delta vergoedt bewoners de helft van de ton via zijn eigen subsidieregeling voor afkoppelen.',
      ],
      [
        'LoRaWAN modules with an expected battery life of over three years instead of NB-IoT.',
        'Barrels drain halfway; residents get a message and can refuse.',
        'A leaf filter in every downpipe, and maintenance twice a year by a social enterprise.',
        'The Drents Overijsselse Delta water board refunds residents half of the barrel through its own subsidy scheme for disconnecting downpipes.',
      ],
    ),
    outcomes: [
      outcome(
        'ecological',
        t('Bufferberging van 90 tonnen.', 'Buffer storage of 90 barrels.'),
        'bufferberging',
        21,
        'm³',
      ),
      outcome(
        'ecological',
        t(
          'Aandeel tonnen op tijd leeg bij de buien van 2024.',
          'Share of barrels empty in time at the 2024 storms.',
        ),
        'tonnen leeg bij bui',
        88,
        '%',
      ),
      outcome(
        'social',
        t('Batterijwissels in het eerste jaar.', 'Battery replacements in the first year.'),
        'batterijwissels',
        0,
        'wissels',
      ),
    ],
  },
  {
    key: 'gro-adopts-cool-routes',
    org: 'gemeente-groningen',
    created: '2025-07-07T09:00:00Z',
    title: t(
      'Koele routes in Groningen: het Zwolse model in Paddepoel en de Oosterparkwijk',
      'Cool routes in Groningen: the Zwolle model in Paddepoel and Oosterparkwijk',
    ),
    summary: t(
      'Groningen nam de koele routes van Zwolle over, met de fietsmeetmethode van de TU Delft om knelpunten te vinden. Vijf routes, en daarnaast 38 ‘koele plekken’ in bibliotheken en buurthuizen die tijdens hittegolven open zijn.',
      'Groningen adopted Zwolle’s cool routes, using TU Delft’s bicycle measurement method to find bottlenecks. Five routes, plus 38 ‘cool spots’ in libraries and community centres that open during heatwaves.',
    ),
    themes: ['climate-adaptation', 'healthy-urban-development', 'health-care'],
    tags: ['koele routes', 'hittestress', 'overnemen', 'koele plekken', 'ouderen'],
    places: [
      place('Paddepoel, Groningen', 'GM0014', [53.2338, 6.5455]),
      place('Oosterparkwijk, Groningen', 'GM0014', [53.223, 6.586]),
    ],
    relations: [rel('replicates', 'zwolle-cool-routes'), rel('cites', 'tud-bike-heat-zwolle')],
    status: 'pilot',
    startDate: '2024-05-01',
    partners: [
      partnerOrg('gemeente-zwolle', 'kennisdeling'),
      partnerOrg('tu-delft', 'fietsmetingen'),
      partner('GGD Groningen', 'agency', 'hitteplan'),
    ],
    budget: eur('420000.00'),
    funding: [
      fund('municipal', 'Gemeente Groningen', '280000.00'),
      fund('national', 'Impulsregeling Klimaatadaptatie', '100000.00'),
      fund('research', 'NWO (project Koele Steden)', '40000.00'),
    ],
    adaptations: t(
      [
        'Knelpunten gevonden met fietsmetingen in juli 2024 in plaats van alleen de landelijke hittekaart, zoals de TU Delft aanbeval.',
        'Routes lopen ook naar huisartsenpraktijken, niet alleen naar winkels.',
        'Nieuw: koele plekken binnen, zoals de bibliotheek en buurthuizen, met water en een zitplek, bekendgemaakt via de GGD en wijkteams.',
        'Temperatuursensoren op het LoRaWAN-netwerk langs twee routes.',
      ],
      [
        'Bottlenecks found with bicycle measurements in July 2024 instead of the national heat map alone, as TU Delft recommended.',
        'Routes also lead to GP practices, not just to shops.',
        'New: indoor cool spots, such as the library and community centres, with water and a seat, announced through the GGD and neighbourhood teams.',
        'Temperature sensors on the LoRaWAN network along two routes.',
      ],
    ),
    outcomes: [
      outcome(
        'social',
        t('Aangelegde koele routes.', 'Cool routes laid out.'),
        'koele routes',
        5,
        'routes',
      ),
      outcome(
        'ecological',
        t(
          'Gevoelstemperatuur op 11 knelpunten na vergroening en schaduwdoeken.',
          'Perceived temperature at 11 bottlenecks after greening and shade sails.',
        ),
        'verandering gevoelstemperatuur op knelpunten',
        -4,
        '°C',
      ),
      outcome(
        'social',
        t(
          'Koele plekken die open waren tijdens de hittegolf van 2025.',
          'Cool spots open during the 2025 heatwave.',
        ),
        'koele plekken',
        38,
        'locaties',
      ),
    ],
  },
  {
    key: 'dh-adopts-flexpower',
    org: 'gemeente-den-haag',
    created: '2023-03-20T13:00:00Z',
    updated: '2025-01-13T10:00:00Z',
    version: 2,
    title: t(
      'Slim laden op Haagse openbare laadpalen naar Amsterdams voorbeeld',
      'Smart charging at public charge points in The Hague, after Amsterdam’s example',
    ),
    summary: t(
      'Den Haag nam Flexpower van Amsterdam over in de nieuwe laadpaalconcessie van 2022. In plaats van vaste tijdsblokken sturen we sinds 2024 op de actuele belasting van de transformator. 1.400 laadpalen, piekbelasting 24% lager.',
      'The Hague adopted Amsterdam’s Flexpower in the new charge point concession of 2022. Instead of fixed time blocks, since 2024 we control on the actual load of the transformer. 1,400 charge points, peak load 24% lower.',
    ),
    themes: ['energy-climate', 'mobility', 'digital-infrastructure'],
    tags: ['slim laden', 'laadpalen', 'overnemen', 'concessie', 'netcongestie'],
    places: [place('Den Haag', 'GM0518', [52.0705, 4.3007])],
    relations: [rel('replicates', 'ams-flexpower'), rel('cites', 'tno-grid-impact-charging')],
    status: 'scaled',
    startDate: '2022-04-01',
    partners: [
      partnerOrg('gemeente-amsterdam', 'kennisdeling'),
      partner('Stedin', 'company', 'netbeheerder'),
      partner('ElaadNL', 'network', 'testen laadpalen'),
    ],
    budget: eur('640000.00'),
    funding: [
      fund('municipal', 'Gemeente Den Haag', '420000.00'),
      fund('private', 'Concessiehouder laadpalen', '220000.00'),
    ],
    adaptations: t(
      [
        'Slim laden stond vanaf het begin in de concessie, zodat we niets hoefden open te breken.',
        'De ondergrens van 8 A per fase uit Amsterdam hebben we direct overgenomen.',
        'Sinds 2024 dynamische profielen op basis van transformatordata van Stedin in plaats van vaste tijdsblokken, zoals TNO aanbeval. Versie 2 van dit record beschrijft die stap.',
      ],
      [
        'Smart charging was in the concession from the start, so we did not have to reopen anything.',
        'We took over Amsterdam’s floor of 8 A per phase right away.',
        'Since 2024 dynamic profiles based on Stedin’s transformer data instead of fixed time blocks, as TNO recommended. Version 2 of this record describes that step.',
      ],
    ),
    outcomes: [
      outcome(
        'economic',
        t('Laadpalen met slim laden.', 'Charge points with smart charging.'),
        'laadpalen met slim laden',
        1400,
        'laadpalen',
      ),
      outcome(
        'economic',
        t(
          'Lagere piekbelasting van de laadpalen in de avond.',
          'Lower evening peak load of the charge points.',
        ),
        'verandering piekbelasting laadpalen',
        -24,
        '%',
      ),
      outcome(
        'social',
        t(
          'Laadsessies met een klacht over laadsnelheid.',
          'Charging sessions with a complaint about charging speed.',
        ),
        'klachten laadsnelheid',
        0.3,
        '% van sessies',
      ),
    ],
  },
]
