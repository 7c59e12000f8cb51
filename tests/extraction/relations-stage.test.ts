import { read } from './reading-table';

/** Who does what to whom: each row a sentence and the relations a reviewer should be offered. */
describe('relations', () => {
  it.each([
    [
      'The Trump administration designated Tren de Aragua a foreign terrorist organization.',
      ['Trump administration sanctions Tren de Aragua'],
    ],
    [
      'Colombian President Gustavo Petro accused the United States of murder.',
      ['Gustavo Petro accuses United States'],
    ],
    // Withdrawn support is pressure, by whoever carries it out.
    [
      'He said the U.S. would stop giving financial support to Colombia.',
      ['United States pressures Colombia'],
    ],
    [
      'Mexican President Claudia Sheinbaum said Mexico cooperates with the United States.',
      ['Mexico cooperates_with United States'],
    ],
    // Grammar: the object of the verb is whom the act is aimed at, a possessor included.
    [
      "Colombian President Gustavo Petro rejected Secretary of State Marco Rubio's criticism of the peace talks.",
      ['Gustavo Petro rejects Marco Rubio'],
    ],
    [
      'Senator Lindsey Graham accused Colombian President Gustavo Petro of shielding drug traffickers, Reuters reported.',
      ['Lindsey Graham accuses Gustavo Petro'],
    ],
    // Rebutting what someone said rejects the one who said it.
    [
      'Colombian President Gustavo Petro dismissed criticism from Secretary of State Marco Rubio over the peace talks.',
      ['Gustavo Petro rejects Marco Rubio'],
    ],
    [
      'Venezuelan Foreign Minister Yván Gil rejected claims by Washington that the government protects drug traffickers.',
      ['Yván Gil rejects United States'],
    ],
    // An accusation pits the accuser against the accused, whatever the act it names.
    [
      'Venezuelan President Nicolás Maduro accused the United States of backing a coup against his government.',
      ['Nicolás Maduro accuses United States'],
    ],
    [
      'Venezuelan President Nicolás Maduro warned that the United States is threatening peace in the Caribbean.',
      ['Nicolás Maduro opposes United States'],
    ],
    // Whoever violates a state's sovereignty is the one its ministry opposes.
    [
      "Mexico's Foreign Ministry said the United States violated Mexico's sovereignty.",
      ["Mexico's Foreign Ministry opposes United States"],
    ],
    // An act on what an actor owns, runs or holds reaches the actor.
    [
      'The U.S. military struck a boat operated by Tren de Aragua, killing six people.',
      ['US military attacks Tren de Aragua'],
    ],
    [
      'The United States revoked the visa of Colombian President Gustavo Petro.',
      ['United States sanctions Gustavo Petro'],
    ],
    // Pressure: pressing for evidence, demanding that someone act, ending aid.
    [
      'Senator Rand Paul has pressed the Pentagon for evidence about the people killed in the boat strikes.',
      ['Rand Paul pressures Pentagon'],
    ],
    [
      'Senate Minority Leader Chuck Schumer demanded that Defense Secretary Pete Hegseth release the full video.',
      ['Chuck Schumer pressures Pete Hegseth'],
    ],
    // A participle after a comma belongs to the sentence's speaker, and "aid to" names its object.
    [
      'Trump said he would end all U.S. aid to Colombia, calling Petro “an illegal drug leader.”',
      ['Trump pressures Colombia', 'Trump accuses Petro'],
    ],
    [
      'Trump said he did not want a second strike but stood by Defense Secretary Pete Hegseth.',
      ['Trump supports Pete Hegseth'],
    ],
    // A clause opened by "after" has its own subject.
    [
      'Bogotá recalled its ambassador for consultations after Trump called Petro a “thug.”',
      ['Trump accuses Petro'],
    ],
    // Acting on a group's members, or on a group named with its country, acts on the group.
    [
      'The Treasury Department sanctioned members of the Jalisco New Generation Cartel.',
      ['Treasury Department sanctions Jalisco New Generation Cartel'],
    ],
    [
      'The State Department designated Venezuela’s Cartel de los Soles a foreign terrorist organization.',
      ['State Department sanctions Cartel de los Soles'],
    ],
    // Censure and praise in every form of their verbs.
    [
      'Colombian President Gustavo Petro lambasted Secretary of State Marco Rubio over the boat strikes.',
      ['Gustavo Petro criticizes Marco Rubio'],
    ],
    [
      'Senator Tim Kaine is castigating Defense Secretary Pete Hegseth for the second strike.',
      ['Tim Kaine criticizes Pete Hegseth'],
    ],
    [
      'Trinidad and Tobago Prime Minister Kamla Persad-Bissessar lauded President Donald Trump for the strikes.',
      ['Kamla Persad-Bissessar praises Donald Trump'],
    ],
  ])('%s', async (sentence, expected) => {
    expect((await read(sentence)).relations).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    // A clause opened by "after" has its own subject, even one no actor stands for.
    [
      'Bogotá recalled its ambassador for consultations after Trump called Petro a “thug.”',
      'Colombia accuses',
    ],
    // "Colombia's Petro" names Petro's country; Colombia takes no part.
    [
      'While Trinidad and Tobago Prime Minister Kamla Persad-Bissessar backed the strikes, Colombia’s Petro denounced them as “extrajudicial executions.”',
      'Colombia',
    ],
    // "Venezuela's Cartel de los Soles" names the group's country; Venezuela is not designated.
    [
      'The State Department designated Venezuela’s Cartel de los Soles a foreign terrorist organization.',
      'Venezuela',
    ],
    // A denied act is no relation.
    ['President Donald Trump said the United States did not attack Venezuela.', 'attacks'],
    // Rebutting criticism of the strikes is no hostility toward the strikes' target.
    ['Secretary of State Marco Rubio rejected the criticism of the strikes on Venezuela.', 'opposes'],
    // Grammar: a name after the verb's object, as the subject of a verb of its own, is in another clause.
    [
      'Senator Lindsey Graham accused Colombian President Gustavo Petro of supporting drug traffickers, Reuters reported.',
      'supports',
    ],
    [
      'US Defense Secretary Pete Hegseth threatened the cartels, the Associated Press reported.',
      'threatens Associated',
    ],
    // A state's own organ speaks for it: the state whose sovereignty was violated is the victim, not
    // the one opposed, and a name inside a participle's clause is no object of the verb before it.
    ["Mexico's Foreign Ministry said the strike violated Mexico's sovereignty.", 'opposes'],
    [
      "Colombia's Foreign Ministry condemned the strike, saying it violated Colombia's sovereignty.",
      'criticizes',
    ],
    ['Human Rights Watch said the strike violated Venezuela’s sovereignty.', 'opposes Venezuela'],
    // The target of an act, and a place where it happens, are not the ones opposed.
    [
      'Brazilian President Luiz Inácio Lula da Silva warned that a US invasion of Venezuela would be a humanitarian catastrophe.',
      'opposes Venezuela',
    ],
    [
      'Brazilian President Luiz Inácio Lula da Silva said the US naval buildup near Venezuela is undermining peace in the region.',
      'opposes Venezuela',
    ],
    // A person introduced by the state office they hold speaks for that state.
    [
      "Venezuela's ambassador to the United Nations, Samuel Moncada, said the emergency meeting requested by Venezuela would expose the US aggression.",
      'opposes Venezuela',
    ],
    [
      'The foreign minister of Venezuela, Yván Gil, said the meeting requested by Venezuela would expose the US aggression.',
      'opposes Venezuela',
    ],
    // A denied accusation, and an act inside a rebutted claim, relate no one.
    ['Colombian President Gustavo Petro denied accusing the United States of murder.', 'accuses'],
    [
      'Venezuelan Foreign Minister Yván Gil rejected the claim that Venezuela supports the Cartel of the Suns.',
      'supports',
    ],
    // "told Reuters that ...": the one told is no antecedent of a relative clause.
    [
      'Mexican President Claudia Sheinbaum told Reuters that Mexico rejects any foreign intervention.',
      'rejects',
    ],
  ])('%s proposes no %s relation', async (sentence, type) => {
    // Padded, so that a source and its type, or a type and its target, match at either end of a relation.
    expect((await read(sentence)).relations.filter((r) => ` ${r} `.includes(` ${type} `))).toEqual([]);
  });
});
