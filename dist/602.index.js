"use strict";
exports.id = 602;
exports.ids = [602,336];
exports.modules = {

/***/ 9686:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.pgInspector = pgInspector;
exports.locatePgFailure = locatePgFailure;
exports.groupColumns = groupColumns;
const tokens_1 = __webpack_require__(6070);
/** Catalog reads that explain the engine's diff; `current_schema()` is the replay's schema. */
function pgInspector(query) {
    return {
        async columns(table) {
            const r = await query(`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
                pg_get_expr(d.adbin, d.adrelid) AS dflt,
                EXISTS (SELECT 1 FROM pg_index i
                        WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY(i.indkey)) AS pk
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind = 'r'
           AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`, [table]);
            return r.rows;
        },
        async indexes(table) {
            const r = await query(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, [table]);
            return r.rows.map((row) => row.name);
        },
        async tableColumns() {
            const r = await query(`SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`);
            return groupColumns(r.rows);
        },
        async indexDefinition(qualifiedName) {
            // to_regclass: NULL (not an error) for a name that is no relation; pg_get_indexdef: NULL for a non-index.
            const r = await query(`SELECT pg_get_indexdef(to_regclass($1)) AS def`, [qualifiedName]);
            return r.rows[0]?.def ?? undefined;
        },
        async enumValues(name) {
            const r = await query(`SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON ` +
                `n.oid = t.typnamespace
         WHERE n.nspname = current_schema() AND t.typname = $1 ORDER BY e.enumsortorder`, [name]);
            return r.rows.map((row) => row.label);
        },
    };
}
/**
 * Which statement of a failed script failed: from the error's position, else by re-running
 * the statements one at a time inside a transaction that is rolled back.
 */
async function locatePgFailure(sql, error, exec) {
    const statements = (0, tokens_1.splitStatements)(sql, 'postgresql');
    const position = error.position ? Number(error.position) - 1 : undefined;
    if (position !== undefined && position >= 0) {
        const stmt = (0, tokens_1.statementAt)(statements, position);
        return { stmt, line: (0, tokens_1.lineOfOffset)(sql, position), message: error.message };
    }
    await exec('BEGIN');
    try {
        for (const stmt of statements) {
            try {
                await exec(stmt.text);
            }
            catch (e) {
                return { stmt, line: stmt.line, message: e.message };
            }
        }
    }
    finally {
        await exec('ROLLBACK').catch(() => undefined);
    }
    return { message: error.message };
}
function groupColumns(rows) {
    const out = new Map();
    for (const r of rows) {
        const columns = out.get(r.t) ?? new Map();
        columns.set(r.c, r.type);
        out.set(r.t, columns);
    }
    return out;
}


/***/ }),

