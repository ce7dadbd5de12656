// Node 20 defines Symbol.dispose/asyncDispose on its main realm only; Jest 29 runs tests in
// a fresh vm context whose Symbol lacks them, so `await using` would throw there.
for (const name of ['dispose', 'asyncDispose']) {
  if (!Symbol[name]) Object.defineProperty(Symbol, name, { value: Symbol.for(`nodejs.${name}`) });
}
