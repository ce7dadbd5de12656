'use strict';
// Fails when src/ has an import circle (what `madge --circular` reports), using the TypeScript
// compiler's own module resolution, so no extra dependency is needed. Type-only imports count:
// a circle of types still ties two modules together. Run by `npm run lint`.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const options = { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((i) => ts.resolveModuleName(i.fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
    .filter((f) => f && f.startsWith(SRC + path.sep) && f.endsWith('.ts'));
}

const graph = new Map(sources(SRC).map((f) => [f, importsOf(f)]));
const cycles = [];
const state = new Map(); // 1 on the stack, 2 done
function visit(file, stack) {
  state.set(file, 1);
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 1) cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next, stack);
  }
  stack.pop();
  state.set(file, 2);
}
for (const file of graph.keys()) if (!state.has(file)) visit(file, []);

const rel = (f) => path.relative(ROOT, f);
for (const c of cycles) console.error(`import circle: ${c.map(rel).join(' → ')}`);
if (cycles.length) process.exit(1);
console.log(`no import circles in ${graph.size} files under src/`);
