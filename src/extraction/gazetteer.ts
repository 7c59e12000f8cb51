/**
 * The gazetteer: names of places, nationalities and the story's criminal groups and contraband, kept as
 * data apart from the grammar so that a new story adds names here, not rules. The graph's own actors
 * are recognised before any of these (actor-mentions' known actors come first).
 */

/** Words in a name that make it a criminal group's: "Sinaloa Cartel", "Tren de Aragua", "MS-13". */
export const CRIMINAL_GROUP_WORDS: readonly string[] = [
  'Cartel',
  'Cártel',
  'Tren de Aragua',
  'Gang',
  'Mafia',
  'MS-13',
  'Sinaloa',
  'Jalisco',
  'Gulf Clan',
];

/**
 * Criminal groups by name, for where the grammar cannot find them: a name opening a sentence with a
 * lower-case word inside it ("Tren de Aragua, the Venezuelan gang ...") or an acronym. The groups the
 * United States designated as terrorist organisations in 2025, and the guerrillas named beside them.
 */
export const CRIMINAL_GROUPS: readonly string[] = [
  'Tren de Aragua',
  'MS-13',
  'Mara Salvatrucha',
  'Sinaloa Cartel',
  'Jalisco New Generation Cartel',
  'CJNG',
  'Gulf Cartel',
  'Cartel del Noreste',
  'La Nueva Familia Michoacana',
  'Carteles Unidos',
  'Cartel de los Soles',
  'Gulf Clan',
  'Clan del Golfo',
  'ELN',
  'FARC',
];

/** Words for a criminal group after its name, in lower case: "the Sinaloa cartel", "the Gulf clan". */
export const CRIMINAL_GROUP_NOUNS: readonly string[] = ['cartel', 'gang', 'clan', 'mafia'];

/**
 * What "fighting" names as everyone's stated aim, never a question ("to stop the flow of fentanyl"), as
 * regular-expression pieces.
 */
export const CONTRABAND_AND_CRIME: readonly string[] = [
  'drugs?',
  'fentanyl',
  'narcotics',
  String.raw`drug\s+trafficking`,
  'trafficking',
  'traffickers',
  'smuggling',
  'crime',
  String.raw`criminal\s+groups`,
  'violence',
  'cartels?',
  'gangs?',
];

/** Other names of the countries in COUNTRY_CODES, by which news names the state itself. */
export const COUNTRY_ALIASES: Record<string, string> = {
  Britain: 'United Kingdom',
  'Great Britain': 'United Kingdom',
  UK: 'United Kingdom',
  'U.K.': 'United Kingdom',
  Holland: 'Netherlands',
};

/** How a place is named as the adjective or possessive in front of a title: "Mexican President". */
export const NATIONALITIES: Record<string, string> = {
  'U.S.': 'United States',
  US: 'United States',
  American: 'United States',
  'United States': 'United States',
  Mexican: 'Mexico',
  Mexico: 'Mexico',
  Venezuelan: 'Venezuela',
  Venezuela: 'Venezuela',
  Colombian: 'Colombia',
  Colombia: 'Colombia',
  Canadian: 'Canada',
  Cuban: 'Cuba',
  Ecuadorian: 'Ecuador',
  Brazilian: 'Brazil',
  British: 'United Kingdom',
  Britain: 'United Kingdom',
  'United Kingdom': 'United Kingdom',
  German: 'Germany',
  Germany: 'Germany',
  Dutch: 'Netherlands',
  Netherlands: 'Netherlands',
  Chinese: 'China',
  Russian: 'Russia',
  'Trinidad and Tobago': 'Trinidad and Tobago',
  Trinidadian: 'Trinidad and Tobago',
  Barbados: 'Barbados',
  Barbadian: 'Barbados',
  Jamaica: 'Jamaica',
  Jamaican: 'Jamaica',
  Guyana: 'Guyana',
  Guyanese: 'Guyana',
  Honduras: 'Honduras',
  Honduran: 'Honduras',
  Guatemala: 'Guatemala',
  Guatemalan: 'Guatemala',
  'El Salvador': 'El Salvador',
  Salvadoran: 'El Salvador',
  Panama: 'Panama',
  Panamanian: 'Panama',
  Nicaragua: 'Nicaragua',
  Nicaraguan: 'Nicaragua',
  Peru: 'Peru',
  Peruvian: 'Peru',
  Chile: 'Chile',
  Chilean: 'Chile',
  Argentina: 'Argentina',
  Argentine: 'Argentina',
  Bolivia: 'Bolivia',
  Bolivian: 'Bolivia',
  'Dominican Republic': 'Dominican Republic',
  Dominican: 'Dominican Republic',
  Haiti: 'Haiti',
  Haitian: 'Haiti',
  Cuba: 'Cuba',
  Ecuador: 'Ecuador',
  Brazil: 'Brazil',
  Canada: 'Canada',
  Spain: 'Spain',
  Spanish: 'Spain',
  France: 'France',
  French: 'France',
};

