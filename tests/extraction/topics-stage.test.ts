import { read } from './reading-table';
import { isFragment, proposeTopicTitle } from '../../src/extraction/topics';

/**
 * Proposed topics are propositions: the noun phrase of what the actor takes a side on, never a date, a
 * verb phrase or a broken word, and never a second name for a question the graph already holds.
 */
describe('topics', () => {
  it.each([
    // From the tuning fixtures and the article.
    ['said on Thursday she would also propose a second constitutional reform', 'Constitutional reform'],
    ['want all international treaties to be respected.', 'International treaties'],
    ['said on Wednesday that he would not accept the decision.', 'Decision'],
    ['rejected on Wednesday the latest decision.', 'Latest decision'],
  ])('%s -> %s', (clause, title) => {
    expect(proposeTopicTitle(clause)).toBe(title);
  });

  it.each([['said she would never accept it.'], ['said On Wednesday.'], ['stressed.']])(
    'no noun phrase, no title: %s',
    (clause) => {
      expect(proposeTopicTitle(clause)).toBeUndefined();
    },
  );

  it.each([
    ['Stri ke', true],
    ['On Wednesday', true],
    ['Strikes', false],
    ['US strikes on boats', false],
    ['Drone attack on Mexico’s cartels', false],
  ])('%s is a fragment: %s', (title, fragment) => {
    expect(isFragment(title)).toBe(fragment);
  });

  it('never titles a topic by a date or a verb phrase', async () => {
    const reading = await read(
      'Colombian President Gustavo Petro said on Wednesday that he would not accept the decision. ' +
        'Mexican President Claudia Sheinbaum said she would never accept it.',
    );
    for (const s of reading.statements) {
      expect(s.topic).not.toMatch(/^On |Wednesday|would|accept/);
      expect(isFragment(s.topic)).toBe(false);
    }
  });

  it.each([
    [
      'Mexican President Claudia Sheinbaum said Mexico cooperates with the United States on security.',
      'Cooperation',
    ],
    [
      'Mexican President Claudia Sheinbaum said her government will coordinate with Washington.',
      'Cooperation',
    ],
    ['Senator Tim Kaine vowed to investigate the second strike.', 'Investigation'],
  ])('a proposition named by a verb is titled by its noun: %s', async (sentence, title) => {
    const reading = await read(sentence);
    expect(reading.statements.map((s) => s.topic)).toEqual([title]);
  });

  it.each([
    "Colombian President Gustavo Petro rejected Secretary of State Marco Rubio's criticism of the peace talks.",
    'Colombian President Gustavo Petro dismissed criticism from Secretary of State Marco Rubio over the peace talks.',
  ])('a rebutted criticism is on what it criticised: %s', async (sentence) => {
    const reading = await read(sentence);
    expect(reading.statements.map((s) => `${s.actor}: ${s.polarity} on ${s.topic}`)).toEqual([
      'Gustavo Petro: support on Peace talks',
    ]);
  });

  it('puts a position on the graph’s topic when its proposed title asks the same question', async () => {
    const reading = await read(
      'Venezuelan President Nicolás Maduro warned that the US military deployment threatens the whole region.',
      { knownActors: [], topics: [{ id: 'us-military-deployment', title: 'US military deployment' }] },
    );
    const maduro = reading.draft.statements.filter((s) => s.polarity === 'oppose');
    expect(maduro.map((s) => s.topic.id)).toEqual(['us-military-deployment']);
  });
});
