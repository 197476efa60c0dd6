import { describe, expect, it } from 'vitest';
import { countriesOf, extract, factsOf, issuesOf } from './helpers.ts';

describe('country detection', () => {
  it('finds countries by name, short form and alternative name', () => {
    expect(
      countriesOf('Officials in the U.S. and the Dominican Rep. met. Talks with America resumed.'),
    ).toEqual(['DO', 'US']);
    expect(countriesOf('US troops left. The United States of America objected.')).toEqual(['US']);
    expect(countriesOf('Britain and Türkiye signed. Turkey later agreed.')).toEqual(['GB', 'TR']);
  });

  it('finds countries by demonym', () => {
    expect(
      countriesOf('Colombian negotiators and Salvadoran police met Ecuadorian judges.'),
    ).toEqual(['CO', 'EC', 'SV']);
    expect(countriesOf('Dominican officials welcomed Haitian migrants.')).toEqual(['DO', 'HT']);
  });

  it('finds countries by capital and city', () => {
    expect(countriesOf('Protesters gathered in Tijuana, Mexico, on Monday.')).toEqual(['MX']);
    expect(countriesOf('The summit moved to Guatemala City.')).toEqual(['GT']);
    expect(countriesOf('Negotiators flew to Bogotá and then to Quito.')).toEqual(['CO', 'EC']);
    expect(countriesOf('Negotiators flew to Bogota.')).toEqual(['CO']);
  });

  it('keeps regions out of the country list', () => {
    const doc = extract(
      'Leaders from Latin America, Central America, South America and the Caribbean met to discuss the Western Hemisphere and the Americas. Latin American and Central American ministers attended.',
    );
    expect(doc.countries).toEqual([]);
    expect(doc.regions.map((r) => r.id).sort()).toEqual(
      [
        'americas',
        'caribbean',
        'central-america',
        'latin-america',
        'south-america',
        'western-hemisphere',
      ].sort(),
    );
  });

  it('does not read "American century" or "American leadership" as the United States', () => {
    expect(
      countriesOf('Analysts spoke of a new American century and of American leadership.'),
    ).toEqual([]);
    expect(countriesOf('American officials briefed reporters.')).toEqual(['US']);
    expect(countriesOf('CONTACT US TODAY FOR A FREE QUOTE ON YOUR TRIP')).toEqual([]);
    expect(countriesOf('Prices are quoted in US$ only.')).toEqual([]);
  });

  it('puts Northern Ireland in the United Kingdom, not Ireland', () => {
    expect(countriesOf('Belfast, in Northern Ireland, voted.')).toEqual(['GB']);
    expect(countriesOf('Northern Irish unionists objected.')).toEqual(['GB']);
    expect(countriesOf('Officials in Dublin, Ireland, and Irish farmers agreed.')).toEqual(['IE']);
    expect(countriesOf('The Republic of Ireland and Northern Ireland share a border.')).toEqual([
      'GB',
      'IE',
    ]);
  });

  it('drops US towns named after a country, keeps the country itself', () => {
    expect(countriesOf('A storm hit Panama City, Florida, on Monday.')).toEqual([]);
    expect(countriesOf('Flights to Panama City, Fla. were cancelled.')).toEqual([]);
    expect(countriesOf('Mills in Lebanon, Pennsylvania, and Peru, Indiana, closed.')).toEqual([]);
    expect(countriesOf('A farmer from Mexico, Missouri spoke. So did one from Paris, TX.')).toEqual(
      [],
    );
    expect(countriesOf('Panama City is the capital. Lebanon’s government resigned.')).toEqual([
      'LB',
      'PA',
    ]);
    expect(countriesOf('Trade between Mexico, Texas and Arizona grew.')).toEqual(['MX']);
    expect(countriesOf('Tbilisi, Georgia, hosted talks.')).toEqual(['GE']);
    expect(countriesOf('Talks in Washington, D.C., and Miami, Florida, ended.')).toEqual(['US']);
    expect(countriesOf('Mexico, Peru and Chile signed; so did Peru, Indiana’s mayor.')).toEqual([
      'CL',
      'MX',
      'PE',
    ]);
  });

  it('reads a country, a US state and another country as a list, not a town', () => {
    expect(countriesOf('Mexico, Texas and Canada share the river basin.')).toEqual(['CA', 'MX']);
    expect(countriesOf('Envoys from Mexico, Texas and the United Kingdom met.')).toEqual([
      'GB',
      'MX',
    ]);
    expect(countriesOf('Freight moves between Mexico, Texas & Canada.')).toEqual(['CA', 'MX']);
    expect(countriesOf('Cattle went to Mexico, Texas, and then Canada.')).toEqual(['CA', 'MX']);
    expect(countriesOf('Rail links Canada, Mexico, Texas.')).toEqual(['CA', 'MX']);
    // Still a town: a lone "Lebanon, Pennsylvania", or one followed by no place.
    expect(countriesOf('Workers in Lebanon, Pennsylvania, went on strike.')).toEqual([]);
    expect(countriesOf('A farmer from Mexico, Missouri and the mayor spoke.')).toEqual([]);
  });

  it('ignores a tunnel, a race and porcelain named after a country', () => {
    expect(countriesOf('Traffic backed up at the Holland Tunnel.')).toEqual([]);
    expect(countriesOf('He won the Monaco Grand Prix, then the Monaco GP again.')).toEqual([]);
    expect(countriesOf('She packed the fine china and the China plates.')).toEqual([]);
    expect(
      countriesOf('Holland beat Spain. Talks in Monaco ended. China imposed tariffs.'),
    ).toEqual(['CN', 'ES', 'MC', 'NL']);
  });

  it('ignores title-case porcelain, a cruise line and a hat named after a country', () => {
    expect(countriesOf('Ten Ways To Store Your Fine China And Bone China')).toEqual([]);
    expect(countriesOf('Holland America cancelled two sailings.')).toEqual([]);
    expect(countriesOf('Straw Panama hats, and one Panama Hat, were sold.')).toEqual([]);
    expect(countriesOf('Fine, China replied. Holland, America and Panama voted yes.')).toEqual([
      'CN',
      'NL',
      'PA',
      'US',
    ]);
  });

  it('avoids false friends: Georgia the US state, first names, newspapers, New Mexico', () => {
    expect(countriesOf('Voters in Georgia went to the polls.')).toEqual([]);
    expect(countriesOf('Tbilisi said Georgia would apply again.')).toEqual(['GE']);
    expect(countriesOf('Coach Michael Jordan met Chad Smith.')).toEqual([]);
    expect(countriesOf('The Washington Post reported on New Mexico.')).toEqual([]);
    expect(countriesOf('Santiago Peña spoke.')).toEqual([]);
  });

  it('reads a country name before a surname as a person’s forename', () => {
    expect(countriesOf('The champion Israel Adesanya defended his belt.')).toEqual([]);
    expect(countriesOf('Cuba Gooding Jr. won an Oscar for the role.')).toEqual([]);
    expect(countriesOf('Kenya Barris and India Walton were on the panel.')).toEqual([]);
    expect(countriesOf('Jordan Peterson lectured. Chad Smith played drums.')).toEqual([]);
    // A place or a body named after the country stays as it was.
    expect(countriesOf('The Israel Defense Forces and Israel Police deployed.')).toEqual(['IL']);
    expect(countriesOf('Crowds filled India Gate. Kenya Airways added flights.')).toEqual([
      'IN',
      'KE',
    ]);
    expect(countriesOf('Students at Georgia Tech visited Tbilisi.')).toEqual(['GE']);
    expect(countriesOf('Israel Aerospace Industries and India Cricket signed.')).toEqual([
      'IL',
      'IN',
    ]);
    expect(countriesOf('Farms along the Jordan River and in the Chad Basin dried up.')).toEqual([]);
    expect(countriesOf('Israel and Jordan signed; Cuba objected.')).toEqual(['CU', 'IL', 'JO']);
    expect(countriesOf('In Israel Netanyahu faces a confidence vote.')).toEqual(['IL']);
    expect(countriesOf('The Ambassador to Israel Mike Huckabee met envoys.')).toEqual(['IL']);
  });

  it('reads turkey the bird as food, not as the country, and Türkiye as Turkey', () => {
    expect(countriesOf('Shops sold turkey sandwiches and roast turkey all week.')).toEqual([]);
    expect(countriesOf('Turkey sandwiches sold out by noon.')).toEqual([]);
    expect(countriesOf('The family carved a Roast Turkey.')).toEqual([]);
    expect(countriesOf('Turkey prices rose before Thanksgiving.')).toEqual([]);
    expect(countriesOf('Turkey and Greece, both NATO members, met before Thanksgiving.')).toEqual([
      'GR',
      'TR',
    ]);
    expect(countriesOf("Turkey's parliament voted on Tuesday.")).toEqual(['TR']);
    const doc = extract('Türkiye objected. Officials in Turkey later agreed.');
    expect(doc.countries.map((c) => c.code)).toEqual(['TR']);
  });

  it('reads Emirates the airline apart from the Emirates the country', () => {
    expect(countriesOf('She took an Emirates flight home.')).toEqual([]);
    expect(countriesOf('Emirates Airline posted a record profit.')).toEqual([]);
    expect(countriesOf('Banners said Fly Emirates.')).toEqual([]);
    expect(countriesOf('Emirates said it would add routes.')).toEqual([]);
    expect(countriesOf('The Emirates flight landed late.')).toEqual([]);
    const doc = extract('The United Arab Emirates signed. Officials in the Emirates welcomed it.');
    expect(doc.countries.map((c) => c.code)).toEqual(['AE']);
    expect(countriesOf('The Emirates and Oman agreed.')).toEqual(['AE', 'OM']);
  });

  it('does not read Guinea pigs, the Niger Delta or Brazil nuts as countries', () => {
    expect(countriesOf('Guinea pigs were used in the trial.')).toEqual([]);
    expect(countriesOf("Guinea's junta set a vote.")).toEqual(['GN']);
    expect(countriesOf('Oil spills in the Niger Delta hurt Nigeria.')).toEqual(['NG']);
    expect(countriesOf('Niger and Nigeria closed the border.')).toEqual(['NE', 'NG']);
    expect(countriesOf('Brazil nuts are exported from Bolivia.')).toEqual(['BO']);
    expect(countriesOf('Papua New Guinea, Equatorial Guinea and Guinea-Bissau voted.')).toEqual([
      'GQ',
      'GW',
      'PG',
    ]);
    expect(countriesOf('In Atlanta, Georgia, the governor said Georgia would appeal.')).toEqual([]);
  });

  it('treats "Chinese-backed" as China’s influence, not as China being a party', () => {
    const doc = extract(
      'Peru and Ecuador signed a port agreement on Tuesday to compete with a Chinese-backed port in the region.',
    );
    const agreements = factsOf(doc, 'agreement');
    expect(agreements).toHaveLength(1);
    expect(agreements[0].parties.sort()).toEqual(['EC', 'PE']);
    expect(doc.countries.map((c) => c.code)).toContain('CN');
    expect(issuesOf(doc, 'CN')).toEqual(['china-influence']);
  });
});

