import { read, stanceOf } from './reading-table';

/**
 * Stance toward the proposition, not the tone of the words: what an actor does with a claim about X
 * decides the side they take on X. Sentences from the Petro/Rubio/Maduro article and the
 * tuning fixtures.
 */
describe('stance toward the proposition', () => {
  it.each([
    // Rejecting criticism of X defends X.
    ['Secretary of State Marco Rubio rejected the criticism of the strikes.', 'Rubio', 'support'],
    [
      'Secretary of State Marco Rubio on Wednesday dismissed criticism from Colombian President Gustavo Petro over the boat strikes.',
      'Rubio',
      'support',
    ],
    [
      'Defense Secretary Pete Hegseth brushed aside accusations that the strikes were illegal.',
      'Hegseth',
      'support',
    ],
    // Warning that X threatens Y opposes X.
    [
      'Venezuelan President Nicolás Maduro warned that the US military deployment threatens the whole region.',
      'Maduro',
      'oppose',
    ],
    [
      'Brazilian President Luiz Inácio Lula da Silva said the naval buildup poses a threat to peace in the Caribbean.',
      'Lula',
      'oppose',
    ],
    // Whoever is said to threaten or undermine a common good is opposed, an actor as much as an act.
    [
      'Venezuelan President Nicolás Maduro warned that the United States is threatening peace in the Caribbean.',
      'Maduro',
      'oppose',
    ],
    [
      'Brazilian President Luiz Inácio Lula da Silva said the US naval buildup near Venezuela is undermining peace in the region.',
      'Lula',
      'oppose',
    ],
    // Threatening to act still stands for the act.
    ['President Donald Trump threatened to strike the cartels on land.', 'Trump', 'support'],
    // Negation and hedges as before.
    ['Speaker Mike Johnson refuses to rule out US military action in Mexico.', 'Johnson', 'support'],
    ['Mexican President Claudia Sheinbaum rejected any form of foreign interference.', 'Sheinbaum', 'oppose'],
    [
      'Mexican President Claudia Sheinbaum said she does not agree with any kind of intervention or interference.',
      'Sheinbaum',
      'oppose',
    ],
    // Not rejecting the criticism is no defence.
    ['Senator Rand Paul did not reject the criticism of the strikes.', 'Paul', 'oppose'],
    ['Secretary of State Marco Rubio did not dismiss the criticism of the strikes.', 'Rubio', 'oppose'],
    [
      'Defense Secretary Pete Hegseth rebuffed concerns about the legality of the strikes.',
      'Hegseth',
      'support',
    ],
    // Whose criticism it is does not change what it is about.
    [
      "Colombian President Gustavo Petro rejected Secretary of State Marco Rubio's criticism of the peace talks.",
      'Petro',
      'support',
    ],
    [
      "Defense Secretary Pete Hegseth brushed aside Democrats' concerns about the legality of the strikes.",
      'Hegseth',
      'support',
    ],
    // Rejecting a claim that P takes the side against P: against a claim that condemns, for what it condemns.
    ['Secretary of State Marco Rubio rejected the claim that the strikes were illegal.', 'Rubio', 'support'],
    [
      'Secretary of State Marco Rubio rejected claims that the strikes violated international law.',
      'Rubio',
      'support',
    ],
    [
      'Venezuelan Foreign Minister Yván Gil rejected the claim that Venezuela supports drug trafficking.',
      'Gil',
      'oppose',
    ],
    [
      'Defense Secretary Pete Hegseth denied allegations that the military had targeted fishermen.',
      'Hegseth',
      'support',
    ],
    // An accusation condemns the act it attributes, whatever the act's own words.
    [
      'Senator Lindsey Graham accused Colombian President Gustavo Petro of supporting drug traffickers.',
      'Graham',
      'oppose',
    ],
    [
      'Venezuelan President Nicolás Maduro accused the United States of backing a coup against his government.',
      'Maduro',
      'oppose',
    ],
    // Verbs of praise and censure count in every form a reporter gives them.
    ['Senator Lindsey Graham lauded the strikes on the drug boats.', 'Graham', 'support'],
    ['Senator Lindsey Graham is championing the strikes on the drug boats.', 'Graham', 'support'],
    ['Colombian President Gustavo Petro lambasted the strikes on the drug boats.', 'Petro', 'oppose'],
    ['Colombian President Gustavo Petro decries the strikes on the drug boats.', 'Petro', 'oppose'],
    ['Senator Tim Kaine is resisting the deployment of troops to Venezuela.', 'Kaine', 'oppose'],
    // A verb that entails its complement did not happen negates it.
    [
      'Senate Minority Leader Chuck Schumer said the administration had failed to justify the strikes.',
      'Schumer',
      'oppose',
    ],
    // Acting without consent is refused; calling something a pretext opposes it.
    [
      'Former Mexican President Felipe Calderón said the United States should not act without Mexico’s consent.',
      'Calderón',
      'oppose',
    ],
    [
      'Mexican President Claudia Sheinbaum said the designation could be used as a pretext to intervene in Mexico.',
      'Sheinbaum',
      'oppose',
    ],
    // Announcing what one will do stands by it.
    ['President Donald Trump said he would hit the cartels on land very soon.', 'Trump', 'support'],
    // Naming an act a war crime, or not the way, condemns it; "just the beginning" stands by it.
    [
      '“If that is what happened, it is a war crime,” Senator Mark Kelly said of the second strike.',
      'Kelly',
      'oppose',
    ],
    [
      'Colombian Defense Minister Pedro Sánchez said the bombings were not the way to fight drug trafficking.',
      'Sánchez',
      'oppose',
    ],
    [
      'Defense Secretary Pete Hegseth said the strikes on drug boats were “just the beginning.”',
      'Hegseth',
      'support',
    ],
    [
      'Senate Majority Leader John Thune said he was “not convinced” that a war powers resolution was needed.',
      'Thune',
      'oppose',
    ],
    ['House Democrats said the strikes on boats near Venezuela were unauthorized.', 'Democrats', 'oppose'],
    // A short clause ends at its comma: the next actor's verb is not part of it.
    [
      'While Trinidad and Tobago Prime Minister Kamla Persad-Bissessar backed the strikes, Colombia’s Petro denounced them as “extrajudicial executions.”',
      'Persad-Bissessar',
      'support',
    ],
    // A tally between a vote and its side.
    [
      'The Senate voted 49-51 against a resolution that would have blocked strikes on Venezuela.',
      'Senate',
      'oppose',
    ],
  ])('%s -> %s %s', async (sentence, actor, polarity) => {
    const reading = await read(sentence);
    expect(stanceOf(reading, actor)).toContain(polarity);
    expect(stanceOf(reading, actor)).not.toContain(polarity === 'support' ? 'oppose' : 'support');
  });
});

