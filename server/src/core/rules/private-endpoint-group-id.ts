import { asArray, asString } from '../arm/value';
import { PRIVATE_ENDPOINT } from '../azure/tiers';
import { replaceScalar } from '../fixes/edits';
import { defineRule } from './rule';

/** Only the Gateway sub-resource of API Management supports Private Link (F-PE). */
export default defineRule({
  meta: {
    id: 'private-endpoint-group-id',
    description: "A private endpoint to API Management uses a group id other than 'Gateway'",
    defaultSeverity: 'error',
    facts: ['F-PE', 'F-ARM'],
    messages: {
      wrongGroup: { text: "Private endpoint '{endpoint}' targets API Management with group id '{group}': only 'Gateway' is supported" },
      noGroup: { text: "Private endpoint '{endpoint}' targets API Management without groupIds: use [\"Gateway\"]" },
    },
    fixable: true,
  },
  check(ctx) {
    for (const pe of ctx.model.privateEndpoints) {
      for (const c of pe.connections) {
        if (!c.targetsApim) continue;
        const endpoint = asString(pe.name.ev) ?? '(unnamed)';
        // Absent, null or an empty array: no sub-resource is named (an unknown array is left alone).
        const groups = c.groupIdsVal.ev;
        if (groups === undefined || groups.t === 'null' || asArray(groups)?.length === 0) {
          ctx.report({ messageId: 'noGroup', data: { endpoint }, at: c.node });
          continue;
        }
        for (const g of c.groupIds) {
          const group = asString(g.ev);
          if (group === undefined || group.toLowerCase() === PRIVATE_ENDPOINT.groupId.toLowerCase()) continue;
          const node = g.ev?.node;
          ctx.report({
            messageId: 'wrongGroup',
            data: { endpoint, group },
            at: g.at,
            fixes: node && g.ev?.literal && node.type === 'string' ? [{ title: "Change to 'Gateway'", edits: [replaceScalar(ctx.model, node, PRIVATE_ENDPOINT.groupId)], isPreferred: true }] : [],
          });
        }
      }
    }
  },
});
