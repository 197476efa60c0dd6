/**
 * Articles unlike the sample pack — other regions, other currencies, other
 * titles — each shape from a defect seen on a news-style article outside
 * Latin America. The sentences are invented for these tests.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../server/cards/index.ts';
import { countriesOf, extract, factsOf, issuesOf } from './helpers.ts';

function person(text: string | ExtractedDocument, name: string) {
  const doc = typeof text === 'string' ? extract(text) : text;
  const found = factsOf(doc, 'person').find((p) => p.name === name);
  if (!found) throw new Error(`no person "${name}" in: ${doc.text}`);
  return found;
}

/** The figure of `doc` written as `raw`. */
function figure(doc: ExtractedDocument, raw: string) {
  return factsOf(doc, 'figure').find((f) => f.raw === raw);
}

/** How each figure found in `text` is written, in order. */
function figureRaws(text: string): string[] {
  return factsOf(extract(text), 'figure').map((f) => f.raw);
}

describe('cards beyond the sample pack', () => {
  it('reads money in currencies beyond the Americas, and a rate as its number', () => {
    const doc = extract(
      'Oslo set aside 8.7 billion kroner for the harbour, Dakar 12 billion CFA francs and ' +
        'Nairobi 30 billion shillings. Exports to the bloc grew 15% a year, and Jakarta expects ' +
        '$400 million a year in new investment.',
    );
    const figures = factsOf(doc, 'figure');
    expect(figure(doc, '8.7 billion kroner')).toMatchObject({
      category: 'money',
      unit: 'kroner',
    });
    expect(figure(doc, '12 billion CFA francs')).toMatchObject({
      category: 'money',
      unit: 'CFA francs',
    });
    expect(figure(doc, '30 billion shillings')).toMatchObject({
      category: 'money',
      unit: 'shillings',
    });
    expect(figure(doc, '15%')).toMatchObject({ category: 'percent', value: 15 });
    // The rate stays with the amount as written; the value is the amount.
    expect(figure(doc, '$400 million a year')).toMatchObject({
      category: 'money',
      unit: 'USD',
      value: 400_000_000,
      measure: 'new investment',
    });
    expect(figures.map((f) => f.raw)).not.toContain('15% a');
  });

  it('keeps the country prefix of a dollar sign and reads it as that currency', () => {
    const doc = extract(
      'Canberra promised A$75 million for seawalls, Wellington added NZ$12 million and the ' +
        'regional bank lent A$3.1bn. Toronto investors put in C$40 million, a Hong Kong fund ' +
        'HK$2.5 billion and Singapore S$18 million, beside US$60 million and $9 million from donors.',
    );
    expect(factsOf(doc, 'figure').map((f) => [f.raw, f.unit, f.value])).toEqual([
      ['A$75 million', 'AUD', 75e6],
      ['NZ$12 million', 'NZD', 12e6],
      ['A$3.1bn', 'AUD', 3.1e9],
      ['C$40 million', 'CAD', 40e6],
      ['HK$2.5 billion', 'HKD', 2.5e9],
      ['S$18 million', 'SGD', 18e6],
      ['US$60 million', 'USD', 60e6],
      ['$9 million', 'USD', 9e6],
    ]);
  });

  it('names what a figure measures from its own clause, not from the figure before it', () => {
    const doc = extract(
      'Tokyo pledged US$300 million and Seoul promised $1.5 billion. ' +
        'Maize output fell 14 percent and cassava exports climbed 6 percent in 2023.',
    );
    expect(figure(doc, '$1.5 billion')?.measure).toBe('Seoul promised');
    expect(figure(doc, '6 percent')?.measure).toBe('cassava exports climbed');
  });

  it('reads a coordinated phrase after a figure whole, and no half phrase at the word limit', () => {
    const doc = extract(
      'Washington committed $170 million in humanitarian and development assistance. ' +
        'The bank approved $50 million in loans and grants for small farmers. ' +
        'Brazil earned $9 billion in oil and gas revenue last year, and Quito pledged ' +
        '$2 billion in security assistance and Lima promised more.',
    );
    expect(figure(doc, '$170 million')?.measure).toBe('humanitarian and development assistance');
    expect(figure(doc, '$50 million')?.measure).toBe('loans and grants');
    expect(figure(doc, '$9 billion')?.measure).toBe('oil and gas revenue');
    expect(figure(doc, '$2 billion')?.measure).toBe('security assistance');
    const power = extract(
      'Ethiopia will sell 400 megawatts of hydroelectric power to its southern neighbour.',
    );
    expect(factsOf(power, 'figure')[0]?.measure).toBe('megawatts of hydroelectric power');
  });

  it("names a table's number by its column where the row has no words, not by the row's other numbers", () => {
    const doc = extract(
      '| Country | 2022 | 2023 |\n| --- | --- | --- |\n| Peru | 95,008 | 92,784 |\n' +
        '| Colombia | 230,000 | 253,000 |\n',
      'markdown',
    );
    expect(figure(doc, '95,008')?.measure).toBe('2022');
    expect(figure(doc, '92,784')?.measure).toBe('2023');
    expect(figure(doc, '253,000')?.measure).toBe('2023');
  });

  it('counts "Peruvian police officers" whole, names kept, and keeps a thousands separator', () => {
    const doc = extract(
      'The program will train 1,200 Peruvian police officers. Coca covered 92,784 hectares in 2023.',
    );
    expect(figure(doc, '1,200 Peruvian police officers')).toMatchObject({
      category: 'count',
      unit: 'Peruvian police officers',
    });
    expect(figure(doc, '2023')?.measure).toBe('Coca covered 92,784 hectares');
  });

  it('keeps a rate in a count, a participle before a noun, and no article before a date', () => {
    const doc = extract(
      "Guyana's output reached 650,000 barrels per day. Trinidad supplies 40% of the " +
        "Caribbean's liquefied natural gas. Tensions have risen since a December 2023 referendum.",
    );
    expect(figure(doc, '650,000 barrels per day')).toMatchObject({
      category: 'count',
      unit: 'barrels per day',
    });
    expect(figure(doc, '40%')?.measure).toBe("the Caribbean's liquefied natural gas");
    expect(figure(doc, '2023')?.measure).toBe('Tensions have risen');
  });

  it('names what a change measures from a noun, never from the year before it', () => {
    const doc = extract(
      'Colombia produced an estimated 2,664 tonnes of cocaine in 2022, up 24% from the year before.',
    );
    expect(figure(doc, '24%')?.measure).toBe('2,664 tonnes of cocaine');
  });

  it('does not take the number in a name ("Barrio 18", "Resolution 2231") for a figure', () => {
    expect(figureRaws('Police targeted gangs such as MS-13 and Barrio 18 in the capital.')).toEqual(
      [],
    );
    expect(figureRaws('The council cited Resolution 2231 in its statement.')).toEqual([]);
    // A sentence's first word is capitalised anyway.
    expect(figureRaws('Nearly 400 ships passed the strait.')).toEqual(['400 ships']);
  });

  it("does not take a dateline's year for a figure the article reports", () => {
    expect(
      figureRaws('Talks resume\n\nHANOI, March 14, 2026 — Vietnam signed the memorandum.'),
    ).toEqual([]);
    expect(
      figureRaws('BOGOTÁ, Colombia, Jan. 5, 2025 (Reuters) — Colombia extradited him.'),
    ).toEqual([]);
    // A date in the story's own sentence stays a fact.
    expect(figureRaws('The talks ended on March 14, 2026 — a week late — without a deal.')).toEqual(
      ['2026'],
    );
  });

  it('does not take the first word of a date after a figure for what it measures', () => {
    const doc = extract(
      'Coffee exports slipped 3 percent last year, and the lenders released $80 million this month.',
    );
    expect(figure(doc, '3 percent')?.measure).toBe('Coffee exports slipped');
    expect(figure(doc, '$80 million')?.measure).toBe('lenders released');
  });

  it("finds Côte d'Ivoire, and a country that needs a list to be read as one", () => {
    expect(countriesOf("The summit moved to Côte d'Ivoire after the vote.")).toEqual(['CI']);
    expect(countriesOf("Cote d'Ivoire hosted the summit.")).toEqual(['CI']);
    expect(countriesOf('Families fled through Chad and South Sudan to the camps.')).toEqual([
      'SS',
      'TD',
    ]);
    // Alone, an ambiguous name is still not a country.
    expect(countriesOf('Chad said the camps were full.')).toEqual([]);
  });

  it('does not take an English word that spells a country in its own language for that country', () => {
    // "Island" is Icelandic for Iceland, "Dominique" French for Dominica.
    expect(countriesOf('Small Island States Ask Lenders for Cheaper Loans')).toEqual([]);
    expect(countriesOf('The Island nations of the region met in Fiji.')).toEqual(['FJ']);
    expect(countriesOf('Dominique Arnaud chaired the donor round.')).toEqual([]);
    // Other spellings in another language still count.
    expect(countriesOf('Ministers from Nippon and Holland met in Suomi.')).toEqual([
      'FI',
      'JP',
      'NL',
    ]);
    expect(countriesOf('Reykjavik hosted Iceland’s first climate summit.')).toEqual(['IS']);
  });

  it('reads the adjectives news copy uses where the country list has another form', () => {
    // The list has "Filipino", "Kazakhstani", "Uzbekistani", "Tadzhik", "Kirghiz", "Nepalese", "Azerbaijani".
    expect(
      countriesOf('Philippine and Kazakh officials met Uzbek, Tajik and Kyrgyz envoys.'),
    ).toEqual(['KG', 'KZ', 'PH', 'TJ', 'UZ']);
    expect(countriesOf('Nepali troops and an Azeri adviser joined Slovenian monitors.')).toEqual([
      'AZ',
      'NP',
      'SI',
    ]);
    // The country of a titled person follows: not the last country named before them.
    const doc = extract(
      'Saudi officials hosted the talks in Riyadh. Philippine Foreign Secretary Enrique Manalo ' +
        'joined by video.',
    );
    expect(person(doc, 'Enrique Manalo')).toMatchObject({
      title: 'Foreign Secretary',
      country: 'PH',
    });
  });

  it('reads Brussels as the seat of the EU or NATO, not Belgium, in a story about them', () => {
    expect(
      countriesOf('BRUSSELS — EU and Mercosur ministers agreed to resume talks in Brussels.'),
    ).toEqual([]);
    expect(
      countriesOf('NATO allies met in Brussels, and Belgium sent its defence minister.'),
    ).toEqual(['BE']);
    expect(countriesOf('Brussels raised the tax on diesel for Belgian drivers.')).toEqual(['BE']);
  });

  it('reads a country whose name is an English word only where a place would stand', () => {
    expect(countriesOf('The Family Reunion Scheme reopened for applications.')).toEqual([]);
    expect(countriesOf('Reunion visits resumed at the border camp.')).toEqual([]);
    expect(countriesOf('The storm moved from Réunion to Mauritius.')).toEqual(['MU', 'RE']);
    expect(countriesOf('Ferries to Reunion were cancelled.')).toEqual(['RE']);
    expect(countriesOf('La Réunion asked for more aid.')).toEqual(['RE']);
  });

  it('finds a charter as an agreement', () => {
    const doc = extract('Mali, Niger and Burkina Faso signed the Niamey Charter in July.');
    expect(factsOf(doc, 'agreement')).toEqual([
      expect.objectContaining({ name: 'Niamey Charter', parties: ['ML', 'NE', 'BF'] }),
    ]);
  });

  it('measures each of two amounts in a row by its own noun, cut at a whole phrase', () => {
    const doc = extract(
      'The regional development fund gave $5 million in loans and $2 million in grants to ' +
        'ranchers in both countries last year.',
    );
    expect(figure(doc, '$5 million')?.measure).toBe('loans');
    expect(figure(doc, '$2 million')?.measure).toBe('grants to ranchers');
  });

  it('reads a number after a word that only begins like a month', () => {
    const doc = extract(
      'Brazilian exports declined 20% in the first half, and imports decreased 8% as 40 ' +
        'markets closed.',
    );
    expect(figureRaws(doc.text)).toEqual(['20%', '8%', '40 markets']);
    expect(figure(doc, '20%')?.measure).toBe('Brazilian exports declined');
  });

  it('ends a measure cut at the word limit at a whole noun phrase', () => {
    const doc = extract(
      'Uruguay shipped 99,000 tonnes of South American beef to Asian markets in 2025.',
    );
    expect(figure(doc, '99,000 tonnes')?.measure).toBe('tonnes of South American beef');
    expect(figure(doc, '2025')?.measure).toBe('American beef to Asian markets');
  });

  it('weighs "pounds of" a substance, and keeps pounds of money as money', () => {
    const doc = extract(
      'Border agents seized more than 21,000 pounds of fentanyl in 2024, down from 27,000 ' +
        'pounds the year before. The council spent ' +
        '5 billion pounds of public money on it, and fined the firm 2 million pounds.',
    );
    expect(figure(doc, '21,000 pounds')).toMatchObject({
      category: 'count',
      unit: 'pounds',
      measure: 'pounds of fentanyl',
    });
    expect(figure(doc, '27,000 pounds')).toMatchObject({ category: 'count', unit: 'pounds' });
    expect(figure(doc, '5 billion pounds')).toMatchObject({ category: 'money', unit: 'GBP' });
    expect(figure(doc, '2 million pounds')).toMatchObject({ category: 'money', unit: 'GBP' });
  });

  it('measures a level by its subject, not by the point in time after it', () => {
    const doc = extract(
      'Central bank reserves fell to $1.9 billion at the end of June. Exports climbed to ' +
        '$800 million by the start of the harvest.',
    );
    expect(figure(doc, '$1.9 billion')?.measure).toBe('Central bank reserves');
    expect(figure(doc, '$800 million')?.measure).toBe('Exports');
  });

  it('measures an amount in a clause about a name by the name, not by "which"', () => {
    const doc = extract(
      'Mexico, which received $64.7 billion in 2024, saw remittances fall. El Salvador, which ' +
        'took in $8.5 billion, did not.',
    );
    expect(figure(doc, '$64.7 billion')?.measure).toBe('Mexico received');
    expect(figure(doc, '2024')?.measure).toBe('Mexico received $64.7 billion');
    expect(figure(doc, '$8.5 billion')?.measure).toBe('El Salvador took');
  });

  it('does not measure an amount by the place it was counted in', () => {
    const doc = extract(
      'GUATEMALA CITY — Money sent home by migrants in the United States reached a record ' +
        '$21.5 billion in ' +
        'Guatemala last year. ' +
        'China lent $2 billion in loans to Ecuador.',
    );
    expect(figure(doc, '$21.5 billion')?.measure).toBe('Money sent home by migrants');
    expect(figure(doc, '$2 billion')?.measure).toBe('loans to Ecuador');
  });

  it('reads "45 per 100,000 inhabitants" as one rate', () => {
    const doc = extract(
      'Ecuador recorded 8,237 violent deaths in 2023, a homicide rate of 45 per 100,000 ' +
        'inhabitants, the highest in the region.',
    );
    expect(figureRaws(doc.text)).toEqual([
      '8,237 violent deaths',
      '2023',
      '45 per 100,000 inhabitants',
    ]);
    expect(figure(doc, '45 per 100,000 inhabitants')?.measure).toBe('homicide rate');
  });

  it('measures a price by what it buys', () => {
    const doc = extract(
      'CK Hutchison agreed this month to sell its stakes in two canal ports to a group led by ' +
        'BlackRock for $22.8 billion. Brazil bought 36 fighter jets from Sweden for $4.5 billion.',
    );
    expect(figure(doc, '$22.8 billion')?.measure).toBe('sell its stakes in two canal ports');
    expect(figure(doc, '$4.5 billion')?.measure).toBe('bought 36 fighter jets');
  });

  it('measures an amount in the passive by its participle, not by "was"', () => {
    const doc = extract(
      'Reserves fell, of which only about $50 million was held in cash. Another $3 billion ' +
        'were spent on fuel imports.',
    );
    expect(figure(doc, '$50 million')?.measure).toBe('held in cash');
    expect(figure(doc, '$3 billion')?.measure).toBe('spent on fuel imports');
  });

  it('measures a share by the name before an aside, not by the bare verb', () => {
    const doc = extract(
      'Paz, the son of former president Jaime Paz Zamora, won 32.1% in the first round. ' +
        'Quiroga, a former president, took 26.8%.',
    );
    expect(figure(doc, '32.1%')?.measure).toBe('Paz won');
    expect(figure(doc, '26.8%')?.measure).toBe('Quiroga took');
  });

  it('reads rupees and South Asian numbering (lakh, crore)', () => {
    const doc = extract(
      'India approved a Rs 1.5 lakh crore defence package, and exports rose to ₹36 lakh ' +
        'crore. The scheme will fund 2 crore households, and 45 lakh farmers got support.',
    );
    expect(figure(doc, 'Rs 1.5 lakh crore')).toMatchObject({
      category: 'money',
      unit: 'rupees',
      value: 1.5e12,
      measure: 'defence package',
    });
    expect(figure(doc, '₹36 lakh crore')).toMatchObject({ unit: 'INR', value: 36e12 });
    expect(figure(doc, '2 crore households')).toMatchObject({ category: 'count', value: 2e7 });
    expect(figure(doc, '45 lakh farmers')).toMatchObject({ category: 'count', value: 4.5e6 });
  });

  it('names what changed by the noun a phrase hangs on, never by an amount', () => {
    const doc = extract(
      'Trade between the two countries reached $14.2 billion in 2025, up 9% from the year ' +
        'before. Remittances from Spain climbed to $3 billion, up 4%.',
    );
    expect(figure(doc, '9%')?.measure).toBe('Trade');
    expect(figure(doc, '4%')?.measure).toBe('Remittances');
  });

  it('takes the parties of an agreement in a list from what leads in to the list', () => {
    const doc = extract(
      '# Readout of the Secretary’s meeting with Kenyan Foreign Minister Musalia Mudavadi\n\n' +
        'Key outcomes:\n\n' +
        '- A memorandum of understanding on port security, signed by both delegations.\n' +
        '- Plans for a second round of talks in June.\n',
    );
    expect(factsOf(doc, 'agreement')).toEqual([
      expect.objectContaining({ name: null, parties: ['KE'] }),
    ]);
  });

  it('does not count a country a deal is aimed at, or a sea named after one, as a party', () => {
    const parties = (text: string) => factsOf(extract(text), 'agreement').map((a) => a.parties);
    expect(
      parties(
        "Manila and Tokyo signed a defense pact to coordinate their response to China's " +
          'patrols in the South China Sea.',
      ),
    ).toEqual([['PH', 'JP']]);
    expect(
      parties('Brazil and Argentina reached a deal with Chile to share river data about Bolivia.'),
    ).toEqual([['BR', 'AR', 'CL']]);
    expect(
      parties('The United States and Cuba signed an accord on oil spills in the Gulf of Mexico.'),
    ).toEqual([['US', 'CU']]);
    // Named as an actor too, it stays a party.
    expect(
      parties('Ecuador signed a pact with Peru, and Peru agreed to open its ports to Ecuador.'),
    ).toEqual([['EC', 'PE']]);
  });

  it('does not take the verb of a title-case headline into an agreement name', () => {
    const doc = extract(
      'Bondholders and Official Lenders Reach Debt Relief Agreement with Zambia After Three Years of Talks\n\n' +
        'Lusaka, 2 May — The finance ministry welcomed the terms on Tuesday.',
    );
    expect(factsOf(doc, 'agreement').map((a) => a.name)).toEqual(['Debt Relief Agreement']);
  });

  it('files shipping, energy, sanctions and jihadist violence under issues of their own', () => {
    const arctic = extract(
      'Russia moved 36 million tonnes of cargo along the Northern Sea Route last year, most of it ' +
        'liquefied natural gas and crude oil bound for China. Tankers now sail the route in winter ' +
        'behind nuclear icebreakers. Sanctions on Russian energy exports have pushed more shipping ' +
        'east, and Norway has tightened export controls on dual-use equipment.',
    );
    expect(issuesOf(arctic, 'RU')).toEqual(expect.arrayContaining(['energy', 'maritime']));
    expect(issuesOf(arctic, 'RU')).toContain('sanctions');
    const sahel = extract(
      'Jihadist groups linked to al-Qaeda and Islamic State attacked three army posts in Mali ' +
        'this month. The insurgency has displaced two million people across the region.',
    );
    expect(issuesOf(sahel, 'ML')).toContain('terrorism');
  });

  it('counts a people by their name, and by what they remain', () => {
    const doc = extract(
      'About 13 million Syrians remain displaced, and 2,000 Venezuelans were deported.',
    );
    expect(figure(doc, '13 million Syrians')).toMatchObject({
      unit: 'Syrians',
      measure: 'Syrians displaced',
    });
    expect(figure(doc, '2,000 Venezuelans')).toMatchObject({
      unit: 'Venezuelans',
      measure: 'Venezuelans deported',
    });
  });

  it('measures a change by its own clause, not a span of time or the clause it hangs on', () => {
    const doc = extract(
      'Mario Marcel resigned after copper prices fell 18% over six months. Donors gave $40 ' +
        'million over 500 projects.',
    );
    expect(figure(doc, '18%')?.measure).toBe('copper prices fell');
    expect(figure(doc, '$40 million')?.measure).toBe('over 500 projects');
  });

  it('keeps a rate with an amount of money and measures what follows it', () => {
    const doc = extract(
      'Qatar and Saudi Arabia will pay about $15 million a month toward public-sector salaries ' +
        'in Syria.',
    );
    expect(figure(doc, '$15 million a month')).toMatchObject({
      value: 15_000_000,
      unit: 'USD',
      measure: 'toward public-sector salaries in Syria',
    });
  });

  it('does not measure an amount by the same amount given again in brackets', () => {
    const doc = extract(
      'Kenya’s public debt stands at about 10.5 trillion shillings ($81 billion), or 68% of output.',
    );
    expect(figure(doc, '10.5 trillion shillings')?.measure).toBe('public debt stands');
    // The equivalent measures what the amount does.
    expect(figure(doc, '$81 billion')?.measure).toBe('public debt stands');
  });

  it('files loans, debt and lenders under debt and finance, not a humanitarian crisis', () => {
    const kenya = extract(
      'Kenya signed a $1.2 billion loan with the World Bank to upgrade its railway. Kenya’s ' +
        'public debt stands at 68% of output, and the IMF has urged it to cut borrowing.',
    );
    expect(issuesOf(kenya, 'KE')).toEqual(['debt-finance']);
    const zambia = extract('Zambia has been in a debt crisis since it defaulted in 2020.');
    expect(issuesOf(zambia, 'ZM')).toEqual(['debt-finance']);
  });

  it("does not take a title-case headline's verb for a name", () => {
    const doc = extract(
      '# Saudi Crown Prince Hosts Syrian Leader as Gulf States Pledge Aid\n\n' +
        'RIYADH — Saudi Crown Prince Mohammed bin Salman received Syrian President Ahmed ' +
        'al-Sharaa on Sunday.',
    );
    expect(factsOf(doc, 'person').map((p) => p.name)).toEqual([
      'Mohammed bin Salman',
      'Ahmed al-Sharaa',
    ]);
  });

  it('reads an adviser as a title', () => {
    const doc = extract(
      'Bangladeshi Foreign Adviser Touhid Hossain met the delegation, and a senior adviser, ' +
        'Lutfey Siddiqi, joined them.',
    );
    expect(person(doc, 'Touhid Hossain')).toMatchObject({
      title: 'Foreign Adviser',
      country: 'BD',
    });
    expect(person(doc, 'Lutfey Siddiqi')).toBeDefined();
  });

  it("gives an office holder named without a country the dateline's country", () => {
    const doc = extract(
      'WARSAW, March 3, 2026 — Polish farmers blocked roads into Poland for a third day, and ' +
        'Poland’s grain stores are full.\n\n' +
        'Agriculture Minister Czeslaw Siekierski warned that the protests could spread. ' +
        'European Commission President Ursula von der Leyen promised help, and the Commission’s ' +
        'trade chief, Maros Sefcovic, flew in from Brussels.',
    );
    expect(person(doc, 'Czeslaw Siekierski')).toMatchObject({
      country: 'PL',
      countryVia: 'context',
    });
    // Offices of an organisation are not the dateline country's.
    expect(person(doc, 'Ursula von der Leyen').country).toBeNull();
    expect(person(doc, 'Maros Sefcovic').country).toBeNull();
    // With no dateline, nothing is guessed.
    const undated = extract(
      'Polish farmers blocked roads for a third day.\n\n' +
        'Agriculture Minister Czeslaw Siekierski warned that the protests could spread.',
    );
    expect(person(undated, 'Czeslaw Siekierski').country).toBeNull();
  });

  it('reads the dateline under a headline in sentence case, and a sentence naming only its country', () => {
    const doc = extract(
      'Ecuador and the United States widen port security checks\n\n' +
        'QUITO — A U.S. delegation met officials in Quito on Monday to discuss ' +
        'security cooperation with Ecuador, and Ecuador agreed to new port screening.\n\n' +
        'Foreign Minister Gabriela Sommerfeld said Ecuador intends to expand screening at ' +
        'Guayaquil.',
    );
    expect(person(doc, 'Gabriela Sommerfeld')).toMatchObject({
      country: 'EC',
      countryVia: 'context',
    });
  });

  it("reads a wire service's dateline, and gives former and outgoing presidents its country", () => {
    const doc = extract(
      'LA PAZ (Reuters) - Bolivians vote on Sunday in a runoff, and Bolivia faces its worst ' +
        'crisis in a generation.\n\n' +
        'Outgoing President Luis Arce did not run. Former president Evo Morales urged his ' +
        'supporters to spoil their ballots, and Bolivia’s electoral court warned him.',
    );
    expect(person(doc, 'Luis Arce')).toMatchObject({ country: 'BO', countryVia: 'context' });
    expect(person(doc, 'Evo Morales')).toMatchObject({ country: 'BO', countryVia: 'context' });
  });

  it('says "former" in the title of someone who no longer holds the office', () => {
    const doc = extract(
      'Former President Evo Morales urged a boycott. Ex-President Mauricio Macri of Argentina ' +
        'disagreed, as did former Colombian president Iván Duque. President Luis Arce ' +
        'replied.\n\nFormer president Donald Trump won in 2024. President Donald Trump then ' +
        'signed the order.',
    );
    expect(person(doc, 'Evo Morales').title).toBe('Former President');
    expect(person(doc, 'Mauricio Macri').title).toBe('Former President');
    expect(person(doc, 'Iván Duque').title).toBe('former president');
    expect(person(doc, 'Luis Arce').title).toBe('President');
    // Called both, the person holds the office now.
    expect(person(doc, 'Donald Trump').title).toBe('President');
  });

  it('reads a name around a nickname in quotes, and no place after "in" as a person', () => {
    const doc = extract(
      'Voters choose between Senator Rodrigo Paz and former president Jorge "Tuto" Quiroga. ' +
        'Former Mexican president Andrés Manuel “AMLO” López Obrador stayed silent.\n\n' +
        '"We need dollars now," Quiroga told supporters at a rally in Santa Cruz.',
    );
    expect(person(doc, 'Jorge Quiroga').title).toBe('former president');
    expect(person(doc, 'Andrés Manuel López Obrador').country).toBe('MX');
    expect(factsOf(doc, 'person').map((p) => p.name)).not.toContain('Santa Cruz');
    expect(factsOf(doc, 'quote')[0]?.speaker).toBe('Jorge Quiroga');
  });

  it("gives the dateline's country past a quote naming another, not beside a sentence about one", () => {
    const doc = extract(
      'BOGOTÁ — Colombia widened its border patrols on Monday, and Colombia’s army took ' +
        'over two crossings.\n\n' +
        '"Venezuela must stop the flow of arms," Defense Minister Pedro Sánchez said.\n\n' +
        'Ecuador’s central bank froze 40 accounts. Finance Minister Sariha Moya said the two ' +
        'governments had acted together.',
    );
    expect(person(doc, 'Pedro Sánchez')).toMatchObject({ country: 'CO', countryVia: 'context' });
    expect(person(doc, 'Sariha Moya').country).not.toBe('CO');
  });

  it("gives 'his foreign minister' the country of the person just named", () => {
    const doc = extract(
      'Guatemalan President Bernardo Arévalo asked for fair treatment. His foreign minister, ' +
        'Carlos Ramiro Martínez, met officials last week.\n\n' +
        'Her spokesperson, Ana Lima, said nothing.',
    );
    expect(person(doc, 'Carlos Ramiro Martínez')).toMatchObject({
      country: 'GT',
      countryVia: 'context',
    });
    // A new paragraph is not about the person named before it.
    expect(person(doc, 'Ana Lima').country).toBeNull();
  });

  it('takes no gang or company named like a person for one', () => {
    const doc = extract(
      'The strikes target members of Venezuela’s Tren de Aragua gang. Prosecutors charged ' +
        'the Los Chapitos faction and the Carlos Slim Foundation said it would help. Ana ' +
        'María Lima said so.',
    );
    const names = factsOf(doc, 'person').map((p) => p.name);
    expect(names).not.toContain('Tren de Aragua');
    expect(names).not.toContain('Carlos Slim');
    expect(names).toContain('Ana María Lima');
  });

  it("gives the dateline's country to a president met in its capital, whoever else the sentence names", () => {
    const doc = extract(
      'QUITO, Ecuador (AP) — The commander of U.S. Southern Command met President Daniel Noboa ' +
        'in Quito on Thursday to discuss American ships in Ecuador’s ports.\n\n' +
        'The U.S. envoy also met President Ana Ruiz in Lima.',
    );
    expect(person(doc, 'Daniel Noboa')).toMatchObject({ country: 'EC', countryVia: 'context' });
    expect(person(doc, 'Ana Ruiz').country).toBeNull();
  });

  it('gives a minister the country whose ministry of that portfolio the text names', () => {
    const doc = extract(
      'U.S. officials met their hosts, Ecuador’s Defense Ministry said. Defense Minister Gian ' +
        'Carlo Loffredo said the U.S. would help. Finance Minister Ana Ruiz said the same, as ' +
        'did Colombia’s foreign ministry and Peru’s foreign ministry. Foreign Minister Luis ' +
        'Paz agreed.',
    );
    expect(person(doc, 'Gian Carlo Loffredo')).toMatchObject({
      country: 'EC',
      countryVia: 'context',
    });
    expect(person(doc, 'Ana Ruiz').country).toBeNull();
    // Two countries' foreign ministries: neither is his.
    expect(person(doc, 'Luis Paz').country).toBeNull();
  });

  it('reads a name the lexicon does not know after "Minister of <portfolio>" before a verb', () => {
    const doc = extract(
      "Panama's Minister of Public Security Frank Ábrego said the deal would help. The " +
        'Minister of Mines and Hydrocarbons Estuardo Quispe Lema told reporters nothing.',
    );
    expect(person(doc, 'Frank Ábrego')).toMatchObject({
      title: 'Minister of Public Security',
      country: 'PA',
    });
    expect(person(doc, 'Estuardo Quispe Lema').title).toBe('Minister of Mines and Hydrocarbons');
  });

  it('writes out an office abbreviated before a name', () => {
    const doc = extract(
      'Gen. Laura Richardson warned of the risk, and Sen. Marco Rubio and Adm. Alvin Holsey ' +
        'agreed. Dr. Ana Ruiz did not.',
    );
    expect(person(doc, 'Laura Richardson').title).toBe('General');
    expect(person(doc, 'Marco Rubio').title).toBe('Senator');
    expect(person(doc, 'Alvin Holsey').title).toBe('Admiral');
    expect(person(doc, 'Ana Ruiz').title).toBe('Dr');
  });

  it("keeps an organisation's name in its office's title, and gives it no country", () => {
    const doc = extract(
      'WASHINGTON — World Bank President Ajay Banga said the loan would help the United ' +
        'States’ partners.\n\nEuropean Commission President Ursula von der Leyen flew to ' +
        'Montevideo, and NATO Secretary-General Mark Rutte agreed.\n\n' +
        'Treasury officials in the United States welcomed it.',
    );
    expect(person(doc, 'Ajay Banga')).toMatchObject({
      title: 'World Bank President',
      country: null,
    });
    expect(person(doc, 'Ursula von der Leyen')).toMatchObject({
      title: 'European Commission President',
      country: null,
    });
    expect(person(doc, 'Mark Rutte').title).toBe('NATO Secretary-General');
  });

  it("gives a sentence that names no country the country of the story's dateline", () => {
    const doc = extract(
      'LA PAZ (Reuters) - Bolivia votes on Sunday, and Bolivia’s next president inherits a ' +
        'crisis.\n\nAnnual inflation reached 23% in July, the highest since 2008.',
    );
    expect(figure(doc, '23%')?.countries).toEqual(['BO']);
    // Without a dateline, or told from a capital about another country, nothing is guessed.
    const undated = extract(
      'Bolivia votes on Sunday.\n\nAnnual inflation reached 23% in July, the highest since 2008.',
    );
    expect(figure(undated, '23%')?.countries).toEqual([]);
    const away = extract(
      'WASHINGTON — Venezuela’s oil output fell, and Venezuela’s exports to China rose.\n\n' +
        'Annual inflation reached 23% in July.',
    );
    expect(figure(away, '23%')?.countries).toEqual([]);
  });

  it('knows cabinet titles only Washington uses', () => {
    const doc = extract(
      'Treasury Secretary Scott Bessent and Homeland Security Secretary Kristi Noem spoke, as ' +
        'did Defence Secretary John Healey.',
    );
    expect(person(doc, 'Scott Bessent').country).toBe('US');
    expect(person(doc, 'Kristi Noem').country).toBe('US');
    expect(person(doc, 'John Healey').country).toBeNull();
  });

  it("does not give a bare title a neighbour's country that contradicts the dateline", () => {
    const doc = extract(
      'U.S. revokes oil license as pressure on Caracas mounts\n\n' +
        'WASHINGTON — The Treasury Department said it would revoke the license that let ' +
        'Chevron pump oil in Venezuela.\n\n' +
        'The decision reverses a 2022 policy that let the company resume limited production. ' +
        'President Donald Trump accused Nicolás Maduro’s government of failing to hold free ' +
        'elections. Venezuelan opposition leader María Corina Machado welcomed the decision.',
    );
    expect(person(doc, 'Donald Trump').country).not.toBe('VE');
    expect(person(doc, 'María Corina Machado').country).toBe('VE');
  });

  it('attributes a quote a speaker uses to characterise something', () => {
    const doc = extract(
      'Foreign Minister Ana Ruiz called the deal "a turning point for our farmers." Later she ' +
        'described it as "the fairest terms in a generation." Workers joined a scheme called ' +
        '"Harvest for All Families" in May.',
    );
    expect(factsOf(doc, 'quote').map((q) => [q.speaker, q.text])).toEqual([
      ['Ana Ruiz', 'a turning point for our farmers.'],
      ['Ana Ruiz', 'the fairest terms in a generation.'],
    ]);
  });

  it('keeps a curly apostrophe inside a measure', () => {
    expect(figure(extract('Peru’s copper output increased 4% last year.'), '4%')?.measure).toBe(
      'Peru’s copper output increased',
    );
  });

  it('measures an amount after "rose … to" or "from" by what changed', () => {
    const measures = (text: string) =>
      factsOf(extract(text), 'figure').map((f) => [f.raw, f.measure]);
    expect(measures('Colombian coffee exports rose 12% to $3.4 billion last year.')).toEqual([
      ['12%', 'Colombian coffee exports rose'],
      ['$3.4 billion', 'Colombian coffee exports'],
    ]);
    expect(
      measures(
        'Trade between Brazil and Argentina fell 18% in the first half of the year to $11.4 billion.',
      ).at(-1),
    ).toEqual(['$11.4 billion', 'Trade between Brazil and Argentina']);
    expect(
      measures('The number of migrants crossing the Darién fell to 302,000 from 520,000.'),
    ).toEqual([
      ['302,000', 'migrants crossing the Darién'],
      ['520,000', 'migrants crossing the Darién'],
    ]);
    // A verb that can take an object, used without one, is a change of its subject.
    expect(measures('Peru’s copper output increased 4% to 2.7 million tonnes.')).toEqual([
      ['4%', 'Peru’s copper output increased'],
      ['2.7 million tonnes', 'Peru’s copper output'],
    ]);
    // An amount that says what it is keeps its own words.
    expect(measures('Aid rose to $40 million in emergency food assistance.')).toEqual([
      ['$40 million', 'emergency food assistance'],
    ]);
  });

  it('measures an amount after "cut … by" by the cut', () => {
    const measures = (text: string) =>
      factsOf(extract(text), 'figure').map((f) => [f.raw, f.measure]);
    expect(
      measures('The move could cut Venezuelan crude exports by about 200,000 barrels a day.'),
    ).toEqual([['200,000 barrels a day', 'cut Venezuelan crude exports']]);
    expect(measures('Argentina cut its benchmark interest rate by 300 basis points.')).toEqual([
      ['300 basis points', 'cut benchmark interest rate'],
    ]);
    // The level it was raised to is a level of the object.
    expect(
      measures('The central bank raised its benchmark interest rate by 25 basis points to 27.5%.'),
    ).toEqual([
      ['25 basis points', 'raised benchmark interest rate'],
      ['27.5%', 'benchmark interest rate'],
    ]);
  });

  it('reads an amount and its equivalent in brackets as two amounts', () => {
    const doc = extract('Japan pledged ¥60 billion ($400 million) in loans for radar systems.');
    expect(factsOf(doc, 'figure').map((f) => [f.raw, f.value, f.unit])).toEqual([
      ['¥60 billion', 60e9, 'JPY'],
      ['$400 million', 400e6, 'USD'],
    ]);
  });

  it('measures an amount, and its equivalent in brackets, by what follows the brackets', () => {
    const doc = extract('Japan pledged ¥60 billion ($400 million) in loans for radar systems.');
    expect(factsOf(doc, 'figure').map((f) => f.measure)).toEqual([
      'loans for radar systems',
      'loans for radar systems',
    ]);
  });

  it('ends an agreement’s name before a day or month after it', () => {
    const names = (text: string) => factsOf(extract(text), 'agreement').map((a) => a.name);
    expect(
      names('Japan and the Philippines signed a Reciprocal Access Agreement on Monday.'),
    ).toEqual(['Reciprocal Access Agreement']);
    expect(
      names('Both sides signed the Memorandum of Understanding on Security Cooperation.'),
    ).toEqual(['Memorandum of Understanding on Security Cooperation']);
  });

  it('measures a count by the noun whose "of" leads to it, never by who reported it', () => {
    const measures = (text: string) =>
      factsOf(extract(text), 'figure').map((f) => [f.raw, f.measure]);
    expect(measures('Mediators secured the release of 12 hostages held in Gaza.')).toEqual([
      ['12 hostages', 'release of hostages'],
    ]);
    expect(measures('The deaths of 40 migrants prompted an inquiry.')).toEqual([
      ['40 migrants', 'deaths of migrants'],
    ]);
    expect(measures('The United Nations says 1.9 million people need food aid.')).toEqual([
      ['1.9 million people', 'people'],
    ]);
  });

  it('files wars, ceasefires and hostages under conflict and peace, and mining under minerals', () => {
    const gaza = extract(
      'Qatar said mediators had secured the release of 12 hostages, and ceasefire talks ' +
        'will resume in Doha next week.',
    );
    expect(issuesOf(gaza, 'QA')).toEqual(['conflict-peace']);
    const lithium = extract(
      'Chile produced 44,000 tonnes of lithium last year, and its copper mining output fell.',
    );
    expect(issuesOf(lithium, 'CL')).toEqual(['minerals-mining']);
    // A trade war is about trade, and the war on drugs about drugs.
    expect(issuesOf(extract('Mexico fears a trade war with the United States.'), 'MX')).toEqual([
      'trade-investment',
    ]);
    expect(issuesOf(extract('Colombia rethinks the war on drugs.'), 'CO')).toEqual([
      'counter-narcotics',
    ]);
  });

  it('reads a demonym before a portfolio and a lower-case title', () => {
    const doc = extract('Egyptian intelligence chief Hassan Rashad travelled to Doha.');
    expect(person(doc, 'Hassan Rashad')).toMatchObject({
      title: 'intelligence chief',
      country: 'EG',
    });
  });

  it('does not make the country a deal answers a party to it', () => {
    const doc = extract(
      'Japan and the Philippines signed a Reciprocal Access Agreement, as both face growing ' +
        'pressure from China in disputed waters.',
    );
    expect(factsOf(doc, 'agreement').map((a) => [...a.parties].sort())).toEqual([['JP', 'PH']]);
    // Nor the country of those who oppose it.
    const opposed = extract(
      'Chile and Peru concluded a free trade agreement on Friday despite fierce opposition ' +
        'from French farmers.',
    );
    expect(factsOf(opposed, 'agreement').map((a) => [...a.parties].sort())).toEqual([['CL', 'PE']]);
  });

  it('keeps a portfolio after "of" in the title', () => {
    const doc = extract(
      'The talks were led by Colombian Vice Minister of Foreign Affairs Mauricio Jaramillo.',
    );
    expect(person(doc, 'Mauricio Jaramillo')).toMatchObject({
      title: 'Vice Minister of Foreign Affairs',
      country: 'CO',
    });
  });

  it('dates an event by the words before a full date, not by nothing', () => {
    const measures = (text: string) =>
      factsOf(extract(text), 'figure').map((f) => [f.raw, f.measure]);
    expect(measures('The accord was signed on March 3, 2024 in Lima.')).toEqual([
      ['2024', 'accord was signed'],
    ]);
  });

  it('describes an unnamed agreement in the words of its source', () => {
    const described = (text: string) =>
      factsOf(extract(text), 'agreement').map((a) => [a.name, a.description]);
    expect(
      described(
        'The leaders discussed the status of forces agreement that Ecuador and the United ' +
          'States signed in 2023.',
      ),
    ).toEqual([[null, 'status of forces agreement']]);
    expect(
      described(
        'Panama and the United States signed a memorandum of understanding on migration and ' +
          'border security in July.',
      ),
    ).toEqual([[null, 'memorandum of understanding on migration and border security']]);
    expect(
      described('Milei wants to sign a separate free trade agreement with the United States.'),
    ).toEqual([[null, 'free trade agreement']]);
    // A bare "agreement" says nothing more than the card's own word.
    expect(described('Brazil reached agreement with Paraguay on the dam.')).toEqual([[null, null]]);
    // A named one needs no description.
    expect(
      described('Guatemala and the United States signed the Safe Third Country Agreement.'),
    ).toEqual([['Safe Third Country Agreement', null]]);
  });

  it('attributes a characterisation after an appositive name or an auxiliary verb', () => {
    const doc = extract(
      'Argentine President Javier Milei has called Mercosur "a prison for our exporters." ' +
        'Venezuela’s vice president, Delcy Rodríguez, called the measure "harmful and ' +
        'inexplicable" and said it would hurt consumers. Exporters joined a programme called ' +
        '"Open Markets" in May.',
    );
    expect(factsOf(doc, 'quote').map((q) => [q.speaker, q.text])).toEqual([
      ['Javier Milei', 'a prison for our exporters.'],
      ['Delcy Rodríguez', 'harmful and inexplicable'],
    ]);
  });

  it('attributes a quote after thanks, praise or a pledge to the one who gave it', () => {
    const doc = extract(
      'President Volodymyr Zelensky, speaking by video link, thanked Poland for "standing ' +
        'with Ukraine when it mattered most." Prime Minister Donald Tusk vowed to "keep the ' +
        'border open for every honest trader."',
    );
    expect(factsOf(doc, 'quote').map((q) => q.speaker)).toEqual([
      'Volodymyr Zelensky',
      'Donald Tusk',
    ]);
  });

  it('knows "Sharaa" as Ahmed al-Sharaa, a surname without its particle', () => {
    const doc = extract(
      'Syrian President Ahmed al-Sharaa arrived in Riyadh. "We will rebuild every town," ' +
        'Sharaa told reporters.',
    );
    expect(factsOf(doc, 'quote').map((q) => q.speaker)).toEqual(['Ahmed al-Sharaa']);
    expect(person(doc, 'Ahmed al-Sharaa').mentions).toBe(2);
  });

  it('attributes a quote to "the crown prince" or "the president" named before it', () => {
    const doc = extract(
      'Saudi Crown Prince Mohammed bin Salman received Syrian President Ahmed al-Sharaa. ' +
        '"Syria’s stability is a pillar of regional security," the crown prince said. The ' +
        'guest thanked the kingdom for what he called "a brotherly stance." Later, said the ' +
        'president, "we will rebuild every town."',
    );
    expect(factsOf(doc, 'quote').map((q) => q.speaker)).toEqual([
      'Mohammed bin Salman',
      'Ahmed al-Sharaa',
      'Ahmed al-Sharaa',
    ]);
  });

  it('keeps the second half of a quote that goes on after its attribution', () => {
    const doc = extract(
      '"We have waited twelve years for this agreement," Trade Minister Dewi Santika told ' +
        'reporters. "European companies want our markets, and we want theirs." ' +
        'The ministry called it "a first step".',
    );
    const quotes = factsOf(doc, 'quote');
    expect(quotes.map((q) => [q.speaker, q.text.slice(0, 18)])).toEqual([
      ['Dewi Santika', 'We have waited twe'],
      ['Dewi Santika', 'European companies'],
    ]);
  });

  it('reads past the full stop of "Mr." or "Dr." to the speaker after "said"', () => {
    const doc = extract(
      'Omar Haddad flew in on Monday. "Aid will reach the camps within days," said Mr. Haddad, ' +
        'the relief coordinator. "Clinics are short of insulin," said Dr. Elena Moreau.',
    );
    expect(factsOf(doc, 'quote').map((q) => q.speaker)).toEqual(['Omar Haddad', 'Elena Moreau']);
  });

  it('finds a speaker introduced by "said" whom no title or name list knows', () => {
    const doc = extract(
      'Aid groups warned of worse to come. "The camps are full and the rains are coming," ' +
        'said Aïssatou Ndiaye, a protection officer with the agency.',
    );
    expect(factsOf(doc, 'quote')).toEqual([
      expect.objectContaining({ speaker: 'Aïssatou Ndiaye' }),
    ]);
  });

  it('keeps a hyphenated surname whole, with the title and country after it', () => {
    const doc = extract(
      '"Relief convoys need safe passage to every district," said Linda Thomas-Greenfield, ' +
        'the United States Ambassador, after the vote. Thomas-Greenfield then met the relief agencies. ' +
        'Sarah Hughes-Wilson told reporters the talks had stalled, and Trade Minister ' +
        'Ama Owusu-Ansah agreed.',
    );
    expect(factsOf(doc, 'quote')).toEqual([
      expect.objectContaining({ speaker: 'Linda Thomas-Greenfield', speakerCountry: 'US' }),
    ]);
    expect(person(doc, 'Linda Thomas-Greenfield')).toMatchObject({
      title: 'Ambassador',
      country: 'US',
      mentions: 2,
    });
    expect(person(doc, 'Sarah Hughes-Wilson')).toBeTruthy();
    expect(person(doc, 'Ama Owusu-Ansah')).toMatchObject({ title: 'Trade Minister' });
    expect(factsOf(doc, 'person').map((p) => p.name)).not.toContain('Linda Thomas');
  });

  it('keeps the particles inside a name ("von der", "al-") and not an ordinary word after it', () => {
    const doc = extract(
      'Commission President Ursula von der Leyen arrived in Cairo on Monday, where ' +
        'Egypt’s President Abdel Fattah al-Sisi received her. Al-Sisi praised the aid package. ' +
        'Mr Haddad met de facto officials in the north.',
    );
    expect(person(doc, 'Ursula von der Leyen')).toMatchObject({ title: 'Commission President' });
    expect(person(doc, 'Abdel Fattah al-Sisi')).toMatchObject({
      title: 'President',
      country: 'EG',
    });
    // "Mr" without a full stop is a title, as "Mr." is, and "de facto" is no surname.
    expect(person(doc, 'Haddad')).toMatchObject({ title: 'Mr' });
    expect(factsOf(doc, 'person').map((p) => p.name)).toEqual([
      'Ursula von der Leyen',
      'Abdel Fattah al-Sisi',
      'Haddad',
    ]);
  });

  it('finds a name with a particle as the subject of a reporting verb, without a title', () => {
    const doc = extract(
      'Jean-Yves Le Drian said the envoys would meet again in March. Ursula von der Leyen ' +
        'told the chamber that funds were ready, and Mark van Dijk announced a review. ' +
        'Later Le Drian flew home.',
    );
    expect(person(doc, 'Jean-Yves Le Drian')).toMatchObject({ title: null, mentions: 2 });
    expect(person(doc, 'Ursula von der Leyen')).toMatchObject({ title: null });
    expect(person(doc, 'Mark van Dijk')).toMatchObject({ title: null });
    // Not a bank named with a particle, nor the adverb before a name.
    const names = factsOf(
      extract('Yesterday Luiz Inácio Lula da Silva said so. Banco de la Nación said no.'),
      'person',
    ).map((p) => p.name);
    expect(names).toEqual(['Luiz Inácio Lula da Silva']);
  });

  it('finds a name with a middle initial without a title, wherever it stands', () => {
    const doc = extract(
      'Then George W. Bush arrived in Lima. Bush said the talks were over. The accord was ' +
        'signed by Michael R. Pompeo, and Mary Ann B. Ortiz said it would hold.',
    );
    expect(person(doc, 'George W. Bush')).toMatchObject({ title: null, mentions: 2 });
    expect(person(doc, 'Michael R. Pompeo')).toMatchObject({ title: null });
    expect(person(doc, 'Mary Ann B. Ortiz')).toMatchObject({ title: null });
    // A title before it still counts; a lettered section or plan is no one.
    expect(person('Former President George W. Bush said so.', 'George W. Bush')).toMatchObject({
      title: 'Former President',
    });
    expect(factsOf(extract('Section A. The committee met. Plan B. Costs rose.'), 'person')).toEqual(
      [],
    );
  });

  it('ends a name at its suffix, full stop included, and never takes the suffix for a person', () => {
    const doc = extract(
      'Martin Luther King Jr. spoke in Washington. King said the march would go on. ' +
        'Robert F. Kennedy Jr. said the rules would change.',
    );
    // "King" before "Jr." is part of the name, not a monarch's title.
    expect(person(doc, 'Martin Luther King Jr.')).toMatchObject({ title: null, mentions: 2 });
    expect(person(doc, 'Robert F. Kennedy Jr.')).toMatchObject({ title: null, mentions: 1 });
    expect(factsOf(doc, 'person').map((p) => p.name)).toEqual([
      'Martin Luther King Jr.',
      'Robert F. Kennedy Jr.',
    ]);
    expect(person('King Charles met the envoy.', 'Charles')).toMatchObject({ title: 'King' });
  });

  it('keeps a country’s name that is a forename in the person’s name', () => {
    const doc = extract(
      'Cuba Gooding Jr. won an Oscar for the role. Later Gooding thanked the crew. ' +
        'Israel Adesanya said he would fight again in Sydney.',
    );
    expect(person(doc, 'Cuba Gooding Jr.')).toMatchObject({ mentions: 2 });
    expect(person(doc, 'Israel Adesanya')).toMatchObject({ title: null });
    expect(factsOf(doc, 'person').map((p) => p.name)).toEqual([
      'Cuba Gooding Jr.',
      'Israel Adesanya',
    ]);
    // Where the word is the country, no one is named after it.
    const there = extract('In Israel Netanyahu said the war would go on.');
    expect(factsOf(there, 'person').map((p) => p.name)).not.toContain('Israel Netanyahu');
    expect(there.countries.map((c) => c.code)).toEqual(['IL']);
  });

  it('gives an office before a courtesy title the title, and knows professors', () => {
    expect(person('Prime Minister Mr Johnson replied at once.', 'Johnson')).toMatchObject({
      title: 'Prime Minister',
    });
    expect(person('President Dr. Amara Diallo opened the session.', 'Amara Diallo')).toMatchObject({
      title: 'President',
    });
    expect(person('Prof. Nadia Haddad led the review.', 'Nadia Haddad')).toMatchObject({
      title: 'Professor',
    });
    expect(person('Prof Tomas Ortega chaired it.', 'Tomas Ortega')).toMatchObject({
      title: 'Professor',
    });
    expect(person('Professor Ama Owusu wrote the report.', 'Ama Owusu')).toMatchObject({
      title: 'Professor',
    });
  });

  it('does not give a title that ends one sentence to the name opening the next', () => {
    const doc = extract(
      'The delegation was received by the Prime Minister. Sarah Hughes then briefed the press, ' +
        'and Sen. Tomas Ortega listened.',
    );
    expect(person(doc, 'Sarah Hughes')).toMatchObject({ title: null });
    expect(person(doc, 'Tomas Ortega')).toMatchObject({ title: 'Senator' });
  });

  it("links a speaker named after a country's role word, as council readouts do", () => {
    const doc = extract(
      "Brazil's representative, Laura Brennan, asked for a ceasefire. The Kenyan delegate, " +
        'Sarah Hughes, objected, and Norway’s envoy Peter Lindqvist abstained.',
    );
    expect(person(doc, 'Laura Brennan')).toMatchObject({ country: 'BR', title: 'representative' });
    expect(person(doc, 'Sarah Hughes')).toMatchObject({ country: 'KE', title: 'delegate' });
    expect(person(doc, 'Peter Lindqvist')).toMatchObject({ country: 'NO', title: 'envoy' });
  });

  it('finds a name set off by commas after a role word, and gives it the quote that follows', () => {
    const doc = extract(
      'The finance ministry spokesman, Tesfaye Alemu, told reporters the talks would resume. ' +
        '"Nothing has been agreed yet," he said.',
    );
    expect(person(doc, 'Tesfaye Alemu')).toMatchObject({ title: 'finance ministry spokesman' });
    expect(factsOf(doc, 'quote')).toEqual([expect.objectContaining({ speaker: 'Tesfaye Alemu' })]);
  });

  it('reads a lower-case role with its portfolio, and the country before it, before a speaker', () => {
    const cases: [string, string, string, string][] = [
      [
        "China's foreign ministry spokesperson Mao Ning said Beijing opposed it.",
        'Mao Ning',
        'foreign ministry spokesperson',
        'CN',
      ],
      [
        'Chinese Foreign Ministry spokesperson Lin Jian told a briefing the deal was unhelpful.',
        'Lin Jian',
        'Foreign Ministry spokesperson',
        'CN',
      ],
      [
        "Brazil's finance minister Fernando Haddad told reporters the rule would stay.",
        'Fernando Haddad',
        'finance minister',
        'BR',
      ],
      [
        'Colombian defense minister Pedro Sánchez said the operation had ended.',
        'Pedro Sánchez',
        'defense minister',
        'CO',
      ],
      [
        "Peru's central bank governor Julio Velarde said rates would hold.",
        'Julio Velarde',
        'central bank governor',
        'PE',
      ],
    ];
    for (const [text, name, title, country] of cases)
      expect(person(text, name), text).toMatchObject({ title, country });
  });

  it('keeps a portfolio after "for" in the title, and knows whose Secretary of State is unnamed', () => {
    const cases: [string, string, string, string | null][] = [
      [
        "Australia's Minister for Foreign Affairs Penny Wong said the visit mattered.",
        'Penny Wong',
        'Minister for Foreign Affairs',
        'AU',
      ],
      [
        'Minister for Trade and Tourism Don Farrell met exporters in Lima.',
        'Don Farrell',
        'Minister for Trade and Tourism',
        null,
      ],
      [
        'Secretary of State for Defence John Healey said the ships would sail.',
        'John Healey',
        'Secretary of State for Defence',
        null,
      ],
      [
        'WASHINGTON — Deputy Secretary of State Kurt Campbell met Guatemalan President ' +
          'Bernardo Arévalo.',
        'Kurt Campbell',
        'Deputy Secretary of State',
        'US',
      ],
      [
        'Canadian Secretary of State Anita Anand joined them.',
        'Anita Anand',
        'Secretary of State',
        'CA',
      ],
    ];
    for (const [text, name, title, country] of cases) {
      const doc = extract(text);
      expect(person(doc, name), text).toMatchObject({ title, country });
      // …and the portfolio's last word is no forename of another person.
      expect(
        factsOf(doc, 'person')
          .map((p) => p.name)
          .filter((n) => n.endsWith(name)),
      ).toEqual([name]);
    }
    // The Holy See's Secretary of State is a cardinal, not an American.
    expect(
      person('Cardinal Secretary of State Pietro Parolin met the envoy.', 'Pietro Parolin'),
    ).toMatchObject({ country: null });
    // A full stop after the portfolio ends the title.
    expect(
      person('The Minister for Foreign Affairs. Penny Wong left early.', 'Penny Wong'),
    ).toMatchObject({
      title: null,
    });
  });

  it('reads past a royal style after an office, and gives a counterpart their country', () => {
    const doc = extract(
      'Saudi Foreign Minister Prince Faisal bin Farhan Al Saud and his Iranian counterpart, ' +
        'Hossein Amir-Abdollahian, met in Beijing. "This is a new page," Amir-Abdollahian said. ' +
        "Qatar's Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani welcomed it.",
    );
    expect(person(doc, 'Faisal bin Farhan Al Saud')).toMatchObject({
      title: 'Foreign Minister',
      country: 'SA',
    });
    expect(person(doc, 'Mohammed bin Abdulrahman Al Thani')).toMatchObject({
      title: 'Prime Minister',
      country: 'QA',
    });
    // A counterpart's own office has another name at home: the country, no title.
    expect(person(doc, 'Hossein Amir-Abdollahian')).toMatchObject({ title: null, country: 'IR' });
    expect(factsOf(doc, 'quote')).toEqual([
      expect.objectContaining({ speaker: 'Hossein Amir-Abdollahian', speakerCountry: 'IR' }),
    ]);
  });

  it('counts a titled surname met again as the same person', () => {
    const people = factsOf(
      extract('President Okafor spoke first. Later President Okafor thanked the delegation.'),
      'person',
    );
    expect(people).toEqual([expect.objectContaining({ name: 'Okafor', mentions: 2 })]);
  });

  it('reads portfolio titles, middle initials, and an ambassador by the country that sends them', () => {
    expect(
      person("Thailand's Commerce Minister Jatuporn Buruspat spoke first.", 'Jatuporn Buruspat'),
    ).toMatchObject({ title: 'Commerce Minister', country: 'TH' });
    expect(
      person('Russian Deputy Prime Minister Yuri Trutnev toured the port.', 'Yuri Trutnev'),
    ).toMatchObject({ title: 'Deputy Prime Minister', country: 'RU' });
    expect(
      person('U.S. Ambassador to Kenya Meg Whitman attended the signing.', 'Meg Whitman'),
    ).toMatchObject({ title: 'Ambassador', country: 'US' });
    expect(
      person('Secretary of State Antony J. Blinken arrived on Monday.', 'Antony J. Blinken'),
    ).toMatchObject({ title: 'Secretary of State' });
    // Military ranks and chairpersons are titles, not the first word of a name.
    expect(
      person('Burkina Faso is led by Captain Kofi Ouédraogo since 2022.', 'Kofi Ouédraogo'),
    ).toMatchObject({ title: 'Captain' });
    expect(
      person('Commission Chairperson Amara Diallo opened the summit.', 'Amara Diallo'),
    ).toMatchObject({ title: 'Commission Chairperson' });
  });
});
