/**
 * Country names for the three-letter codes in an MRZ (ICAO Doc 9303 part 3).
 * ISO 3166-1 alpha-3 codes are mapped to alpha-2 and named by Intl.DisplayNames in the reader's language;
 * ICAO's own codes (D for Germany, UTO for the specimen state Utopia, XXA for stateless persons, …) are named here.
 */

// ISO 3166-1 alpha-3 → alpha-2, as pairs "AAA:AA".
const ISO_PAIRS =
  'AFG:AF ALA:AX ALB:AL DZA:DZ ASM:AS AND:AD AGO:AO AIA:AI ATA:AQ ATG:AG ARG:AR ARM:AM ABW:AW AUS:AU AUT:AT ' +
  'AZE:AZ BHS:BS BHR:BH BGD:BD BRB:BB BLR:BY BEL:BE BLZ:BZ BEN:BJ BMU:BM BTN:BT BOL:BO BES:BQ BIH:BA BWA:BW ' +
  'BVT:BV BRA:BR IOT:IO BRN:BN BGR:BG BFA:BF BDI:BI CPV:CV KHM:KH CMR:CM CAN:CA CYM:KY CAF:CF TCD:TD CHL:CL ' +
  'CHN:CN CXR:CX CCK:CC COL:CO COM:KM COG:CG COD:CD COK:CK CRI:CR CIV:CI HRV:HR CUB:CU CUW:CW CYP:CY CZE:CZ ' +
  'DNK:DK DJI:DJ DMA:DM DOM:DO ECU:EC EGY:EG SLV:SV GNQ:GQ ERI:ER EST:EE SWZ:SZ ETH:ET FLK:FK FRO:FO FJI:FJ ' +
  'FIN:FI FRA:FR GUF:GF PYF:PF ATF:TF GAB:GA GMB:GM GEO:GE DEU:DE GHA:GH GIB:GI GRC:GR GRL:GL GRD:GD GLP:GP ' +
  'GUM:GU GTM:GT GGY:GG GIN:GN GNB:GW GUY:GY HTI:HT HMD:HM VAT:VA HND:HN HKG:HK HUN:HU ISL:IS IND:IN IDN:ID ' +
  'IRN:IR IRQ:IQ IRL:IE IMN:IM ISR:IL ITA:IT JAM:JM JPN:JP JEY:JE JOR:JO KAZ:KZ KEN:KE KIR:KI PRK:KP KOR:KR ' +
  'KWT:KW KGZ:KG LAO:LA LVA:LV LBN:LB LSO:LS LBR:LR LBY:LY LIE:LI LTU:LT LUX:LU MAC:MO MDG:MG MWI:MW MYS:MY ' +
  'MDV:MV MLI:ML MLT:MT MHL:MH MTQ:MQ MRT:MR MUS:MU MYT:YT MEX:MX FSM:FM MDA:MD MCO:MC MNG:MN MNE:ME MSR:MS ' +
  'MAR:MA MOZ:MZ MMR:MM NAM:NA NRU:NR NPL:NP NLD:NL NCL:NC NZL:NZ NIC:NI NER:NE NGA:NG NIU:NU NFK:NF MKD:MK ' +
  'MNP:MP NOR:NO OMN:OM PAK:PK PLW:PW PSE:PS PAN:PA PNG:PG PRY:PY PER:PE PHL:PH PCN:PN POL:PL PRT:PT PRI:PR ' +
  'QAT:QA REU:RE ROU:RO RUS:RU RWA:RW BLM:BL SHN:SH KNA:KN LCA:LC MAF:MF SPM:PM VCT:VC WSM:WS SMR:SM STP:ST ' +
  'SAU:SA SEN:SN SRB:RS SYC:SC SLE:SL SGP:SG SXM:SX SVK:SK SVN:SI SLB:SB SOM:SO ZAF:ZA SGS:GS SSD:SS ESP:ES ' +
  'LKA:LK SDN:SD SUR:SR SJM:SJ SWE:SE CHE:CH SYR:SY TWN:TW TJK:TJ TZA:TZ THA:TH TLS:TL TGO:TG TKL:TK TON:TO ' +
  'TTO:TT TUN:TN TUR:TR TKM:TM TCA:TC TUV:TV UGA:UG UKR:UA ARE:AE GBR:GB USA:US UMI:UM URY:UY UZB:UZ VUT:VU ' +
  'VEN:VE VNM:VN VGB:VG VIR:VI WLF:WF ESH:EH YEM:YE ZMB:ZM ZWE:ZW';

