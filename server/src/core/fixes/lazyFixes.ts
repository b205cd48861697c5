import type { Finding, Fix } from '../rules/finding';

/**
 * A rule's fixes, computed when something first reads them.
 *
 * The editor shows diagnostics on every keystroke and asks for a finding's fixes only when the cursor is on
 * it (a code action request), so that writing every fix's text during the analysis delays every diagnostic
 * for edits that are almost never applied. On the 2 MB benchmark template, the NSG rules that
 * nsg-required-port's 614 fixes write were a tenth of the analysis. A rule whose fixes cost that much hands
 * `report` a function instead of a list; the finding's `fixes` property calls it at its first read and keeps
 * the result. Whoever reads `fixes` (code actions, the CLI, fix-all, tests) sees a plain list, or no property
 * when there is no fix, exactly as for a rule that computes its fixes at once.
 *
 * The function reads the analysis's model, which nothing changes after the analysis. One that throws gives
 * no fix: the finding itself stands (as a rule's fix that turns out to be unwritable gives none).
 */
export type FixesThunk = () => readonly Fix[];

/** Gives `finding` a `fixes` property that runs `compute` at its first read (once, for every copy of the finding). */
export function withLazyFixes<F extends Finding>(finding: F, compute: FixesThunk): F {
  let done = false;
  let value: readonly Fix[] | undefined;
  const resolve = (): readonly Fix[] | undefined => {
    if (!done) {
      done = true;
      try {
        const fixes = compute();
        value = fixes.length ? fixes : undefined;
      } catch {
        value = undefined;
      }
    }
    return value;
  };
  Object.defineProperty(finding, 'fixes', {
    enumerable: true,
    configurable: true,
    get(this: { fixes?: readonly Fix[] }) {
      const fixes = resolve();
      // From now on a plain property (or none, like a finding without fixes).
      if (fixes) Object.defineProperty(this, 'fixes', { value: fixes, enumerable: true, configurable: true, writable: false });
      else delete this.fixes;
      return fixes;
    },
  });
  return finding;
}

/** True when `finding`'s fixes have not been computed yet. */
export function fixesPending(finding: Finding): boolean {
  return Object.getOwnPropertyDescriptor(finding, 'fixes')?.get !== undefined;
}

/**
 * A copy of `finding` with `patch` applied, that keeps pending fixes pending (a spread would compute them).
 * `fixes: undefined` in the patch drops them.
 */
export function copyFinding(finding: Finding, patch: Partial<Finding>): Finding {
  if (!fixesPending(finding)) return { ...finding, ...patch };
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(finding)) as Finding;
  for (const [k, v] of Object.entries(patch)) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
  return out;
}
