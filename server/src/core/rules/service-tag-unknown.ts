import { checkServiceTag } from '../azure/suggest';
import { replaceScalar, type EditTarget } from '../fixes/edits';
import type { Val } from '../model/networkModel';
import type { Fix } from './finding';
import { defineRule } from './rule';

/** NSG address prefixes must be `*`, an address/CIDR, or an Azure service tag spelled as Azure does (F-TAGS). */
export default defineRule({
  meta: {
    id: 'service-tag-unknown',
    description: 'An NSG rule names a service tag that does not exist, or spells a real one with the wrong casing',
    defaultSeverity: 'error',
    facts: ['F-TAGS', 'F-TAGS-REGIONAL'],
    messages: {
      unknown: { text: "'{value}' is not an Azure service tag{hint}" },
      region: { text: "'{value}': the region part is not an Azure region{hint}" },
      notRegional: { text: "'{value}': the tag {tag} has no regional form{hint}" },
      classic: { text: "'{value}' is a classic-deployment spelling, not valid in ARM; use '{replacement}'" },
      casing: { text: "Service tag '{value}' should be written '{canonical}'; write it as Azure documents it", severity: 'warning' },
      badAddress: { text: "'{value}' is not a valid address prefix: {message}" },
    },
    fixable: true,
  },
  check(ctx) {
    const checkPrefix = (v: Val): void => {
      if (v.ev?.t !== 'string') return;
      const value = v.ev.v;
      const c = checkServiceTag(value);
      switch (c.kind) {
        case 'ok': case 'address': break;
        case 'casing':
          ctx.report({ messageId: 'casing', data: { value, canonical: c.canonical }, at: v.at, fixes: replaceWith(ctx.model, v, c.canonical) });
          break;
        case 'classic':
          ctx.report({ messageId: 'classic', data: { value, replacement: c.replacement }, at: v.at, fixes: replaceWith(ctx.model, v, c.replacement) });
          break;
        case 'bad-address':
          ctx.report({ messageId: 'badAddress', data: { value, message: c.message }, at: v.at });
          break;
        case 'unknown': {
          const hint = c.suggestion ? `; did you mean '${c.suggestion}'?` : '';
          const id = c.reason === 'region' ? 'region' : c.reason === 'not-regional' ? 'notRegional' : 'unknown';
          ctx.report({
            messageId: id,
            data: { value, hint, tag: value.split('.')[0] ?? value },
            at: v.at,
            fixes: c.suggestion ? replaceWith(ctx.model, v, c.suggestion) : [],
          });
          break;
        }
      }
    };
    for (const nsg of ctx.model.networkSecurityGroups) {
      for (const rule of nsg.rules) {
        for (const v of rule.sourcePrefixes) checkPrefix(v);
        for (const v of rule.destinationPrefixes) checkPrefix(v);
      }
    }
  },
});

/** The fix that writes `to` over the prefix `v`, where its text can be rewritten. */
function replaceWith(doc: EditTarget, v: Val, to: string): Fix[] {
  return editable(v) ? [{ title: `Change to '${to}'`, edits: [replaceScalar(doc, v.ev!.node!, to)], isPreferred: true }] : [];
}

/** A fix can rewrite the value only where its text is the value itself. */
function editable(v: Val): boolean {
  return !!v.ev?.node && v.ev.literal === true && v.ev.node.type === 'string';
}