export const ALPHA3_TO_ALPHA2: ReadonlyMap<string, string> = new Map([
  ...ISO_PAIRS.split(' ').map((pair) => pair.split(':') as [string, string]),
  // ICAO codes that stand for an ISO country.
  ['D', 'DE'], // Germany uses the single letter D, padded with fillers: "D<<"
  ['RKS', 'XK'], // Kosovo
]);

/** ICAO codes with no ISO country behind them, named in English. */
export const ICAO_SPECIAL_NAMES: ReadonlyMap<string, string> = new Map([
  ['UTO', 'Utopia (specimen)'],
  ['XXA', 'Stateless person'],
  ['XXB', 'Refugee (1951 Convention)'],
  ['XXC', 'Refugee (other)'],
  ['XXX', 'Unspecified nationality'],
  ['UNO', 'United Nations'],
  ['UNA', 'United Nations specialized agency'],
  ['UNK', 'Kosovo (UN mission, UNMIK)'],
  ['EUE', 'European Union'],
  ['GBD', 'British Overseas Territories citizen'],
  ['GBN', 'British National (Overseas)'],
  ['GBO', 'British Overseas citizen'],
  ['GBP', 'British protected person'],
  ['GBS', 'British subject'],
  ['XOM', 'Sovereign Military Order of Malta'],
  ['XPO', 'Interpol'],
  ['XCC', 'Caribbean Community (CARICOM)'],
  ['XES', 'Organisation of Eastern Caribbean States'],
  ['XCE', 'Council of Europe'],
  ['XEC', 'Economic Community of West African States'],
  ['XBA', 'African Development Bank'],
  ['XIM', 'African Export–Import Bank'],
  ['XCO', 'Common Market for Eastern and Southern Africa'],
  ['XDC', 'Southern African Development Community'],
  ['XMP', 'Parliamentary Assembly of the Council of Europe'],
  ['NTZ', 'Neutral zone'],
  ['ANT', 'Netherlands Antilles'],
  ['RKS', 'Kosovo'],
  ['XKX', 'Kosovo'],
  ['XXK', 'Kosovo'],
]);

const displayNamesCache = new Map<string, Intl.DisplayNames | null>();

function regionNames(locale: string | readonly string[] | undefined): Intl.DisplayNames | null {
  const key = Array.isArray(locale) ? locale.join(',') : String(locale ?? '');
  if (!displayNamesCache.has(key)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames(locale as string | string[] | undefined, {
        type: 'region',
        fallback: 'none',
      });
    } catch {
      names = null;
    }
    displayNamesCache.set(key, names);
  }
  return displayNamesCache.get(key) ?? null;
}

/** Normalises an MRZ code: "D<<" → "D", " utO " → "UTO". */
export function normaliseCode(code: string): string {
  return code.replace(/</g, '').trim().toUpperCase();
}

/**
 * The name of the state or organisation behind an MRZ code, or null if the code is unknown.
 * `countryName("UTO")` → "Utopia (specimen)", `countryName("D")` → "Germany", `countryName("FRA", "fr")` → "France".
 */
export function countryName(
  code: string | null | undefined,
  locale?: string | readonly string[],
): string | null {
  if (!code) return null;
  const normalised = normaliseCode(code);
  const special = ICAO_SPECIAL_NAMES.get(normalised);
  if (special) return special;
  const alpha2 = ALPHA3_TO_ALPHA2.get(normalised);
  if (!alpha2) return null;
  return regionNames(locale)?.of(alpha2) ?? null;
}

/** "Utopia (specimen) · UTO", or the bare code when it is unknown. */
export function countryLabel(code: string | null | undefined, locale?: string | readonly string[]): string {
  if (!code) return '—';
  const normalised = normaliseCode(code);
  const name = countryName(normalised, locale);
  return name ? `${name} (${normalised})` : normalised;
}
