"use strict";
exports.id = 179;
exports.ids = [179,538];
exports.modules = {

/***/ 6676:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.advise = exports.SEVERITY = void 0;
/** Severity: `error` when the deploy fails or data is lost unasked; `warning` for locks and rolling deploys. */
exports.SEVERITY = {
    'require-concurrent-index-creation': 'warning',
    'ban-concurrent-index-creation-in-transaction': 'error',
    'constraint-missing-not-valid': 'warning',
    'adding-required-field': 'error',
    'adding-not-nullable-field': 'warning',
    'changing-column-type': 'warning',
    'adding-field-with-default': 'warning',
    'disallowed-unique-constraint': 'warning',
    'renaming-column': 'warning',
    'renaming-table': 'warning',
    'ban-drop-column': 'warning',
    'ban-drop-table': 'warning',
    'probable-rename': 'error',
    'sqlite-redefine-table': 'warning',
};
const ALONE = 'Prisma runs a migration.sql as one transaction, and CONCURRENTLY cannot run inside one, so it needs a ' +
    'migration folder of its own';
const q = (name) => `"${name.replace(/"/g, '""')}"`;
const ADVICE = {
    'require-concurrent-index-creation': (t, _c, extra) => ({
        message: `Creating an index on the existing table ${q(t)} blocks its writes until the index is built.`,
        fix: `Move it into its own migration folder whose migration.sql holds only \`${extra}\` (${ALONE}). ` +
            `schema.prisma stays as it is: the engine sees the same index.`,
    }),
    'ban-concurrent-index-creation-in-transaction': () => ({
        message: `CONCURRENTLY in a migration.sql with other statements: the deploy fails (${ALONE}).`,
        fix: `Move this statement alone into a new migration folder (a later timestamp); keep the rest here.`,
    }),
    // extra: the table a foreign key references (it is locked too), or '' for a check.
    'constraint-missing-not-valid': (t, c, extra) => ({
        message: extra
            ? `Adding the foreign key ${q(c)} to the existing table ${q(t)} scans every row of it while writes to ` +
                `${q(t)} and ${q(extra)} wait.`
            : `Adding the check ${q(c)} to the existing table ${q(t)} scans every row of it while writes to it wait.`,
        fix: `Add NOT VALID to this statement, then in a later migration folder: \`ALTER TABLE ${q(t)} VALIDATE ` +
            `CONSTRAINT ${q(c)};\` (it scans without blocking writes). The engine sees the same constraint.`,
    }),
    'adding-required-field': (t, c) => ({
        message: `Adding the NOT NULL column ${q(c)} without a default to the existing table ${q(t)} fails on ` + `its first row.`,
        fix: `Give the field a @default(...) in schema.prisma, or add it optional (String?), backfill the rows in the ` +
            `migration (UPDATE), and make it required in a later migration.`,
    }),
    'adding-not-nullable-field': (t, c) => ({
        message: `SET NOT NULL on ${q(t)}.${q(c)} scans the whole table under an exclusive lock.`,
        fix: `In one migration: \`ALTER TABLE ${q(t)} ADD CONSTRAINT ${q(`${t}_${c}_not_null`)} CHECK (${q(c)} IS ` +
            `NOT NULL) NOT VALID;\` In the next: \`ALTER TABLE ${q(t)} VALIDATE CONSTRAINT ` +
            `${q(`${t}_${c}_not_null`)}; ALTER TABLE ${q(t)} ALTER COLUMN ${q(c)} SET NOT NULL; ALTER TABLE ${q(t)} ` +
            `DROP CONSTRAINT ${q(`${t}_${c}_not_null`)};\` (PostgreSQL 12+ then skips the scan).`,
    }),
    'changing-column-type': (t, c, extra) => ({
        message: `Changing the type of ${q(t)}.${q(c)}${extra} rewrites the table under an exclusive lock.`,
        fix: `Expand and contract: add a new field with the new type (@map it to a new column), backfill it in ` +
            `batches, switch the app to it, then drop the old column in a later pull request.`,
    }),
    'adding-field-with-default': (t, c, extra) => ({
        message: `The volatile default ${extra} on the new column ${q(t)}.${q(c)} rewrites the existing table.`,
        fix: `Add the column without a database default (Prisma's @default(uuid()) / @default(cuid()) are filled by ` +
            `Prisma Client and need none), or backfill in batches and SET DEFAULT in a later migration.`,
    }),
    'disallowed-unique-constraint': (t, c) => ({
        message: `ADD CONSTRAINT ${q(c)} UNIQUE builds its index on the existing table ${q(t)} while blocking writes.`,
        fix: `In its own migration folder: \`CREATE UNIQUE INDEX CONCURRENTLY ${q(c)} ON ${q(t)} (…);\` Then, in ` +
            `the next one: \`ALTER TABLE ${q(t)} ADD CONSTRAINT ${q(c)} UNIQUE USING INDEX ${q(c)};\` Prisma's ` +
            `@unique needs only the unique index.`,
    }),
    'renaming-column': (t, c) => ({
        message: `Renaming ${q(t)}.${q(c)} breaks the app version still running during the deploy.`,
        fix: `Rename the field only in schema.prisma and keep the column: @map("${c}"). Or expand and contract: add ` +
            `the new column, write both, backfill, and drop the old one in a later pull request.`,
    }),
    'renaming-table': (t) => ({
        message: `Renaming the table ${q(t)} breaks the app version still running during the deploy.`,
        fix: `Rename the model only and keep the table: @@map("${t}") in schema.prisma. Or expand and contract ` +
            `(new table, copy, switch, drop later).`,
    }),
    'ban-drop-column': (t, c) => ({
        message: `Dropping ${q(t)}.${q(c)} loses its data and breaks the app version still reading it during the ` + `deploy.`,
        fix: `Expand and contract: first merge and deploy the app without the field (keep the column), then drop ` +
            `the column in a later pull request.`,
    }),
    'ban-drop-table': (t) => ({
        message: `Dropping the table ${q(t)} loses its data and breaks the app version still reading it.`,
        fix: `Expand and contract: first deploy the app without the model (keep the table), then drop the table in ` +
            `a later pull request.`,
    }),
    'probable-rename': (t, c, extra) => ({
        message: `Dropping ${q(t)}.${q(c)} and adding ${extra} looks like a rename; Prisma writes DROP + ADD, which ` +
            `loses the column's data.`,
        fix: '',
    }),
    'sqlite-redefine-table': (t) => ({
        message: `Prisma redefines the existing table ${q(t)}: it copies every row into a new table under a write lock.`,
        fix: `Expect the copy to take time on a large table and to block writes meanwhile; deploy in a quiet moment, ` +
            `or avoid the change that needs a redefinition (see the engine's summary).`,
    }),
};
const advise = (rule, t, c = '', extra = '') => ADVICE[rule](t, c, extra);
exports.advise = advise;


/***/ }),