describe('no position', () => {
  it.each([
    // A denied or negated accusation condemns nothing.
    ['Colombian President Gustavo Petro denied accusing the United States of murder.', 'Petro'],
    [
      'Secretary of State Marco Rubio did not accuse Colombian President Gustavo Petro of supporting drug traffickers.',
      'Rubio',
    ],
    // "a vessel accused of smuggling drugs": the vessel is the accused, the speaker accuses no one.
    [
      'Defense Secretary Pete Hegseth said the US military struck a vessel accused of smuggling drugs for Tren de Aragua.',
      'Hegseth',
    ],
    // The subject of a rebutted claim holds no position by it.
    [
      'Venezuelan Foreign Minister Yván Gil rejected the claim that Venezuela supports drug trafficking.',
      'Venezuela',
    ],
  ])('%s -> %s takes no side', async (sentence, actor) => {
    const reading = await read(sentence);
    expect(stanceOf(reading, actor).filter((p) => p === 'support' || p === 'oppose')).toEqual([]);
  });

  it('a possibility not ruled out is left open, not taken up', async () => {
    const reading = await read(
      'The Trump administration has not dismissed the possibility of deploying US troops to Venezuela.',
    );
    expect(stanceOf(reading, 'Trump administration')).toEqual(['neutral']);
  });
});
