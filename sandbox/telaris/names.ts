/**
 * Norwegian-looking master data for the generator: company names, streets, postal places, suppliers, and the
 * dimension codes. Codes are those the 24SevenOffice sandbox seeds (departments and projects 1–3), so a demo
 * batch passes preflight without mappings.
 */
export const NAME_FIRST = ['Nordlys', 'Fjord', 'Bryggen', 'Vestland', 'Trollstigen', 'Solbær', 'Havbris', 'Lofot', 'Fjell', 'Granitt',
  'Skogly', 'Elvebakken', 'Midnattsol', 'Polarlys', 'Sjøstjerne', 'Bjørk', 'Måke', 'Tindeklatrer', 'Saltstraumen', 'Vinterhage'] as const;
export const NAME_SECOND = ['Handel', 'Bygg', 'Kafé', 'Elektro', 'Regnskap', 'Transport', 'Maskin', 'Interiør', 'Fisk', 'Bakeri',
  'Data', 'Rør', 'Eiendom', 'Konsult', 'Blomster', 'Sport', 'Optikk', 'Verksted', 'Reiseliv', 'Catering'] as const;
export const COMPANY_FORM = ['AS', 'AS', 'AS', 'ASA', 'ANS', 'DA', 'SA'] as const;

export const STREETS = ['Storgata', 'Kirkegata', 'Strandgata', 'Dronningens gate', 'Kongens gate', 'Skolegata', 'Parkveien', 'Industriveien',
  'Havnegata', 'Fjordveien', 'Bryggeveien', 'Torget', 'Sjøgata', 'Jernbanegata', 'Elvegata'] as const;

/** [postal code, place] */
export const PLACES: ReadonlyArray<readonly [string, string]> = [
  ['0150', 'Oslo'], ['0554', 'Oslo'], ['5003', 'Bergen'], ['5014', 'Bergen'], ['7010', 'Trondheim'], ['4006', 'Stavanger'],
  ['9008', 'Tromsø'], ['8006', 'Bodø'], ['3015', 'Drammen'], ['4610', 'Kristiansand'], ['6002', 'Ålesund'], ['2317', 'Hamar'],
  ['1606', 'Fredrikstad'], ['3111', 'Tønsberg'], ['8301', 'Svolvær'],
];

export const SUPPLIERS = [
  { supplierNo: 'S-2001', name: 'Grossisten Engros AS', account: 4300 },
  { supplierNo: 'S-2002', name: 'Kontorrekvisita Norge AS', account: 6800 },
  { supplierNo: 'S-2003', name: 'Bryggen Eiendom AS', account: 6300 },
  { supplierNo: 'S-2004', name: 'Kaffebrenneriet Vest AS', account: 4300 },
  { supplierNo: 'S-2005', name: 'Papir og Penn AS', account: 6800 },
] as const;

/** Department codes: 1 Hovedkontor, 2 Butikk Oslo, 3 Butikk Bergen. */
export const DEPARTMENTS = ['1', '2', '3'] as const;
export const SHOPS = [{ department: '2', name: 'Butikk Oslo' }, { department: '3', name: 'Butikk Bergen' }] as const;
/** Project codes: 1 Internt, 2 Butikkåpning Bergen, 3 Nordlys rammeavtale. */
export const PROJECTS = ['1', '2', '3'] as const;

export const SALES_TEXTS = ['Kaffe og tilbehør', 'Servicetimer', 'Konsulentbistand', 'Varesalg', 'Montering', 'Leie av utstyr', 'Frakt', 'Abonnement'] as const;
export const COST_TEXTS = ['Varekjøp', 'Husleie', 'Kontorrekvisita', 'Emballasje', 'Råvarer'] as const;