/***/ 9560:
/***/ (function(__unused_webpack_module, exports, __webpack_require__) {


var __addDisposableResource = (this && this.__addDisposableResource) || function (env, value, async) {
    if (value !== null && value !== void 0) {
        if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected.");
        var dispose, inner;
        if (async) {
            if (!Symbol.asyncDispose) throw new TypeError("Symbol.asyncDispose is not defined.");
            dispose = value[Symbol.asyncDispose];
        }
        if (dispose === void 0) {
            if (!Symbol.dispose) throw new TypeError("Symbol.dispose is not defined.");
            dispose = value[Symbol.dispose];
            if (async) inner = dispose;
        }
        if (typeof dispose !== "function") throw new TypeError("Object not disposable.");
        if (inner) dispose = function() { try { inner.call(this); } catch (e) { return Promise.reject(e); } };
        env.stack.push({ value: value, dispose: dispose, async: async });
    }
    else if (async) {
        env.stack.push({ async: true });
    }
    return value;
};
var __disposeResources = (this && this.__disposeResources) || (function (SuppressedError) {
    return function (env) {
        function fail(e) {
            env.error = env.hasError ? new SuppressedError(e, env.error, "An error was suppressed during disposal.") : e;
            env.hasError = true;
        }
        var r, s = 0;
        function next() {
            while (r = env.stack.pop()) {
                try {
                    if (!r.async && s === 1) return s = 0, env.stack.push(r), Promise.resolve().then(next);
                    if (r.dispose) {
                        var result = r.dispose.call(r.value);
                        if (r.async) return s |= 2, Promise.resolve(result).then(next, function(e) { fail(e); return next(); });
                    }
                    else s |= 1;
                }
                catch (e) {
                    fail(e);
                }
            }
            if (s === 1) return env.hasError ? Promise.reject(env.error) : Promise.resolve();
            if (env.hasError) throw env.error;
        }
        return next();
    };
})(typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
    var e = new Error(message);
    return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
});
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.proveMigrationRenames = proveMigrationRenames;
const advice_1 = __webpack_require__(6676);
const parse_1 = __webpack_require__(9665);
const rewrite_1 = __webpack_require__(9538);
/** Each proof replays the chain once or twice more: a handful is plenty for one pull request. */
const MAX_PROOFS = 3;
/**
 * probable-rename for the pull request's own migrations. The replay read the tables before and
 * after each reviewed migration; a column (or table) gone and one of the same type added is a
 * candidate. The proof: the migration rewritten to rename, the chain replayed with it, and the
 * engine asked again; it must ask exactly what it asks of the chain as committed. Index and
 * constraint renames it asks on top are put into the rewritten migration and the proof repeated.
 */
async function proveMigrationRenames(plan, chain, provider, tools) {
    const out = [];
    let proofs = 0;
    for (const m of chain) {
        const before = plan.states.get(m.name);
        const after = plan.after.get(m.name);
        if (!before || !after)
            continue;
        for (const c of (0, rewrite_1.snapshotCandidates)(before, after)) {
            if (proofs++ >= MAX_PROOFS)
                return out;
            const proven = await proveOne(m, c, provider, tools);
            if (proven)
                out.push(migrationRenameFinding(m, c, proven));
        }
    }
    return out;
}
async function proveOne(m, c, provider, tools) {
    const rewritten = await (0, rewrite_1.rewriteForRename)(m.sql, provider, c);
    if (!rewritten)
        return undefined;
    const extra = [];
    for (let round = 0; round < 2; round++) {
        const env_1 = { stack: [], error: void 0, hasError: false };
        try {
            const sql = [rewritten.sql.trimEnd(), ...extra].join('\n');
            const fork = __addDisposableResource(env_1, await tools.fork(m.name, sql), true);
            const residual = fork ? await fork.diff() : undefined;
            if (residual === undefined)
                return undefined;
            if (residual.trim() === tools.expected.trim())
                return { ...rewritten, offered: [(0, rewrite_1.renameSql)(c), ...extra] };
            if (provider !== 'postgresql' || round > 0)
                return undefined;
            const asked = await renamesOnTop(residual, tools.expected);
            if (!asked)
                return undefined;
            extra.push(...asked);
        }
        catch (e_1) {
            env_1.error = e_1;
            env_1.hasError = true;
        }
        finally {
            const result_1 = __disposeResources(env_1);
            if (result_1)
                await result_1;
        }
    }
    return undefined;
}
/** The index and constraint renames the engine asks besides what it asks of the committed chain. */
async function renamesOnTop(residual, expected) {
    // The parser refuses an empty script: in sync is no statement at all.
    const parse = async (sql) => (sql.trim() === '' ? { ok: true, statements: [] } : (0, parse_1.parsePostgres)(sql));
    const [got, want] = await Promise.all([parse(residual), parse(expected)]);
    if (!got.ok || !want.ok)
        return undefined;
    const isRename = (n) => 'RenameStmt' in n && ['OBJECT_INDEX', 'OBJECT_TABCONSTRAINT'].includes(n.RenameStmt.renameType ?? '');
    const renames = got.statements.filter((s) => isRename(s.node));
    const rest = got.statements.filter((s) => !isRename(s.node)).map((s) => s.text);
    const same = rest.length === want.statements.length && want.statements.every((s, i) => s.text === rest[i]);
    if (!same || renames.length === 0)
        return undefined;
    return renames.map((s) => (s.text.endsWith(';') ? s.text : `${s.text};`));
}
const q = (name) => `"${name.replace(/"/g, '""')}"`;
function migrationRenameFinding(m, c, proven) {
    const message = c.kind === 'column'
        ? `This migration drops ${q(c.table)}.${q(c.from)} and adds ${q(c.table)}.${q(c.to)} of the same type: if ` +
            `the field was renamed, the deploy deletes every value of ${q(c.from)}.`
        : `This migration drops the table ${q(c.from)} and creates ${q(c.to)} with the same columns: if the model ` +
            `was renamed, the deploy deletes every row of ${q(c.from)}.`;
    const where = proven.lines.length === 1 ? `line ${proven.lines[0]}` : `lines ${proven.lines.join(', ')}`;
    const keep = c.kind === 'column'
        ? `@map("${c.from}") on the field (its column is ${q(c.to)} now)`
        : `@@map("${c.from}") on the model of table ${q(c.to)}`;
    return {
        rule: 'probable-rename',
        severity: advice_1.SEVERITY['probable-rename'],
        migration: m.name,
        file: m.file,
        line: proven.line,
        statement: proven.statement,
        message,
        fix: `If it is a rename, replace the statement${proven.lines.length > 1 ? 's' : ''} at ${where} with ` +
            `\`${proven.offered.join(' ')}\` (checked by Prisma's engine: the history replayed with this rename ends ` +
            `in the same schema). Or keep the old name in the database with ${keep} in schema.prisma, and ` +
            `generate this migration again: nothing is dropped then, and the app version still running during the ` +
            `deploy keeps working. If it is no rename, \`-- prisma-drift-gate-ignore probable-rename\` on the line ` +
            `above the statement says so.`,
    };
}


/***/ }),

