// The texts the scripted models stream. Tests compare what Stepline assembles with these exactly, so
// they are generated, never typed twice. Repeated words are on purpose: repeated tokens are
// byte-identical chunks on the wire, and only their position tells them apart.

export const storyText =
  'the cat and the dog and the bird sat by the door, and the cat and the dog and the bird were friends.';

export const researchReasoning =
  'The user asks about tidal power. I should look the capacity up first, then answer in one line.';

export const researchAnswer =
  'Tidal power: the lookup says 527 MW at La Rance and Sihwa together, and the the tide comes twice a day.';

export const editorAnswer = 'Edited: tidal power gives 527 MW, and the tide comes twice a day.';

export function draftText(flow: string): string {
  return `${flow} draft: the plan, the plan, and the plan again for ${flow}.`;
}

export function roundText(round: number): string {
  return `round ${round}: more more more ideas, round ${round} done.`;
}

export const longAnswerWords = ['the', 'tide', 'and', 'the', 'moon', 'and', 'the', 'sea', 'again,'];

/**
 * A long answer of exactly `count` tokens from a small vocabulary: a linear congruential sequence
 * picks each word, so most tokens repeat one another, byte for byte, and the text is the same every run.
 */
export function longAnswerTokens(count: number): string[] {
  const tokens: string[] = [];
  let seed = 12345;
  for (let index = 0; index < count; index += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const word = longAnswerWords[seed % longAnswerWords.length] ?? '';
    tokens.push(index === 0 ? word : ` ${word}`);
  }
  return tokens;
}
