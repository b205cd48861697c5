import { defineRule } from './rule';

/** Reported by the engine itself (the parser), not by a check: the document does not parse cleanly. */
export default defineRule({
  meta: {
    id: 'syntax-error',
    description: 'The template is not well-formed JSON or YAML; what did parse is still analysed',
    defaultSeverity: 'error',
    facts: [],
    messages: { syntax: { text: '{message}' } },
    fixable: false,
  },
  check() {},
});