/***/ 9538:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.renameSql = void 0;
exports.snapshotCandidates = snapshotCandidates;
exports.rewriteForRename = rewriteForRename;
const tokens_1 = __webpack_require__(6070);
const parse_1 = __webpack_require__(9665);
const sqliteRules_1 = __webpack_require__(1117);
/**
 * Reads the candidates from the replayed database rather than from the SQL, so that both providers
 * and every way of writing the change (PostgreSQL's DROP + ADD, SQLite's table redefinition) are
 * found alike. Same type only: nullability and the rest are left to the engine's proof.
 */
function snapshotCandidates(before, after) {
    const out = [];
    const gone = [];
    for (const [table, columns] of before) {
        const now = after.get(table);
        if (!now) {
            gone.push(table);
            continue;
        }
        const added = [...now].filter(([c]) => !columns.has(c));
        for (const [from, type] of columns)
            if (!now.has(from))
                for (const [to] of added.filter(([, t]) => t === type))
                    out.push({ kind: 'column', table, from, to });
    }
    const shape = (columns) => JSON.stringify([...columns].sort());
    for (const table of gone)
        for (const [to, columns] of after)
            if (!before.has(to) && shape(columns) === shape(before.get(table)))
                out.push({ kind: 'table', table, from: table, to });
    return out;
}
const q = (name) => `"${name.replace(/"/g, '""')}"`;
/** The SQL that keeps the data: what the DROP + ADD (or DROP + CREATE) becomes. */
const renameSql = (c) => c.kind === 'column'
    ? `ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(c.from)} TO ${q(c.to)};`
    : `ALTER TABLE ${q(c.from)} RENAME TO ${q(c.to)};`;
