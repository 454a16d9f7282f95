/**
 * Open standards that Dutch and European smart-city work builds on: the `standards` field
 * of practices, adoptions, labs and initiatives names them by code. The lack of them is
 * the known barrier to replication (the Smart City strategy), so the collective counts
 * which standards working solutions use. Maintainers and addresses as published by the
 * standards bodies (checked December 2026).
 */
import type { Label } from './vocabulary.js'

export const STANDARD_TYPES = [
  { code: 'data-model', label: { en: 'Data model', nl: 'Datamodel' } },
  { code: 'api', label: { en: 'API', nl: 'API' } },
  { code: 'protocol', label: { en: 'Protocol', nl: 'Protocol' } },
  { code: 'format', label: { en: 'Format', nl: 'Formaat' } },
] as const

export type StandardType = (typeof STANDARD_TYPES)[number]['code']

/** One open standard: what it is called, who keeps it, where it lives, what sort it is. */
export interface Standard {
  readonly code: string
  /** The standard's name; the same in both languages where it has no Dutch one. */
  readonly label: Label
  readonly maintainer: string
  readonly url: string
  readonly type: StandardType
  /** What it is for, in one line. */
  readonly description: Label
}

const same = (name: string): Label => ({ en: name, nl: name })

export const STANDARDS = [
  {
    code: 'ngsi-ld',
    label: same('NGSI-LD'),
    maintainer: 'ETSI ISG CIM',
    url: 'https://www.etsi.org/committee/cim',
    type: 'api',
    description: {
      en: 'Context information API with linked-data entities (ETSI GS CIM 009)',
      nl: 'API voor contextinformatie met linked-data-entiteiten (ETSI GS CIM 009)',
    },
  },
  {
    code: 'fiware-smart-data-models',
    label: same('FIWARE Smart Data Models'),
    maintainer: 'FIWARE Foundation, TM Forum, IUDX, OASC',
    url: 'https://smartdatamodels.org',
    type: 'data-model',
    description: {
      en: 'Shared data models for cities, energy, mobility and environment',
      nl: 'Gedeelde datamodellen voor steden, energie, mobiliteit en milieu',
    },
  },
  {
    code: 'oasc-mims',
    label: same('OASC Minimal Interoperability Mechanisms (MIMs)'),
    maintainer: 'Open & Agile Smart Cities (OASC)',
    url: 'https://oascities.org/minimal-interoperability-mechanisms/',
    type: 'api',
    description: {
      en: 'Minimal mechanisms (context API, data models, marketplace) for interoperable city data',
      nl: 'Minimale mechanismen (context-API, datamodellen, marktplaats) voor uitwisselbare stadsdata',
    },
  },
  {
    code: 'oslo',
    label: {
      en: 'OSLO (Open Standards for Linked Organisations)',
      nl: 'OSLO (Open Standaarden voor Linkende Organisaties)',
    },
    maintainer: 'Digitaal Vlaanderen',
    url: 'https://data.vlaanderen.be',
    type: 'data-model',
    description: {
      en: 'Flemish semantic vocabularies and application profiles, used in Dutch pilots too',
      nl: 'Vlaamse semantische vocabularia en applicatieprofielen, ook gebruikt in Nederlandse pilots',
    },
  },
  {
    code: 'saref',
    label: same('SAREF (Smart Applications REFerence ontology)'),
    maintainer: 'ETSI SmartM2M',
    url: 'https://saref.etsi.org',
    type: 'data-model',
    description: {
      en: 'Ontology of smart devices, with extensions for energy, buildings and cities',
      nl: 'Ontologie van slimme apparaten, met uitbreidingen voor energie, gebouwen en steden',
    },
  },
  {
    code: 'citygml',
    label: same('CityGML'),
    maintainer: 'Open Geospatial Consortium (OGC)',
    url: 'https://www.ogc.org/standards/citygml/',
    type: 'data-model',
    description: {
      en: 'Conceptual model and exchange format for 3D city models',
      nl: 'Conceptueel model en uitwisselformaat voor 3D-stadsmodellen',
    },
  },
  {
    code: 'cityjson',
    label: same('CityJSON'),
    maintainer: 'Open Geospatial Consortium (OGC)',
    url: 'https://www.cityjson.org',
    type: 'format',
    description: {
      en: 'JSON encoding of the CityGML data model (OGC community standard)',
      nl: 'JSON-codering van het CityGML-datamodel (OGC community standard)',
    },
  },
  {
    code: 'three-d-tiles',
    label: same('3D Tiles'),
    maintainer: 'Open Geospatial Consortium (OGC)',
    url: 'https://www.ogc.org/standards/3dtiles/',
    type: 'format',
    description: {
      en: 'Streaming of massive 3D geodata such as city models and point clouds',
      nl: 'Streamen van grote 3D-geodata zoals stadsmodellen en puntenwolken',
    },
  },
  {
    code: 'ogc-sensorthings',
    label: same('OGC SensorThings API'),
    maintainer: 'Open Geospatial Consortium (OGC)',
    url: 'https://www.ogc.org/standards/sensorthings/',
    type: 'api',
    description: {
      en: 'API for sensors, their observations and the things they observe',
      nl: 'API voor sensoren, hun waarnemingen en wat ze waarnemen',
    },
  },
  {
    code: 'ogc-api-features',
    label: same('OGC API - Features'),
    maintainer: 'Open Geospatial Consortium (OGC)',
    url: 'https://ogcapi.ogc.org/features/',
    type: 'api',
    description: {
      en: 'Web API for geographic features, the successor of WFS',
      nl: 'Web-API voor geografische objecten, de opvolger van WFS',
    },
  },
  {
    code: 'geojson',
    label: same('GeoJSON (RFC 7946)'),
    maintainer: 'IETF',
    url: 'https://datatracker.ietf.org/doc/html/rfc7946',
    type: 'format',
    description: {
      en: 'JSON format for geographic features',
      nl: 'JSON-formaat voor geografische objecten',
    },
  },
  {
    code: 'inspire',
    label: same('INSPIRE'),
    maintainer: 'European Commission (JRC)',
    url: 'https://inspire.ec.europa.eu',
    type: 'data-model',
    description: {
      en: 'European data specifications for spatial data of 34 themes',
      nl: 'Europese dataspecificaties voor ruimtelijke gegevens over 34 thema’s',
    },
  },
  {
    code: 'imgeo',
    label: same('IMGeo (BGT)'),
    maintainer: 'Geonovum',
    url: 'https://www.geonovum.nl/geo-standaarden/bgt-imgeo',
    type: 'data-model',
    description: {
      en: 'Information model of the large-scale topography of the Netherlands (BGT)',
      nl: 'Informatiemodel van de Basisregistratie Grootschalige Topografie (BGT)',
    },
  },
  {
    code: 'imbor',
    label: same('IMBOR'),
    maintainer: 'CROW',
    url: 'https://www.crow.nl/imbor',
    type: 'data-model',
    description: {
      en: 'Information model for managing public space (street furniture, green, sewers)',
      nl: 'Informatiemodel Beheer Openbare Ruimte (meubilair, groen, riolering)',
    },
  },
  {
    code: 'ifc',
    label: same('IFC (ISO 16739)'),
    maintainer: 'buildingSMART International',
    url: 'https://www.buildingsmart.org/standards/bsi-standards/industry-foundation-classes/',
    type: 'data-model',
    description: {
      en: 'Open BIM model of buildings and infrastructure',
      nl: 'Open BIM-model van gebouwen en infrastructuur',
    },
  },
  {
    code: 'dcat-ap',
    label: same('DCAT-AP'),
    maintainer: 'SEMIC (European Commission)',
    url: 'https://semiceu.github.io/DCAT-AP/',
    type: 'data-model',
    description: {
      en: 'European application profile for describing open data catalogues',
      nl: 'Europees applicatieprofiel voor het beschrijven van opendatacatalogi',
    },
  },
  {
    code: 'dcat-ap-nl',
    label: same('DCAT-AP-NL'),
    maintainer: 'Geonovum',
    url: 'https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/',
    type: 'data-model',
    description: {
      en: 'The Dutch profile of DCAT-AP for data.overheid.nl and other catalogues',
      nl: 'Het Nederlandse profiel van DCAT-AP voor data.overheid.nl en andere catalogi',
    },
  },
  {
    code: 'nl-api-design-rules',
    label: { en: 'NL API Design Rules', nl: 'NL API Design Rules (API-strategie)' },
    maintainer: 'Logius (Kennisplatform API’s)',
    url: 'https://gitdocumentatie.logius.nl/publicatie/api/adr/',
    type: 'api',
    description: {
      en: 'Rules for REST APIs of Dutch government (on the comply-or-explain list)',
      nl: 'Regels voor REST-API’s van de Nederlandse overheid (op de pas-toe-of-leg-uitlijst)',
    },
  },
  {
    code: 'openapi',
    label: same('OpenAPI Specification'),
    maintainer: 'OpenAPI Initiative (Linux Foundation)',
    url: 'https://spec.openapis.org/oas/',
    type: 'format',
    description: {
      en: 'Machine-readable description of HTTP APIs',
      nl: 'Machineleesbare beschrijving van HTTP-API’s',
    },
  },
  {
    code: 'zgw-apis',
    label: { en: 'ZGW APIs (case-oriented work)', nl: 'ZGW API’s (Zaakgericht Werken)' },
    maintainer: 'VNG Realisatie',
    url: 'https://vng-realisatie.github.io/gemma-zaken/',
    type: 'api',
    description: {
      en: 'Common Ground APIs for cases, documents and decisions of municipalities',
      nl: 'Common Ground-API’s voor zaken, documenten en besluiten van gemeenten',
    },
  },
  {
    code: 'gtfs',
    label: same('GTFS'),
    maintainer: 'MobilityData',
    url: 'https://gtfs.org',
    type: 'format',
    description: {
      en: 'Public transport timetables (Schedule) and real-time updates (Realtime)',
      nl: 'Dienstregelingen van het openbaar vervoer (Schedule) en actuele updates (Realtime)',
    },
  },
  {
    code: 'netex',
    label: same('NeTEx (CEN/TS 16614)'),
    maintainer: 'CEN TC 278',
    url: 'https://netex-cen.eu',
    type: 'format',
    description: {
      en: 'European exchange format for public transport networks and timetables',
      nl: 'Europees uitwisselformaat voor ov-netwerken en dienstregelingen',
    },
  },
  {
    code: 'siri',
    label: same('SIRI (CEN/TS 15531)'),
    maintainer: 'CEN TC 278',
    url: 'https://www.transmodel-cen.eu/siri-standard/',
    type: 'protocol',
    description: {
      en: 'Real-time information on public transport services',
      nl: 'Actuele informatie over ov-ritten',
    },
  },
  {
    code: 'datex-ii',
    label: same('DATEX II (CEN EN 16157)'),
    maintainer: 'CEN TC 278',
    url: 'https://datex2.eu',
    type: 'data-model',
    description: {
      en: 'European exchange of road traffic and travel information',
      nl: 'Europese uitwisseling van wegverkeers- en reisinformatie',
    },
  },
  {
    code: 'mds',
    label: same('Mobility Data Specification (MDS)'),
    maintainer: 'Open Mobility Foundation',
    url: 'https://www.openmobilityfoundation.org/about-mds/',
    type: 'api',
    description: {
      en: 'APIs between cities and shared mobility operators (bikes, scooters, cars)',
      nl: 'API’s tussen steden en aanbieders van deelmobiliteit (fietsen, scooters, auto’s)',
    },
  },
  {
    code: 'tomp-api',
    label: same('TOMP-API'),
    maintainer: 'TOMP Working Group',
    url: 'https://github.com/TOMP-WG/TOMP-API',
    type: 'api',
    description: {
      en: 'Transport Operator to MaaS Provider API, started by the Dutch MaaS pilots',
      nl: 'API tussen vervoerder en MaaS-aanbieder, ontstaan in de Nederlandse MaaS-pilots',
    },
  },
  {
    code: 'ocpi',
    label: same('OCPI'),
    maintainer: 'EVRoaming Foundation',
    url: 'https://evroaming.org',
    type: 'protocol',
    description: {
      en: 'Open Charge Point Interface: roaming between charging networks and service providers',
      nl: 'Open Charge Point Interface: roaming tussen laadnetwerken en dienstverleners',
    },
  },
  {
    code: 'ocpp',
    label: same('OCPP'),
    maintainer: 'Open Charge Alliance',
    url: 'https://openchargealliance.org',
    type: 'protocol',
    description: {
      en: 'Open Charge Point Protocol between charging stations and their back office',
      nl: 'Open Charge Point Protocol tussen laadpalen en hun beheersysteem',
    },
  },
  {
    code: 'talq',
    label: same('TALQ'),
    maintainer: 'TALQ Consortium',
    url: 'https://www.talq-consortium.org',
    type: 'protocol',
    description: {
      en: 'Interface between central management software and outdoor lighting and sensor networks',
      nl: 'Koppeling tussen centrale beheersoftware en netwerken van buitenverlichting en sensoren',
    },
  },
  {
    code: 'lorawan',
    label: same('LoRaWAN'),
    maintainer: 'LoRa Alliance',
    url: 'https://lora-alliance.org',
    type: 'protocol',
    description: {
      en: 'Low-power wide-area network protocol for sensors',
      nl: 'Protocol voor zuinige sensornetwerken over grote afstand',
    },
  },
  {
    code: 'mqtt',
    label: same('MQTT'),
    maintainer: 'OASIS',
    url: 'https://mqtt.org',
    type: 'protocol',
    description: {
      en: 'Light publish/subscribe messaging for devices',
      nl: 'Lichte publish/subscribe-berichtenuitwisseling voor apparaten',
    },
  },
  {
    code: 'nb-iot',
    label: same('NB-IoT (3GPP)'),
    maintainer: '3GPP',
    url: 'https://www.3gpp.org',
    type: 'protocol',
    description: {
      en: 'Narrowband IoT over licensed mobile networks',
      nl: 'Smalbandig IoT over mobiele netwerken met vergunning',
    },
  },
] as const satisfies readonly Standard[]

export type StandardCode = (typeof STANDARDS)[number]['code']
