/**
 * The little place knowledge `world-countries` lacks: short forms news copy
 * uses, a few large cities, regions, and the word lists the guards in
 * countries.ts need. Keep it small; names, codes and demonyms come from the
 * package.
 */

type AliasGuard = 'us-short' | 'america' | 'ambiguous' | 'turkey' | 'emirates';

/** [phrase, ISO code, guard]. Added before the package's names, so these win on a tie. */
export const EXTRA_ALIASES: [string, string, AliasGuard?][] = [
  ['U.S.', 'US', 'us-short'],
  ['US', 'US', 'us-short'],
  ['U.S.A.', 'US', 'us-short'],
  ['USA', 'US', 'us-short'],
  ['United States', 'US'],
  ['America', 'US', 'america'],
  ['Americans', 'US', 'america'],
  ['U.K.', 'GB'],
  ['UK', 'GB'],
  ['Britain', 'GB'],
  // Part of the United Kingdom; without it the trailing "Ireland" counts as IE.
  ['Northern Ireland', 'GB'],
  ['Dominican Rep.', 'DO'],
  ['Dominican Rep', 'DO'],
  ['Dom. Rep.', 'DO'],
  ['Turkey', 'TR', 'turkey'],
  // The package lists "Emirates" as a spelling; guarded so the airline is not the UAE.
  ['Emirates', 'AE', 'emirates'],
  ['Czech Republic', 'CZ'],
  ['Mainland China', 'CN'],
  ['PRC', 'CN'],
  ['DPRK', 'KP'],
  ['DRC', 'CD'],
  ['UAE', 'AE'],
  ['Holy See', 'VA'],
  ['Cabo Verde', 'CV'],
  ['East Timor', 'TL'],
  ['La Réunion', 'RE'],
  ['Bosnia', 'BA'],
  ['Trinidad', 'TT'],
  ['St. Lucia', 'LC'],
  ['St Lucia', 'LC'],
  ['St. Kitts', 'KN'],
  ['St. Vincent', 'VC'],
];

export const VETTED_SHORT_ALIASES = new Set([
  'UAE',
  'DRC',
  'PRC',
  'DPRK',
  'Laos',
  'Iran',
  'Iraq',
  'Oman',
  'Mali',
  'Chad',
  'Cuba',
  'Fiji',
  'Togo',
  'Peru',
  'Niue',
]);

/**
 * Generic English words for a kind of place or state, as accent-folded keys.
 * Some alternative spellings in the package are such a word in English ("Island",
 * Icelandic for Iceland), and in titles and the names of bodies they are
 * written with a capital: "Pacific Island Leaders" is not Iceland.
 */
export const COMMON_WORD_SPELLINGS = new Set([
  'island',
  'islands',
  'isles',
  'land',
  'reunion',
  'union',
  'state',
  'states',
  'republic',
  'kingdom',
  'commonwealth',
  'federation',
  'territory',
]);

/** Country names that are also common first names or words: guarded like capitals. */
export const AMBIGUOUS_NAMES = new Set(['Jordan', 'Chad', 'Jersey', 'Guernsey']);

/** Demonyms shared by several entries of the package, resolved to the usual meaning. */
export const DEMONYM_OVERRIDES: Record<string, string> = {
  Dominican: 'DO',
  American: 'US',
  French: 'FR',
  Dutch: 'NL',
  Indian: 'IN',
  Norwegian: 'NO',
};

/** Spellings of demonyms the package does not list. */
export const EXTRA_DEMONYMS: [string, string][] = [
  ['Ecuadorian', 'EC'],
  ['Ecuadorians', 'EC'],
  ['Salvadorean', 'SV'],
  ['Salvadoreans', 'SV'],
  ['Argentinian', 'AR'],
  ['Argentinians', 'AR'],
  ['Argentines', 'AR'],
  ['Cape Verdean', 'CV'],
  ['Britons', 'GB'],
  ['Northern Irish', 'GB'],
  ['Emiratis', 'AE'],
  ['Filipinos', 'PH'],
  // The adjective news copy uses ("Philippine officials"); the package has only "Filipino".
  ['Philippine', 'PH'],
  ['Kiwi', 'NZ'],
  // Short forms of the package's "Kazakhstani", "Kirghiz", "Tadzhik", "Uzbekistani",
  // "Nepalese", "Azerbaijani", "Slovene", "Maldivan", "Surinamer", "Comoran", "Djibouti".
  ['Kazakh', 'KZ'],
  ['Kazakhs', 'KZ'],
  ['Kyrgyz', 'KG'],
  ['Tajik', 'TJ'],
  ['Tajiks', 'TJ'],
  ['Uzbek', 'UZ'],
  ['Uzbeks', 'UZ'],
  ['Nepali', 'NP'],
  ['Nepalis', 'NP'],
  ['Azeri', 'AZ'],
  ['Azeris', 'AZ'],
  ['Slovenian', 'SI'],
  ['Slovenians', 'SI'],
  ['Maldivian', 'MV'],
  ['Maldivians', 'MV'],
  ['Surinamese', 'SR'],
  ['Comorian', 'KM'],
  ['Comorians', 'KM'],
  ['Djiboutian', 'DJ'],
  ['Djiboutians', 'DJ'],
  ['Cabo Verdean', 'CV'],
  ['Saudis', 'SA'],
];

