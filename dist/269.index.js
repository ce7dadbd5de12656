"use strict";
exports.id = 269;
exports.ids = [269,48];
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

/***/ 4569:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.pollAdvisoryLock = pollAdvisoryLock;
exports.liveDeploys = liveDeploys;
exports.activityName = activityName;
const problem_1 = __webpack_require__(8278);
const targetDb_1 = __webpack_require__(9386);
const POLL_MS = 200;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Takes Prisma's advisory lock by polling pg_try_advisory_lock, each try its own short
 * statement, so the session holds no transaction or snapshot while it waits. A blocking
 * pg_advisory_lock would hold one, and the holder's CREATE INDEX CONCURRENTLY waits for every
 * snapshot to go away: each deploy would then wait for the other (a deadlock).
 */
async function pollAdvisoryLock(client, display, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const r = await client.query(`SELECT pg_try_advisory_lock(${targetDb_1.ADVISORY_LOCK_ID}) AS locked`);
        if (r.rows[0].locked)
            return (0, problem_1.ok)(undefined);
        const left = deadline - Date.now();
        if (left <= 0)
            break;
        await sleep(Math.min(POLL_MS, left));
    }
    const holder = await lockHolder(client);
    const who = holder
        ? `it is held by backend pid ${holder.pid} (application_name "${holder.applicationName}"` +
            `${holder.since ? `, since ${holder.since}` : ''})`
        : 'its holder has just let go';
    const message = `${display}: timed out after ${timeoutMs / 1000} s waiting for the migration lock ` +
        `(pg_advisory_lock(${targetDb_1.ADVISORY_LOCK_ID})): ${who}; another deploy (ours or prisma migrate deploy) is running ` +
        `against this database. Wait for it and run again (or raise --lock-timeout)` +
        `${holder ? `, or stop it with SELECT pg_cancel_backend(${holder.pid})` : ''}.`;
    return { ok: false, problem: { message, ...(holder ? { holder } : {}) } };
}
const SINCE = `to_char(coalesce(a.xact_start, a.query_start, a.backend_start) AT TIME ZONE 'UTC',
  'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** Who holds Prisma's lock on this database: a bigint key shows as classid 0, objid, objsubid 1. */
async function lockHolder(client) {
    const r = await client.query(`SELECT l.pid, coalesce(a.application_name, '') AS app, ${SINCE} AS since
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      LIMIT 1`, [targetDb_1.ADVISORY_LOCK_ID]);
    const row = r.rows[0];
    return row ? liveDeploy(row) : undefined;
}
function liveDeploy(row) {
    const prefix = `${targetDb_1.DEPLOY_APP_NAME}: `;
    const migration = row.app.startsWith(prefix) ? row.app.slice(prefix.length) : undefined;
    return { pid: row.pid, applicationName: row.app, since: row.since, ...(migration ? { migration } : {}) };
}
/** Backends of our deploys on this database, other than this session (a killed client's backend runs on). */
async function liveDeploys(client) {
    const r = await client.query(`SELECT a.pid, a.application_name AS app, ${SINCE} AS since FROM pg_stat_activity a
      WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.application_name LIKE $1
      ORDER BY a.backend_start`, [`${targetDb_1.DEPLOY_APP_NAME}%`]);
    return r.rows.map(liveDeploy);
}
/** application_name holds at most 63 bytes and printable ASCII: longer names are cut, others shown as ?. */
function activityName(migration) {
    const name = migration ? `${targetDb_1.DEPLOY_APP_NAME}: ${migration}` : targetDb_1.DEPLOY_APP_NAME;
    return name.replace(/[^\x20-\x7e]/g, '?').slice(0, 63);
}


/***/ }),

/***/ 1860:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.isServerError = void 0;
exports.pgFailure = pgFailure;
const problem_1 = __webpack_require__(8278);
const tokens_1 = __webpack_require__(6070);
const types_1 = __webpack_require__(429);
const targetDb_1 = __webpack_require__(9386);
/** An error the server reported (it has a SQLSTATE): its transaction was rolled back there. */
const isServerError = (e) => /^[0-9A-Z]{5}$/.test(e.code ?? '');
exports.isServerError = isServerError;
/**
 * The failing statement comes from the error's position. Without one (e.g. "relation
 * already exists"), the first statement naming every identifier quoted in the message is
 * the best guess; we never re-run anything on a real database to find out.
 */
function pgFailure(migration, e, atomicity) {
    const statements = (0, tokens_1.splitStatements)(migration.sql, 'postgresql');
    const position = e.position ? Number(e.position) - 1 : undefined;
    let stmt = position !== undefined ? (0, tokens_1.statementAt)(statements, position) : undefined;
    let line = position !== undefined ? (0, tokens_1.lineOfOffset)(migration.sql, position) : undefined;
    if (!stmt) {
        const names = [...e.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
        stmt = names.length ? statements.find((s) => names.every((n) => s.text.includes(n))) : undefined;
        line = stmt?.line;
    }
    const where = line !== undefined ? `${(0, problem_1.pathSlot)(migration.file)}:${line}` : (0, problem_1.pathSlot)(migration.file);
    const head = stmt ? ` at \`${(0, tokens_1.statementHead)(stmt.text)}\`` : '';
    const detail = [e.detail, e.hint]
        .filter(Boolean)
        .map((s) => (0, types_1.oneLine)(s))
        .join(' ');
    const logs = pgLogs(e, line, stmt?.text);
    return {
        migration: migration.name,
        file: migration.file,
        line,
        statement: stmt ? (0, tokens_1.statementHead)(stmt.text) : undefined,
        message: `${where}: migration "${migration.name}" failed${head}: ` +
            `${(0, types_1.oneLine)(e.message)}${e.code ? ` (SQLSTATE ${e.code})` : ''}.${detail ? ' ' + detail + '.' : ''} ` +
            `${rolledBackNote(atomicity)} Fix the cause, then mark it: prisma-drift-gate resolve --rolled-back ` +
            `${migration.name}, and deploy again.`,
        logs: atomicity.atomic ? `${logs}\n\n${targetDb_1.ATOMIC_ROLLED_BACK}` : logs,
    };
}
/** A file sent as one query is all or nothing, unless it commits part of itself explicitly. */
function rolledBackNote(atomicity) {
    if (atomicity.atomic)
        return 'Nothing of it was applied (PostgreSQL ran the file as one transaction).';
    return /own transaction/.test(atomicity.reason ?? '')
        ? 'The file manages its own transactions, so statements it committed before the failure stay applied; check the ' +
            'database.'
        : `It is non-atomic (${atomicity.reason}), so work done before the failure may remain (e.g. an INVALID index); ` +
            `check the database.`;
}
/** The shape of Prisma's logs column for a database error. */
function pgLogs(e, line, statement) {
    return [
        `Database error code: ${e.code ?? 'unknown'}`,
        '',
        'Database error:',
        `ERROR: ${e.message}`,
        ...(e.detail ? [`DETAIL: ${e.detail}`] : []),
        ...(e.hint ? [`HINT: ${e.hint}`] : []),
        ...(line !== undefined ? ['', `Position: line ${line}${statement ? `: ${(0, tokens_1.statementHead)(statement)}` : ''}`] : []),
    ].join('\n');
}


