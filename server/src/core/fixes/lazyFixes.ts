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

/**
 * The pending computation, shared by a finding and its copies. It lives in a non-enumerable field under a
 * symbol, and every lazy finding has the same getter (`readFixes`), for the garbage collector's sake: a getter
 * made per finding gives each finding its own hidden class, and V8 keeps hidden classes in the old generation,
 * where each one held its getter, the thunk, and through it the whole analysis (model and tree). Young
 * collections treat old objects as roots, so every analysis survived them and was promoted: on the 50 KB
 * template 3 MB survived each young collection instead of 0.6 MB, and each took 3–9 ms.
 */
interface Pending {
  compute: FixesThunk | undefined;
  value: readonly Fix[] | undefined;
}

const PENDING = Symbol('pendingFixes');

interface LazyFinding {
  fixes?: readonly Fix[];
  readonly [PENDING]: Pending;
}

function resolve(p: Pending): readonly Fix[] | undefined {
  const compute = p.compute;
  if (compute) {
    p.compute = undefined; // also lets the model go once every copy has been read
    try {
      const fixes = compute();
      p.value = fixes.length ? fixes : undefined;
    } catch {
      p.value = undefined;
    }
  }
  return p.value;
}

function readFixes(this: LazyFinding): readonly Fix[] | undefined {
  const fixes = resolve(this[PENDING]);
  // No fix leaves no property, like a finding without fixes. The getter stays otherwise: it now returns the
  // kept list, and turning it into a data property would give each finding a dictionary of its own.
  if (!fixes) delete this.fixes;
  return fixes;
}

const pendingFixes: PropertyDescriptor = { get: readFixes, enumerable: true, configurable: true };

/** Gives `finding` a `fixes` property that runs `compute` at its first read (once, for every copy of the finding). */
export function withLazyFixes<F extends Finding>(finding: F, compute: FixesThunk): F {
  const pending: Pending = { compute, value: undefined };
  Object.defineProperty(finding, PENDING, { value: pending, enumerable: false, configurable: true, writable: false });
  Object.defineProperty(finding, 'fixes', pendingFixes);
  return finding;
}

/** True when `finding`'s fixes have not been computed yet. */
export function fixesPending(finding: Finding): boolean {
  return Object.getOwnPropertyDescriptor(finding, 'fixes')?.get === readFixes && (finding as unknown as LazyFinding)[PENDING].compute !== undefined;
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
