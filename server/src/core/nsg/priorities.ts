/**
 * The priorities Azure accepts for NSG security rules (F-ARM): whole numbers from 100 to 4096. The
 * default rules sit above (65000–65500). Shared by the rule that reports rejected priorities and the
 * fixes that pick a free one.
 */
export const MIN_PRIORITY = 100;
export const MAX_PRIORITY = 4096;

export function isValidPriority(p: number): boolean {
  return Number.isInteger(p) && p >= MIN_PRIORITY && p <= MAX_PRIORITY;
}