/***/ }),

/***/ 4269:
/***/ (function(__unused_webpack_module, exports, __webpack_require__) {


var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.openPgTarget = openPgTarget;
const pg_1 = __importDefault(__webpack_require__(1051));
const atomicity_1 = __webpack_require__(833);
const quote_1 = __webpack_require__(6194);
const pgChar_1 = __webpack_require__(3275);
const pgServer_1 = __webpack_require__(4048);
const types_1 = __webpack_require__(429);
const problem_1 = __webpack_require__(8278);
const history_1 = __webpack_require__(8157);
const lockSwitch_1 = __webpack_require__(3962);
const pgActivity_1 = __webpack_require__(4569);
const pgFailure_1 = __webpack_require__(1860);
const targetDb_1 = __webpack_require__(9386);
/** Prisma's DDL (prisma-engines, postgres flavour), in the URL's schema. */
const createTableSql = (schema) => `CREATE TABLE ${(0, quote_1.quoteIdent)(schema)}.${targetDb_1.MIGRATIONS_TABLE} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;
/**
 * One session for everything, as Prisma holds its advisory lock and runs the scripts on
 * the same connection. The search path is the URL's schema, so unqualified names in the
 * migrations land where `prisma migrate deploy` would put them.
 */
async function openPgTarget(target, applicationName) {
    let conn;
    let client;
    try {
        conn = (0, pgServer_1.splitUrl)(target.url, target.baseDir);
        client = new pg_1.default.Client({
            connectionString: conn.connectionString,
            connectionTimeoutMillis: targetDb_1.LOCK_TIMEOUT_MS,
            // Other sessions (status, resolve, a second deploy) see which deploy is running, and what.
            application_name: applicationName,
            options: (0, pgServer_1.searchPathOption)(conn.schema),
            ...(conn.ssl !== undefined ? { ssl: conn.ssl } : {}),
        });
    }
    catch (e) {
        return (0, problem_1.fail)(`${target.source} ${target.display}: ${(0, types_1.oneLine)(e.message)}.`);
    }
    // A dropped connection must surface as a failed query, not as an unhandled 'error' event.
    client.on('error', () => undefined);
    let version;
    try {
        await client.connect();
        version = Number((await client.query('SHOW server_version_num')).rows[0].server_version_num);
    }
    catch (e) {
        await client.end().catch(() => undefined);
        return (0, problem_1.fail)({ message: (0, pgServer_1.connectionProblem)(target.url, e, target.source).message });
    }
    return (0, problem_1.ok)(new PgTarget(client, conn, target, version));
}
/** The migrations table and the scripts, on the session that holds Prisma's advisory lock. */
class PgTarget {
    client;
    conn;
    target;
    serverVersionNum;
    locked = false;
    pool;
    table;
    schema;
    constructor(client, conn, target, serverVersionNum) {
        this.client = client;
        this.conn = conn;
        this.target = target;
        this.serverVersionNum = serverVersionNum;
        this.schema = conn.schema;
        this.table = `${(0, quote_1.quoteIdent)(conn.schema)}.${targetDb_1.MIGRATIONS_TABLE}`;
    }
    provider = 'postgresql';
    async lock(timeoutMs) {
        if ((0, lockSwitch_1.advisoryLockDisabled)())
            return (0, problem_1.ok)(undefined);
        const r = await (0, pgActivity_1.pollAdvisoryLock)(this.client, this.target.display, timeoutMs);
        this.locked = r.ok;
        return r;
    }
    classify(migration) {
        return (0, atomicity_1.classifyAtomicity)(migration.sql, 'postgresql', { serverVersionNum: this.serverVersionNum });
    }
    async setActivity(migration) {
        await this.client.query(`SELECT set_config('application_name', $1, false)`, [(0, pgActivity_1.activityName)(migration)]);
    }
    liveDeploys() {
        return (0, pgActivity_1.liveDeploys)(this.client);
    }
    async missingColumns() {
        const r = await this.client.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [this.schema, targetDb_1.MIGRATIONS_TABLE]);
        const have = new Set(r.rows.map((c) => c.name));
        return targetDb_1.MIGRATIONS_COLUMNS.filter((c) => !have.has(c));
    }
    async hasMigrationsTable() {
        const r = await this.client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [this.table]);
        return r.rows[0].present;
    }
    async existingObjects() {
        // Prisma's P3005 test (sql_migration_persistence.rs): ordinary tables in the URL's
        // this.schema, except PostGIS's own; views, sequences and enums do not count.
        const r = await this.client.query(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r'
          AND lower(c.relname) NOT IN ('spatial_ref_sys', 'geometry_columns', 'geography_columns',
                                       'raster_columns', 'raster_overviews')
        ORDER BY 1`, [this.schema]);
        return r.rows.map((row) => `${this.schema}.${row.name}`);
    }
    async createMigrationsTable() {
        // As Prisma: look first, so a user without CREATE on the database can use an existing this.schema.
        const exists = await this.client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
        if (exists.rowCount === 0)
            await this.client.query(`CREATE SCHEMA ${(0, quote_1.quoteIdent)(this.schema)}`);
        await this.client.query(createTableSql(this.schema));
    }
    async rows() {
        const r = await this.client.query(`SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs, applied_steps_count ` +
            `FROM ${this.table} ORDER BY started_at ASC`);
        // pg returns TIMESTAMPTZ as Date already.
        return r.rows.map((row) => (0, history_1.rowFrom)(row, (v) => v ?? null));
    }
    async recordStart(id, migration, logs) {
        await this.client.query(`INSERT INTO ${this.table} (id, checksum, migration_name, logs, started_at, applied_steps_count) ` +
            `VALUES ($1, $2, $3, $4, now(), 0)`, [id, migration.checksum, migration.name, logs]);
    }
    async recordFinish(id, appliedSteps) {
        await this.client.query(`UPDATE ${this.table} SET finished_at = now(), applied_steps_count = $2 WHERE id = $1`, [
            id,
            appliedSteps,
        ]);
    }
    async recordFailure(id, logs) {
        await this.client.query(`UPDATE ${this.table} SET logs = $2 WHERE id = $1`, [id, logs]);
    }
    async recordApplied(id, migration) {
        await this.client.query(`INSERT INTO ${this.table} (id, checksum, migration_name, logs, rolled_back_at, started_at, finished_at, ` +
            `applied_steps_count) VALUES ($1, $2, $3, '', NULL, now(), now(), 0)`, [id, migration.checksum, migration.name]);
    }
    async recordRolledBack(name) {
        const r = await this.client.query(`UPDATE ${this.table} SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND ` +
            `rolled_back_at IS NULL`, [name]);
        return r.rowCount ?? 0;
    }
    async runMigration(migration, finishId) {
        // One simple-protocol query per file, as Prisma sends it: PostgreSQL runs it as one
        // implicit transaction. An atomic file carries the UPDATE that finishes its row in the same
        // query, so the server commits both or neither, whatever happens to this process.
        const text = finishId ? `${migration.sql}\n;\n${this.finishSql(finishId)}` : migration.sql;
        try {
            const r = (await this.client.query(text));
            const last = Array.isArray(r) ? r[r.length - 1] : r;
            // The RETURNING value proves our UPDATE ran (an unclosed comment in the file could swallow it).
            const finished = Boolean(finishId) && last?.rows?.[0]?.pdg_finished === finishId;
            return (0, problem_1.ok)({ finished });
        }
        catch (e) {
            // Not an answer from the server (the connection broke): whether it committed is unknown here.
            if (!(0, pgFailure_1.isServerError)(e))
                throw e;
            // A file with its own BEGIN leaves the session in an aborted transaction; end it so the
            // failure can be recorded (what it had not committed is rolled back either way).
            await this.client.query('ROLLBACK').catch(() => undefined);
            return { ok: false, problem: (0, pgFailure_1.pgFailure)(migration, e, this.classify(migration)) };
        }
    }
    /** Prisma's finishing UPDATE, as literals (a multi-statement query takes no parameters); the id is our UUID. */
    finishSql(id) {
        if (!/^[0-9a-f-]{36}$/.test(id))
            throw new Error(`not a migration row id: ${id}`);
        return (`UPDATE ${this.table} SET finished_at = clock_timestamp(), applied_steps_count = 1, logs = NULL ` +
            `WHERE id = '${id}' RETURNING id AS pdg_finished`);
    }
    adapterFactory() {
        if (!this.pool) {
            this.pool = new pgChar_1.CharAsTextPool({
                connectionString: this.conn.connectionString,
                max: 2,
                options: (0, pgServer_1.searchPathOption)(this.schema),
                ...(this.conn.ssl !== undefined ? { ssl: this.conn.ssl } : {}),
            });
            // An idle connection dropped by the server must not become an unhandled 'error' event.
            this.pool.on('error', () => undefined);
        }
        return (0, pgChar_1.charAwarePg)(this.pool, this.schema);
    }
    async [Symbol.asyncDispose]() {
        if (this.locked)
            await this.client.query(`SELECT pg_advisory_unlock(${targetDb_1.ADVISORY_LOCK_ID})`).catch(() => undefined);
        await this.client.end().catch(() => undefined);
        await this.pool?.end().catch(() => undefined);
    }
}


