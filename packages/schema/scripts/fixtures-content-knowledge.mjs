// Fixture content: lessons learned and research findings. Figures, researchers, ORCID iDs
// and DOIs are illustrative: the iDs lie in a block ORCID never issued, the DOIs use the
// Crossref test prefix 10.5555, and data-set pages use the reserved .example domain.

import { barrier, link, orcid, place, rel, t } from './fixtures-lib.mjs'

const DATA = 'https://data.polder-demo.example'

export const LESSONS = [
  {
    key: 'ehv-lighting-lesson',
    org: 'gemeente-eindhoven',
    created: '2022-06-20T13:00:00Z',
    title: t(
      'Een open standaard in het bestek is niet genoeg: test de uitwisselbaarheid zelf',
      'An open standard in the tender is not enough: test interoperability yourself',
    ),
    summary: t(
      'Wat Eindhoven leerde van zes jaar slimme verlichting: eis certificaten voor de exacte versie van TALQ, test vóór de gunning met echte masten, en houd beheersysteem en armaturen gescheiden.',
      'What Eindhoven learned from six years of smart lighting: require certificates for the exact TALQ version, test with real masts before the award, and keep the management system and luminaires separate.',
    ),
    themes: ['digital-infrastructure', 'data-standards', 'energy-climate'],
    tags: ['TALQ', 'aanbesteding', 'interoperabiliteit', 'openbare verlichting'],
    places: [place('Eindhoven', 'GM0772', [51.4416, 5.4697])],
    relations: [
      rel('lessonOf', 'ehv-adaptive-lighting'),
      rel('lessonOf', 'ehv-strijp-lighting-pilot'),
    ],
    worked: t(
      [
        'Het beheersysteem apart aanbesteden van de armaturen. Toen een controllerleverancier in 2022 zijn prijzen met 40% verhoogde, zijn we voor de volgende wijken overgestapt zonder iets aan het beheersysteem te veranderen.',
        'Dimprofielen per wijk laten kiezen door bewoners. Er kwamen minder klachten dan bij de pilot, en het natuurprofiel kreeg steun van de ecologen van de provincie.',
      ],
      [
        'Procuring the management system separately from the luminaires. When a controller supplier raised its prices by 40% in 2022, we switched for the next districts without changing anything in the management system.',
        'Letting residents choose dimming profiles per neighbourhood. There were fewer complaints than in the pilot, and the nature profile won support from the province’s ecologists.',
      ],
    ),
    didNotWork: t(
      [
        '‘Compliant’ is geen certificaat. Twee leveranciers noemden zich TALQ-compliant, maar waren gecertificeerd voor een oudere versie dan ons beheersysteem sprak. Dat merkten we pas bij de eerste 400 masten.',
        'Bewegingssensoren in straten met bomen: wuivende takken schakelden het licht de hele nacht aan en uit.',
      ],
      [
        '‘Compliant’ is not a certificate. Two suppliers called themselves TALQ-compliant, but were certified for an older version than our management system spoke. We only noticed with the first 400 masts.',
        'Motion sensors in tree-lined streets: waving branches switched the light on and off all night.',
      ],
    ),
    barriers: [
      barrier(
        'standards-data-formats',
        t(
          'Versieverschillen binnen één open standaard.',
          'Version differences within one open standard.',
        ),
      ),
      barrier(
        'procurement',
        t(
          'Een kort geding vertraagde de gunning zeven maanden; een goed gedocumenteerde interoperabiliteitstest had de bezwaren vermoedelijk voorkomen.',
          'Summary proceedings delayed the award by seven months; a well-documented interoperability test would probably have prevented the objections.',
        ),
      ),
    ],
    recommendations: t(
      [
        'Vraag in het bestek om een certificaat voor de exacte TALQ-versie van je beheersysteem, niet om ‘compliance’.',
        'Laat inschrijvers drie maanden lang 50 masten in een echte straat aansturen vóór de gunning, en leg de testprocedure vooraf vast.',
        'Begroot firmwarebeheer als vaste taak; controllers zijn computers die updates nodig hebben.',
        'Publiceer verbruik per mast als open data: het maakt fouten snel zichtbaar, ook voor bewoners.',
      ],
      [
        'In the tender, ask for a certificate for the exact TALQ version of your management system, not for ‘compliance’.',
        'Have bidders control 50 masts in a real street for three months before the award, and fix the test procedure in advance.',
        'Budget firmware management as a permanent task; controllers are computers that need updates.',
        'Publish consumption per mast as open data: it makes faults visible quickly, also to residents.',
      ],
    ),
  },
  {
    key: 'rtm-rain-barrel-lesson',
    org: 'gemeente-rotterdam',
    created: '2023-11-27T10:30:00Z',
    title: t(
      'Slimme regentonnen: de techniek werkt, beheer en bewoners bepalen het resultaat',
      'Smart rain barrels: the technology works, maintenance and residents decide the result',
    ),
    summary: t(
      'Na twee jaar pilot in Delfshaven: een slimme ton vangt alleen water op als hij op tijd leeg is, en dat hangt meer af van batterijen, blad en vertrouwen van bewoners dan van de weersverwachting.',
      'After a two-year pilot in Delfshaven: a smart barrel only catches water if it is empty in time, and that depends more on batteries, leaves and residents’ trust than on the weather forecast.',
    ),
    themes: ['climate-adaptation', 'governance-participation', 'digital-infrastructure'],
    tags: ['regenton', 'waterberging', 'beheer', 'bewoners'],
    places: [place('Spangen, Rotterdam', 'GM0599', [51.9187, 4.435])],
    relations: [
      rel('lessonOf', 'rtm-smart-rain-barrels'),
      rel('lessonOf', 'rtm-weatherwise-delfshaven'),
    ],
    worked: t(
      'De koppeling met de neerslagverwachting was betrouwbaar genoeg: bij 19 van de 21 zware buien kwam het openen-signaal op tijd. Bewoners die een bericht kregen en zelf mochten weigeren, lieten de klep vaker open.',
      'The link with the precipitation forecast was reliable enough: for 19 of the 21 heavy storms the open signal came in time. Residents who received a message and were allowed to refuse left the valve open more often.',
    ),
    didNotWork: t(
      'NB-IoT-modules op batterijen; kleppen zonder bladfilter; volledig leeglopen tijdens een droogteperiode. Niemand had onderhoud bij particulieren in zijn takenpakket.',
      'Battery-powered NB-IoT modules; valves without leaf filters; draining completely during a drought. Nobody had maintenance at private homes in their remit.',
    ),
    barriers: [
      barrier(
        'technology',
        t('Batterijduur en verstopte kleppen.', 'Battery life and clogged valves.'),
      ),
      barrier(
        'organisation',
        t(
          'Geen partij verantwoordelijk voor beheer achter de voordeur.',
          'No party responsible for maintenance behind the front door.',
        ),
      ),
      barrier(
        'financing',
        t(
          'Regentonnen vallen niet onder de subsidieregeling voor groene daken en geveltuinen.',
          'Rain barrels do not fall under the subsidy scheme for green roofs and facade gardens.',
        ),
      ),
    ],
    recommendations: t(
      [
        'Kies LoRaWAN of een zonnecel in plaats van NB-IoT op batterijen.',
        'Laat tonnen half leeglopen en laat bewoners weigeren; dat houdt draagvlak in droge tijden.',
        'Regel onderhoud vooraf, bijvoorbeeld via een sociaal werkbedrijf, en tel de ton mee in de subsidieregeling voor klimaatadaptatie.',
      ],
      [
        'Choose LoRaWAN or a solar cell instead of battery-powered NB-IoT.',
        'Let barrels drain halfway and let residents refuse; that keeps support in dry periods.',
        'Arrange maintenance beforehand, for example through a social enterprise, and count the barrel in the climate adaptation subsidy scheme.',
      ],
    ),
  },
  {
    key: 'dh-crowd-lesson',
    org: 'gemeente-den-haag',
    created: '2021-09-14T14:10:00Z',
    title: t(
      'Van wifitracking naar tellen in de sensor: privacy by design kost tijd, maar levert vertrouwen op',
      'From Wi-Fi tracking to counting inside the sensor: privacy by design takes time but builds trust',
    ),
    summary: t(
      'Den Haag stopte met wifitracking op de boulevard en koos voor sensoren die alleen tellen. Het kostte een jaar en € 240.000 extra, maar de gemeenteraad en bewoners steunen het systeem nu.',
      'The Hague stopped Wi-Fi tracking on the boulevard and chose sensors that only count. It cost a year and € 240,000 extra, but the city council and residents now support the system.',
    ),
    themes: ['safety', 'data-standards', 'governance-participation'],
    tags: ['privacy by design', 'DPIA', 'wifitracking', 'crowdmanagement'],
    places: [place('Boulevard Scheveningen, Den Haag', 'GM0518', [52.109, 4.274])],
    relations: [rel('lessonOf', 'dh-crowd-monitoring')],
    worked: t(
      'Een DPIA vóór de aanbesteding, niet erna; de eisen uit de DPIA stonden zo in het bestek. Een bordje op elke sensor met doel, bewaartermijn en QR-code. Een openbare drukte-indicator, zodat bewoners er zelf iets aan hebben.',
      'A DPIA before the tender, not after it; the requirements from the DPIA went straight into the specifications. A sign on every sensor with purpose, retention period and QR code. A public crowd indicator, so that residents benefit themselves.',
    ),
    didNotWork: t(
      'Gehashte MAC-adressen als ‘anonieme’ oplossing: het blijven persoonsgegevens. Sensoren kiezen op basis van een demo binnen: zout en tegenlicht aan zee gaven pas buiten problemen.',
      'Hashed MAC addresses as an ‘anonymous’ solution: they remain personal data. Choosing sensors on the basis of an indoor demo: salt and backlight by the sea only caused problems outdoors.',
    ),
    barriers: [
      barrier(
        'privacy',
        t(
          'Wifitracking niet toegestaan in de openbare ruimte.',
          'Wi-Fi tracking not permitted in public space.',
        ),
      ),
      barrier(
        'regulation',
        t(
          'Onduidelijk welke grondslag geldt voor tellen door de gemeente; uiteindelijk taak van algemeen belang.',
          'Unclear which legal basis applies to counting by the municipality; in the end a task carried out in the public interest.',
        ),
      ),
    ],
    recommendations: t(
      'Begin met de vraag welke beslissing je met de data wilt nemen, en meet niet meer dan daarvoor nodig is. Test sensoren een maand op de echte locatie voordat je koopt.',
      'Start with the question which decision you want to make with the data, and measure no more than that requires. Test sensors for a month at the real location before you buy.',
    ),
  },
  {
    key: 'gro-lorawan-lesson',
    org: 'gemeente-groningen',
    created: '2022-11-21T09:40:00Z',
    title: t(
      'Een sensornetwerk is pas infrastructuur als iemand het beheert',
      'A sensor network is only infrastructure when someone manages it',
    ),
    summary: t(
      'Het LoRaWAN-netwerk was snel aangelegd; het beheer van gateways, decoders en sensoren bleek het eigenlijke werk. Groningen richtte een sensorregister en een beheerteam van 2,5 fte in.',
      'The LoRaWAN network was built quickly; managing gateways, decoders and sensors turned out to be the real work. Groningen set up a sensor register and a management team of 2.5 FTE.',
    ),
    themes: ['digital-infrastructure', 'data-standards'],
    tags: ['LoRaWAN', 'beheer', 'sensorregister', 'decoders'],
    places: [place('Groningen', 'GM0014', [53.2194, 6.5665])],
    relations: [rel('lessonOf', 'gro-lorawan')],
    worked: t(
      'Samenwerken met de Things Network-gemeenschap: vrijwilligers vonden dekkingsgaten sneller dan wij. Open data via een standaard-API: drie bedrijven bouwden er diensten op zonder ons te bellen.',
      'Working with the Things Network community: volunteers found coverage gaps faster than we did. Open data through a standard API: three companies built services on it without calling us.',
    ),
    didNotWork: t(
      'Projecten die sensoren plaatsten zonder afspraak over het einde. Vertrouwen op dekkingskaarten van leveranciers in plaats van metingen.',
      'Projects that installed sensors without an agreement about the end. Relying on suppliers’ coverage maps instead of measurements.',
    ),
    barriers: [
      barrier(
        'organisation',
        t(
          'Beheer was geen taak van een afdeling; nu een team van 2,5 fte.',
          'Management was no department’s task; now a team of 2.5 FTE.',
        ),
      ),
      barrier(
        'standards-data-formats',
        t('Elke leverancier een eigen berichtformaat.', 'Every supplier its own message format.'),
      ),
    ],
    recommendations: t(
      [
        'Houd vanaf de eerste sensor een openbaar register bij: wie, wat, waar, tot wanneer.',
        'Eis een gedocumenteerd berichtformaat en de decoder als open source bij inkoop.',
        'Meet de dekking zelf, op de hoogte waar sensoren komen te hangen.',
      ],
      [
        'Keep a public register from the first sensor: who, what, where, until when.',
        'Require a documented message format and the decoder as open source in procurement.',
        'Measure coverage yourself, at the height where sensors will hang.',
      ],
    ),
  },
  {
    key: 'utr-hubs-lesson',
    org: 'gemeente-utrecht',
    created: '2024-03-11T15:20:00Z',
    title: t(
      'Mobiliteitshubs: open de hub vóór de eerste bewoners komen',
      'Mobility hubs: open the hub before the first residents arrive',
    ),
    summary: t(
      'Mobiliteitsgedrag ligt vast in de eerste maanden na een verhuizing. Een hub die later opent, concurreert met auto’s die al gekocht zijn.',
      'Travel habits are set in the first months after a move. A hub that opens later competes with cars that have already been bought.',
    ),
    themes: ['mobility', 'housing'],
    tags: ['mobiliteitshub', 'gedrag', 'verhuizing', 'deelmobiliteit'],
    places: [place('Leidsche Rijn, Utrecht', 'GM0344', [52.0885, 5.0608])],
    relations: [
      rel('lessonOf', 'utr-mobility-hubs'),
      rel('lessonOf', 'utr-city-deal-shared-mobility'),
    ],
    worked: t(
      'Een welkomstpakket met drie maanden gratis deelmobiliteit voor nieuwe bewoners: 58% gebruikte het, en een derde bleef daarna betalend klant.',
      'A welcome package with three months of free shared mobility for new residents: 58% used it, and a third remained paying customers afterwards.',
    ),
    didNotWork: t(
      'Eén exploitant per hub zonder bijdrage van de gemeente in de opstartfase. Data-afspraken pas maken nadat aanbieders al reden.',
      'One operator per hub without a municipal contribution in the start-up phase. Making data agreements only after providers were already operating.',
    ),
    barriers: [
      barrier(
        'financing',
        t(
          'Exploitatietekort van gemiddeld € 85.000 per hub per jaar in de eerste twee jaar.',
          'Operating deficit of € 85,000 per hub per year on average in the first two years.',
        ),
      ),
      barrier(
        'collaboration-skills',
        t(
          'Ontwikkelaars, aanbieders en gemeente hadden elk een ander beeld van ‘de hub’.',
          'Developers, providers and the municipality each had a different idea of ‘the hub’.',
        ),
      ),
    ],
    recommendations: t(
      'Open de hub tegelijk met de eerste opgeleverde woningen, geef nieuwe bewoners een proefperiode, en leg het datamodel (CDS-M) vast in de vergunning voordat de eerste aanbieder begint.',
      'Open the hub together with the first homes delivered, give new residents a trial period, and fix the data model (CDS-M) in the permit before the first provider starts.',
    ),
  },
  {
    key: 'zonnedijk-battery-lesson',
    org: 'energiecooperatie-zonnedijk',
    created: '2025-11-03T20:00:00Z',
    title: t(
      'Buurtbatterij: regel brandveiligheid en netaansluiting vóór de financiering',
      'Neighbourhood battery: settle fire safety and grid connection before financing',
    ),
    summary: t(
      'Na drie jaar buurtbatterij in Stadshagen: de techniek was het makkelijke deel. Locatie, brandveiligheid, netaansluiting en regels kostten de meeste tijd en geld. Een samenvatting van de evaluatie is bijgevoegd.',
      'After three years of a neighbourhood battery in Stadshagen: the technology was the easy part. Location, fire safety, grid connection and rules took most of the time and money. A summary of the evaluation is attached.',
    ),
    themes: ['energy-climate', 'governance-participation'],
    tags: ['buurtbatterij', 'brandveiligheid', 'PGS 37-1', 'netcongestie', 'vrijwilligers'],
    places: [place('Stadshagen, Zwolle', 'GM0193', [52.532, 6.05])],
    attachments: ['evaluatie-buurtbatterij-stadshagen-samenvatting.md'],
    relations: [rel('lessonOf', 'zonnedijk-neighbourhood-battery')],
    worked: t(
      'Leden betrekken via obligaties vanaf € 100: binnen drie weken was € 260.000 opgehaald. De gemeente als partner voor de grond en de vergunning.',
      'Involving members through bonds from € 100: € 260,000 was raised within three weeks. The municipality as a partner for the land and the permit.',
    ),
    didNotWork: t(
      'Eerst de financiering rond maken en daarna de locatie: de brandweer keurde de eerste plek af en de subsidie had een einddatum die we bijna niet haalden.',
      'Closing the financing first and choosing the location afterwards: the fire service rejected the first site, and the subsidy had a deadline we almost missed.',
    ),
    barriers: [
      barrier(
        'regulation',
        t('Geen energiedelen vóór de Energiewet.', 'No energy sharing before the Energy Act.'),
      ),
      barrier(
        'collaboration-skills',
        t(
          'Vrijwilligers moesten onderhandelen met netbeheerder, brandweer en leverancier tegelijk.',
          'Volunteers had to negotiate with the grid operator, fire service and supplier at the same time.',
        ),
      ),
    ],
    recommendations: t(
      'Vraag de netaansluiting aan en laat de locatie door de veiligheidsregio toetsen vóór je geld ophaalt. Zoek een tweede coöperatie om ervaring mee te delen; wij helpen graag.',
      'Apply for the grid connection and have the location checked by the safety region before you raise money. Find a second cooperative to share experience with; we are glad to help.',
    ),
  },
  {
    key: 'pnb-procurement-lesson',
    org: 'provincie-noord-brabant',
    created: '2023-06-05T11:00:00Z',
    title: t(
      'Samen aanbesteden met 21 gemeenten: standaardiseer het bestek, niet de ambitie',
      'Joint procurement with 21 municipalities: standardise the tender, not the ambition',
    ),
    summary: t(
      'De raamovereenkomst voor slimme verlichting van de Metropoolregio Eindhoven werkte pas toen gemeenten zelf konden kiezen wat ze afnamen, binnen één gedeelde set technische eisen.',
      'The framework agreement for smart lighting of the Eindhoven Metropolitan Region only worked once municipalities could choose what they bought themselves, within one shared set of technical requirements.',
    ),
    themes: ['digital-infrastructure', 'data-standards', 'economy-jobs'],
    tags: ['gezamenlijk aanbesteden', 'raamovereenkomst', 'regionale samenwerking', 'Regio Deal'],
    places: [{ name: 'Noord-Brabant', country: 'NL', province: 'PV30' }],
    links: [link('https://www.talq-consortium.org', 'TALQ Consortium')],
    relations: [rel('lessonOf', 'pnb-smart-public-space')],
    worked: t(
      'Eén set technische eisen (TALQ 2.x, LoRaWAN, Zhaga, open API) voor alle gemeenten, met per gemeente een eigen afroep. Kleine gemeenten kregen zo dezelfde prijzen als Eindhoven.',
      'One set of technical requirements (TALQ 2.x, LoRaWAN, Zhaga, open API) for all municipalities, with each municipality placing its own call-offs. Small municipalities thus got the same prices as Eindhoven.',
    ),
    didNotWork: t(
      'De eerste poging in 2020 wilde ook één gezamenlijke planning en één dimbeleid. Na een jaar overleg waren 9 van de 21 gemeenten afgehaakt.',
      'The first attempt in 2020 also wanted one joint schedule and one dimming policy. After a year of consultation, 9 of the 21 municipalities had dropped out.',
    ),
    barriers: [
      barrier(
        'procurement',
        t(
          'Verschillende inkoopregels en begrotingscycli per gemeente.',
          'Different procurement rules and budget cycles per municipality.',
        ),
      ),
      barrier(
        'not-invented-here',
        t(
          'Gemeenten wilden hun eigen eisen behouden, ook waar die niets toevoegden.',
          'Municipalities wanted to keep their own requirements, even where these added nothing.',
        ),
      ),
    ],
    recommendations: t(
      'Standaardiseer de techniek en de contractvoorwaarden; laat tempo, dimbeleid en budget aan gemeenten. Betaal een regionale trekker die de afroepen begeleidt.',
      'Standardise the technology and the contract terms; leave pace, dimming policy and budget to the municipalities. Pay a regional lead who guides the call-offs.',
    ),
  },
]

