import { defineRule } from './rule';

/** Reported by the engine itself: a part of the document was not analysed, and why. */
export default defineRule({
  meta: {
    id: 'analysis-skipped',
    description: 'Part of the document was not analysed (linked template, size limit, internal error)',
    defaultSeverity: 'information',
    facts: [],
    messages: {
      tooLarge: { text: 'Not analysed: the document has {size} characters, more than {limit} ({max})' },
      notFollowed: { text: '{message}' },
      internal: { text: 'Rule {rule} failed on this document and was skipped: {message}', severity: 'warning' },
    },
    fixable: false,
  },
  check() {},
});