/** Capitals too ambiguous to count ("Victoria", "Male", "Georgetown" in Washington). */
export const CAPITAL_STOPLIST = new Set([
  'Victoria',
  'Malé',
  'Georgetown',
  'Hamilton',
  'Kingstown',
  'Jamestown',
  'Plymouth',
  'The Valley',
  'Saint John',
  "Saint John's",
  'Washington D.C.',
]);

/** Cities that place a story in one country without naming it. */
export const EXTRA_CITIES: [string, string][] = [
  ['Washington', 'US'],
  ['Washington D.C.', 'US'],
  ['Washington DC', 'US'],
  ['Miami', 'US'],
  ['El Paso', 'US'],
  ['San Diego', 'US'],
  ['Tijuana', 'MX'],
  ['Ciudad Juárez', 'MX'],
  ['Monterrey', 'MX'],
  ['Guadalajara', 'MX'],
  ['Cancún', 'MX'],
  ['Culiacán', 'MX'],
  ['Medellín', 'CO'],
  ['Barranquilla', 'CO'],
  ['São Paulo', 'BR'],
  ['Rio de Janeiro', 'BR'],
  ['Guayaquil', 'EC'],
  ['Maracaibo', 'VE'],
  ['San Pedro Sula', 'HN'],
  ['Chancay', 'PE'],
  ['La Paz', 'BO'],
  ['Santa Cruz de la Sierra', 'BO'],
  ['Colón Free Trade Zone', 'PA'],
  ['Darién Gap', 'PA'],
  ['Shanghai', 'CN'],
  ['Shenzhen', 'CN'],
  ['Toronto', 'CA'],
  ['Montreal', 'CA'],
  ['Mumbai', 'IN'],
  ['Kyiv', 'UA'],
  ['Kiev', 'UA'],
  ['Tel Aviv', 'IL'],
  ['Gaza', 'PS'],
  ['West Bank', 'PS'],
];

export interface RegionDef {
  id: string;
  label: string;
  phrases: string[];
}

/** Regions are not countries: they get their own cards and never an ISO code. */
export const REGIONS: RegionDef[] = [
  {
    id: 'latin-america',
    label: 'Latin America',
    phrases: ['Latin America', 'Latin American', 'Latin Americans', 'LatAm'],
  },
  {
    id: 'central-america',
    label: 'Central America',
    phrases: ['Central America', 'Central American', 'Central Americans', 'Mesoamerica'],
  },
  {
    id: 'south-america',
    label: 'South America',
    phrases: ['South America', 'South American', 'South Americans', 'Southern Cone'],
  },
  {
    id: 'north-america',
    label: 'North America',
    phrases: ['North America', 'North American', 'North Americans'],
  },
  {
    id: 'caribbean',
    label: 'The Caribbean',
    phrases: ['Caribbean', 'Caribbean Basin', 'Caribbean Sea'],
  },
  {
    id: 'americas',
    label: 'The Americas',
    phrases: ['Americas', 'Inter-American', 'Pan-American', 'Pan American'],
  },
  {
    id: 'western-hemisphere',
    label: 'Western Hemisphere',
    phrases: ['Western Hemisphere', 'hemisphere', 'Hemisphere'],
  },
  { id: 'northern-triangle', label: 'Northern Triangle', phrases: ['Northern Triangle'] },
  {
    id: 'andean-region',
    label: 'Andean region',
    phrases: ['Andean region', 'Andean countries', 'Andes'],
  },
  {
    id: 'middle-east',
    label: 'Middle East',
    phrases: ['Middle East', 'Middle Eastern', 'Gulf states'],
  },
  { id: 'europe', label: 'Europe', phrases: ['Europe', 'European', 'Europeans', 'European Union'] },
  {
    id: 'africa',
    label: 'Africa',
    phrases: ['Africa', 'African', 'Africans', 'Sub-Saharan Africa', 'Sahel'],
  },
  {
    id: 'asia-pacific',
    label: 'Asia-Pacific',
    phrases: [
      'Asia',
      'Asian',
      'Asia-Pacific',
      'Indo-Pacific',
      'Southeast Asia',
      'East Asia',
      'South Asia',
    ],
  },
];