describe('people', () => {
  it('links people to countries through titles, possessives, demonyms and appositives', () => {
    const doc = extract(
      [
        'President Gustavo Petro of Colombia met Salvadoran President Nayib Bukele.',
        "Mexico's Foreign Minister Ana Ruiz joined them.",
        'Marco Rubio, the U.S. Secretary of State, arrived later.',
      ].join(' '),
    );
    const people = Object.fromEntries(factsOf(doc, 'person').map((p) => [p.name, p]));
    expect(people['Gustavo Petro']).toMatchObject({
      title: 'President',
      country: 'CO',
      countryVia: 'pattern',
    });
    expect(people['Nayib Bukele']).toMatchObject({ title: 'President', country: 'SV' });
    expect(people['Ana Ruiz']).toMatchObject({ title: 'Foreign Minister', country: 'MX' });
    expect(people['Marco Rubio']).toMatchObject({ title: 'Secretary of State', country: 'US' });
  });

  it('reuses a person’s country for later mentions in the same document', () => {
    const doc = extract(
      'Chilean President Elena Soto opened the summit. Later, Soto warned about climate change and drought.',
    );
    const soto = factsOf(doc, 'person').find((p) => p.name === 'Elena Soto');
    expect(soto).toMatchObject({ country: 'CL', mentions: 2 });
    expect(issuesOf(doc, 'CL')).toEqual(['climate-environment']);
  });

  it('adds the country of a person to the sentences naming them', () => {
    const doc = extract(
      'Uruguayan Minister Pablo Ferreira visited. Ferreira said cocaine seizures doubled.',
    );
    expect(doc.countries.find((c) => c.code === 'UY')?.via).toContain('person');
    expect(issuesOf(doc, 'UY')).toEqual(['counter-narcotics']);
  });
});
