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
    // A lead introduces a person by role and names them after.
    [
      'The UN human rights chief on Friday said the strikes were unacceptable. Volker Türk called for an investigation.',
      'The UN human rights chief',
      'Volker Türk',
    ],
    [
      'Colombian President Gustavo Petro spoke on Tuesday. The leftist leader condemned the strikes.',
      'The leftist leader',
      'Gustavo Petro',
    ],
  ])('%s', async (text, referring, actor) => {
    const reading = await read(text);
    const there = reading.statements.filter((s) => s.sentence.startsWith(referring));
    expect(there.map((s) => s.actor)).toContain(actor);
  });
});
