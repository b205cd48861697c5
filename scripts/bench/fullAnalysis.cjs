// The full analysis as the benchmark counts it (issue 5: parse, model, every rule, fixes): analyzeText, then
// every finding's fixes read. Some rules compute their fixes only when read (server/src/core/fixes/lazyFixes.ts),
// which the language server's diagnostics never do; the benchmark's analysis pays for all of them.
// CommonJS without dependencies: the instruction counter's runner (instructions.mjs) requires it under valgrind,
// and bundle.mjs re-exports it for the other benchmarks.
function fullAnalysis(core, text, options) {
  const result = core.analyzeText(text, options);
  for (const f of result.findings) f.fixes;
  return result;
}

module.exports = { fullAnalysis };