/***/ 3602:
/***/ (function(__unused_webpack_module, exports, __webpack_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.openSqlite = openSqlite;
const fs = __importStar(__webpack_require__(3024));
const os = __importStar(__webpack_require__(542));
const path = __importStar(__webpack_require__(6760));
const pgCommon_1 = __webpack_require__(9686);
const tokens_1 = __webpack_require__(6070);
const sqliteContained_1 = __webpack_require__(5533);
const watchdog_1 = __webpack_require__(2658);
const problem_1 = __webpack_require__(8278);
const sqliteDqs_1 = __webpack_require__(9356);
const sqliteDriver_1 = __webpack_require__(336);
const types_1 = __webpack_require__(429);
/**
 * `tmpRoot`: where the throwaway folder goes (the supervisor's TMPDIR, unless a test names one).
 * `restored`: a database file from the replay cache, to start from instead of an empty one.
 */
async function openSqlite(tmpRoot = os.tmpdir(), restored) {
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'prisma-drift-gate-'));
    const file = path.join(dir, 'replay.db');
    const { Database, PrismaBetterSqlite3 } = (0, sqliteDriver_1.sqliteDriver)();
    if (restored)
        fs.writeFileSync(file, restored);
    const db = new Database(file);
    db.unsafeMode(false);
    if (restored)
        distrustRestored(db, dir);
    // A throwaway file needs no durability: without a sync per statement, replay is ~10x faster.
    db.pragma('synchronous = OFF');
    db.pragma('journal_mode = MEMORY');
    const connections = [];
    const execStatement = (stmt) => execSqliteStatement(db, stmt);
    let scratch;
    const inspector = sqliteInspector(db, () => (scratch ??= new Database(':memory:')));
    return {
        provider: 'sqlite',
        inspector,
        async runMigration(migration) {
            for (const stmt of (0, tokens_1.splitStatements)(migration.sql, 'sqlite')) {
                const head = (0, tokens_1.statementHead)(stmt.text);
                const { name, file } = migration;
                (0, watchdog_1.progress)({ doing: 'replaying', migration: name, file, line: stmt.line, statement: head });
                const r = await execStatement(stmt);
                if (!r.ok)
                    return (0, problem_1.fail)((0, types_1.migrationFailure)(migration, stmt.line, head, r.problem.message));
            }
            return (0, problem_1.ok)(undefined);
        },
        async runScript(sql) {
            for (const stmt of (0, tokens_1.splitStatements)(sql, 'sqlite')) {
                const r = await execStatement(stmt);
                if (!r.ok)
                    return (0, problem_1.fail)(`line ${stmt.line} \`${(0, tokens_1.statementHead)(stmt.text)}\`: ${r.problem.message}`);
            }
            return (0, problem_1.ok)(undefined);
        },
        adapterFactory: () => engineFactory(new PrismaBetterSqlite3({ url: `file:${file}` }), connections, !!restored),
        async captureState() {
            const bytes = db.serialize();
            return () => [bytes];
        },
        async [Symbol.asyncDispose]() {
            // The engine's connections must close before the process exits: a better-sqlite3
            // statement finalised during Node's teardown aborts the process.
            for (const c of connections.splice(0))
                await c.dispose().catch(() => undefined);
            scratch?.close();
            db.close();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}
/** Remembers the engine's connections, to close them; a restored file's connections distrust its schema too. */
function engineFactory(adapter, connections, restored) {
    const factory = (0, sqliteDqs_1.legacyDqsFactory)(adapter);
    const remember = async (c) => {
        if (restored)
            await c.executeRaw({ sql: TRUSTED_SCHEMA_OFF, args: [], argTypes: [] });
        connections.push(c);
        return c;
    };
    return {
        ...factory,
        connect: async () => remember(await factory.connect()),
        connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
    };
}
const TRUSTED_SCHEMA_OFF = 'PRAGMA trusted_schema = OFF';
/**
 * A cached file is untrusted input (a pull request writes its own cache scope): its schema's views and
 * triggers may call no function with side effects, and a damaged file is refused before anything reads it.
 */
function distrustRestored(db, dir) {
    try {
        db.pragma(TRUSTED_SCHEMA_OFF.slice('PRAGMA '.length));
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok')
            throw new Error(`the SQLite file fails quick_check: ${String(check)}`);
    }
    catch (e) {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
        throw e;
    }
}
/** One statement of untrusted SQL, contained by SQLite itself (see runContained). */
async function execSqliteStatement(db, stmt) {
    try {
        await (0, sqliteDqs_1.withLegacyDqs)(stmt.text, (sql) => (0, sqliteContained_1.runContained)(db, sql), (e) => e.message);
        return (0, problem_1.ok)(undefined);
    }
    catch (e) {
        return (0, problem_1.fail)(e.message);
    }
}
/** `scratch`: an empty in-memory database, for reading what a CREATE TABLE would make (columnsOfCreate). */
function sqliteInspector(db, scratch) {
    return {
        async columns(table) {
            return toColumns(db.prepare('SELECT * FROM pragma_table_info(?)').all(table));
        },
        async indexes(table) {
            const rows = db
                .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
                .all(table);
            return rows.map((r) => r.name);
        },
        async tableColumns() {
            const rows = db
                .prepare('SELECT m.name AS t, c.name AS c, c.type AS type FROM sqlite_master m, pragma_table_info(m.name) c ' +
                "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")
                .all();
            return (0, pgCommon_1.groupColumns)(rows);
        },
        async columnsOfCreate(createTable) {
            // Create the table in a savepoint, read it, and roll back: SQLite DDL is transactional. Not in the replayed
            // database: rolling back a CREATE there makes SQLite re-read its whole schema (every table's CREATE parsed
            // again) at the next statement, once per redefined table, which was quadratic. A table's columns depend on
            // its CREATE alone (SQLite does not resolve a REFERENCES target when it creates the table).
            const s = scratch();
            s.exec('SAVEPOINT pdg_inspect');
            try {
                // The statement comes from the engine, but the names in it come from the pull request's schema.
                (0, sqliteContained_1.runContained)(s, createTable);
                const name = /^CREATE TABLE ("(?:[^"]|"")+")/.exec(createTable)?.[1] ?? '';
                return toColumns(s.prepare('SELECT * FROM pragma_table_info(?)').all(name.slice(1, -1).replace(/""/g, '"')));
            }
            finally {
                s.exec('ROLLBACK TO pdg_inspect; RELEASE pdg_inspect');
            }
        },
    };
}
function toColumns(rows) {
    return rows.map((r) => ({
        name: r.name,
        type: r.type,
        notnull: r.notnull === 1,
        dflt: r.dflt_value,
        pk: r.pk > 0,
    }));
}


/***/ }),

/***/ 5533:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.RefusedStatement = void 0;
exports.runContained = runContained;
/**
 * EXPLAIN's columns, in the order SQLite fixes for them: addr, opcode, p1, p2, p3, p4, p5, comment.
 * Rows are read as arrays: objects for every instruction of every statement were most of the
 * containment's cost on a schema of thousands of tables.
 */