export const COUNTRY_CODES: Record<string, string> = {
  'United States': 'US',
  Mexico: 'MX',
  Venezuela: 'VE',
  Colombia: 'CO',
  Canada: 'CA',
  Cuba: 'CU',
  Ecuador: 'EC',
  Brazil: 'BR',
  'United Kingdom': 'GB',
  China: 'CN',
  Russia: 'RU',
  Panama: 'PA',
  Honduras: 'HN',
  Guatemala: 'GT',
  'Trinidad and Tobago': 'TT',
  Barbados: 'BB',
  Jamaica: 'JM',
  Guyana: 'GY',
  'El Salvador': 'SV',
  Nicaragua: 'NI',
  Peru: 'PE',
  Chile: 'CL',
  Argentina: 'AR',
  Bolivia: 'BO',
  'Dominican Republic': 'DO',
  Haiti: 'HT',
  Spain: 'ES',
  France: 'FR',
  Germany: 'DE',
  Netherlands: 'NL',
};

/**
 * News outlets that relay what others say ("Reuters reported that ..."), by the names stories give them.
 * Found wherever they stand, even first in a sentence where a capital says nothing; a graph actor of the
 * same name or alias is the one they resolve to.
 */
export const NEWS_OUTLETS: readonly string[] = [
  'Reuters',
  'Associated Press',
  'AFP',
  'Agence France-Presse',
  'Bloomberg',
  'NBC News',
  'CBS News',
  'ABC News',
  'CNN',
  'Fox News',
  'BBC',
  'NPR',
  'The New York Times',
  'The Washington Post',
  'The Wall Street Journal',
  'Los Angeles Times',
  'Politico',
  'Axios',
  'Al Jazeera',
  'El País',
];

/**
 * Nationality prefixes a body's name may carry or drop ("the US State Department", "the state
 * department"): every adjective and short form above.
 */
export const NATIONALITY_PREFIXES: readonly string[] = Object.keys(NATIONALITIES).filter(
  (word) => !word.includes(' '),
);

/**
 * Capitals that news uses for their governments ("Caracas denounced the deployment", "Bogotá recalled
 * its ambassador"), by the country in COUNTRY_CODES they stand for. Washington is a metonym of its own.
 */
export const CAPITALS: Record<string, string> = {
  Caracas: 'Venezuela',
  Bogotá: 'Colombia',
  Bogota: 'Colombia',
  'Mexico City': 'Mexico',
  Havana: 'Cuba',
  Quito: 'Ecuador',
  Brasília: 'Brazil',
  Brasilia: 'Brazil',
  Ottawa: 'Canada',
  London: 'United Kingdom',
  Beijing: 'China',
  Moscow: 'Russia',
  Managua: 'Nicaragua',
  Tegucigalpa: 'Honduras',
  'Port of Spain': 'Trinidad and Tobago',
  Bridgetown: 'Barbados',
  Kingston: 'Jamaica',
  Georgetown: 'Guyana',
  Lima: 'Peru',
  Santiago: 'Chile',
  'Buenos Aires': 'Argentina',
  'Santo Domingo': 'Dominican Republic',
  Madrid: 'Spain',
  Paris: 'France',
};
