"use strict";
exports.id = 336;
exports.ids = [336];
exports.modules = {

/***/ 336:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.NODE_FOR_13 = void 0;
exports.sqliteDriver = sqliteDriver;
const node_module_1 = __webpack_require__(8995);
/** The first Node major on which 13.x runs and 12.x can abort. */
exports.NODE_FOR_13 = 22;
let chosen;
function sqliteDriver() {
    chosen ??= choose();
    return chosen;
}
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the choice, by name: ncc must see the
   literal names (it bundles the adapter and leaves better-sqlite3 outside, in dist/node_modules). */
function choose() {
    const nodeMajor = Number(process.versions.node.split('.')[0]);
    const installed = (__webpack_require__(1946).version);
    const installedMajor = Number(installed.split('.')[0]);
    if (installedMajor >= 13 && nodeMajor < exports.NODE_FOR_13) {
        // Unreachable through the Action's launcher, which refuses such a Node first; a segfault is worse.
        throw new Error(`better-sqlite3 ${installed} needs Node ≥ ${exports.NODE_FOR_13}; this is Node ${process.versions.node}`);
    }
    if (installedMajor < 13 && nodeMajor >= exports.NODE_FOR_13)
        useAliasedDriver();
    return {
        Database: __webpack_require__(2817),
        PrismaBetterSqlite3: (__webpack_require__(7120).PrismaBetterSqlite3),
    };
}
/* eslint-enable @typescript-eslint/no-require-imports */
/**
 * Makes every `require('better-sqlite3')` in this process, the adapter's included, return the
 * aliased 13.x. Only the npm package (lib/) gets here; jest has its own module registry and
 * maps the name in jest.config.js instead.
 */
function useAliasedDriver() {
    // createRequire: these are run-time lookups in the installed node_modules, never bundled.
    const load = (0, node_module_1.createRequire)(__filename);
    const aliased = load.resolve('better-sqlite3-13');
    load(aliased);
    const adapterLoad = (0, node_module_1.createRequire)(load.resolve('@prisma/adapter-better-sqlite3'));
    for (const name of new Set([load.resolve('better-sqlite3'), adapterLoad.resolve('better-sqlite3')])) {
        load.cache[name] = load.cache[aliased];
    }
}


/***/ })

};
;