/**
 * Free practice: any challenge's arena with no score to chase and time to spare. Its id is the
 * challenge's with this prefix; the worker gives it a long time limit, the page hides the score.
 */
export const PRACTICE_PREFIX = "practice:";
export const PRACTICE_SECONDS = 600;

export const isPractice = (id: string) => id.startsWith(PRACTICE_PREFIX);
export const practiceOf = (challengeId: string) => `${PRACTICE_PREFIX}${challengeId}`;
