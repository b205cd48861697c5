import { defineRule } from './rule';

/**
 * Reported on `apim-network.json` itself (see core/config/config.ts), not on templates: a malformed file,
 * an unknown rule id, a bad level or a wrong type. What is valid in the file still applies.
 */
export default defineRule({
  meta: {
    id: 'config-invalid',
    description: 'The apim-network.json configuration file has a syntax error, an unknown rule id, a bad level or a wrong type',
    defaultSeverity: 'error',
    facts: [],
    messages: {
      syntax: { text: '{message}' },
      unknownRule: { text: '{message}' },
      badLevel: { text: '{message}' },
      badType: { text: '{message}' },
      unknownKey: { text: '{message}', severity: 'warning' },
    },
    fixable: true,
  },
  check() {},
});