exports.renameSql = renameSql;
/**
 * The migration as it would read with a rename instead of the DROP + ADD: the statements that drop
 * and re-create what the rename keeps are taken out (found by the real parser on PostgreSQL, by
 * statement words on SQLite), everything else stays. Undefined when the migration is not written
 * in a form this understands; the engine then judges nothing and nothing is offered.
 */
async function rewriteForRename(sql, provider, c) {
    if (provider === 'postgresql') {
        const parsed = await (0, parse_1.parsePostgres)(sql);
        return parsed.ok ? apply(sql, pgEdits(sql, parsed.statements, c)) : undefined;
    }
    return apply(sql, sqliteEdits(sql, (0, sqliteRules_1.splitSqlite)(sql), c));
}
function apply(sql, found) {
    if (!found || found.edits.length === 0)
        return undefined;
    let out = sql;
    for (const e of [...found.edits].sort((a, b) => b.start - a.start))
        out = out.slice(0, e.start) + e.text + out.slice(e.end);
    const lines = found.edits.map((e) => e.line).sort((a, b) => a - b);
    return { sql: out, line: found.at.line, statement: (0, tokens_1.statementHead)(found.at.text), lines };
}
/** Where each statement starts in the script: statements come in order, so each is found after the last. */
function located(sql, statements) {
    let cursor = 0;
    return statements.map((s) => {
        const start = sql.indexOf(s.text, cursor);
        cursor = start + s.text.length;
        return { ...s, start };
    });
}
const relname = (node) => {
    if ('AlterTableStmt' in node)
        return node.AlterTableStmt.relation?.relname;
    if ('IndexStmt' in node)
        return node.IndexStmt.relation?.relname;
    if ('CreateStmt' in node)
        return node.CreateStmt.relation?.relname;
    return undefined;
};
function pgEdits(sql, statements, c) {
    const edits = [];
    let at;
    for (const s of located(sql, statements)) {
        const node = s.node;
        // The parser's statement ends before its `;`: the edit takes the `;` too.
        const end = s.start + s.text.length + (sql[s.start + s.text.length] === ';' ? 1 : 0);
        const remove = (text = '') => edits.push({ start: s.start, end, text, line: s.line });
        if (c.kind === 'table') {
            const dropsIt = 'DropStmt' in node &&
                node.DropStmt.removeType === 'OBJECT_TABLE' &&
                (node.DropStmt.objects ?? []).length === 1 &&
                lastName(node.DropStmt.objects[0]) === c.from;
            // The rename takes the DROP's place: that is the statement that loses the data.
            if (dropsIt) {
                at = s;
                remove((0, exports.renameSql)(c));
            }
            else if ('CreateStmt' in node && relname(node) === c.to)
                remove();
            // The renamed table keeps its indexes (under the old names: the engine's proof asks for their
            // renames). Its foreign keys stay in: Prisma dropped the old table's before dropping it.
            else if (relname(node) === c.to && 'IndexStmt' in node)
                remove();
            continue;
        }
        if (!('AlterTableStmt' in node) || relname(node) !== c.table)
            continue;
        const cmds = (node.AlterTableStmt.cmds ?? []).map((x) => ('AlterTableCmd' in x ? x.AlterTableCmd : undefined));
        const drop = cmds.findIndex((x) => x?.subtype === 'AT_DropColumn' && x.name === c.from);
        const add = cmds.findIndex((x) => {
            const def = x?.def;
            return x?.subtype === 'AT_AddColumn' && def !== undefined && 'ColumnDef' in def && def.ColumnDef.colname === c.to;
        });
        if (drop < 0 && add < 0)
            continue;
        const kept = withoutCommands(s.text, cmds.length, [drop, add]);
        if (kept === undefined)
            return undefined;
        if (drop >= 0)
            at = s;
        remove([drop >= 0 ? (0, exports.renameSql)(c) : '', kept].filter(Boolean).join('\n'));
    }
    return at ? { edits, at } : undefined;
}
const lastName = (o) => {
    const items = 'List' in o ? (o.List.items ?? []) : [];
    const last = items[items.length - 1];
    return last && 'String' in last ? last.String.sval : undefined;
};
/**
 * An ALTER TABLE without some of its commands. The parser says which commands they are; the
 * text of each is found between the top-level commas (the parser keeps no location for them).
 */