/***/ }),

/***/ 3275:
/***/ (function(__unused_webpack_module, exports, __webpack_require__) {


var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.CharAsTextPool = void 0;
exports.charAwarePg = charAwarePg;
const adapter_pg_1 = __webpack_require__(8937);
const driver_adapter_utils_1 = __webpack_require__(6800);
const pg_1 = __importDefault(__webpack_require__(1051));
/** PostgreSQL's internal one-byte `"char"` type (pg_constraint.contype, pg_class.relkind, …). */
const CHAR_OID = 18;
const TEXT_OID = 25;
/** The `"char"` columns of each result the pool handed to the adapter, by its rows array. */
const charColumns = new WeakMap();
/**
 * The engine's introspection reads catalog columns of the `"char"` type. @prisma/adapter-pg 7.10
 * has no mapping for OID 18 and throws ("Unsupported column type char") before the engine sees a
 * row, so the pool reports those columns as text and remembers which they were: the engine reads
 * some of them as a char (contype), and a text value there is a panic in the schema describer.
 * Prisma's own CLI does not meet this: it introspects a server with its native engine.
 */
class CharAsTextPool extends pg_1.default.Pool {
    query(...args) {
        const result = super.query(...args);
        if (result && typeof result.then === 'function') {
            return result.then((r) => {
                const chars = [];
                (r.fields ?? []).forEach((f, i) => {
                    if (f.dataTypeID !== CHAR_OID)
                        return;
                    f.dataTypeID = TEXT_OID;
                    chars.push(i);
                });
                if (chars.length > 0 && typeof r.rows === 'object' && r.rows !== null)
                    charColumns.set(r.rows, chars);
                return r;
            });
        }
        return result;
    }
}
exports.CharAsTextPool = CharAsTextPool;
/**
 * @prisma/adapter-pg over a CharAsTextPool, with the `"char"` columns typed as Prisma's Character
 * again (as the PGlite adapter types them), so the engine reads one-character values as chars.
 */
function charAwarePg(pool, schema) {
    const inner = new adapter_pg_1.PrismaPg(pool, {
        schema,
    });
    return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        connect: async () => withCharColumns(await inner.connect()),
        connectToShadowDb: async () => withCharColumns(await inner.connectToShadowDb()),
    };
}
function withCharColumns(adapter) {
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => retyped(await queryRaw(query));
    return adapter;
}
/** adapter-pg returns the pool's rows array itself, which is how the char columns are found again. */
function retyped(result) {
    const chars = charColumns.get(result.rows);
    if (!chars)
        return result;
    const columnTypes = [...result.columnTypes];
    for (const i of chars)
        columnTypes[i] = driver_adapter_utils_1.ColumnTypeEnum.Character;
    return { ...result, columnTypes };
}


/***/ }),

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

