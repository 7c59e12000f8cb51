import { read } from './reading-table';

/** Pronouns and descriptors: each row a passage, the sentence that refers, and the actor it means. */
describe('coreference', () => {
  it.each([
    [
      'Mexican President Claudia Sheinbaum met Secretary of State Marco Rubio. She rejected any form of foreign interference.',
      'She rejected',
      'Claudia Sheinbaum',
    ],
    [
      'Asked about Colombian President Gustavo Petro, Secretary of State Marco Rubio spoke to reporters. He rejected any form of interference.',
      'He rejected',
      'Marco Rubio',
    ],
    // A lead introduces a person by role and names them after (anews, 2025-10).
    [
      'The UN human rights chief on Friday said recent US airstrikes on boats in the Caribbean and the Pacific, said to be linked to drug trafficking, "violate international human rights law."\n\n"Over 60 people have reportedly been killed in a continuing series of attacks carried out by US armed forces against boats," Volker Turk said in a statement.',
      'The UN human rights chief',
      'Volker Turk',
    ],
    [
      'Colombian President Gustavo Petro spoke on Tuesday. The leftist leader condemned the strikes.',
      'The leftist leader',
      'Gustavo Petro',
    ],
    // A role named with a nationality recalls the person last spoken of.
    [
      'Claudia Sheinbaum addressed the threats at her morning news conference. The Mexican president said Mexico would never accept an intervention.',
      'The Mexican president',
      'Claudia Sheinbaum',
    ],
    [
      'Maduro appeared on state television on Monday night. The Venezuelan leader condemned the deployment of warships.',
      'The Venezuelan leader',
      'Maduro',
    ],
    // A descriptor with a name in apposition is that person.
    [
      'President Donald Trump spoke on Sunday. The leftist president, Nicolás Maduro, condemned the deployment of warships.',
      'The leftist president',
      'Nicolás Maduro',
    ],
  ])('%s', async (text, referring, actor) => {
    const reading = await read(text);
    const there = reading.statements.filter((s) => s.sentence.startsWith(referring));
    expect(there.map((s) => s.actor)).toContain(actor);
  });
});