function withoutCommands(text, count, drop) {
    const toks = [...(0, tokens_1.tokens)(text, 'postgresql')];
    const commas = [];
    let depth = 0;
    let end = text.length;
    for (const t of toks) {
        const ch = text.slice(t.start, t.end);
        if (ch === '(')
            depth++;
        else if (ch === ')')
            depth--;
        else if (ch === ',' && depth === 0)
            commas.push(t.start);
        else if (t.kind === 'semicolon')
            end = t.start;
    }
    if (commas.length !== count - 1)
        return undefined;
    // The first command starts after ALTER TABLE [IF EXISTS] [ONLY] name[.name].
    let i = 2;
    const word = (k) => (toks[k] ? text.slice(toks[k].start, toks[k].end).toUpperCase() : '');
    if (word(i) === 'IF' && word(i + 1) === 'EXISTS')
        i += 2;
    if (word(i) === 'ONLY')
        i++;
    i++;
    while (word(i) === '.')
        i += 2;
    const first = toks[i];
    if (!first)
        return undefined;
    const starts = [first.start, ...commas.map((x) => x + 1)];
    const ends = [...commas, end];
    const kept = [];
    for (let k = 0; k < count; k++)
        if (!drop.includes(k))
            kept.push(text.slice(starts[k], ends[k]).trim());
    return kept.length === 0 ? '' : `${text.slice(0, first.start).trimEnd()} ${kept.join(', ')};`;
}
/**
 * SQLite: Prisma drops a column by redefining the table (CREATE TABLE "new_T", copy, DROP, RENAME,
 * then its indexes again); with a rename the table and its indexes stay, so all of that goes.
 * Newer forms, ALTER TABLE … DROP COLUMN / ADD COLUMN, are taken out the same way.
 */
