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
  ])('%s -> %s (%s)', async (sentence, name, kind) => {
    const reading = await read(sentence);
    expect(reading.draft.actors.map((a) => `${a.name} ${a.kind}`)).toContain(`${name} ${kind}`);
  });

  it('joins a body named again without its nationality to the body named in full', async () => {
    const reading = await read(
      'The US State Department condemned the attack. A spokesperson for the State Department said the strikes would continue.',
    );
    expect(reading.actors.filter((a) => /State Department/.test(a))).toHaveLength(1);
  });
});
