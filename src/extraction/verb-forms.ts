import nlp from 'compromise';

export type VerbTense = 'infinitive' | 'past' | 'present' | 'gerund';
const VERB_TENSES: readonly VerbTense[] = ['infinitive', 'past', 'present', 'gerund'];

/**
 * Every form a reporter may give a verb: "decry" → decry, decries, decried, decrying. The lexicons list
 * their verbs once, by lemma, and compromise's conjugator supplies the rest, so a cue is never missed
 * because only some of its forms were typed out.
 */
export function verbForms(lemmas: readonly string[], tenses: readonly VerbTense[] = VERB_TENSES): string[] {
  const forms = new Set<string>();
  const wanted = new Set(tenses);
  for (const lemma of lemmas) {
    // Tagged as an infinitive first: on its own, "counter" or "rebuke" would be read as a noun and not conjugated.
    const doc = nlp(lemma);
    doc.tag('Infinitive');
    const conjugated = doc.verbs().conjugate()[0] as
      Partial<Record<'Infinitive' | 'PastTense' | 'PresentTense' | 'Gerund', string>> | undefined;
    const conjugatedPast = conjugated?.PastTense ?? `${lemma}ed`;
    // The conjugator gives some verbs ending in -e no past at all ("deride").
    const past = conjugatedPast === lemma && lemma.endsWith('e') ? `${lemma}d` : conjugatedPast;
    if (wanted.has('infinitive')) forms.add(lemma);
    if (wanted.has('past')) forms.add(past);
    if (wanted.has('present')) forms.add(conjugated?.PresentTense ?? `${lemma}s`);
    if (!wanted.has('gerund')) continue;
    // The conjugator leaves some gerunds uninflected ("slam"); a regular past gives the doubled stem.
    const gerund = conjugated?.Gerund?.endsWith('ing')
      ? conjugated.Gerund
      : past.endsWith('ed')
        ? `${past.slice(0, -2)}ing`
        : `${lemma}ing`;
    forms.add(gerund);
  }
  return [...forms];
}
