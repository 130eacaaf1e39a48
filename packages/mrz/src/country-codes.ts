import { trimTrailingFillers } from './fillers.js';

// ISO 3166-1 alpha-3, all officially assigned codes.
const ISO_3166_ALPHA_3 = `
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE`;

// ICAO 9303 part 3 codes outside ISO 3166: Germany's single letter, British nationality classes,
// international organisations, stateless persons and refugees, the Utopia specimen state, and
// codes still printed on documents in circulation (Kosovo, Netherlands Antilles, Neutral Zone).
const ICAO_ONLY = `
D GBD GBN GBO GBP GBS UNO UNA UNK XBA XIM XCC XCE XCO XDC XEC XES XMP XOM XPO
XXA XXB XXC XXX EUE UTO ANT NTZ RKS XKX XXK`;

const KNOWN = new Set(`${ISO_3166_ALPHA_3} ${ICAO_ONLY}`.split(/\s+/).filter(Boolean));

/** Every state and organisation code the library accepts, without padding. */
export const KNOWN_COUNTRY_CODES: ReadonlySet<string> = KNOWN;

/** Accepts the code with or without its '<' padding ('D' and 'D<<' are both Germany). */
export function isKnownCountryCode(code: string): boolean {
  return KNOWN.has(trimTrailingFillers(code));
}
