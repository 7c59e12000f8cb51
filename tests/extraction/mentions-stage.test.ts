import { read } from './reading-table';

/** Who is named: each row a sentence and an actor a reviewer should be offered, with its kind. */
describe('mentions', () => {
  it.each([
    [
      'The US military struck a boat operated by Tren de Aragua, the administration said.',
      'Tren de Aragua',
      'criminal_group',
    ],
    [
      'Mexican officials said the Sinaloa Cartel had threatened the government.',
      'Sinaloa Cartel',
      'criminal_group',
    ],
    [
      'Trinidad and Tobago Prime Minister Kamla Persad-Bissessar backed the strikes.',
      'Kamla Persad-Bissessar',
      'official',
    ],
    ['The White House is considering an air strike on Mexico.', 'White House', 'government'],
    // A name compromise does not know is a person by the role set in apposition after it.
    [
      'Diosdado Cabello, Venezuela’s interior minister, called the strike “a murder.”',
      'Diosdado Cabello',
      'person',
    ],
    // A sentence's first word is a surname when it does what only people do there.
    ['Trump told reporters that he would strike cartels in Mexico.', 'Trump', 'person'],
    [
      'Sheinbaum, who has rejected any U.S. military role on Mexican soil, said cooperation would continue.',
      'Sheinbaum',
      'person',
    ],
    [
      'Hegseth, speaking in Washington on Tuesday, said the strikes were “just the beginning.”',
      'Hegseth',
      'person',
    ],
    // Inside a sentence too, a lone name that does what people do is a person.
    [
      'The Associated Press reported that Sheinbaum had rejected a U.S. offer to send troops into Mexico.',
      'Sheinbaum',
      'person',
    ],
    // Criminal groups by the gazetteer's names, and before a lower-case "cartel".
    [
      'Tren de Aragua, the Venezuelan gang that Washington designated a terrorist organization in February, has been blamed by Trump for crime.',
      'Tren de Aragua',
      'criminal_group',
    ],
    ['The Treasury Department sanctioned the Sinaloa cartel on Friday.', 'Sinaloa Cartel', 'criminal_group'],
    // Bodies by their kind of name, people by a lower-case office before them, countries by other names.
    [
      'The Organization of American States called for restraint in the Caribbean.',
      'Organization of American States',
      'international_organization',
    ],
    [
      'White House press secretary Karoline Leavitt dismissed criticism of the strikes.',
      'Karoline Leavitt',
      'person',
    ],
    [
      'Britain has stopped sharing intelligence with the United States on suspected drug boats.',
      'United Kingdom',
      'state',
    ],
    // A capital acting stands for its state.
    ['Caracas denounced the deployment as a pretext for “regime change.”', 'Venezuela', 'state'],
  ])('%s -> %s (%s)', async (sentence, name, kind) => {
    const reading = await read(sentence);
    expect(reading.draft.actors.map((a) => `${a.name} ${a.kind}`)).toContain(`${name} ${kind}`);
  });

  it.each([
    // A pronoun is no surname.
    ['Senator Tom Cotton spoke on Monday. He called the strikes “entirely lawful.”', 'He'],
    // A plural at the head of a sentence is no surname.
    ['Officials said the strike killed six people.', 'Officials'],
    ['Critics said the strikes were illegal.', 'Critics'],
    // A capital named as a place is not its state; "a US military role" is no military.
    [
      'Hegseth, speaking in Washington on Tuesday, said the strikes were “just the beginning.”',
      'United States',
    ],
    [
      'Sheinbaum, who has rejected any U.S. military role on Mexican soil, said cooperation would continue.',
      'US military',
    ],
  ])('%s proposes no %s', async (sentence, name) => {
    expect((await read(sentence)).actors).not.toContain(name);
  });

  it('joins a body named again without its nationality to the body named in full', async () => {
    const reading = await read(
      'The US State Department condemned the attack. A spokesperson for the State Department said the strikes would continue.',
    );
    expect(reading.actors.filter((a) => /State Department/.test(a))).toHaveLength(1);
  });
});