/** "Chinese-backed port": the country qualifies the noun; it is not a party to anything. */
export const MODIFIER_SUFFIXES = new Set([
  'backed',
  'funded',
  'financed',
  'owned',
  'built',
  'linked',
  'affiliated',
  'controlled',
  'sponsored',
  'supported',
  'aligned',
  'friendly',
  'based',
  'style',
]);

/**
 * Nouns after which "American" plainly means the United States. Anything else
 * ("American century", "American leadership", "American dream") is left out.
 */
export const AMERICAN_HEADS = new Set([
  'official',
  'officials',
  'government',
  'administration',
  'troops',
  'soldiers',
  'forces',
  'military',
  'navy',
  'warships',
  'diplomat',
  'diplomats',
  'diplomacy',
  'embassy',
  'ambassador',
  'envoy',
  'president',
  'citizen',
  'citizens',
  'nationals',
  'hostages',
  'prisoners',
  'companies',
  'company',
  'firms',
  'investors',
  'investment',
  'aid',
  'assistance',
  'lawmakers',
  'legislators',
  'senators',
  'congress',
  'policymakers',
  'authorities',
  'agencies',
  'intelligence',
  'sanctions',
  'tariffs',
  'exports',
  'imports',
  'taxpayers',
  'consumers',
  'farmers',
  'workers',
  'voters',
  'negotiators',
  'counterparts',
  'allies',
  'partners',
  'market',
  'economy',
  'ports',
  'border',
  'soil',
  'territory',
]);

/**
 * Words right after a country name that make it something else: "Turkey
 * sandwiches", "Guinea pigs", "the Niger Delta" (in Nigeria), "Brazil nuts",
 * "the Holland Tunnel" (New York).
 * Keyed by the folded name.
 */
export const NOT_BEFORE: Record<string, Set<string>> = {
  turkey: new Set([
    'sandwich',
    'sandwiches',
    'breast',
    'breasts',
    'burger',
    'burgers',
    'dinner',
    'dinners',
    'meat',
    'legs',
    'leg',
    'bacon',
    'gravy',
    'stuffing',
    'recipe',
    'recipes',
    'farm',
    'farms',
    'farmers',
    'hunting',
    'vulture',
    'vultures',
    'trot',
    'day',
  ]),
  guinea: new Set(['pig', 'pigs', 'fowl', 'worm', 'worms']),
  niger: new Set(['delta', 'river']),
  brazil: new Set(['nut', 'nuts']),
  chile: new Set(['pepper', 'peppers', 'con', 'powder']),
  // "Holland America" (Line): the cruise line.
  holland: new Set(['tunnel', 'america']),
  // "a Panama hat": woven in Ecuador, named after the country it was shipped through.
  panama: new Set(['hat', 'hats']),
  // "Monaco Grand Prix", "Monaco GP": the Formula One race, not the principality.
  monaco: new Set(['grand', 'gp']),
  // Capitalised porcelain: "China plates". Lower-case "fine china" never matches.
  china: new Set(['plate', 'plates', 'teacup', 'teacups', 'saucer', 'saucers']),
};

/**
 * Country names that are also forenames: "Israel Adesanya", "Cuba Gooding
 * Jr.", "India Walton", "Kenya Barris". Followed by a capitalised surname they
 * name a person (see countries.ts). Jordan and Chad are here too, though their
 * own guard already drops them before any capitalised word.
 */
export const FORENAME_COUNTRIES = new Set([
  'israel',
  'cuba',
  'jordan',
  'chad',
  'georgia',
  'kenya',
  'india',
]);

/**
 * Capitalised words that, after one of FORENAME_COUNTRIES, continue the name
 * of a place, a body or a title rather than a person: "Israel Defense Forces",
 * "Georgia Tech", "India Gate", "Kenya Airways", "Israel Prime Minister";
 * also checked one word further on ("Israel Aerospace Industries"). Only
 * words compromise's lexicon does not already know as ordinary words need to
 * be here, but the usual ones are listed so the intent is plain.
 */