/***/ 4048:
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
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.searchPathOption = void 0;
exports.splitUrl = splitUrl;
exports.connectionProblem = connectionProblem;
exports.openPgServer = openPgServer;
const node_crypto_1 = __webpack_require__(7598);
const fs = __importStar(__webpack_require__(3024));
const path = __importStar(__webpack_require__(6760));
const pg_1 = __importDefault(__webpack_require__(1051));
const quote_1 = __webpack_require__(6194);
const tokens_1 = __webpack_require__(6070);
const pgCommon_1 = __webpack_require__(9686);
const problem_1 = __webpack_require__(8278);
const maskUrl_1 = __webpack_require__(2504);
const pgServerReach_1 = __webpack_require__(2493);
const pgChar_1 = __webpack_require__(3275);
const types_1 = __webpack_require__(429);
/**
 * Prisma's URL parameters, translated for pg. `schema` selects the search path. TLS differs:
 * in Prisma `sslcert` is the server's CA file (relative to the schema's folder),
 * `sslidentity`/`sslpassword` a PKCS#12 client identity, and certificates are not verified
 * unless `sslaccept=strict`; pg would read `sslcert` as a client certificate and verify by
 * default. Throws (with the file named) when a certificate file cannot be read.
 */
function splitUrl(url, baseDir = process.cwd()) {
    const u = new URL(url);
    const schema = u.searchParams.get('schema') || 'public';
    const p = (key) => u.searchParams.get(key) ?? undefined;
    const mode = p('sslmode');
    const sslcert = p('sslcert');
    const sslidentity = p('sslidentity');
    const read = (file, what) => {
        try {
            return fs.readFileSync(path.resolve(baseDir, file));
        }
        catch (e) {
            throw new Error(`cannot read the ${what} ${file} (${e.code ?? String(e)}); relative paths ` +
                `resolve from the schema's folder, as in Prisma`);
        }
    };
    let ssl;
    if (mode === 'disable')
        ssl = false;
    else if (mode || sslcert || sslidentity) {
        ssl = { rejectUnauthorized: p('sslaccept') === 'strict' };
        if (sslcert)
            ssl.ca = read(sslcert, 'sslcert CA file');
        if (sslidentity)
            ssl.pfx = read(sslidentity, 'sslidentity file');
        if (p('sslpassword'))
            ssl.passphrase = p('sslpassword');
    }
    for (const key of [
        'schema',
        'connection_limit',
        'pool_timeout',
        'pgbouncer',
        'statement_cache_size',
        'socket_timeout',
        'connect_timeout',
        'sslmode',
        'sslcert',
        'sslidentity',
        'sslpassword',
        'sslaccept',
    ])
        u.searchParams.delete(key);
    return { connectionString: u.toString(), schema, ...(ssl !== undefined ? { ssl } : {}) };
}
/** libpq's `options` value: a quoted identifier, with spaces and backslashes escaped. */
const searchPathOption = (schema) => `-c search_path=${(0, quote_1.quoteIdent)(schema).replace(/\\/g, '\\\\').replace(/ /g, '\\ ')}`;
exports.searchPathOption = searchPathOption;
/** A connection failure in words, without the password. */
function connectionProblem(url, e, source = '--shadow-database-url') {
    const err = e;
    const why = err.code === '28P01'
        ? 'password authentication failed'
        : err.code === 'ECONNREFUSED'
            ? 'connection refused (is the server running and reachable?)'
            : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN'
                ? 'host not found'
                : err.code === '3D000'
                    ? 'the database does not exist'
                    : (err.message ?? String(e)).split(url).join((0, maskUrl_1.maskUrl)(url));
    return { message: `${source} ${(0, maskUrl_1.maskUrl)(url)}: cannot connect: ${why}.` };
}
/**
 * Replays on a real PostgreSQL server: in a fresh temporary database, dropped afterwards;
 * where creating databases is not allowed, in a temporary schema of the given database.
 * Nothing else on the server is touched.
 */