export const FINDINGS = [
  {
    key: 'tud-bike-heat-zwolle',
    org: 'tu-delft',
    created: '2023-04-17T09:00:00Z',
    title: t(
      'Fietsmetingen tonen tot 4,6 °C verschil in luchttemperatuur tussen wijken van Zwolle',
      'Bicycle measurements show up to 4.6 °C difference in air temperature between Zwolle neighbourhoods',
    ),
    summary: t(
      'Op zes hete dagen in juli 2022 reden 14 fietsers met gekalibreerde sensoren vaste routes door Zwolle. ’s Avonds was het in de binnenstad en Holtenbroek tot 4,6 °C warmer dan aan de randen van Stadshagen. De landelijke hittekaart rangschikte 78% van de gebieden goed, maar miste hete plekken bij bushaltes en op pleinen.',
      'On six hot days in July 2022, 14 cyclists with calibrated sensors rode fixed routes through Zwolle. In the evening the city centre and Holtenbroek were up to 4.6 °C warmer than the edges of Stadshagen. The national heat map ranked 78% of the areas correctly, but missed hot spots at bus stops and on squares.',
    ),
    themes: ['climate-adaptation', 'healthy-urban-development', 'data-standards'],
    tags: ['hitte-eiland', 'fietsmetingen', 'luchttemperatuur', 'Zwolle', 'validatie'],
    places: [place('Zwolle', 'GM0193', [52.5168, 6.083])],
    attachments: ['fietsmetingen-zwolle-2022-07.csv'],
    relations: [rel('cites', 'zwolle-cool-routes'), rel('partOf', 'tud-cool-cities')],
    researchers: [
      {
        name: 'Marleen Bosch',
        orcid: orcid('0000-0000-2037-481'),
        affiliation: 'TU Delft, Faculteit Bouwkunde',
      },
      {
        name: 'Jeroen Wijnands',
        orcid: orcid('0000-0000-3154-062'),
        affiliation: 'TU Delft, Faculteit Bouwkunde',
      },
      { name: 'Anouk Dijkstra', affiliation: 'Hogeschool Windesheim' },
    ],
    abstract: t(
      [
        'Stedelijke hittekaarten worden meestal afgeleid uit satellietbeelden en modellen. Of ze de temperatuur op straatniveau in middelgrote steden goed weergeven, is weinig onderzocht. Wij maten op zes dagen met een maximumtemperatuur boven 28 °C in juli 2022 de luchttemperatuur en relatieve vochtigheid langs negen vaste routes door Zwolle (samen 1.140 km), om 15.00 en 22.00 uur, met 14 fietsen met gekalibreerde sensoren (1 Hz) en gps. Metingen zijn gecorrigeerd voor de temperatuurverandering tijdens de rit met een referentiestation.',
        'Om 22.00 uur waren de binnenstad en Holtenbroek gemiddeld tot 4,6 °C warmer dan de parkranden van Stadshagen. Het verschil hing samen met de hemelzichtfactor en het aandeel verharding (R² = 0,71). De gevoelstemperatuurkaart van de Klimaateffectatlas rangschikte 78% van de 250 m-cellen in dezelfde klasse, maar miste kleine hete plekken bij bushaltes en op versteende pleinen. Wij bevelen aan landelijke kaarten lokaal te valideren voordat ze worden gebruikt voor maatregelen op straatniveau.',
      ],
      [
        'Urban heat maps are usually derived from satellite images and models. Whether they represent street-level temperature well in mid-size cities has been little studied. On six days with a maximum temperature above 28 °C in July 2022 we measured air temperature and relative humidity along nine fixed routes through Zwolle (1,140 km in total), at 15:00 and 22:00, with 14 bicycles carrying calibrated sensors (1 Hz) and GPS. Measurements were corrected for the temperature change during the ride using a reference station.',
        'At 22:00 the city centre and Holtenbroek were on average up to 4.6 °C warmer than the park edges of Stadshagen. The difference was associated with sky view factor and the share of paved surface (R² = 0.71). The perceived-temperature map of the Climate Impact Atlas placed 78% of the 250 m cells in the same class, but missed small hot spots at bus stops and on paved squares. We recommend validating national maps locally before using them for street-level measures.',
      ],
    ),
    doi: '10.5555/polder-demo.heat.2023.01',
    published: '2023-03-30',
    datasets: [
      {
        title: t(
          'Fietsmetingen luchttemperatuur en vochtigheid, Zwolle, juli 2022 (per routesegment)',
          'Bicycle measurements of air temperature and humidity, Zwolle, July 2022 (per route segment)',
        ),
        description: t(
          'Gemiddelden per routesegment (12 per route, 250 tot 400 m), per dag en meetmoment, gecorrigeerd met het referentiestation.',
          'Averages per route segment (12 per route, 250 to 400 m), per day and measurement time, corrected with the reference station.',
        ),
        landingPage: `${DATA}/datasets/fietsmetingen-zwolle-2022`,
        file: 'fietsmetingen-zwolle-2022-07.csv',
        license: 'CC-BY-4.0',
      },
    ],
  },
  {
    key: 'tno-lorawan-battery',
    org: 'tno',
    created: '2022-03-28T10:00:00Z',
    title: t(
      'Batterijduur van LoRaWAN-sensoren in een historische binnenstad: de spreidingsfactor bepaalt alles',
      'Battery life of LoRaWAN sensors in a historic city centre: the spreading factor decides everything',
    ),
    summary: t(
      'Veertien maanden metingen aan 212 sensoren in de binnenstad van Groningen: bij 18% van de sensoren dwongen dikke muren de hoogste spreidingsfactor af, met een verwachte batterijduur van 1,3 in plaats van 4,1 jaar. Vier extra gateways op lage hoogte brachten dat aandeel terug tot 5%.',
      'Fourteen months of measurements on 212 sensors in Groningen’s city centre: for 18% of the sensors thick walls forced the highest spreading factor, with an expected battery life of 1.3 instead of 4.1 years. Four extra gateways at low height brought that share down to 5%.',
    ),
    themes: ['digital-infrastructure', 'data-standards'],
    tags: ['LoRaWAN', 'batterijduur', 'spreidingsfactor', 'dekking', 'Groningen'],
    places: [place('Binnenstad, Groningen', 'GM0014', [53.2189, 6.5677])],
    relations: [rel('cites', 'gro-lorawan')],
    researchers: [
      { name: 'Sanne Kuipers', orcid: orcid('0000-0000-4120-773'), affiliation: 'TNO' },
      { name: 'Pieter van Dam', affiliation: 'TNO' },
      { name: 'Lotte Hoekstra', affiliation: 'Hanzehogeschool Groningen' },
    ],
    abstract: t(
      [
        'Gemeenten kiezen LoRaWAN voor sensornetwerken vanwege de lange batterijduur. Die hangt sterk af van de spreidingsfactor (SF) waarmee een sensor moet zenden. Wij registreerden van november 2020 tot januari 2022 de radioparameters (SF, RSSI, SNR, pakketverlies) van 212 sensoren in de binnenstad van Groningen en schatten daaruit de batterijduur.',
        'Sensoren op SF7 tot SF9 haalden een verwachte batterijduur van gemiddeld 4,1 jaar; 18% van de sensoren, vooral in kelders en op binnenplaatsen, zond op SF11 of SF12 en haalde 1,3 jaar. Het pakketverlies was 3,8%. Na plaatsing van vier extra gateways op 8 tot 12 meter hoogte daalde het aandeel SF11-12 naar 5%. Dekkingskaarten van leveranciers overschatten de dekking in de binnenstad systematisch. Wij bevelen aan dekking te plannen op basis van gemeten RSSI op sensorhoogte.',
      ],
      [
        'Municipalities choose LoRaWAN for sensor networks because of the long battery life. That depends strongly on the spreading factor (SF) a sensor has to transmit at. From November 2020 to January 2022 we recorded the radio parameters (SF, RSSI, SNR, packet loss) of 212 sensors in Groningen’s city centre and estimated battery life from them.',
        'Sensors at SF7 to SF9 reached an expected battery life of 4.1 years on average; 18% of the sensors, mainly in basements and courtyards, transmitted at SF11 or SF12 and reached 1.3 years. Packet loss was 3.8%. After four extra gateways were placed at 8 to 12 metres height, the SF11-12 share fell to 5%. Suppliers’ coverage maps systematically overestimated coverage in the centre. We recommend planning coverage on the basis of measured RSSI at sensor height.',
      ],
    ),
    doi: '10.5555/polder-demo.lora.2022.03',
    published: '2022-03-15',
    datasets: [
      {
        title: t(
          'Radioparameters van 212 LoRaWAN-sensoren, binnenstad Groningen, 2020-2022',
          'Radio parameters of 212 LoRaWAN sensors, Groningen city centre, 2020-2022',
        ),
        landingPage: `${DATA}/datasets/lorawan-groningen-2020-2022`,
        downloadUrl: `${DATA}/downloads/lorawan-groningen-2020-2022.csv`,
        mediaType: 'text/csv',
        license: 'CC-BY-4.0',
      },
    ],
  },
  {
    key: 'tud-digital-twin-decisions',
    org: 'tu-delft',
    created: '2024-05-13T08:15:00Z',
    title: t(
      'Wanneer een digitale tweeling besluiten verandert: 46 projecten in Rotterdam onderzocht',
      'When a digital twin changes decisions: 46 projects in Rotterdam examined',
    ),
    summary: t(
      'In 19 van de 46 onderzochte projecten veranderde het ontwerp door de Digitale Tweeling Rotterdam, vooral de bouwhoogte vanwege schaduw en wind. Vroeg gebruik, een ‘tweelingmakelaar’ in het team en vertrouwen in de herkomst van de data maakten het verschil.',
      'In 19 of the 46 projects examined, the design changed because of the Rotterdam Digital Twin, mostly building height because of shade and wind. Early use, a ‘twin broker’ in the team and trust in the provenance of the data made the difference.',
    ),
    themes: ['data-standards', 'governance-participation', 'housing'],
    tags: ['digitale tweeling', 'besluitvorming', 'casestudie', 'Rotterdam'],
    places: [place('Rotterdam', 'GM0599', [51.9225, 4.4792])],
    relations: [rel('cites', 'rtm-digital-twin')],
    researchers: [
      {
        name: 'Lucas Verbeek',
        orcid: orcid('0000-0000-2038-628'),
        affiliation: 'TU Delft, Faculteit Bouwkunde',
      },
      {
        name: 'Fatima El Amrani',
        affiliation: 'TU Delft, Faculteit Techniek, Bestuur en Management',
      },
      { name: 'Erik Jansen', affiliation: 'Gemeente Rotterdam' },
    ],
    abstract: t(
      [
        'Digitale tweelingen van steden beloven betere ruimtelijke besluiten, maar bewijs voor hun effect is schaars. Wij analyseerden 46 ruimtelijke projecten van de gemeente Rotterdam uit 2020-2023 waarin de Digitale Tweeling is gebruikt, en hielden 31 interviews met projectleiders, ontwerpers en bewoners.',
        'In 19 projecten is het ontwerp aantoonbaar veranderd (meestal bouwhoogte of situering vanwege schaduw en windhinder), in 12 projecten diende het model vooral voor communicatie met bewoners, en in 15 projecten was geen effect terug te vinden. Effect hing samen met gebruik in de schetsfase, een teamlid dat model en vraag kon verbinden, en vertrouwen in de herkomst en actualiteit van de data. Onduidelijke kwaliteit van ondergrondse data en licentievoorwaarden van 3D-data van derden remden het gebruik.',
      ],
      [
        'Digital twins of cities promise better spatial decisions, but evidence of their effect is scarce. We analysed 46 spatial projects of the municipality of Rotterdam from 2020-2023 in which the Digital Twin was used, and held 31 interviews with project leaders, designers and residents.',
        'In 19 projects the design demonstrably changed (mostly building height or placement because of shade and wind nuisance), in 12 projects the model served mainly for communication with residents, and in 15 projects no effect could be traced. Effect was associated with use in the sketch phase, a team member who could connect model and question, and trust in the provenance and currency of the data. Unclear quality of underground data and licence terms of third-party 3D data held use back.',
      ],
    ),
    published: '2024-04-22',
    datasets: [
      {
        title: t(
          'Codeboek en geanonimiseerde projectkenmerken van 46 projecten',
          'Codebook and anonymised project characteristics of 46 projects',
        ),
        landingPage: `${DATA}/datasets/digitale-tweeling-rotterdam-projecten`,
        mediaType: 'text/csv',
        license: 'CC-BY-4.0',
      },
    ],
  },
  {
    key: 'tno-grid-impact-charging',
    org: 'tno',
    created: '2023-09-04T12:00:00Z',
    title: t(
      'Slim en bidirectioneel laden halveert netverzwaring in woonwijken, mits laadprofielen gestandaardiseerd zijn',
      'Smart and bidirectional charging halves grid reinforcement in residential areas, provided charging profiles are standardised',
    ),
    summary: t(
      'Simulaties met meetdata van Flexpower in Amsterdam en bidirectioneel laden in Utrecht: in een scenario voor 2030 raken zonder sturing 21 van 38 laagspanningsstrengen overbelast, met vaste laadprofielen 11 en met dynamische sturing en terugleveren 9. Bij 23% van de laadpalen week de uitvoering van het profiel af.',
      'Simulations with measured data from Flexpower in Amsterdam and bidirectional charging in Utrecht: in a 2030 scenario, 21 of 38 low-voltage feeders are overloaded without control, 11 with fixed charging profiles and 9 with dynamic control and feeding back. At 23% of the charge points, the implementation of the profile deviated.',
    ),
    themes: ['energy-climate', 'mobility', 'data-standards'],
    tags: ['slim laden', 'vehicle-to-grid', 'netverzwaring', 'OCPP', 'simulatie'],
    places: [
      place('Amsterdam', 'GM0363', [52.3728, 4.8936]),
      place('Utrecht', 'GM0344', [52.0907, 5.1214]),
    ],
    relations: [rel('cites', 'ams-flexpower'), rel('cites', 'utr-v2g-lombok')],
    researchers: [
      { name: 'Noor Hendriks', orcid: orcid('0000-0000-5237-914'), affiliation: 'TNO' },
      { name: 'Bram de Wit', affiliation: 'TNO' },
      {
        name: 'Yvonne Smit',
        orcid: orcid('0000-0000-6045-330'),
        affiliation: 'Universiteit Utrecht',
      },
    ],
    abstract: t(
      'Wij combineerden laadsessies van 456 Flexpower-laadpalen in Amsterdam en 250 bidirectionele laadpunten in Utrecht (2021-2022) met belastingprofielen van 38 laagspanningsstrengen in beide steden. Voor 2030 gingen we uit van 45% elektrische auto’s. Zonder sturing raken 21 strengen overbelast; met vaste tijdsprofielen zoals Flexpower 11; met dynamische sturing op basis van de actuele belasting plus terugleveren 9. De vermeden netverzwaring schatten wij op € 1,9 tot € 2,6 miljoen per 10.000 woningen. Bij 23% van de laadpalen voerde de firmware het OCPP-laadprofiel anders uit dan bedoeld; zonder standaardisatie en certificering daarvan valt een derde van het effect weg.',
      'We combined charging sessions of 456 Flexpower charge points in Amsterdam and 250 bidirectional charge points in Utrecht (2021-2022) with load profiles of 38 low-voltage feeders in both cities. For 2030 we assumed 45% electric cars. Without control, 21 feeders are overloaded; with fixed time profiles such as Flexpower, 11; with dynamic control based on the actual load plus feeding back, 9. We estimate the avoided grid reinforcement at € 1.9 to € 2.6 million per 10,000 homes. At 23% of the charge points the firmware implemented the OCPP charging profile differently than intended; without standardisation and certification of that, a third of the effect is lost.',
    ),
    doi: '10.5555/polder-demo.ev.2023.08',
    published: '2023-08-28',
    datasets: [
      {
        title: t(
          'Gesimuleerde belasting van 38 laagspanningsstrengen, scenario’s 2030',
          'Simulated load of 38 low-voltage feeders, 2030 scenarios',
        ),
        description: t(
          'Kwartierwaarden per streng en scenario; geaggregeerd, zonder gegevens van individuele laadsessies.',
          'Quarter-hour values per feeder and scenario; aggregated, without data on individual charging sessions.',
        ),
        landingPage: `${DATA}/datasets/netimpact-slim-laden-2030`,
        downloadUrl: `${DATA}/downloads/netimpact-slim-laden-2030.csv`,
        mediaType: 'text/csv',
        license: 'CC-BY-4.0',
      },
    ],
  },
  {
    key: 'tud-sensor-acceptance',
    org: 'tu-delft',
    created: '2025-02-10T10:30:00Z',
    title: t(
      'Inwoners accepteren sensoren in de openbare ruimte als doel en bewaartermijn zichtbaar zijn',
      'Residents accept sensors in public space when purpose and retention are visible',
    ),
    summary: t(
      'Een enquête onder 2.412 inwoners van vijf steden met een vignetexperiment: een bordje met doel, bewaartermijn en een link naar een sensorregister verhoogt de acceptatie met 12 procentpunten. Tellen voor veiligheid wordt door 71% geaccepteerd, camera’s met herkenning door 18%.',
      'A survey of 2,412 residents of five cities with a vignette experiment: a sign showing purpose, retention period and a link to a sensor register raises acceptance by 12 percentage points. Counting for safety is accepted by 71%, cameras with recognition by 18%.',
    ),
    themes: ['governance-participation', 'safety', 'data-standards', 'digital-infrastructure'],
    tags: ['acceptatie', 'sensoren', 'privacy', 'enquête', 'sensorregister'],
    places: [
      place('Eindhoven', 'GM0772', [51.4416, 5.4697]),
      place('Den Haag', 'GM0518', [52.0705, 4.3007]),
      place('Groningen', 'GM0014', [53.2194, 6.5665]),
      place('Zwolle', 'GM0193', [52.5168, 6.083]),
      place('Rotterdam', 'GM0599', [51.9225, 4.4792]),
    ],
    relations: [
      rel('cites', 'dh-crowd-monitoring'),
      rel('cites', 'ehv-adaptive-lighting'),
      rel('cites', 'ehv-stratumseind-lab'),
    ],
    researchers: [
      {
        name: 'Marleen Bosch',
        orcid: orcid('0000-0000-2037-481'),
        affiliation: 'TU Delft, Faculteit Bouwkunde',
      },
      {
        name: 'Hendrik Mulder',
        orcid: orcid('0000-0000-7316-205'),
        affiliation: 'TU Delft, Faculteit Techniek, Bestuur en Management',
      },
      { name: 'Emma Visser', affiliation: 'TU Delft, Faculteit Techniek, Bestuur en Management' },
    ],
    abstract: t(
      'Gemeenten plaatsen steeds meer sensoren in de openbare ruimte, maar weten weinig over wat inwoners aanvaardbaar vinden. In 2024 ondervroegen wij 2.412 inwoners van Eindhoven, Den Haag, Groningen, Zwolle en Rotterdam (internetpanel, gewogen naar leeftijd, geslacht en opleiding) en legden hun situaties voor die varieerden in doel, techniek, beheerder en zichtbaarheid. Tellen van mensen voor veiligheid werd door 71% aanvaard, geluidsmeting door 64%, camera’s met gezichts- of kentekenherkenning door 18%. Een bordje met doel, bewaartermijn en QR-code naar een sensorregister verhoogde de acceptatie gemiddeld met 12 procentpunten. De gemeente als beheerder werd door 58% vertrouwd, een bedrijf door 21%. Wij bevelen een openbaar sensorregister en zichtbare informatie bij elke sensor aan.',
      'Municipalities place more and more sensors in public space, but know little about what residents find acceptable. In 2024 we surveyed 2,412 residents of Eindhoven, The Hague, Groningen, Zwolle and Rotterdam (online panel, weighted by age, gender and education) and presented them with situations varying in purpose, technology, operator and visibility. Counting people for safety was accepted by 71%, noise measurement by 64%, cameras with face or licence-plate recognition by 18%. A sign showing purpose, retention period and a QR code to a sensor register raised acceptance by 12 percentage points on average. The municipality as operator was trusted by 58%, a company by 21%. We recommend a public sensor register and visible information at every sensor.',
    ),
    doi: '10.5555/polder-demo.sensors.2025.01',
    published: '2025-01-27',
    datasets: [
      {
        title: t(
          'Enquête acceptatie sensoren in de openbare ruimte, vijf steden, 2024',
          'Survey on acceptance of sensors in public space, five cities, 2024',
        ),
        description: t(
          'Geanonimiseerde antwoorden en vignetten; beschikbaar voor onderzoek na registratie.',
          'Anonymised answers and vignettes; available for research after registration.',
        ),
        landingPage: `${DATA}/datasets/acceptatie-sensoren-2024`,
        mediaType: 'text/csv',
        license: 'CC-BY-NC-4.0',
      },
    ],
  },
]
