// Fixture content: good practices. Figures and details are illustrative; see
// fixtures/README.md. Free single-language strings (tags, roles, indicators) are Dutch.

import {
  barrier,
  eur,
  fund,
  link,
  outcome,
  partner,
  partnerOrg,
  place,
  rel,
  t,
} from './fixtures-lib.mjs'

const EINDHOVEN = [51.4416, 5.4697]
const TALQ = link('https://www.talq-consortium.org', 'TALQ Consortium')

export const PRACTICES = [
  {
    key: 'ehv-strijp-lighting-pilot',
    org: 'gemeente-eindhoven',
    created: '2019-02-20T10:15:00Z',
    title: t(
      'Pilot bewegingsgestuurde LED-verlichting op Strijp-S',
      'Pilot of motion-controlled LED street lighting at Strijp-S',
    ),
    summary: t(
      '240 lichtmasten op Strijp-S en langs de Torenallee kregen LED-armaturen met bewegingssensoren: 20% licht zonder beweging, 100% bij detectie. Het energieverbruik daalde met 61%, maar de besturing van drie leveranciers bleek niet uitwisselbaar. De pilot is afgesloten; de lessen zijn gebruikt voor de stadsbrede aanpak.',
      '240 lamp posts at Strijp-S and along the Torenallee received LED luminaires with motion sensors: 20% light without movement, 100% on detection. Energy use fell by 61%, but the controls of three suppliers turned out not to be interchangeable. The pilot is closed; its lessons went into the city-wide approach.',
    ),
    body: t(
      [
        'Van maart 2017 tot januari 2019 testten we op het voormalige Philips-terrein Strijp-S of bewegingsgestuurde verlichting veilig en zuinig kan. Drie leveranciers leverden elk een deel van de armaturen en controllers, met elk een eigen gateway en beheerportaal.',
        'Wat goed ging: fietsers en hardlopers waardeerden het licht dat met hen mee ging, en de meting van de TU/e liet geen daling van het veiligheidsgevoel zien (7,2 voor en 7,1 na). Het verbruik daalde van 118 naar 46 MWh per jaar.',
        'Wat misging: bewoners langs de Torenallee vonden het aan- en uitfloepen onrustig en klaagden over licht dat ’s nachts door slaapkamerramen bewoog. Bomen en katten gaven valse detecties. In 2018 stopte één leverancier met zijn gateway; 60 masten vielen terug op een vast schema en waren niet meer op afstand te bedienen. Omdat elke leverancier een eigen protocol gebruikte, konden we die masten niet op een ander systeem aansluiten.',
      ],
      [
        'From March 2017 to January 2019 we tested at the former Philips site Strijp-S whether motion-controlled lighting can be safe and economical. Three suppliers each delivered part of the luminaires and controllers, each with its own gateway and management portal.',
        'What went well: cyclists and runners appreciated the light that moved with them, and the TU/e survey showed no drop in perceived safety (7.2 before, 7.1 after). Energy use fell from 118 to 46 MWh a year.',
        'What went wrong: residents along the Torenallee found the switching restless and complained about light moving past bedroom windows at night. Trees and cats caused false detections. In 2018 one supplier discontinued its gateway; 60 masts fell back to a fixed schedule and could no longer be controlled remotely. Because every supplier used its own protocol, we could not connect those masts to another system.',
      ],
    ),
    themes: ['energy-climate', 'digital-infrastructure', 'safety'],
    tags: ['openbare verlichting', 'LED', 'bewegingssensor', 'Strijp-S', 'dimmen'],
    places: [place('Strijp-S, Eindhoven', 'GM0772', [51.4486, 5.4569])],
    links: [TALQ],
    status: 'ended',
    startDate: '2017-03-01',
    endDate: '2019-01-31',
    partners: [
      partnerOrg('straatwerk-iot', 'leverancier controllers'),
      partner(
        'Technische Universiteit Eindhoven',
        'knowledge-institution',
        'evaluatie lichtbeleving',
      ),
    ],
    budget: eur('1150000.00'),
    funding: [
      fund('municipal', 'Gemeente Eindhoven', '650000.00'),
      fund('eu', 'EFRO (OP Zuid)', '400000.00'),
      fund('private', 'Leveranciers (in natura)', '100000.00'),
    ],
    outcomes: [
      outcome(
        'ecological',
        t(
          'Energieverbruik van de verlichting op Strijp-S van 118 naar 46 MWh per jaar.',
          'Energy use of the lighting at Strijp-S down from 118 to 46 MWh a year.',
        ),
        'verandering elektriciteitsverbruik openbare verlichting',
        -61,
        '%',
      ),
      outcome(
        'social',
        t(
          'Veiligheidsgevoel van voetgangers en fietsers gelijk gebleven (enquête TU/e, n = 412).',
          'Perceived safety of pedestrians and cyclists unchanged (TU/e survey, n = 412).',
        ),
        'rapportcijfer veiligheidsgevoel na de pilot',
        7.1,
        'cijfer 1-10',
      ),
    ],
    barriers: [
      barrier(
        'standards-data-formats',
        t(
          'Drie leveranciers, drie eigen protocollen: masten van de ene leverancier waren niet met het systeem van een andere te besturen.',
          'Three suppliers, three proprietary protocols: masts of one supplier could not be controlled by another’s system.',
        ),
      ),
      barrier(
        'technology',
        t(
          'Een leverancier stopte met zijn gateway; 60 masten vielen terug op een vast schema.',
          'A supplier discontinued its gateway; 60 masts fell back to a fixed schedule.',
        ),
      ),
    ],
  },
  {
    key: 'ehv-adaptive-lighting',
    org: 'gemeente-eindhoven',
    created: '2019-11-04T09:00:00Z',
    updated: '2025-03-17T14:20:00Z',
    version: 3,
    title: t(
      'Adaptieve openbare verlichting in heel Eindhoven',
      'Adaptive public lighting across Eindhoven',
    ),
    summary: t(
      'Eindhoven vervangt zijn 36.000 lichtpunten door LED met TALQ-gecertificeerde controllers, los aanbesteed van het centrale beheersysteem. Per straattype geldt een dimprofiel dat met bewoners is gekozen; sensoren alleen waar ze nut hebben. Eind 2024 waren 21.400 lichtpunten omgebouwd en lag het verbruik 45% lager dan in 2018.',
      'Eindhoven is replacing its 36,000 light points with LED and TALQ-certified controllers, procured separately from the central management system. Each street type has a dimming profile chosen with residents; sensors only where they are useful. By the end of 2024, 21,400 light points had been converted and energy use was 45% lower than in 2018.',
    ),
    body: t(
      [
        'Na de pilot op Strijp-S kozen we voor een andere aanpak. In het bestek van 2019 eisten we de open standaard TALQ voor de communicatie tussen het centrale beheersysteem (CMS) en de controllers, en we hebben CMS en armaturen apart aanbesteed. Zo kunnen we van leverancier wisselen zonder het hele systeem te vervangen.',
        'Bewoners kozen per wijk uit drie dimprofielen: standaard (’s nachts 40%), natuur (amberkleurig licht en 20% langs de Dommel en in Meerhoven, voor vleermuizen) en uitgaansgebied (vol licht tot 04:00). Bewegingssensoren plaatsen we alleen op fietspaden buiten de bebouwde kom.',
        'Wat misging: de aanbesteding van het CMS werd in 2020 aangevochten in een kort geding door een afgewezen inschrijver; dat kostte zeven maanden. In 2021 verloor een batch van 1.800 controllers na een spanningsdip zijn schema en brandde overdag; een firmware-update op afstand loste het na vijf weken op. Twee leveranciers noemden zich ‘TALQ-compliant’, maar hun certificaat gold voor versie 1.x terwijl het CMS 2.x sprak.',
        'Verbruik en branduren per mast publiceren we wekelijks als open data. Versie 3 van dit record voegt de cijfers over 2024 toe.',
      ],
      [
        'After the Strijp-S pilot we chose a different approach. In the 2019 tender we required the open standard TALQ for communication between the central management system (CMS) and the controllers, and we procured the CMS and the luminaires separately. This lets us switch suppliers without replacing the whole system.',
        'Residents chose one of three dimming profiles per neighbourhood: standard (40% at night), nature (amber light at 20% along the Dommel and in Meerhoven, for bats) and nightlife (full light until 04:00). We place motion sensors only on cycle paths outside the built-up area.',
        'What went wrong: in 2020 the CMS tender was challenged in summary proceedings by a rejected bidder, which cost seven months. In 2021 a batch of 1,800 controllers lost its schedule after a voltage dip and burned during the day; a remote firmware update fixed it after five weeks. Two suppliers called themselves ‘TALQ-compliant’, but their certificate covered version 1.x while the CMS spoke 2.x.',
        'We publish energy use and burning hours per mast weekly as open data. Version 3 of this record adds the figures for 2024.',
      ],
    ),
    themes: [
      'energy-climate',
      'digital-infrastructure',
      'data-standards',
      'safety',
      'green-biodiversity',
    ],
    tags: ['openbare verlichting', 'LED', 'TALQ', 'dimprofielen', 'vleermuisvriendelijk', 'CMS'],
    places: [
      place('Eindhoven', 'GM0772', EINDHOVEN),
      place('Meerhoven, Eindhoven', 'GM0772', [51.441, 5.4135]),
    ],
    links: [TALQ, link('https://www.eindhoven.nl', 'Gemeente Eindhoven')],
    attachments: ['energieverbruik-openbare-verlichting-eindhoven-2018-2024.csv'],
    relations: [
      rel('supersedes', 'ehv-strijp-lighting-pilot'),
      rel('partOf', 'pnb-smart-public-space'),
    ],
    status: 'scaled',
    startDate: '2019-09-01',
    endDate: '2026-12-31',
    partners: [
      partnerOrg('straatwerk-iot', 'leverancier controllers'),
      partnerOrg('provincie-noord-brabant', 'cofinancier'),
      partner(
        'Technische Universiteit Eindhoven',
        'knowledge-institution',
        'onderzoek lichtbeleving',
      ),
      partner('Enexis Netbeheer', 'company', 'netbeheerder'),
    ],
    budget: eur('18600000.00'),
    funding: [
      fund('municipal', 'Gemeente Eindhoven', '11200000.00'),
      fund('national', 'Regio Deal Brainport Eindhoven', '3000000.00'),
      fund('provincial', 'Provincie Noord-Brabant', '2400000.00'),
      fund('eu', 'EFRO (OP Zuid)', '1500000.00'),
    ],
    outcomes: [
      outcome(
        'ecological',
        t(
          'Elektriciteitsverbruik van de openbare verlichting in 2024 45% lager dan in 2018; in december 2024 per lichtpunt 50% lager.',
          'Electricity use of public lighting in 2024 45% lower than in 2018; in December 2024, 50% lower per light point.',
        ),
        'verandering elektriciteitsverbruik openbare verlichting',
        -45,
        '%',
      ),
      outcome(
        'ecological',
        t(
          'Vermeden CO2-uitstoot in 2024 ten opzichte van 2018 (5.400 MWh minder, emissiefactor 0,43 kg CO2/kWh).',
          'Avoided CO2 emissions in 2024 compared with 2018 (5,400 MWh less, emission factor 0.43 kg CO2/kWh).',
        ),
        'vermeden CO2-uitstoot',
        2300,
        't CO2/jaar',
      ),
      outcome(
        'economic',
        t(
          'Onderhoudskosten per lichtpunt van € 38 naar € 24 per jaar door storingsmeldingen op afstand.',
          'Maintenance cost per light point down from € 38 to € 24 a year thanks to remote fault reports.',
        ),
        'onderhoudskosten per lichtpunt',
        24,
        'EUR/jaar',
      ),
      outcome(
        'social',
        t(
          'Meldingen over te donkere straten bleven gelijk (0,9 per 1.000 lichtpunten per maand).',
          'Reports of streets being too dark stayed level (0.9 per 1,000 light points a month).',
        ),
        'meldingen "te donker" per 1.000 lichtpunten per maand',
        0.9,
        'meldingen',
      ),
    ],
    barriers: [
      barrier(
        'procurement',
        t(
          'Kort geding tegen de gunning van het beheersysteem: zeven maanden vertraging.',
          'Summary proceedings against the award of the management system: seven months of delay.',
        ),
      ),
      barrier(
        'standards-data-formats',
        t(
          '‘TALQ-compliant’ bleek niet hetzelfde als gecertificeerd voor de versie die het CMS spreekt.',
          '‘TALQ-compliant’ turned out not to mean certified for the version the CMS speaks.',
        ),
      ),
      barrier(
        'technology',
        t(
          '1.800 controllers verloren hun schema na een spanningsdip; vijf weken tot de firmware-update.',
          '1,800 controllers lost their schedule after a voltage dip; five weeks until the firmware update.',
        ),
      ),
    ],
  },
  {
    key: 'ams-flexpower',
    org: 'gemeente-amsterdam',
    created: '2019-06-12T10:30:00Z',
    updated: '2024-02-12T09:00:00Z',
    version: 2,
    title: t(
      'Flexpower: slim laden op openbare laadpalen',
      'Flexpower: smart charging at public charge points',
    ),
    summary: t(
      'Openbare laadpalen krijgen een tijdsafhankelijk maximumvermogen: meer stroom als het net rustig is (’s nachts en midden op de dag), minder in de avondpiek van 18.00 tot 21.00 uur. Begonnen met 52 palen in 2019, in 2022 456 palen; sinds 2024 onderdeel van de concessievoorwaarden.',
      'Public charge points get a time-dependent maximum power: more current when the grid is quiet (at night and at midday), less during the evening peak from 18:00 to 21:00. Started with 52 charge points in 2019, 456 in 2022; part of the concession terms since 2024.',
    ),
    body: t(
      [
        'De avondpiek op het laagspanningsnet valt samen met het moment dat bewoners thuiskomen en hun auto aansluiten. Met netbeheerder Liander, de laadpaalexploitant, ElaadNL en de Hogeschool van Amsterdam testten we in drie fasen of we die piek kunnen afvlakken zonder dat rijders er last van hebben.',
        'In fase 1 (2019) laadden 52 palen tussen 18.00 en 21.00 uur met maximaal 8 A per fase en daarbuiten met 25 A. Rijders kregen in het piekvenster gemiddeld 8% minder energie, maar ’s nachts 11% meer; klachten bleven beperkt.',
        'Wat misging: sommige oudere auto’s stopten helemaal met laden als de stroom onder hun minimum zakte, en auto’s die maar op één fase laden kregen in de piek heel weinig vermogen. In fase 2 hebben we de ondergrens op 8 A gezet en de profielen per fase ingesteld. Verder bleken laadpalen van verschillende merken de laadprofielen van OCPP 1.6 verschillend uit te voeren, waardoor 14% van de palen het profiel negeerde tot een firmware-update.',
        'De bestaande concessie liet slim laden niet toe; we hebben die openbroken en de resultaten verwerkt in de concessie die in 2024 inging.',
      ],
      [
        'The evening peak on the low-voltage grid coincides with residents coming home and plugging in their cars. With grid operator Liander, the charge point operator, ElaadNL and the Amsterdam University of Applied Sciences we tested in three phases whether we could flatten that peak without drivers noticing.',
        'In phase 1 (2019), 52 charge points charged at most 8 A per phase between 18:00 and 21:00, and 25 A outside that window. In the peak window drivers received 8% less energy on average, but 11% more at night; complaints stayed limited.',
        'What went wrong: some older cars stopped charging altogether when the current fell below their minimum, and cars that charge on one phase only got very little power in the peak. In phase 2 we set the floor at 8 A and configured the profiles per phase. Charge points of different makes also turned out to implement the OCPP 1.6 charging profiles differently, so 14% of them ignored the profile until a firmware update.',
        'The existing concession did not allow smart charging; we reopened it and built the results into the concession that started in 2024.',
      ],
    ),
    themes: ['energy-climate', 'mobility', 'digital-infrastructure'],
    tags: ['slim laden', 'laadpalen', 'netcongestie', 'OCPP', 'elektrisch rijden'],
    places: [place('Amsterdam', 'GM0363', [52.3728, 4.8936])],
    links: [link('https://www.elaad.nl', 'ElaadNL')],
    status: 'scaled',
    startDate: '2019-04-01',
    partners: [
      partner('Liander', 'company', 'netbeheerder'),
      partner('ElaadNL', 'network', 'testen en kennisdeling'),
      partner('Hogeschool van Amsterdam', 'knowledge-institution', 'onderzoek rijdersgedrag'),
      partnerOrg('tno', 'netimpactanalyse'),
    ],
    budget: eur('2350000.00'),
    funding: [
      fund('municipal', 'Gemeente Amsterdam', '900000.00'),
      fund('national', 'RVO (DKTI-Transport)', '750000.00'),
      fund('private', 'Laadpaalexploitant en netbeheerder', '700000.00'),
    ],
    outcomes: [
      outcome(
        'economic',
        t(
          'Piekbelasting van de aangesloten laadpalen tussen 18.00 en 21.00 uur gemiddeld 28% lager.',
          'Peak load of the connected charge points between 18:00 and 21:00 on average 28% lower.',
        ),
        'verandering piekbelasting laadpalen 18-21 uur',
        -28,
        '%',
      ),
      outcome(
        'ecological',
        t(
          'Meer laden op momenten met veel zon- en windstroom: aandeel geladen energie ’s nachts en midden op de dag steeg.',
          'More charging at times with plenty of solar and wind power: the share of energy charged at night and at midday rose.',
        ),
        'aandeel geladen energie buiten 18-21 uur',
        81,
        '%',
      ),
      outcome(
        'social',
        t(
          'Tevredenheid van rijders gelijk gebleven (7,4).',
          'Driver satisfaction unchanged (7.4).',
        ),
        'tevredenheid rijders',
        7.4,
        'cijfer 1-10',
      ),
    ],
    barriers: [
      barrier(
        'technology',
        t(
          'Oudere auto’s stopten met laden onder hun minimumstroom; opgelost met een ondergrens van 8 A.',
          'Older cars stopped charging below their minimum current; solved with a floor of 8 A.',
        ),
      ),
      barrier(
        'standards-data-formats',
        t(
          'Laadpalen van verschillende merken voerden OCPP 1.6-laadprofielen verschillend uit.',
          'Charge points of different makes implemented OCPP 1.6 charging profiles differently.',
        ),
      ),
      barrier(
        'regulation',
        t(
          'De lopende concessie verbood afwijkend laadvermogen; openbreken kostte een half jaar.',
          'The running concession forbade varying the charging power; reopening it took half a year.',
        ),
      ),
    ],
  },
  {
    key: 'ams-algorithm-register',
    org: 'gemeente-amsterdam',
    created: '2020-10-01T08:00:00Z',
    updated: '2024-02-06T13:15:00Z',
    version: 2,
    license: 'CC0-1.0',
    title: t(
      'Algoritmeregister: openbaar overzicht van de algoritmes die de gemeente gebruikt',
      'Algorithm register: a public overview of the algorithms the city uses',
    ),
    summary: t(
      'Sinds september 2020 beschrijven we, samen met Helsinki, in een openbaar register welke algoritmes de gemeente gebruikt: waarvoor, met welke data, met welk menselijk toezicht en welke risico’s. Begonnen met 3 beschrijvingen, begin 2024 waren het er 31. Sinds 2023 volgen we de landelijke standaard en leveren we door aan het Algoritmeregister van de overheid.',
      'Since September 2020, together with Helsinki, we describe in a public register which algorithms the city uses: what for, with which data, with what human oversight and what risks. Started with 3 descriptions; by early 2024 there were 31. Since 2023 we follow the national standard and feed the government’s Algorithm Register.',
    ),
    body: t(
      [
        'De eerste drie beschrijvingen gingen over de scanauto’s voor parkeercontrole, de automatische routering van meldingen openbare ruimte en een risicomodel voor illegale vakantieverhuur. Elke beschrijving heeft een eigenaar bij de afdeling die het algoritme gebruikt.',
        'Wat misging: afdelingen zagen het register eerst als papierwerk. Bij een interne controle in 2021 bleken 4 van de 11 beschrijvingen verouderd. Teksten waren te technisch voor inwoners. Sindsdien herzien eigenaren elke beschrijving jaarlijks, schrijven we op taalniveau B1 en zijn de inkoopvoorwaarden voor algoritmes aangepast: een leverancier levert de informatie voor het register mee.',
        'Versie 2 van dit record beschrijft de aansluiting op de landelijke standaard voor algoritmebeschrijvingen en de voorbereiding op de Europese AI-verordening.',
      ],
      [
        'The first three descriptions covered the scan cars for parking enforcement, the automatic routing of reports about public space and a risk model for illegal holiday rentals. Every description has an owner in the department that uses the algorithm.',
        'What went wrong: departments first saw the register as paperwork. An internal check in 2021 found 4 of the 11 descriptions out of date. Texts were too technical for residents. Since then, owners review each description yearly, we write at language level B1, and the procurement conditions for algorithms have been changed: a supplier delivers the information for the register along with the system.',
        'Version 2 of this record describes the alignment with the national standard for algorithm descriptions and the preparation for the European AI Act.',
      ],
    ),
    themes: ['public-services', 'data-standards', 'governance-participation'],
    tags: ['algoritmes', 'transparantie', 'AI-verordening', 'register', 'publieke waarden'],
    places: [place('Amsterdam', 'GM0363', [52.3728, 4.8936])],
    links: [
      link('https://algoritmeregister.amsterdam.nl', 'Algoritmeregister Amsterdam'),
      link('https://algoritmes.overheid.nl', 'Algoritmeregister van de Nederlandse overheid'),
    ],
    status: 'scaled',
    startDate: '2020-09-28',
    partners: [
      partner('Stad Helsinki', 'municipality', 'mede-ontwikkelaar'),
      partner(
        'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
        'national-government',
        'landelijke standaard',
      ),
    ],
    budget: eur('480000.00'),
    funding: [fund('municipal', 'Gemeente Amsterdam', '480000.00')],
    outcomes: [
      outcome(
        'social',
        t(
          'Gepubliceerde algoritmebeschrijvingen begin 2024.',
          'Published algorithm descriptions in early 2024.',
        ),
        'gepubliceerde algoritmebeschrijvingen',
        31,
        'beschrijvingen',
      ),
      outcome(
        'social',
        t('Bezoekers van het register per jaar.', 'Visitors of the register per year.'),
        'unieke bezoekers per jaar',
        14000,
        'bezoekers',
      ),
      outcome(
        'economic',
        t(
          'Andere gemeenten die het beschrijvingsformat hebben overgenomen.',
          'Other municipalities that adopted the description format.',
        ),
        'gemeenten die het format hergebruiken',
        9,
        'gemeenten',
      ),
    ],
    barriers: [
      barrier(
        'organisation',
        t(
          'Beschrijvingen raakten verouderd zolang niemand er eigenaar van was.',
          'Descriptions went out of date as long as nobody owned them.',
        ),
      ),
      barrier(
        'standards-data-formats',
        t(
          'Tot 2023 geen landelijk format; eigen velden moesten later worden omgezet.',
          'No national format until 2023; our own fields had to be converted later.',
        ),
      ),
    ],
  },
  {
    key: 'rtm-digital-twin',
    org: 'gemeente-rotterdam',
    created: '2020-03-09T09:30:00Z',
    updated: '2024-02-19T11:00:00Z',
    version: 2,
    title: t(
      'Digitale Tweeling Rotterdam: een 3D-stadsmodel als gedeelde basis voor ruimtelijke besluiten',
      'Rotterdam Digital Twin: a 3D city model as a shared basis for spatial decisions',
    ),
    summary: t(
      'Een open 3D-model van de stad (gebouwen, bomen, kabels en leidingen, sensoren) gekoppeld aan simulaties van wind, schaduw en wateroverlast. Van 2020 tot en met 2023 gebruikten negen afdelingen het in 46 projecten; een bezonnings- en windstudie kost nu dagen in plaats van weken.',
      'An open 3D model of the city (buildings, trees, cables and pipes, sensors) linked to simulations of wind, shade and flooding. From 2020 to 2023 nine departments used it in 46 projects; a sunlight and wind study now takes days instead of weeks.',
    ),
    body: t(
      [
        'Het model wordt elke nacht opgebouwd uit de basisregistraties BAG en BGT, het Actueel Hoogtebestand Nederland (AHN) en onze eigen beheerdata. We begonnen in 2018 met CityGML en zijn in 2021 overgestapt op CityJSON, omdat bestanden vijf keer kleiner werden en webviewers ze direct konden lezen.',
        'Wat misging: kabels en leidingen mogen om veiligheidsredenen niet openbaar getoond worden; daarvoor kwam een afgeschermde laag met aparte autorisatie, wat een jaar extra kostte. Op oudere laptops van de gemeente liep de viewer vast bij meer dan 20.000 gebouwen. En in het begin konden alleen een handvol GIS-specialisten met het model werken; met de wekelijkse ‘Tweelingdinsdag’ hebben we sindsdien 340 collega’s opgeleid.',
        'Bewoners gebruiken het model tijdens participatieavonden: ze zien een nieuwbouwplan in hun eigen straat en de schaduw die het op de binnentuinen werpt.',
      ],
      [
        'The model is rebuilt every night from the base registers BAG and BGT, the Netherlands height model (AHN) and our own asset data. We started in 2018 with CityGML and switched to CityJSON in 2021, because files became five times smaller and web viewers could read them directly.',
        'What went wrong: cables and pipes may not be shown publicly for security reasons; that required a shielded layer with separate authorisation, which cost an extra year. On older municipal laptops the viewer froze above 20,000 buildings. And at first only a handful of GIS specialists could work with the model; with the weekly ‘Twin Tuesday’ we have since trained 340 colleagues.',
        'Residents use the model at participation evenings: they see a building plan in their own street and the shadow it casts on the courtyards.',
      ],
    ),
    themes: [
      'data-standards',
      'digital-infrastructure',
      'housing',
      'climate-adaptation',
      'governance-participation',
    ],
    tags: ['digitale tweeling', '3D', 'CityJSON', 'BGT', 'AHN', 'simulatie'],
    places: [place('Rotterdam', 'GM0599', [51.9225, 4.4792])],
    links: [link('https://3dbag.nl', '3D BAG'), link('https://www.cityjson.org', 'CityJSON')],
    status: 'scaled',
    startDate: '2018-06-01',
    partners: [
      partnerOrg('tu-delft', '3D-geo-informatie en evaluatie'),
      partner('Kadaster', 'agency', 'basisregistraties'),
      partner('Geonovum', 'agency', 'standaarden'),
      partner('Havenbedrijf Rotterdam', 'company', 'gebruiker havengebied'),
    ],
    budget: eur('4200000.00'),
    funding: [
      fund('municipal', 'Gemeente Rotterdam', '3300000.00'),
      fund('eu', 'EFRO (Kansen voor West II)', '600000.00'),
    ],
    outcomes: [
      outcome(
        'economic',
        t(
          'Doorlooptijd van een bezonnings- en windstudie van 15 naar 3 werkdagen.',
          'Lead time of a sunlight and wind study down from 15 to 3 working days.',
        ),
        'doorlooptijd bezonnings- en windstudie',
        3,
        'werkdagen',
      ),
      outcome(
        'social',
        t(
          'Participatieavonden per jaar waarop bewoners het model gebruiken.',
          'Participation evenings per year at which residents use the model.',
        ),
        'bewonersavonden met het 3D-model',
        28,
        'avonden/jaar',
      ),
      outcome(
        'ecological',
        t(
          'Wijken waarvoor een stresstest op hitte en wateroverlast in het model is gedaan.',
          'Neighbourhoods for which a heat and flooding stress test was run in the model.',
        ),
        'wijken met klimaatstresstest',
        12,
        'wijken',
      ),
    ],
    barriers: [
      barrier(
        'standards-data-formats',
        t(
          'Overstap van CityGML naar CityJSON halverwege; conversie van eigen objecttypen.',
          'Switch from CityGML to CityJSON halfway; conversion of our own object types.',
        ),
      ),
      barrier(
        'technology',
        t('Viewer te zwaar voor oudere werkplekken.', 'Viewer too heavy for older workstations.'),
      ),
      barrier(
        'organisation',
        t(
          'Kennis zat bij een paar GIS-specialisten; opleiden kostte twee jaar.',
          'Knowledge sat with a few GIS specialists; training took two years.',
        ),
      ),
    ],
  },
  {
    key: 'rtm-smart-rain-barrels',
    org: 'gemeente-rotterdam',
    created: '2021-05-10T13:45:00Z',
    updated: '2024-01-22T10:00:00Z',
    version: 2,
    title: t(
      'Slimme regentonnen in Spangen en Bospolder-Tussendijken',
      'Smart rain barrels in Spangen and Bospolder-Tussendijken',
    ),
    summary: t(
      '160 regentonnen van 300 liter met een klep die op afstand opengaat: 24 uur vóór een voorspelde hoosbui lopen ze leeg, zodat ze de piek kunnen opvangen. Samen 48 m³ buffer. Bij de zware buien van 2022 en 2023 was maar 61% van de tonnen echt leeg. De pilot is afgerond; over opschaling is nog niet besloten.',
      '160 rain barrels of 300 litres with a remotely controlled valve: 24 hours before a forecast cloudburst they drain, so they can catch the peak. Together 48 m³ of buffer. During the heavy storms of 2022 and 2023 only 61% of the barrels were actually empty. The pilot is finished; scaling up has not yet been decided.',
    ),
    body: t(
      [
        'In de dichtbebouwde negentiende-eeuwse wijken van Delfshaven is weinig ruimte voor waterberging. Daarom zochten we berging bij de bewoners zelf: regentonnen aan de regenpijp, met een klep die een dienst aanstuurt op basis van de neerslagverwachting van het KNMI.',
        'Wat misging: de NB-IoT-modules hielden het 9 maanden vol in plaats van de beloofde 3 jaar. Bewoners draaiden de klep dicht om water voor de tuin te bewaren. Kleppen raakten verstopt met blad. In de droge zomer van 2022 leegden de tonnen 23 keer voor een bui die niet kwam; bewoners waren boos dat er water werd weggegooid terwijl ze werden opgeroepen zuinig te zijn.',
        'Wat we aanpasten: de tonnen lopen nu maar half leeg, bewoners krijgen vooraf een bericht en kunnen weigeren, en de drempel is verhoogd naar 25 mm in een uur. Het Hoogheemraadschap van Delfland droeg in natura bij met neerslagdata en monitoring.',
      ],
      [
        'The dense nineteenth-century neighbourhoods of Delfshaven have little room for water storage. So we looked for storage with the residents themselves: rain barrels on the downpipe, with a valve controlled by a service based on the KNMI precipitation forecast.',
        'What went wrong: the NB-IoT modules lasted 9 months instead of the promised 3 years. Residents closed the valve to keep water for the garden. Valves clogged with leaves. In the dry summer of 2022 the barrels drained 23 times for a storm that never came; residents were angry that water was thrown away while they were being asked to save it.',
        'What we changed: the barrels now drain only halfway, residents get a message beforehand and can refuse, and the threshold was raised to 25 mm in one hour. The Delfland water board contributed in kind with rainfall data and monitoring.',
      ],
    ),
    themes: ['climate-adaptation', 'digital-infrastructure', 'governance-participation'],
    tags: ['regenton', 'waterberging', 'hoosbui', 'NB-IoT', 'KNMI', 'bewoners'],
    places: [
      place('Spangen, Rotterdam', 'GM0599', [51.9187, 4.435]),
      place('Bospolder-Tussendijken, Rotterdam', 'GM0599', [51.9105, 4.44]),
    ],
    links: [link('https://www.rotterdamsweerwoord.nl', 'Rotterdams WeerWoord')],
    attachments: ['regentonnen-meetdata-delfshaven-2022-2023.csv'],
    relations: [rel('partOf', 'rtm-weatherwise-delfshaven')],
    status: 'ended',
    startDate: '2021-04-01',
    endDate: '2023-10-31',
    partners: [
      partner('Hoogheemraadschap van Delfland', 'water-board', 'neerslagdata en monitoring'),
      partner('Woonstad Rotterdam', 'company', 'woningcorporatie'),
      partner('Hogeschool Rotterdam', 'knowledge-institution', 'bewonersonderzoek'),
    ],
    budget: eur('620000.00'),
    funding: [
      fund('municipal', 'Gemeente Rotterdam', '380000.00'),
      fund('eu', 'Interreg Noordzeeregio', '160000.00'),
      fund('private', 'Woonstad Rotterdam', '40000.00'),
    ],
    outcomes: [
      outcome(
        'ecological',
        t(
          'Beschikbare bufferberging van alle tonnen samen.',
          'Available buffer storage of all barrels together.',
        ),
        'bufferberging',
        48,
        'm³',
      ),
      outcome(
        'ecological',
        t(
          'Aandeel tonnen dat leeg was bij de voorspelde buien van 2022-2023.',
          'Share of barrels that were empty at the forecast storms of 2022-2023.',
        ),
        'tonnen leeg bij bui',
        61,
        '%',
      ),
      outcome(
        'social',
        t(
          'Huishoudens die na de pilot doorgaan met hun slimme ton.',
          'Households that continue with their smart barrel after the pilot.',
        ),
        'deelnemers die doorgaan',
        112,
        'huishoudens',
      ),
    ],
    barriers: [
      barrier(
        'technology',
        t(
          'Batterijen van de NB-IoT-modules hielden 9 maanden in plaats van 3 jaar.',
          'Batteries of the NB-IoT modules lasted 9 months instead of 3 years.',
        ),
      ),
      barrier(
        'organisation',
        t(
          'Niemand was verantwoordelijk voor onderhoud van kleppen bij particulieren.',
          'Nobody was responsible for maintaining valves at private homes.',
        ),
      ),
      barrier(
        'financing',
        t(
          'Onduidelijk wie na de pilot betaalt: gemeente, waterschap of bewoner.',
          'Unclear who pays after the pilot: municipality, water board or resident.',
        ),
      ),
    ],
  },
  {
    key: 'utr-v2g-lombok',
    org: 'gemeente-utrecht',
    created: '2019-07-01T08:45:00Z',
    updated: '2024-09-30T15:30:00Z',
    version: 2,
    title: t(
      'Bidirectioneel laden met deelauto’s in Lombok en de Cartesiusdriehoek',
      'Bidirectional charging with shared cars in Lombok and the Cartesius triangle',
    ),
    summary: t(
      'Elektrische deelauto’s laden overdag met zonnestroom van daken in de wijk en leveren in de avondpiek stroom terug. Van 22 bidirectionele laadpunten in 2019 naar 250 in 2024. Het eigen verbruik van lokale zonnestroom steeg van 41% naar 68%.',
      'Shared electric cars charge with solar power from roofs in the neighbourhood during the day and deliver power back in the evening peak. From 22 bidirectional charge points in 2019 to 250 in 2024. Local self-consumption of solar power rose from 41% to 68%.',
    ),
    body: t(
      [
        'In Lombok begon een bewonersinitiatief met zonnepanelen en één laadpaal die stroom terug kon leveren. Samen met We Drive Solar, netbeheerder Stedin en de Universiteit Utrecht is dat gegroeid tot een systeem van deelauto’s en laadpunten dat als buffer voor de wijk werkt.',
        'Wat tegenzat: de energiebelasting werd zowel bij laden als bij terugleveren geheven, waardoor terugleveren geld kostte; pas met een experimenteerregeling konden we dit verrekenen. Autofabrikanten ondersteunden bidirectioneel laden via ISO 15118-20 jarenlang niet of alleen op DC, en garantievoorwaarden waren onduidelijk. Het eerste model deelauto moesten we in 2022 vervangen door een model dat AC-bidirectioneel laden officieel ondersteunt.',
        'Versie 2 van dit record voegt de resultaten tot en met 2024 toe.',
      ],
      [
        'In Lombok a residents’ initiative started with solar panels and one charge point that could feed power back. Together with We Drive Solar, grid operator Stedin and Utrecht University it has grown into a system of shared cars and charge points that acts as a buffer for the neighbourhood.',
        'What held us back: energy tax was levied both on charging and on feeding back, so feeding back cost money; only under an experimental arrangement could we offset it. For years car makers did not support bidirectional charging via ISO 15118-20, or only on DC, and warranty conditions were unclear. In 2022 we had to replace the first shared-car model with one that officially supports AC bidirectional charging.',
        'Version 2 of this record adds the results up to and including 2024.',
      ],
    ),
    themes: ['energy-climate', 'mobility', 'digital-infrastructure'],
    tags: ['vehicle-to-grid', 'bidirectioneel laden', 'deelauto', 'zonnestroom', 'ISO 15118'],
    places: [
      place('Lombok, Utrecht', 'GM0344', [52.0925, 5.1005]),
      place('Cartesiusdriehoek, Utrecht', 'GM0344', [52.1037, 5.0958]),
    ],
    links: [link('https://www.wedrivesolar.nl', 'We Drive Solar')],
    relations: [rel('partOf', 'utr-city-deal-shared-mobility')],
    status: 'scaled',
    startDate: '2018-09-01',
    partners: [
      partner('We Drive Solar', 'company', 'deelautoaanbieder en laadinfrastructuur'),
      partner('Stedin', 'company', 'netbeheerder'),
      partner('Universiteit Utrecht', 'knowledge-institution', 'monitoring'),
      partnerOrg('tno', 'netsimulaties'),
    ],
    budget: eur('3900000.00'),
    funding: [
      fund('municipal', 'Gemeente Utrecht', '600000.00'),
      fund('national', 'RVO (DKTI-Transport)', '1400000.00'),
      fund('private', 'We Drive Solar en partners', '1700000.00'),
    ],
    outcomes: [
      outcome(
        'ecological',
        t(
          'Eigen verbruik van lokaal opgewekte zonnestroom in de wijk van 41% naar 68%.',
          'Self-consumption of locally generated solar power in the neighbourhood from 41% to 68%.',
        ),
        'eigen verbruik lokale zonnestroom',
        68,
        '%',
      ),
      outcome(
        'economic',
        t(
          'Piekbelasting van de twee wijktransformatoren in de avond.',
          'Evening peak load of the two neighbourhood transformers.',
        ),
        'verandering piekbelasting transformator',
        -19,
        '%',
      ),
      outcome(
        'social',
        t(
          'Bewoners met een abonnement op de deelauto’s.',
          'Residents with a subscription to the shared cars.',
        ),
        'gebruikers deelauto’s',
        1100,
        'personen',
      ),
      outcome(
        'ecological',
        t(
          'Volgens de gebruikersenquête vervangt elke deelauto gemiddeld vier privéauto’s.',
          'According to the user survey, every shared car replaces four private cars on average.',
        ),
        'vervangen privéauto’s per deelauto',
        4,
        'auto’s',
      ),
    ],
    barriers: [
      barrier(
        'regulation',
        t(
          'Dubbele energiebelasting op laden en terugleveren.',
          'Double energy tax on charging and feeding back.',
        ),
      ),
      barrier(
        'standards-data-formats',
        t(
          'Auto’s ondersteunden ISO 15118-20 lange tijd niet.',
          'For a long time cars did not support ISO 15118-20.',
        ),
      ),
      barrier(
        'financing',
        t(
          'Bidirectionele laadpalen kostten in 2019 drie keer zoveel als gewone.',
          'In 2019 bidirectional charge points cost three times as much as ordinary ones.',
        ),
      ),
    ],
  },
  {
    key: 'utr-mobility-hubs',
    org: 'gemeente-utrecht',
    created: '2022-04-19T11:00:00Z',
    updated: '2024-02-26T16:00:00Z',
    version: 2,
    title: t(
      'Mobiliteitshubs in Merwede en Leidsche Rijn',
      'Mobility hubs in Merwede and Leidsche Rijn',
    ),
    summary: t(
      'Hubs met deelauto’s, e-bikes, bakfietsen, pakketkluizen en een bushalte binnen 300 meter van elke woning, zodat nieuwe wijken gebouwd kunnen worden met een parkeernorm van 0,3. De eerste twee hubs openden in 2022 in Leidsche Rijn; in Merwede volgen ze vanaf 2026.',
      'Hubs with shared cars, e-bikes, cargo bikes, parcel lockers and a bus stop within 300 metres of every home, so that new neighbourhoods can be built with a parking standard of 0.3. The first two hubs opened in 2022 in Leidsche Rijn; in Merwede they follow from 2026.',
    ),
    body: t(
      [
        'Merwede wordt een wijk met 6.000 woningen en nauwelijks ruimte voor auto’s. Dat kan alleen als bewoners zonder eigen auto makkelijk overal komen. In Leidsche Rijn testen we daarom eerst twee hubs bij bestaande woningbouw.',
        'Wat tegenviel: in het eerste jaar stonden de deelauto’s maar 14% van de tijd verhuurd, te weinig voor de exploitant om zonder bijdrage door te gaan. Veel bewoners hadden bij de verhuizing al een auto gekocht omdat de hub pas acht maanden later openging. De aanbieders leverden gebruiksdata eerst elk in een eigen format; sinds 2023 eisen we de City Data Standard – Mobility (CDS-M) in de vergunning.',
        'De lage parkeernorm leggen we onder de Omgevingswet vast in het omgevingsplan, met de hub als voorwaarde.',
      ],
      [
        'Merwede will be a neighbourhood of 6,000 homes with hardly any room for cars. That only works if residents without a car of their own can easily get everywhere. So we first test two hubs in Leidsche Rijn, next to existing housing.',
        'What disappointed: in the first year the shared cars were rented only 14% of the time, too little for the operator to continue without a contribution. Many residents had already bought a car when they moved in, because the hub opened only eight months later. Providers first delivered usage data each in their own format; since 2023 we require the City Data Standard – Mobility (CDS-M) in the permit.',
        'Under the Environment and Planning Act we lay down the low parking standard in the environment plan, with the hub as a condition.',
      ],
    ),
    themes: ['mobility', 'housing', 'healthy-urban-development', 'public-transport'],
    tags: ['mobiliteitshub', 'deelmobiliteit', 'parkeernorm', 'bakfiets', 'CDS-M', 'Omgevingswet'],
    places: [
      place('Leidsche Rijn, Utrecht', 'GM0344', [52.0885, 5.0608]),
      place('Merwede, Utrecht', 'GM0344', [52.076, 5.1055]),
    ],
    relations: [rel('partOf', 'utr-city-deal-shared-mobility')],
    status: 'pilot',
    startDate: '2021-10-01',
    partners: [
      partner('Provincie Utrecht', 'province', 'cofinancier en openbaar vervoer'),
      partner('Qbuzz', 'company', 'busvervoerder'),
      partner('Ontwikkelaars Merwede', 'network', 'cofinanciers'),
    ],
    budget: eur('2800000.00'),
    funding: [
      fund('municipal', 'Gemeente Utrecht', '1600000.00'),
      fund('provincial', 'Provincie Utrecht', '700000.00'),
      fund('private', 'Ontwikkelaars Merwede', '500000.00'),
    ],
    outcomes: [
      outcome(
        'social',
        t(
          'Bewoners binnen 300 meter die de hub minstens maandelijks gebruiken.',
          'Residents within 300 metres who use the hub at least monthly.',
        ),
        'maandelijkse gebruikers hub',
        37,
        '%',
      ),
      outcome(
        'ecological',
        t(
          'Autobezit van nieuwe bewoners rond de hubs.',
          'Car ownership of new residents around the hubs.',
        ),
        'auto’s per huishouden',
        0.24,
        'auto’s/huishouden',
      ),
      outcome(
        'economic',
        t(
          'Grond die niet voor parkeren nodig is en voor groen en woningen beschikbaar komt.',
          'Land not needed for parking and available for green space and housing.',
        ),
        'bespaarde parkeerruimte',
        1.9,
        'ha',
      ),
    ],
    barriers: [
      barrier(
        'financing',
        t(
          'Geen sluitende businesscase voor de hub-exploitant bij lage bezetting.',
          'No viable business case for the hub operator at low occupancy.',
        ),
      ),
      barrier(
        'standards-data-formats',
        t(
          'Aanbieders leverden gebruiksdata in eigen formats tot CDS-M verplicht werd.',
          'Providers delivered usage data in their own formats until CDS-M became mandatory.',
        ),
      ),
    ],
  },
  {
    key: 'dh-crowd-monitoring',
    org: 'gemeente-den-haag',
    created: '2020-06-22T10:00:00Z',
    updated: '2023-05-08T11:30:00Z',
    version: 2,
    title: t(
      'Privacyvriendelijke crowdmonitoring op de boulevard van Scheveningen',
      'Privacy-friendly crowd monitoring on the Scheveningen boulevard',
    ),
    summary: t(
      'Op 14 punten langs 3 kilometer boulevard tellen 3D-sensoren voorbijgangers; het tellen gebeurt in de sensor en er verlaten geen beelden het apparaat. Handhaving, politie en evenementenorganisatoren sturen op warme dagen en bij evenementen de drukte bij. De drukte-indicator is ook openbaar. Het systeem verving in 2021 de telling met wifi-signalen.',
      'At 14 points along 3 kilometres of boulevard, 3D sensors count passers-by; counting happens inside the sensor and no images leave the device. Enforcement officers, police and event organisers steer crowds on hot days and at events. The crowd indicator is public too. The system replaced counting with Wi-Fi signals in 2021.',
    ),
    body: t(
      [
        'Tot begin 2021 schatten we de drukte met wifi- en bluetoothsignalen van telefoons. Na de boete van de Autoriteit Persoonsgegevens voor wifitracking in een andere binnenstad (2021) hebben we dat gestopt: ook gehashte MAC-adressen zijn persoonsgegevens.',
        'De nieuwe sensoren tellen alleen richting en aantal per minuut. Vooraf is een DPIA gedaan, de bewaartermijn voor de tellingen is 13 maanden, en elke sensor heeft een bordje met doel en QR-code naar het sensorregister.',
        'Wat misging: de zeelucht tastte de behuizing aan; 3 van de 14 sensoren vielen binnen een jaar uit. Bij zon laag boven zee telden twee sensoren schaduwen mee (tot 18% te hoog). De leverancier heeft de behuizing vervangen en de software voor tegenlicht aangepast. Versie 2 voegt de resultaten van de zomers 2021 en 2022 toe.',
      ],
      [
        'Until early 2021 we estimated crowds using Wi-Fi and Bluetooth signals from phones. After the Dutch Data Protection Authority fined another city for Wi-Fi tracking in its centre (2021), we stopped: even hashed MAC addresses are personal data.',
        'The new sensors count only direction and number per minute. A DPIA was done beforehand, counts are kept for 13 months, and every sensor has a sign with its purpose and a QR code linking to the sensor register.',
        'What went wrong: the sea air corroded the housings; 3 of the 14 sensors failed within a year. With the sun low over the sea, two sensors counted shadows too (up to 18% too high). The supplier replaced the housings and adjusted the software for backlight. Version 2 adds the results of the summers of 2021 and 2022.',
      ],
    ),
    themes: ['safety', 'public-services', 'data-standards', 'digital-infrastructure'],
    tags: ['crowdmanagement', 'drukte', 'privacy by design', 'DPIA', 'sensoren', 'boulevard'],
    places: [place('Boulevard Scheveningen, Den Haag', 'GM0518', [52.109, 4.274])],
    links: [link('https://autoriteitpersoonsgegevens.nl', 'Autoriteit Persoonsgegevens')],
    relations: [rel('partOf', 'dh-scheveningen-lab')],
    status: 'scaled',
    startDate: '2019-05-01',
    partners: [
      partner('Politie Eenheid Den Haag', 'agency', 'gebruiker dashboard'),
      partnerOrg('tno', 'advies privacy by design'),
    ],
    budget: eur('1350000.00'),
    funding: [
      fund('municipal', 'Gemeente Den Haag', '1050000.00'),
      fund('national', 'Ministerie van Justitie en Veiligheid', '300000.00'),
    ],
    outcomes: [
      outcome(
        'social',
        t(
          'Gemiddelde tijd tussen een drukte-alarm en maatregelen ter plaatse.',
          'Average time between a crowd alert and measures on site.',
        ),
        'reactietijd op drukte-alarm',
        4,
        'minuten',
      ),
      outcome(
        'social',
        t(
          'Keren dat de openbare drukte-indicator per zomer werd bekeken.',
          'Times the public crowd indicator was viewed per summer.',
        ),
        'weergaven drukte-indicator per zomer',
        210000,
        'weergaven',
      ),
      outcome(
        'economic',
        t(
          'Minder inzet van handhavers op rustige dagen.',
          'Less deployment of enforcement officers on quiet days.',
        ),
        'bespaarde inzet handhaving',
        1800,
        'uur/jaar',
      ),
    ],
    barriers: [
      barrier(
        'privacy',
        t(
          'Wifitracking bleek in strijd met de AVG; overstap naar telling in de sensor.',
          'Wi-Fi tracking turned out to breach the GDPR; switch to counting inside the sensor.',
        ),
      ),
      barrier(
        'technology',
        t(
          'Zeelucht en tegenlicht: uitval en te hoge tellingen.',
          'Sea air and backlight: failures and counts too high.',
        ),
      ),
    ],
  },
  {
    key: 'dh-smart-waste',
    org: 'gemeente-den-haag',
    created: '2021-11-08T09:15:00Z',
    title: t(
      'Vulgraadsensoren in ondergrondse containers en dynamische inzamelroutes',
      'Fill-level sensors in underground containers and dynamic collection routes',
    ),
    summary: t(
      '5.600 ondergrondse containers voor restafval, papier, glas en plastic hebben een ultrasone vulgraadsensor. Wagens rijden alleen langs containers die meer dan 70% vol zijn; routes worden dagelijks gepland. Het aantal inzamelkilometers daalde met 27%, meldingen over volle containers met 44%.',
      '5,600 underground containers for residual waste, paper, glass and plastic have an ultrasonic fill-level sensor. Trucks only visit containers that are more than 70% full; routes are planned daily. Collection kilometres fell by 27%, reports of full containers by 44%.',
    ),
    body: t(
      [
        'De Haagse Milieu Services (HMS) leegde containers volgens vaste routes, of ze nu vol waren of niet. Sinds 2020 meten sensoren de vulgraad en plant software elke ochtend de routes.',
        'Wat misging: bij papiercontainers bleef karton tegen de sensor plakken, zodat die ‘vol’ meldde terwijl de container halfvol was. We combineren de sensor nu met het gewicht dat de wagen bij het legen registreert, en leren per container de verhouding. Chauffeurs hadden bezwaar tegen elke dag een andere route: ze kenden hun wijk en de bewoners. Nu rijdt iedere chauffeur een vaste basisroute met dagelijkse aanvullingen.',
        'Wat bleef liggen: bij stadsdeelfeesten en warme weekenden lopen containers sneller vol dan het model voorspelt; daarvoor plannen we handmatig extra ritten.',
      ],
      [
        'The Hague Environmental Services (HMS) emptied containers along fixed routes, whether they were full or not. Since 2020 sensors measure fill levels and software plans the routes every morning.',
        'What went wrong: in paper containers cardboard stuck to the sensor, so it reported ‘full’ while the container was half full. We now combine the sensor with the weight the truck records when emptying, and learn the ratio per container. Drivers objected to a different route every day: they knew their district and its residents. Now every driver has a fixed base route with daily additions.',
        'What remains: during district festivals and warm weekends containers fill faster than the model predicts; we plan extra rounds by hand for those.',
      ],
    ),
    themes: ['waste', 'circular-economy', 'digital-infrastructure', 'public-services'],
    tags: [
      'afvalinzameling',
      'ondergrondse containers',
      'vulgraadsensor',
      'routeoptimalisatie',
      'HMS',
    ],
    places: [place('Den Haag', 'GM0518', [52.0705, 4.3007])],
    status: 'scaled',
    startDate: '2020-03-01',
    partners: [partner('Haagse Milieu Services', 'agency', 'inzameling en uitvoering')],
    budget: eur('3400000.00'),
    funding: [fund('municipal', 'Gemeente Den Haag', '3400000.00')],
    outcomes: [
      outcome(
        'ecological',
        t(
          'Minder kilometers van de inzamelwagens.',
          'Fewer kilometres driven by the collection trucks.',
        ),
        'verandering inzamelkilometers',
        -27,
        '%',
      ),
      outcome(
        'ecological',
        t(
          'Vermeden CO2-uitstoot van de wagens per jaar.',
          'Avoided CO2 emissions of the trucks per year.',
        ),
        'vermeden CO2-uitstoot',
        410,
        't CO2/jaar',
      ),
      outcome(
        'social',
        t(
          'Minder meldingen van volle of overvolle containers.',
          'Fewer reports of full or overflowing containers.',
        ),
        'verandering meldingen volle containers',
        -44,
        '%',
      ),
      outcome(
        'economic',
        t('Lagere inzamelkosten per jaar.', 'Lower collection costs per year.'),
        'besparing inzamelkosten',
        610000,
        'EUR/jaar',
      ),
    ],
    barriers: [
      barrier(
        'technology',
        t(
          'Ultrasone sensoren meten fout bij karton; opgelost met weegdata.',
          'Ultrasonic sensors measure wrongly with cardboard; solved with weighing data.',
        ),
      ),
      barrier(
        'organisation',
        t(
          'Chauffeurs wilden vaste routes; nu vaste basisroute met aanvullingen.',
          'Drivers wanted fixed routes; now a fixed base route with additions.',
        ),
      ),
    ],
  },
  {
    key: 'gro-lorawan',
    org: 'gemeente-groningen',
    created: '2019-10-14T10:20:00Z',
    updated: '2024-04-02T09:10:00Z',
    version: 2,
    license: 'CC0-1.0',
    title: t(
      'Open LoRaWAN-netwerk voor de hele gemeente Groningen',
      'An open LoRaWAN network for the whole municipality of Groningen',
    ),
    summary: t(
      '38 gateways op gemeentelijke gebouwen en watertorens dekken 97% van de gemeente, ook de dorpen van het voormalige Haren en Ten Boer. 2.600 sensoren meten grondwaterstanden, bodemvocht in parken, geluid in het uitgaansgebied, de vulgraad van glasbakken en CO2 in scholen. De data is open via de OGC SensorThings API.',
      '38 gateways on municipal buildings and water towers cover 97% of the municipality, including the villages of former Haren and Ten Boer. 2,600 sensors measure groundwater levels, soil moisture in parks, noise in the nightlife area, fill levels of glass banks and CO2 in schools. The data is open through the OGC SensorThings API.',
    ),
    body: t(
      [
        'We bouwden het netwerk op de infrastructuur van The Things Network, samen met de lokale gemeenschap, zodat ook bewoners, scholen en bedrijven het kunnen gebruiken. De gemeente betaalt de gateways en het beheer; gebruik is gratis.',
        'Wat misging: in de binnenstad schermen de dikke muren van grachtenpanden signalen af; sensoren in kelders en binnenplaatsen moesten op de hoogste spreidingsfactor zenden, wat hun batterij snel leeg trok. Twee gateways op het stadhuis raakten in 2020 beschadigd door blikseminslag. Elke sensorleverancier gebruikte een eigen berichtformaat: we onderhouden inmiddels 14 decoders. En na afloop van projecten bleven zo’n 400 sensoren zenden zonder dat iemand de data gebruikte.',
        'Wat we veranderden: vier extra gateways op lage hoogte in de binnenstad, een openbaar sensorregister, de regel ‘wie plaatst, die beheert’, en in inkoopvoorwaarden een eis voor een gedocumenteerd berichtformaat. Versie 2 van dit record voegt de dekkingsmeting van 2023 toe.',
      ],
      [
        'We built the network on The Things Network infrastructure, together with the local community, so that residents, schools and businesses can use it too. The municipality pays for the gateways and their management; use is free.',
        'What went wrong: in the city centre the thick walls of canal houses block signals; sensors in basements and courtyards had to transmit at the highest spreading factor, which drained their batteries quickly. Two gateways on the city hall were damaged by lightning in 2020. Every sensor supplier used its own message format: we now maintain 14 decoders. And after projects ended, some 400 sensors kept transmitting with nobody using their data.',
        'What we changed: four extra gateways at low height in the centre, a public sensor register, the rule ‘who installs it, manages it’, and a requirement for a documented message format in the procurement conditions. Version 2 of this record adds the 2023 coverage measurement.',
      ],
    ),
    themes: [
      'digital-infrastructure',
      'data-standards',
      'climate-adaptation',
      'healthy-urban-development',
    ],
    tags: [
      'LoRaWAN',
      'sensoren',
      'The Things Network',
      'SensorThings API',
      'grondwater',
      'open data',
    ],
    places: [
      place('Groningen', 'GM0014', [53.2194, 6.5665]),
      place('Haren', 'GM0014', [53.173, 6.605]),
      place('Ten Boer', 'GM0014', [53.276, 6.695]),
    ],
    links: [link('https://www.thethingsnetwork.org', 'The Things Network')],
    status: 'scaled',
    startDate: '2019-01-01',
    partners: [
      partner(
        'The Things Network Groningen',
        'citizen-initiative',
        'gemeenschap en beheer gateways',
      ),
      partner(
        'Hanzehogeschool Groningen',
        'knowledge-institution',
        'sensorprojecten met studenten',
      ),
      partner('Rijksuniversiteit Groningen', 'knowledge-institution', 'onderzoek'),
      partnerOrg('tno', 'meting dekking en batterijduur'),
    ],
    budget: eur('1900000.00'),
    funding: [
      fund('municipal', 'Gemeente Groningen', '1100000.00'),
      fund('eu', 'EFRO Noord-Nederland', '400000.00'),
      fund('provincial', 'Provincie Groningen', '300000.00'),
    ],
    outcomes: [
      outcome(
        'social',
        t(
          'Deel van het grondgebied met LoRaWAN-dekking (meting 2023).',
          'Share of the territory with LoRaWAN coverage (2023 measurement).',
        ),
        'dekking grondgebied',
        97,
        '%',
      ),
      outcome(
        'economic',
        t(
          'Besparing op mobiele abonnementen van sensoren die eerder via GSM zonden.',
          'Savings on mobile subscriptions of sensors that previously transmitted via GSM.',
        ),
        'besparing abonnementen',
        140000,
        'EUR/jaar',
      ),
      outcome(
        'ecological',
        t(
          'Minder ritten om glasbakken te legen dankzij vulgraadsensoren.',
          'Fewer trips to empty glass banks thanks to fill-level sensors.',
        ),
        'verandering ledigingsritten glasbakken',
        -31,
        '%',
      ),
    ],
    barriers: [
      barrier(
        'technology',
        t(
          'Slechte dekking tussen grachtenpanden; blikseminslag op gateways.',
          'Poor coverage between canal houses; lightning damage to gateways.',
        ),
      ),
      barrier(
        'standards-data-formats',
        t(
          '14 verschillende berichtformaten van leveranciers.',
          '14 different message formats from suppliers.',
        ),
      ),
      barrier(
        'organisation',
        t(
          'Zo’n 400 sensoren zonder eigenaar na afloop van projecten.',
          'Some 400 sensors without an owner after projects ended.',
        ),
      ),
    ],
  },
  {
    key: 'gro-data-academy',
    org: 'gemeente-groningen',
    created: '2023-02-13T08:30:00Z',
    title: t(
      'Data-academie: datavaardigheden voor medewerkers en wijkbewoners',
      'Data academy: data skills for staff and residents',
    ),
    summary: t(
      'Een leerlijn in vijf niveaus voor medewerkers, van ‘data lezen’ tot ‘zelf analyseren’, en datacafés in de wijk waar bewoners leren de sensordata over hun eigen straat te lezen. 1.150 medewerkers volgden minstens de basismodule; 430 bewoners kwamen naar een datacafé.',
      'A learning path in five levels for staff, from ‘reading data’ to ‘analysing it yourself’, and data cafés in the neighbourhoods where residents learn to read the sensor data about their own street. 1,150 staff completed at least the basic module; 430 residents attended a data café.',
    ),
    body: t(
      [
        'Met het LoRaWAN-netwerk kwam veel meer data beschikbaar dan collega’s konden gebruiken. De Data-academie begon in 2021 met e-learning, samen met de Hanzehogeschool en het mbo Noorderpoort.',
        'Wat misging: leidinggevenden gaven geen tijd, en maar 38% maakte de e-learning af. Sinds 2022 werken we met de wekelijkse ‘datadinsdag’: in kleine groepen aan een echte vraag van de eigen afdeling. Dat verhoogde de afronding naar 81%.',
        'De eerste datacafés trokken vooral hoogopgeleide mannen. Door ze te houden in de bibliotheek van het Forum en in buurthuizen, met buurtwerkers als gastheer, is de groep deelnemers veel gemengder geworden.',
      ],
      [
        'The LoRaWAN network made far more data available than colleagues could use. The Data academy started in 2021 with e-learning, together with Hanze University of Applied Sciences and the vocational college Noorderpoort.',
        'What went wrong: managers did not give people time, and only 38% finished the e-learning. Since 2022 we work with the weekly ‘data Tuesday’: small groups working on a real question from their own department. That raised completion to 81%.',
        'The first data cafés mainly attracted highly educated men. By holding them in the library of the Forum and in community centres, hosted by community workers, the group of participants has become much more mixed.',
      ],
    ),
    themes: ['skills', 'data-standards', 'governance-participation', 'economy-jobs'],
    tags: ['datageletterdheid', 'opleiding', 'datacafé', 'bibliotheek', 'ambtenaren'],
    places: [place('Groningen', 'GM0014', [53.2194, 6.5665])],
    status: 'scaled',
    startDate: '2021-09-01',
    partners: [
      partner('Hanzehogeschool Groningen', 'knowledge-institution', 'lesmateriaal'),
      partner('Noorderpoort', 'knowledge-institution', 'mbo-modules'),
      partner('Forum Groningen', 'company', 'locatie datacafés'),
    ],
    budget: eur('640000.00'),
    funding: [
      fund('municipal', 'Gemeente Groningen', '520000.00'),
      fund('national', 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties', '120000.00'),
    ],
    outcomes: [
      outcome(
        'social',
        t(
          'Medewerkers die minstens de basismodule volgden.',
          'Staff who completed at least the basic module.',
        ),
        'opgeleide medewerkers',
        1150,
        'medewerkers',
      ),
      outcome(
        'social',
        t('Bewoners die een datacafé bezochten.', 'Residents who attended a data café.'),
        'deelnemers datacafés',
        430,
        'bewoners',
      ),
      outcome(
        'economic',
        t(
          'Afronding van modules na de overstap naar werken in groepen.',
          'Module completion after switching to working in groups.',
        ),
        'afronding modules',
        81,
        '%',
      ),
    ],
    barriers: [
      barrier(
        'organisation',
        t('Leidinggevenden gaven geen tijd voor leren.', 'Managers gave no time for learning.'),
      ),
      barrier(
        'collaboration-skills',
        t(
          'Datacafés bereikten eerst alleen een smalle groep bewoners.',
          'Data cafés at first reached only a narrow group of residents.',
        ),
      ),
    ],
  },
  {
    key: 'zwolle-cool-routes',
    org: 'gemeente-zwolle',
    created: '2020-08-24T09:00:00Z',
    updated: '2024-06-10T14:00:00Z',
    version: 2,
    title: t(
      'Hittestresskaart en koele routes voor ouderen',
      'Heat-stress map and cool routes for older residents',
    ),
    summary: t(
      'Met gemeten temperaturen en de hittekaarten van de Klimaateffectatlas bracht Zwolle de gevoelstemperatuur per straat in kaart en wees koele routes aan: looproutes van verpleeghuizen en seniorenflats naar winkels, met om de 150 meter schaduw, een bank en bij knelpunten een watertappunt. Negen routes, 41 nieuwe bomen, 23 banken en 6 tappunten.',
      'Using measured temperatures and the heat maps of the Climate Impact Atlas, Zwolle mapped the perceived temperature per street and designated cool routes: walking routes from care homes and senior flats to shops, with shade, a bench every 150 metres and a water tap at bottlenecks. Nine routes, 41 new trees, 23 benches and 6 taps.',
    ),
    body: t(
      [
        'Ouderen lopen het grootste risico bij hitte. De GGD IJsselland vroeg ons in 2019 om een hitteplan dat verder gaat dan waarschuwen. Studenten van Hogeschool Windesheim deden meetwandelingen en ouderen wezen in werksessies hun ‘hete plekken’ aan.',
        'Wat misging: de landelijke hittekaart overschatte de schaduw van jonge bomen en miste de hete plekken bij bushaltes en op pleinen met veel steen. Pas met de fietsmetingen van de TU Delft in juli 2022 konden we de knelpunten goed onderbouwen. Vijf van de 41 bomen stierven in de droge zomer van 2022 omdat het water geven niet geregeld was.',
        'Versie 2 van dit record voegt de evaluatie van 2023 toe en de kaart met knelpunten als bijlage.',
      ],
      [
        'Older people are most at risk during heat. In 2019 the regional public health service GGD IJsselland asked us for a heat plan that goes further than warnings. Students of Windesheim University of Applied Sciences did measurement walks, and older residents pointed out their ‘hot spots’ in workshops.',
        'What went wrong: the national heat map overestimated the shade of young trees and missed the hot spots at bus stops and on paved squares. Only with TU Delft’s bicycle measurements of July 2022 could we substantiate the bottlenecks properly. Five of the 41 trees died in the dry summer of 2022 because watering had not been arranged.',
        'Version 2 of this record adds the 2023 evaluation and the map of bottlenecks as an attachment.',
      ],
    ),
    themes: [
      'climate-adaptation',
      'healthy-urban-development',
      'health-care',
      'green-biodiversity',
      'governance-participation',
    ],
    tags: ['hittestress', 'koele routes', 'gevoelstemperatuur', 'PET', 'ouderen', 'hitteplan'],
    places: [
      place('Zwolle', 'GM0193', [52.5168, 6.083]),
      place('Holtenbroek, Zwolle', 'GM0193', [52.527, 6.096]),
      place('Zwolle-Zuid', 'GM0193', [52.496, 6.109]),
    ],
    links: [
      link('https://www.klimaateffectatlas.nl', 'Klimaateffectatlas'),
      link('https://www.klimaatadaptatienederland.nl', 'Kennisportaal Klimaatadaptatie'),
    ],
    attachments: ['hittestress-knelpunten-zwolle.geojson'],
    status: 'scaled',
    startDate: '2020-05-01',
    endDate: '2024-04-30',
    partners: [
      partner('GGD IJsselland', 'agency', 'hitteplan en gezondheid'),
      partner('Hogeschool Windesheim', 'knowledge-institution', 'meetwandelingen'),
      partnerOrg('tu-delft', 'hittemetingen per fiets'),
      partner('Waterschap Drents Overijsselse Delta', 'water-board', 'water en groen'),
    ],
    budget: eur('850000.00'),
    funding: [
      fund('municipal', 'Gemeente Zwolle', '520000.00'),
      fund('national', 'Impulsregeling Klimaatadaptatie', '180000.00'),
      fund('provincial', 'Provincie Overijssel', '150000.00'),
    ],
    outcomes: [
      outcome(
        'ecological',
        t(
          'Gevoelstemperatuur (PET) op de knelpunten van de routes op een hete middag tot 6 °C lager.',
          'Perceived temperature (PET) at the route bottlenecks up to 6 °C lower on a hot afternoon.',
        ),
        'verandering gevoelstemperatuur op knelpunten',
        -6,
        '°C',
      ),
      outcome(
        'social',
        t(
          'Ondervraagde ouderen langs de routes die ze bij warm weer wekelijks gebruiken.',
          'Surveyed older residents along the routes who use them weekly in warm weather.',
        ),
        'wekelijkse gebruikers onder ouderen',
        62,
        '%',
      ),
      outcome(
        'ecological',
        t(
          'Nieuwe bomen langs de routes (5 vervangen na 2022).',
          'New trees along the routes (5 replaced after 2022).',
        ),
        'nieuwe bomen',
        41,
        'bomen',
      ),
    ],
    barriers: [
      barrier(
        'standards-data-formats',
        t(
          'Landelijke hittekaart te grof voor bushaltes en pleinen.',
          'National heat map too coarse for bus stops and squares.',
        ),
      ),
      barrier(
        'financing',
        t(
          'Geen budget voor water geven in de eerste drie jaar na planten.',
          'No budget for watering in the first three years after planting.',
        ),
      ),
    ],
  },
  {
    key: 'zonnedijk-neighbourhood-battery',
    org: 'energiecooperatie-zonnedijk',
    created: '2022-09-05T19:00:00Z',
    updated: '2025-10-14T20:30:00Z',
    version: 2,
    title: t(
      'Buurtbatterij en energiedelen in Stadshagen',
      'Neighbourhood battery and energy sharing in Stadshagen',
    ),
    summary: t(
      'Een buurtbatterij van 500 kWh / 250 kW naast het transformatorstation, geladen met de 1.900 panelen op de daken van twee scholen en een sporthal en met overschotten van 84 huishoudens. De batterij vangt de middagpiek op en levert ’s avonds aan de buurt. Pilot tot eind 2025, daarna energiedelen onder de Energiewet.',
      'A 500 kWh / 250 kW neighbourhood battery next to the transformer station, charged by the 1,900 panels on the roofs of two schools and a sports hall and by the surpluses of 84 households. The battery absorbs the midday peak and supplies the neighbourhood in the evening. Pilot until the end of 2025, then energy sharing under the Energy Act.',
    ),
    body: t(
      [
        'In Stadshagen liggen veel zonnepanelen, maar op zonnige middagen schakelden omvormers uit omdat de spanning op het net te hoog werd. Enexis kon het net niet op korte termijn verzwaren. Een buurtbatterij leek de oplossing.',
        'Wat tegenzat: energie delen tussen huishoudens mocht onder de oude Elektriciteitswet niet; we werkten met een constructie via één leverancier tot de Energiewet per 2026 energiedelen mogelijk maakt. Over opgeslagen stroom werd dubbel energiebelasting betaald. De brandweer eiste volgens de richtlijn PGS 37-1 meer afstand tot de woningen, waardoor de batterij 20 meter moest verhuizen; dat kostte € 38.000 extra. En de netaansluiting kwam pas na 14 maanden op de wachtlijst.',
        'Versie 2 van dit record voegt de meetgegevens van 2024 en de plannen voor energiedelen vanaf 2026 toe.',
      ],
      [
        'Stadshagen has many solar panels, but on sunny afternoons inverters switched off because the voltage on the grid rose too high. Enexis could not reinforce the grid in the short term. A neighbourhood battery seemed the solution.',
        'What held us back: sharing energy between households was not allowed under the old Electricity Act; we worked with a construction through one supplier until the Energy Act makes energy sharing possible from 2026. Energy tax was paid twice on stored power. Following the PGS 37-1 guideline, the fire service required more distance to the homes, so the battery had to move 20 metres; that cost € 38,000 extra. And the grid connection came only after 14 months on the waiting list.',
        'Version 2 of this record adds the 2024 measurements and the plans for energy sharing from 2026.',
      ],
    ),
    themes: ['energy-climate', 'governance-participation', 'economy-jobs'],
    tags: [
      'buurtbatterij',
      'energiedelen',
      'postcoderoos',
      'netcongestie',
      'Energiewet',
      'coöperatie',
    ],
    places: [place('Stadshagen, Zwolle', 'GM0193', [52.532, 6.05])],
    links: [link('https://www.hieropgewekt.nl', 'HIER opgewekt')],
    status: 'pilot',
    startDate: '2022-06-01',
    endDate: '2025-12-31',
    partners: [
      partnerOrg('gemeente-zwolle', 'grond en cofinanciering'),
      partner('Enexis Netbeheer', 'company', 'netbeheerder'),
      partner('Provincie Overijssel', 'province', 'subsidie'),
      partner('Hogeschool Windesheim', 'knowledge-institution', 'monitoring'),
    ],
    budget: eur('780000.00'),
    funding: [
      fund('private', 'Ledenobligaties Zonnedijk', '260000.00'),
      fund('provincial', 'Provincie Overijssel', '250000.00'),
      fund('municipal', 'Gemeente Zwolle', '120000.00'),
      fund('national', 'RVO (HER+)', '110000.00'),
    ],
    outcomes: [
      outcome(
        'ecological',
        t(
          'Deel van de zonnestroom van de coöperatie dat in de buurt wordt gebruikt.',
          'Share of the cooperative’s solar power used in the neighbourhood.',
        ),
        'lokaal gebruik zonnestroom',
        71,
        '%',
      ),
      outcome(
        'economic',
        t('Lagere middagpiek op de transformator.', 'Lower midday peak on the transformer.'),
        'verandering piek transformator',
        -34,
        '%',
      ),
      outcome(
        'social',
        t(
          'Leden van de coöperatie (was 640 bij de start).',
          'Members of the cooperative (640 at the start).',
        ),
        'leden',
        812,
        'leden',
      ),
      outcome(
        'economic',
        t(
          'Gemiddelde besparing per deelnemend huishouden.',
          'Average saving per participating household.',
        ),
        'besparing per huishouden',
        96,
        'EUR/jaar',
      ),
    ],
    barriers: [
      barrier(
        'regulation',
        t(
          'Energiedelen niet toegestaan onder de Elektriciteitswet 1998; dubbele energiebelasting op opslag.',
          'Energy sharing not allowed under the 1998 Electricity Act; double energy tax on storage.',
        ),
      ),
      barrier(
        'technology',
        t(
          'Netcongestie: 14 maanden wachten op de aansluiting.',
          'Grid congestion: 14 months of waiting for the connection.',
        ),
      ),
      barrier(
        'financing',
        t(
          'Extra kosten voor brandveiligheid (€ 38.000) niet begroot.',
          'Extra cost for fire safety (€ 38,000) not budgeted.',
        ),
      ),
    ],
  },
  {
    key: 'straatwerk-open-sensor-node',
    org: 'straatwerk-iot',
    created: '2021-03-15T10:00:00Z',
    updated: '2024-11-18T16:00:00Z',
    version: 2,
    title: t(
      'Open sensorknooppunt voor bestaande lichtmasten (retrofit)',
      'Open sensor node for existing lamp posts (retrofit)',
    ),
    summary: t(
      'Een knooppunt dat op de standaard Zhaga-aansluiting van armaturen past en TALQ-verlichtingssturing combineert met een LoRaWAN-radio en plaats voor sensoren voor luchtkwaliteit, geluid en tellingen. Het past op bestaande masten, zodat die niet vervangen hoeven te worden: 11.800 knooppunten in 14 gemeenten.',
      'A node that fits the standard Zhaga socket of luminaires and combines TALQ lighting control with a LoRaWAN radio and room for air-quality, noise and counting sensors. It fits existing masts, so they need not be replaced: 11,800 nodes in 14 municipalities.',
    ),
    body: t(
      [
        'Gemeenten vervangen lichtmasten vaak eerder dan nodig om er ‘slimme’ verlichting op te krijgen. Ons knooppunt werkt met de bestaande mast en, na ombouw met een nieuwe LED-module, met de bestaande armatuurbehuizing. Dat scheelt gemiddeld 9,5 kg materiaal per lichtpunt.',
        'De data is van de gemeente: het knooppunt stuurt via een open API naar het platform dat de gemeente kiest, en de TALQ-sturing werkt met elk gecertificeerd beheersysteem.',
        'Wat misging: er bleken in de praktijk drie varianten van de Zhaga-aansluiting in omloop, en bij 6% van de eerste serie drong water binnen. De TALQ-certificering duurde 14 maanden in plaats van de verwachte vier. En veel gemeenten besteden verlichting en sensoren apart aan, waardoor een gecombineerd knooppunt in geen van beide bestekken past.',
      ],
      [
        'Municipalities often replace lamp posts earlier than needed to get ‘smart’ lighting on them. Our node works with the existing mast and, after retrofitting a new LED module, with the existing luminaire housing. That saves 9.5 kg of material per light point on average.',
        'The data belongs to the municipality: the node sends through an open API to the platform the municipality chooses, and the TALQ control works with any certified management system.',
        'What went wrong: in practice three variants of the Zhaga socket turned out to be in use, and water got into 6% of the first series. TALQ certification took 14 months instead of the expected four. And many municipalities procure lighting and sensors separately, so a combined node fits neither tender.',
      ],
    ),
    themes: [
      'digital-infrastructure',
      'data-standards',
      'circular-economy',
      'energy-climate',
      'economy-jobs',
    ],
    tags: ['Zhaga', 'TALQ', 'LoRaWAN', 'retrofit', 'lichtmast', 'open API'],
    places: [
      place('Eindhoven', 'GM0772', EINDHOVEN),
      place('Helmond', 'GM0794', [51.4793, 5.657]),
      place('Zwolle', 'GM0193', [52.5168, 6.083]),
    ],
    links: [TALQ, link('https://www.thethingsnetwork.org', 'The Things Network')],
    relations: [rel('partOf', 'pnb-smart-public-space')],
    status: 'scaled',
    startDate: '2020-01-01',
    partners: [
      partnerOrg('gemeente-eindhoven', 'eerste afnemer'),
      partnerOrg('gemeente-zwolle', 'afnemer'),
      partnerOrg('tno', 'test radio- en batterijprestaties'),
    ],
    budget: eur('2100000.00'),
    funding: [
      fund('private', 'Straatwerk IoT', '1450000.00'),
      fund('national', 'RVO (MIT-regeling)', '450000.00'),
      fund('provincial', 'Provincie Noord-Brabant', '200000.00'),
    ],
    outcomes: [
      outcome(
        'economic',
        t('Geïnstalleerde knooppunten, in 14 gemeenten.', 'Installed nodes, in 14 municipalities.'),
        'geïnstalleerde knooppunten',
        11800,
        'knooppunten',
      ),
      outcome(
        'ecological',
        t(
          'Bespaard materiaal per lichtpunt ten opzichte van een nieuw armatuur met mast.',
          'Material saved per light point compared with a new luminaire and mast.',
        ),
        'bespaard materiaal per lichtpunt',
        9.5,
        'kg',
      ),
      outcome(
        'economic',
        t(
          'Werkgelegenheid in de regio bij Straatwerk en toeleveranciers.',
          'Jobs in the region at Straatwerk and suppliers.',
        ),
        'werkgelegenheid',
        18,
        'fte',
      ),
    ],
    barriers: [
      barrier(
        'standards-data-formats',
        t(
          'Drie varianten van de Zhaga-aansluiting in de praktijk.',
          'Three variants of the Zhaga socket in practice.',
        ),
      ),
      barrier(
        'procurement',
        t(
          'Verlichting en sensoren worden apart aanbesteed; een gecombineerd product past in geen van beide.',
          'Lighting and sensors are procured separately; a combined product fits neither.',
        ),
      ),
      barrier(
        'technology',
        t(
          'Waterindringing bij 6% van de eerste serie.',
          'Water ingress in 6% of the first series.',
        ),
      ),
    ],
  },
]