async function openPgServer(url, schemaMode = false) {
    const connected = await connectAdmin(url);
    if (!connected.ok)
        return connected;
    const { admin, parts } = connected.value;
    const created = await createTemporary(admin, url, schemaMode);
    if (!created.ok)
        return created;
    const { name, mode } = created.value;
    const notes = await (0, pgServerReach_1.reachBeyond)(admin, name, url);
    const target = new URL(parts.connectionString);
    if (mode === 'database')
        target.pathname = `/${name}`;
    const schema = mode === 'database' ? parts.schema : name;
    const pool = new pgChar_1.CharAsTextPool({
        connectionString: target.toString(),
        max: 2,
        options: (0, exports.searchPathOption)(schema),
        ...(parts.ssl !== undefined ? { ssl: parts.ssl } : {}),
    });
    // DROP DATABASE … WITH (FORCE) at the end terminates whatever the engine left connected;
    // the pool reports that on idle clients, and it is expected, not a failure.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    if (mode === 'database' && schema !== 'public') {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${(0, quote_1.quoteIdent)(schema)}`);
    }
    return (0, problem_1.ok)({ ...serverDb({ admin, pool, client, name, mode, schema }), notes });
}
async function connectAdmin(url) {
    let parts;
    try {
        parts = splitUrl(url);
    }
    catch (e) {
        return (0, problem_1.fail)(e instanceof TypeError
            ? `--shadow-database-url: not a valid URL (${(0, maskUrl_1.maskUrl)(url)}). Use postgresql://user:password@host:5432/db.`
            : `--shadow-database-url ${(0, maskUrl_1.maskUrl)(url)}: ${e.message}.`);
    }
    const admin = new pg_1.default.Client({
        connectionString: parts.connectionString,
        connectionTimeoutMillis: 10_000,
        ...(parts.ssl !== undefined ? { ssl: parts.ssl } : {}),
    });
    admin.on('error', () => undefined);
    try {
        await admin.connect();
    }
    catch (e) {
        return (0, problem_1.fail)(connectionProblem(url, e));
    }
    return (0, problem_1.ok)({ admin, parts });
}
/**
 * A fresh database. A temporary schema only when the user opted in: the pull request's SQL
 * can leave a schema (`SET search_path`, then DROP), and nothing on the server can stop it.
 */