export const PLACE_OR_BODY_NEXT = new Set([
  'defense',
  'defence',
  'forces',
  'army',
  'navy',
  'police',
  'government',
  'ministry',
  'cabinet',
  'parliament',
  'embassy',
  'consulate',
  'office',
  'council',
  'authority',
  'agency',
  'service',
  'national',
  'central',
  'state',
  'prime',
  'foreign',
  'interior',
  'finance',
  'river',
  'valley',
  'basin',
  'lake',
  'sea',
  'coast',
  'gate',
  'square',
  'street',
  'road',
  'avenue',
  'park',
  'airport',
  'ports',
  'tech',
  'university',
  'college',
  'institute',
  'museum',
  'airways',
  'airlines',
  'railways',
  'power',
  'telecom',
  'electric',
  'bank',
  'inc',
  'today',
  'daily',
  'times',
  'post',
  'news',
  'radio',
  'hayom',
  'hamas',
  'hezbollah',
  'aerospace',
  'industries',
  'corporation',
  'company',
  'group',
  'association',
  'federation',
  'board',
  'league',
  'union',
  'foundation',
  'fund',
  'cricket',
  'football',
  'rugby',
  'hockey',
  'olympic',
]);

/**
 * Capitalised words right before a country name that make it something else,
 * as title case writes them: "Fine China" and "Bone China" (porcelain),
 * "Holland America" (the cruise line). Keyed by the folded name.
 */
export const NOT_AFTER: Record<string, Set<string>> = {
  china: new Set(['fine', 'bone']),
  america: new Set(['holland']),
};

/** Words near a capitalised "Turkey" that mean the bird (unless the country is in view too). */
export const TURKEY_FOOD_CONTEXT = new Set([
  'thanksgiving',
  'christmas',
  'roast',
  'roasted',
  'smoked',
  'stuffing',
  'gravy',
  'cranberry',
  'poultry',
  'butterball',
  'oven',
  'recipe',
  'carve',
  'carving',
]);

/** Words near "Turkey" that mean the country whatever else is around. */
export const TURKEY_COUNTRY_CONTEXT = new Set([
  'ankara',
  'istanbul',
  'turkish',
  'turks',
  'turkiye',
  'erdogan',
  'kurdish',
  'kurds',
  'bosporus',
  'nato',
]);

/** Words after "Emirates" that make it the airline or something it sponsors: "Emirates flight". */
export const EMIRATES_AIRLINE_NEXT = new Set([
  'flight',
  'flights',
  'airline',
  'airlines',
  'plane',
  'planes',
  'jet',
  'jets',
  'airliner',
  'aircraft',
  'pilot',
  'pilots',
  'crew',
  'cabin',
  'passengers',
  'route',
  'routes',
  'stadium',
  'cup',
  'group',
  'skycargo',
  'lounge',
]);

/** Words near "Georgia" that mean the country, not the US state. */
export const GEORGIA_CONTEXT = new Set([
  'tbilisi',
  'georgian',
  'georgians',
  'caucasus',
  'abkhazia',
  'ossetia',
  'kobakhidze',
  'zourabichvili',
  'batumi',
]);

/**
 * US states and DC, for towns named after a country: "Lebanon, Pennsylvania",
 * "Panama City, Fla.", "Paris, TX". Names, AP-style abbreviations (written
 * with a full stop, keyed without it) and postal codes (matched in capitals only).
 */
export const US_STATES = {
  names: [
    'Alabama',
    'Alaska',
    'Arizona',
    'Arkansas',
    'California',
    'Colorado',
    'Connecticut',
    'Delaware',
    'Florida',
    'Georgia',
    'Hawaii',
    'Idaho',
    'Illinois',
    'Indiana',
    'Iowa',
    'Kansas',
    'Kentucky',
    'Louisiana',
    'Maine',
    'Maryland',
    'Massachusetts',
    'Michigan',
    'Minnesota',
    'Mississippi',
    'Missouri',
    'Montana',
    'Nebraska',
    'Nevada',
    'New Hampshire',
    'New Jersey',
    'New Mexico',
    'New York',
    'North Carolina',
    'North Dakota',
    'Ohio',
    'Oklahoma',
    'Oregon',
    'Pennsylvania',
    'Rhode Island',
    'South Carolina',
    'South Dakota',
    'Tennessee',
    'Texas',
    'Utah',
    'Vermont',
    'Virginia',
    'Washington',
    'West Virginia',
    'Wisconsin',
    'Wyoming',
    'District of Columbia',
  ],
  abbreviations: new Set(
    'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev nh nj nm ny nc nd okla ore pa penn ri sc sd tenn tex vt va wash wis wyo dc'.split(
      ' ',
    ),
  ),
  postal: new Set(
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(
      ' ',
    ),
  ),
};
