import { read } from './reading-table';

/**
 * A claim as one record: who made it, whom it is about and who relayed it. Each row is a sentence and
 * the claims a reviewer should be offered: "claimant states about target via outlet" for a position (its
 * polarity is the stance stage's), "source type target via outlet" for a relation.
 */
async function claims(text: string): Promise<string[]> {
  const { draft } = await read(text);
  const nameOf = (key: string | undefined) => draft.actors.find((a) => a.key === key)?.name ?? key;
  const via = (key: string | undefined) => (key ? ` via ${nameOf(key)}` : '');
  return [
    ...draft.statements.map(
      (s) =>
        `${nameOf(s.actorKey)} states${s.aboutKey ? ` about ${nameOf(s.aboutKey)}` : ''}${via(s.reportedByKey)}`,
    ),
    ...draft.relations.map(
      (r) => `${nameOf(r.sourceKey)} ${r.type} ${nameOf(r.targetKey)}${via(r.reportedByKey)}`,
    ),
  ];
}

describe('who relayed a claim and whom it is about', () => {
  it.each([
    [
      'Reuters reported that Senator Lindsey Graham accused Colombian President Gustavo Petro of supporting drug traffickers.',
      [
        'Lindsey Graham states about Gustavo Petro via Reuters',
        'Lindsey Graham accuses Gustavo Petro via Reuters',
      ],
    ],
    [
      'Senator Lindsey Graham accused Colombian President Gustavo Petro of shielding drug traffickers, Reuters reported.',
      ['Lindsey Graham accuses Gustavo Petro via Reuters'],
    ],
    [
      'US Defense Secretary Pete Hegseth threatened the cartels, the Associated Press reported.',
      ['Pete Hegseth threatens Mexican drug cartels via Associated Press'],
    ],
    [
      'According to Reuters, Mexican President Claudia Sheinbaum rejected the threats.',
      ['Claudia Sheinbaum states via Reuters'],
    ],
    [
      'Mexican President Claudia Sheinbaum told Reuters that Mexico rejects any foreign intervention.',
      ['Claudia Sheinbaum states via Reuters'],
    ],
    [
      "Colombian President Gustavo Petro rejected Secretary of State Marco Rubio's criticism of the peace talks.",
      ['Gustavo Petro states about Marco Rubio', 'Gustavo Petro rejects Marco Rubio'],
    ],
  ])('%s', async (text, expected) => {
    expect(await claims(text)).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    // A speaker who is no outlet relays nothing: the claim is the speaker's own.
    'Senator Tim Kaine said the strikes on the boats were illegal.',
    // Naming an outlet as a target does not make it the one relaying.
    'Venezuelan President Nicolás Maduro accused CNN of spreading lies about Venezuela.',
  ])('%s is relayed by no one', async (text) => {
    expect((await claims(text)).filter((claim) => claim.includes(' via '))).toEqual([]);
  });
});

describe('the graph’s own actors and the gazetteer', () => {
  it('resolves a gazetteer outlet and a graph actor’s alias to the graph’s ids', async () => {
    const { draft } = await read(
      'Reuters reported that Senator Graham accused Colombian President Gustavo Petro of shielding drug traffickers.',
      {
        knownActors: [
          { id: 'reuters-news-agency', name: 'Thomson Reuters', aliases: ['Reuters'], kind: 'media' },
          {
            id: 'lindsey-graham',
            name: 'Lindsey Graham',
            aliases: ['Senator Graham'],
            kind: 'official',
            country: 'US',
          },
        ],
        topics: [],
      },
    );
    const idOf = (key: string | undefined) => draft.actors.find((a) => a.key === key)?.existingId;
    const accusation = draft.relations.find((r) => r.type === 'accuses');
    expect(idOf(accusation?.sourceKey)).toBe('lindsey-graham');
    expect(idOf(accusation?.reportedByKey)).toBe('reuters-news-agency');
    // Known, the outlet is no new actor to propose.
    expect(draft.actors.filter((a) => /Reuters/.test(a.name)).map((a) => a.existingId)).toEqual([
      'reuters-news-agency',
    ]);
  });
});