async function createTemporary(admin, url, schemaMode) {
    const name = `prisma_drift_gate_${(0, node_crypto_1.randomBytes)(6).toString('hex')}`;
    try {
        await admin.query(`CREATE DATABASE ${(0, quote_1.quoteIdent)(name)}`);
        return (0, problem_1.ok)({ name, mode: 'database' });
    }
    catch (e) {
        const denied = e.code === '42501';
        if (denied && schemaMode) {
            await admin.query(`CREATE SCHEMA ${(0, quote_1.quoteIdent)(name)}`);
            return (0, problem_1.ok)({ name, mode: 'schema' });
        }
        await admin.end();
        const why = denied ? 'the role may not create databases' : e.message;
        const what = denied
            ? 'Grant CREATEDB to a role of its own on a disposable server, or opt in to --shadow-schema-mode ' +
                '(the Action: shadow-schema-mode: true), which replays in a schema that migration SQL can leave.'
            : 'Check the server.';
        return (0, problem_1.fail)(`--shadow-database-url ${(0, maskUrl_1.maskUrl)(url)}: cannot create a temporary database: ${why}. ${what}`);
    }
}
function serverDb({ admin, pool, client, name, mode, schema }) {
    const runWhole = async (sql) => {
        try {
            await client.query(sql);
            return undefined;
        }
        catch (e) {
            return e;
        }
    };
    return {
        provider: 'postgresql',
        inspector: (0, pgCommon_1.pgInspector)((sql, params) => client.query(sql, params)),
        async runMigration(migration) {
            const escape = mode === 'schema' ? refuseEscape(migration, name) : undefined;
            if (escape)
                return escape;
            const error = await runWhole(migration.sql);
            if (!error)
                return (0, problem_1.ok)(undefined);
            const where = await (0, pgCommon_1.locatePgFailure)(migration.sql, error, (sql) => client.query(sql));
            const line = where.line ?? where.stmt?.line ?? 1;
            return (0, problem_1.fail)((0, types_1.migrationFailure)(migration, line, (0, tokens_1.statementHead)(where.stmt?.text ?? ''), where.message, error.hint));
        },
        async runScript(sql) {
            const error = await runWhole(sql);
            return error ? (0, problem_1.fail)(error.message) : (0, problem_1.ok)(undefined);
        },
        adapterFactory: () => (0, pgChar_1.charAwarePg)(pool, schema),
        async [Symbol.asyncDispose]() {
            client.release();
            await pool.end();
            if (mode === 'database') {
                await admin
                    .query(`DROP DATABASE IF EXISTS ${(0, quote_1.quoteIdent)(name)} WITH (FORCE)`)
                    .catch(() => admin.query(`DROP DATABASE IF EXISTS ${(0, quote_1.quoteIdent)(name)}`));
            }
            else
                await admin.query(`DROP SCHEMA IF EXISTS ${(0, quote_1.quoteIdent)(name)} CASCADE`);
            await admin.end();
        },
    };
}
function refuseEscape(migration, own) {
    const escape = escapingStatement(migration.sql, own);
    if (!escape)
        return undefined;
    return (0, problem_1.fail)((0, types_1.migrationFailure)(migration, escape.line, (0, tokens_1.statementHead)(escape.text), `schema-qualified statements are refused in the temporary schema (the server does not allow creating ` +
        `a database)`, 'Grant CREATEDB to the shadow user, or replay in the embedded database.'));
}
/** In temporary-schema mode, a `"schema".object` reference to any other schema would escape it. */
function escapingStatement(sql, own) {
    for (const stmt of (0, tokens_1.splitStatements)(sql, 'postgresql')) {
        for (const m of stmt.text.matchAll(/(?:"((?:[^"]|"")+)"|\b([A-Za-z_]\w*))\s*\.\s*(?:"|[A-Za-z_])/g)) {
            const schema = m[1] ?? m[2];
            if (schema !== own && !/^\d/.test(schema))
                return stmt;
        }
    }
    return undefined;
}


