import { read } from './reading-table';

/**
 * Who said it: the usual shapes of news attribution, and the ones the Petro/Rubio/Hegseth
 * article got wrong. Each row is a short passage and the speaker its quotation must go to.
 */
describe('attribution', () => {
  it.each([
    // A "he said" after a quotation goes to the last person who spoke or acted as a subject, not to the
    // person an earlier sentence named as an object.
    [
      'Secretary of State Marco Rubio hit back at Colombian President Gustavo Petro on Wednesday over the boat strikes. “We will find them wherever they operate,” he said.',
      'wherever they operate',
      'Marco Rubio',
    ],
    [
      'Asked about Colombian President Gustavo Petro, Secretary of State Marco Rubio defended the strikes. “We will find them wherever they operate,” he said.',
      'wherever they operate',
      'Marco Rubio',
    ],
    [
      'Secretary of State Marco Rubio accused Colombian President Gustavo Petro of siding with the cartels. “We will hit them wherever they operate,” he said.',
      'wherever they operate',
      'Marco Rubio',
    ],
    // A place someone speaks at is no speaker.
    [
      '“These attacks will continue,” Defense Secretary Pete Hegseth said, speaking at the Pentagon.',
      'These attacks will continue',
      'Pete Hegseth',
    ],
    [
      'Speaking at the Pentagon, Defense Secretary Pete Hegseth said: “These attacks will continue.”',
      'These attacks will continue',
      'Pete Hegseth',
    ],
    // From the tuning fixtures: inverted attribution and a pronoun after a lead.
    [
      '"It\'s not a military problem. It\'s more of a law enforcement problem," said Mike Vigil, former chief of international operations at the DEA.',
      'law enforcement problem',
      'Mike Vigil',
    ],
    [
      'Mexican President Claudia Sheinbaum spoke to reporters on Tuesday. “We do not agree with any kind of intervention or interference,” she added.',
      'We do not agree',
      'Claudia Sheinbaum',
    ],
    // Verbs of saying beyond "said", in the past tense news reports them in.
    [
      '“The strikes are murder on the high seas,” Colombian President Gustavo Petro countered.',
      'murder on the high seas',
      'Gustavo Petro',
    ],
    [
      'Secretary of State Marco Rubio pointed out that “these boats carry poison to our streets.”',
      'carry poison to our streets',
      'Marco Rubio',
    ],
    // The comma that closes an apposition around the speaker is no inverted attribution.
    [
      'The Venezuelan leader, Nicolás Maduro, said the United States wants “regime change.”',
      'regime change',
      'Nicolás Maduro',
    ],
    // "According to" opening the sentence.
    ['According to Senator Tim Kaine, the strikes are “plainly illegal.”', 'plainly illegal', 'Tim Kaine'],
    // Titles come before names: the person who closes the subject speaks, not the country in the title.
    [
      'Former U.S. ambassador to Colombia Kevin Whitaker said the decision was “a mistake.”',
      'a mistake',
      'Kevin Whitaker',
    ],
  ])('%s', async (text, quote, speaker) => {
    const reading = await read(text);
    const quoted = reading.statements.filter((s) => s.quote?.includes(quote));
    expect(quoted.map((s) => s.actor)).toContain(speaker);
    expect(quoted.every((s) => s.actor === speaker)).toBe(true);
  });

  it.each([
    '“These attacks will continue,” Defense Secretary Pete Hegseth said, speaking at the Pentagon.',
    'Speaking at the Pentagon, Defense Secretary Pete Hegseth said the strikes would continue.',
    'President Donald Trump told reporters at the White House that the strikes were legal.',
  ])('a place named as where someone speaks proposes no actor: %s', async (text) => {
    const reading = await read(text);
    expect(reading.actors).not.toContain('Pentagon');
    expect(reading.actors).not.toContain('White House');
  });

  it('reads "the administration" as the administration the graph or the text already names', async () => {
    const text =
      'The administration has defended the strikes as lawful. Senator Tim Kaine said the strikes were illegal.';
    const inGraph = await read(text, {
      knownActors: [
        {
          id: 'trump-administration',
          name: 'Trump administration',
          aliases: [],
          kind: 'government',
          country: 'US',
        },
      ],
      topics: [],
    });
    expect(inGraph.actors).not.toContain('administration');
    expect(inGraph.draft.actors.find((a) => a.name === 'Trump administration')?.existingId).toBe(
      'trump-administration',
    );
    expect(inGraph.statements.map((s) => `${s.actor} ${s.polarity}`)).toEqual(
      expect.arrayContaining(['Trump administration support', 'Tim Kaine oppose']),
    );

    const named = await read(
      `President Donald Trump's administration ordered the first strike in September. ${text}`,
    );
    expect(named.actors).not.toContain('administration');
    expect(named.statements.map((s) => `${s.actor} ${s.polarity}`)).toEqual(
      expect.arrayContaining(['Trump administration support', 'Tim Kaine oppose']),
    );
  });
});
