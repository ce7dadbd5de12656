"use strict";
exports.id = 440;
exports.ids = [440,336];
exports.modules = {

/***/ 3962:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.advisoryLockDisabled = void 0;
/**
 * As Prisma reads PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: any value but "" and "0" turns the lock
 * off (both databases).
 */
const advisoryLockDisabled = (value = process.env.PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK) => value !== undefined && value !== '' && value !== '0';
exports.advisoryLockDisabled = advisoryLockDisabled;


/***/ }),

/***/ 3440:
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
exports.openSqliteTarget = openSqliteTarget;
exports.sqliteTime = sqliteTime;
const fs = __importStar(__webpack_require__(3024));
const path = __importStar(__webpack_require__(6760));
const atomicity_1 = __webpack_require__(833);
const tokens_1 = __webpack_require__(6070);
const sqliteDqs_1 = __webpack_require__(9356);
const sqliteDriver_1 = __webpack_require__(336);
const types_1 = __webpack_require__(429);
const problem_1 = __webpack_require__(8278);
const history_1 = __webpack_require__(8157);
const targetDb_1 = __webpack_require__(9386);
const lockSwitch_1 = __webpack_require__(3962);
/** Prisma's DDL (prisma-engines, sqlite flavour). */
const CREATE_TABLE = `CREATE TABLE "${targetDb_1.MIGRATIONS_TABLE}" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;
async function openSqliteTarget(target, opts) {
    const file = target.file;
    if (opts.readonly && !fs.existsSync(file))
        return (0, problem_1.fail)(`${file}: the SQLite database does not exist. Check the path (relative file: paths resolve from the schema's ` +
            `folder).`);
    const { Database, PrismaBetterSqlite3 } = (0, sqliteDriver_1.sqliteDriver)();
    let db;
    try {
        if (!opts.readonly)
            fs.mkdirSync(path.dirname(file), { recursive: true });
        // busy timeout: a concurrent deploy holds the exclusive lock; wait as long as Prisma would.
        db = new Database(file, { timeout: opts.lockTimeoutMs, fileMustExist: opts.readonly, readonly: opts.readonly });
    }
    catch (e) {
        return (0, problem_1.fail)(`${file}: cannot open the SQLite database: ${(0, types_1.oneLine)(e.message)}.`);
    }
    return (0, problem_1.ok)(new SqliteTarget(db, file, PrismaBetterSqlite3));
}
/** Reads both forms: epoch milliseconds (native engine, us) and text (wasm engine, SQL defaults). */
function sqliteTime(v) {
    if (v === null || v === undefined)
        return null;
    if (typeof v === 'number' || typeof v === 'bigint')
        return new Date(Number(v));
    const s = String(v);
    if (/^\d+$/.test(s))
        return new Date(Number(s));
    const d = new Date(/^\d{4}-\d\d-\d\d \d/.test(s) && !/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s.replace(' ', 'T') + 'Z' : s);
    // Set but unreadable still means "set": never turn a finished migration into a failed one.
    return Number.isNaN(d.getTime()) ? new Date(0) : d;
}
/** Timestamps as epoch milliseconds: what Prisma's native engine writes on SQLite. */
const now = () => Date.now();
/** The migrations table and the scripts, on the connection that holds the exclusive lock. */
class SqliteTarget {
    db;
    file;
    Adapter;
    connections = [];
    constructor(db, file, Adapter) {
        this.db = db;
        this.file = file;
        this.Adapter = Adapter;
    }
    remember(c) {
        this.connections.push(c);
        return c;
    }
    provider = 'sqlite';
    async lock(timeoutMs) {
        // Prisma's switch turns off its SQLite lock too.
        if ((0, lockSwitch_1.advisoryLockDisabled)())
            return (0, problem_1.ok)(undefined);
        try {
            // Exclusive locking mode keeps the lock for the life of this connection, so no other
            // process can read a half-applied history or apply the same migration.
            this.db.pragma('locking_mode = EXCLUSIVE');
            this.db.exec('BEGIN EXCLUSIVE; COMMIT;');
            return (0, problem_1.ok)(undefined);
        }
        catch (e) {
            const code = e.code;
            if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED')
                throw e;
            return (0, problem_1.fail)(`${this.file}: could not lock the database within ${timeoutMs / 1000} s: another process is using it, ` +
                `perhaps another deploy. Wait for it and run again.`);
        }
    }
    classify(migration) {
        return (0, atomicity_1.classifyAtomicity)(migration.sql, 'sqlite');
    }
    // SQLite has no session list: a running deploy holds the exclusive lock instead.
    async setActivity() { }
    async liveDeploys() {
        return [];
    }
    async missingColumns() {
        const cols = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(targetDb_1.MIGRATIONS_TABLE);
        const have = new Set(cols.map((c) => c.name));
        return targetDb_1.MIGRATIONS_COLUMNS.filter((c) => !have.has(c));
    }
    async hasMigrationsTable() {
        return (this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(targetDb_1.MIGRATIONS_TABLE) !==
            undefined);
    }
    async existingObjects() {
        // Prisma's P3005 test: every table, sqlite_sequence included; views do not count.
        const rows = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all();
        return rows.map((r) => r.name);
    }
    async createMigrationsTable() {
        this.db.exec(CREATE_TABLE);
    }
    async rows() {
        const rows = this.db
            .prepare(`SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs, applied_steps_count ` +
            `FROM "${targetDb_1.MIGRATIONS_TABLE}" ORDER BY started_at ASC`)
            .all();
        return rows.map((r) => (0, history_1.rowFrom)(r, sqliteTime));
    }
    // Timestamps as epoch milliseconds: what Prisma's native engine writes on SQLite.
    async recordStart(id, migration, logs) {
        this.db
            .prepare(`INSERT INTO "${targetDb_1.MIGRATIONS_TABLE}" (id, checksum, migration_name, logs, started_at, applied_steps_count) ` +
            `VALUES (?, ?, ?, ?, ?, 0)`)
            .run(id, migration.checksum, migration.name, logs, now());
    }
    async recordFinish(id, appliedSteps) {
        this.db
            .prepare(`UPDATE "${targetDb_1.MIGRATIONS_TABLE}" SET finished_at = ?, applied_steps_count = ? WHERE id = ?`)
            .run(now(), appliedSteps, id);
    }
    async recordFailure(id, logs) {
        this.db.prepare(`UPDATE "${targetDb_1.MIGRATIONS_TABLE}" SET logs = ? WHERE id = ?`).run(logs, id);
    }
    async recordApplied(id, migration) {
        const t = now();
        this.db
            .prepare(`INSERT INTO "${targetDb_1.MIGRATIONS_TABLE}" (id, checksum, migration_name, logs, rolled_back_at, started_at, ` +
            `finished_at, applied_steps_count) VALUES (?, ?, ?, '', NULL, ?, ?, 0)`)
            .run(id, migration.checksum, migration.name, t, t);
    }
    async recordRolledBack(name) {
        return this.db
            .prepare(`UPDATE "${targetDb_1.MIGRATIONS_TABLE}" SET rolled_back_at = ? WHERE migration_name = ? AND finished_at IS NULL AND ` +
            `rolled_back_at IS NULL`)
            .run(now(), name).changes;
    }
    async runMigration(migration, finishId) {
        const atomicity = this.classify(migration);
        if (!finishId)
            return this.runEach(migration, atomicity, false);
        // foreign_keys is a no-op inside a transaction: a file that turns it off (Prisma's
        // RedefineTables) gets it off for the whole transaction, and the setting back afterwards.
        const fkBefore = atomicity.foreignKeysOff ? this.db.pragma('foreign_keys', { simple: true }) : undefined;
        if (atomicity.foreignKeysOff)
            this.db.pragma('foreign_keys = OFF');
        try {
            this.db.exec('BEGIN');
            const r = await this.runEach(migration, atomicity, true);
            if (!r.ok)
                return r;
            this.db
                .prepare(`UPDATE "${targetDb_1.MIGRATIONS_TABLE}" SET finished_at = ?, applied_steps_count = 1, logs = NULL WHERE id = ?`)
                .run(now(), finishId);
            this.db.exec('COMMIT');
            return (0, problem_1.ok)({ finished: true });
        }
        finally {
            if (this.db.inTransaction)
                this.db.exec('ROLLBACK');
            if (fkBefore !== undefined)
                this.db.pragma(`foreign_keys = ${Number(fkBefore)}`);
        }
    }
    /**
     * Statement by statement. Outside a transaction (non-atomic files) SQLite keeps each statement
     * that finished, as Prisma's engine does; inside one, a failure rolls the whole file back.
     */
    async runEach(migration, atomicity, inTransaction) {
        for (const stmt of (0, tokens_1.splitStatements)(migration.sql, 'sqlite')) {
            try {
                await (0, sqliteDqs_1.withLegacyDqs)(stmt.text, (sql) => this.db.exec(sql), (e) => e.message);
            }
            catch (e) {
                // A script with its own BEGIN would keep our bookkeeping inside its transaction.
                if (this.db.inTransaction)
                    this.db.exec('ROLLBACK');
                return { ok: false, problem: sqliteFailure(migration, stmt, e, inTransaction && atomicity.atomic) };
            }
        }
        return (0, problem_1.ok)({ finished: false });
    }
    adapterFactory() {
        const factory = (0, sqliteDqs_1.legacyDqsFactory)(new this.Adapter({ url: `file:${this.file}` }));
        return {
            ...factory,
            connect: async () => this.remember(await factory.connect()),
            connectToShadowDb: async () => this.remember(await factory.connectToShadowDb()),
        };
    }
    async [Symbol.asyncDispose]() {
        for (const c of this.connections.splice(0))
            await c.dispose().catch(() => undefined);
        this.db.close();
    }
}
function sqliteFailure(migration, stmt, e, rolledBack) {
    const message = (0, types_1.oneLine)(e.message);
    const head = (0, tokens_1.statementHead)(stmt.text);
    const logs = `SQLite database error\n${e.message}\n   0: line ${stmt.line}: ${head}`;
    const after = rolledBack
        ? `Nothing of it was applied (it ran in one transaction). Fix the cause, then mark it: prisma-drift-gate ` +
            `resolve --rolled-back ${migration.name}, and deploy again.`
        : `SQLite does not roll a script back: the statements before this one stay applied. Repair the database by ` +
            `hand, then mark it: prisma-drift-gate resolve --rolled-back ${migration.name} (or --applied if you finished ` +
            `it by hand).`;
    return {
        migration: migration.name,
        file: migration.file,
        line: stmt.line,
        statement: head,
        message: `${(0, problem_1.pathSlot)(migration.file)}:${stmt.line}: migration "${migration.name}" failed at \`${head}\`: ` +
            `${message}. ${after}`,
        logs: rolledBack ? `${logs}\n\n${targetDb_1.ATOMIC_ROLLED_BACK}` : logs,
    };
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