const OPCODE = 1;
const P2 = 3;
const P4 = 5;
/**
 * Runs exactly one statement of untrusted SQL, or refuses it. The containment is SQLite's,
 * not a word filter:
 * - prepare() compiles one statement and throws when the text holds a second, so a statement
 *   the splitter got wrong can never run unseen;
 * - the compiled program (EXPLAIN) shows with certainty whether the statement would open or
 *   write another file (ATTACH, VACUUM INTO), however it is quoted or spelled.
 * better-sqlite3 offers no authorizer, so the program is the only place to look.
 */
function runContained(db, sql) {
    const statement = db.prepare(sql);
    const refusal = reachOutside(db, sql);
    if (refusal)
        throw new RefusedStatement(refusal);
    statement.run();
}
class RefusedStatement extends Error {
}
exports.RefusedStatement = RefusedStatement;
function reachOutside(db, sql) {
    let program;
    try {
        program = db.prepare(`EXPLAIN ${sql}`).raw(true).all();
    }
    catch {
        // Only a statement that is itself an EXPLAIN cannot be explained again.
        return 'EXPLAIN is refused in a migration: replay runs only statements whose effect it can check';
    }
    for (const op of program) {
        const opcode = op[OPCODE];
        const fn = typeof op[P4] === 'string' ? op[P4] : '';
        if ((opcode === 'Function' || opcode === 'PureFunc') && /^sqlite_(attach|detach)\(/.test(fn))
            return 'ATTACH/DETACH is refused: replay never opens other database files';
        // OP_Vacuum's P2 is the register holding the INTO file name; 0 is a plain VACUUM.
        if (opcode === 'Vacuum' && op[P2] !== 0)
            return 'VACUUM INTO is refused: replay never writes other files';
    }
    return undefined;
}


/***/ }),

/***/ 9356:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.unresolvedDqsToken = unresolvedDqsToken;
exports.requoteToken = requoteToken;
exports.withLegacyDqs = withLegacyDqs;
exports.legacyDqsFactory = legacyDqsFactory;
const tokens_1 = __webpack_require__(6070);
/**
 * better-sqlite3 is built with double-quoted string literals off (SQLITE_DQS=0), while
 * Prisma's own SQLite keeps SQLite's legacy default. Migration histories rely on it
 * (`VALUES ("v")`, `WHERE k = "v"`), and so does the engine's own introspection of
 * partial indexes. SQLite names the exact token it could not resolve as an identifier;
 * legacy DQS would have read that token as a string, so we re-run the statement with it
 * single-quoted. A failed SQLite statement has no effect, so the retry is safe.
 */
const DQS_ERROR = /no such column: ("(?:[^"]|"")*") - should this be a string literal in single-quotes\?/;
const MAX_RETRIES = 64;
function unresolvedDqsToken(message) {
    return DQS_ERROR.exec(message)?.[1];
}
/** Replaces every `"token"` identifier (never inside strings or comments) with a string literal. */
function requoteToken(text, token) {
    const literal = `'${token.slice(1, -1).replace(/""/g, '"').replace(/'/g, "''")}'`;
    let out = '';
    let last = 0;
    for (const t of (0, tokens_1.tokens)(text, 'sqlite')) {
        if (t.kind === 'quotedIdent' && text.slice(t.start, t.end) === token) {
            out += text.slice(last, t.start) + literal;
            last = t.end;
        }
    }
    return out + text.slice(last);
}
/** Runs `sql`, re-running it with legacy-DQS tokens requoted for as long as SQLite names one. */
async function withLegacyDqs(sql, run, messageOf) {
    let text = sql;
    for (let attempt = 0;; attempt++) {
        try {
            return await run(text);
        }
        catch (e) {
            const token = attempt < MAX_RETRIES ? unresolvedDqsToken(messageOf(e)) : undefined;
            const requoted = token ? requoteToken(text, token) : text;
            if (requoted === text)
                throw e;
            text = requoted;
        }
    }
}
const adapterMessage = (e) => {
    const cause = e?.cause;
    return typeof cause?.originalMessage === 'string' ? cause.originalMessage : String(e?.message ?? e);
};
function wrapAdapter(adapter) {
    const retrying = (method) => (query) => withLegacyDqs(query.sql, (sql) => adapter[method].call(adapter, { ...query, sql }), adapterMessage);
    const overrides = { queryRaw: retrying('queryRaw'), executeRaw: retrying('executeRaw') };
    // A Proxy rather than a subclass: the adapter keeps #private state, so every other
    // method must run with the real adapter as `this`.
    return new Proxy(adapter, {
        get(target, prop, receiver) {
            if (typeof prop === 'string' && prop in overrides)
                return overrides[prop];
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
}
/** A factory whose connections accept legacy double-quoted string literals, as Prisma's SQLite does. */
function legacyDqsFactory(factory) {
    return {
        adapterName: factory.adapterName,
        provider: factory.provider,
        connect: async () => wrapAdapter(await factory.connect()),
        connectToShadowDb: async () => wrapAdapter(await factory.connectToShadowDb()),
    };
}


/***/ }),

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