/***/ }),

/***/ 2493:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.reachBeyond = reachBeyond;
const maskUrl_1 = __webpack_require__(2504);
/**
 * What the pull request's SQL could reach besides the temporary database, said before it runs:
 * the other databases the role may connect to, and what it owns outside the temporary one.
 */
async function reachBeyond(admin, temporary, url) {
    const r = await admin.query(`SELECT (SELECT array_agg(datname::text ORDER BY datname) FROM pg_database
              WHERE datname NOT IN ($1, 'template0', 'template1')
                AND has_database_privilege(datname, 'CONNECT')) AS dbs,
            (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                AND n.nspname NOT IN ('pg_catalog', 'information_schema', $1) AND n.nspname NOT LIKE 'pg_toast%'
            )::text AS owned`, [temporary]);
    const { dbs, owned } = r.rows[0];
    const reach = [
        ...(dbs?.length ? [`may connect to ${dbs.length} other database(s) (${dbs.slice(0, 3).join(', ')})`] : []),
        ...(owned !== '0' ? [`owns ${owned} table(s), index(es) or sequence(s) outside the temporary database`] : []),
    ];
    if (reach.length === 0)
        return [];
    return [
        `the shadow server's role ${reach.join(' and ')}: migration SQL from the pull request runs with that role ` +
            `and could change them. Use a disposable server (${(0, maskUrl_1.maskUrl)(url)}) whose role owns nothing else.`,
    ];
}


/***/ })

};
;