function sqliteEdits(sql, statements, c) {
    const edits = [];
    let at;
    for (const s of located(sql, statements)) {
        const role = sqliteRole(s.words, c);
        if (!role)
            continue;
        if (role === 'rename')
            at = s;
        const text = role === 'rename' ? (0, exports.renameSql)(c) : '';
        edits.push({ start: s.start, end: s.start + s.text.length, text, line: s.line });
    }
    return at ? { edits, at } : undefined;
}
/** What a statement of the migration becomes: the rename, nothing, or itself (undefined). */
function sqliteRole(w, c) {
    const up = (from, n) => w
        .slice(from, from + n)
        .join(' ')
        .toUpperCase();
    const head = up(0, 2);
    const indexOn = head === 'CREATE INDEX' ? w[4] : head === 'CREATE UNIQUE' ? w[5] : undefined;
    if (c.kind === 'table') {
        if (head === 'DROP TABLE' && w[2] === c.from)
            return 'rename';
        return (head === 'CREATE TABLE' && w[2] === c.to) || indexOn === c.to ? 'remove' : undefined;
    }
    const redefined = `new_${c.table}`;
    if (head === 'CREATE TABLE' && w[2] === redefined)
        return 'rename';
    const onTable = head === 'ALTER TABLE' && w[2] === c.table;
    if (onTable && up(3, 2) === 'DROP COLUMN' && w[5] === c.from)
        return 'rename';
    const gone = (head === 'INSERT INTO' && w[2] === redefined) ||
        (head === 'DROP TABLE' && w[2] === c.table) ||
        (head === 'ALTER TABLE' && w[2] === redefined) ||
        (onTable && up(3, 2) === 'ADD COLUMN' && w[5] === c.to) ||
        indexOn === c.table;
    return gone ? 'remove' : undefined;
}


/***/ }),

/***/ 1117:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.splitSqlite = splitSqlite;
exports.reviewSqlite = reviewSqlite;
const tokens_1 = __webpack_require__(6070);
const advice_1 = __webpack_require__(6676);
function splitSqlite(sql) {
    let previousEnd = 0;
    return (0, tokens_1.splitStatements)(sql, 'sqlite').map((s) => {
        const leading = sql.slice(previousEnd, s.offset);
        previousEnd = s.offset + s.text.length;
        const words = [...(0, tokens_1.tokens)(s.text, 'sqlite')].map((t) => {
            const raw = s.text.slice(t.start, t.end);
            return t.kind === 'quotedIdent' ? raw.slice(1, -1).replace(/""/g, '"') : raw;
        });
        return { words, text: s.text, line: s.line, leading };
    });
}
const upper = (words, n) => words.slice(0, n).join(' ').toUpperCase();
/**
 * SQLite has no lock rules to speak of (one writer at a time), but Prisma's table redefinition
 * copies the whole table, and drops and renames break the app version still running.
 */
function reviewSqlite(unit, statements) {
    const out = [];
    const redefined = new Map();
    for (const s of statements)
        if (upper(s.words, 2) === 'ALTER TABLE' && upper(s.words.slice(3), 2) === 'RENAME TO') {
            const [from, to] = [s.words[2], s.words[5] ?? ''];
            if (from === `new_${to}`)
                redefined.set(to, s);
        }
    for (const s of statements) {
        const emit = (rule, table, name) => out.push({
            rule,
            severity: advice_1.SEVERITY[rule],
            migration: unit.migration,
            file: unit.file,
            line: s.line,
            statement: (0, tokens_1.statementHead)(s.text),
            ...(0, advice_1.advise)(rule, table, name),
        });
        const w = s.words;
        if (upper(w, 2) === 'CREATE TABLE' && w[2]?.startsWith('new_')) {
            const table = w[2].slice(4);
            if (redefined.has(table) && unit.existing.has(table))
                emit('sqlite-redefine-table', table);
        }
        else if (upper(w, 2) === 'DROP TABLE') {
            const table = upper(w.slice(2), 2) === 'IF EXISTS' ? w[4] : w[2];
            if (!redefined.has(table) && unit.existing.has(table))
                emit('ban-drop-table', table);
        }
        else if (upper(w, 2) === 'ALTER TABLE' && unit.existing.has(w[2] ?? '')) {
            const rest = upper(w.slice(3), 2);
            if (rest === 'DROP COLUMN')
                emit('ban-drop-column', w[2], w[5]);
            else if (rest === 'RENAME COLUMN')
                emit('renaming-column', w[2], w[5]);
            else if (rest === 'RENAME TO' && !redefined.has(w[5] ?? ''))
                emit('renaming-table', w[2]);
        }
    }
    return out;
}


/***/ })

};
;