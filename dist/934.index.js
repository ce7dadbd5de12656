"use strict";
exports.id = 934;
exports.ids = [934,14,538];
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

/***/ 6014:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.renameCandidates = renameCandidates;
exports.proveRename = proveRename;
exports.renameFinding = renameFinding;
const tokens_1 = __webpack_require__(6070);
const advice_1 = __webpack_require__(6676);
const parse_1 = __webpack_require__(9665);
const q = (name) => `"${name.replace(/"/g, '""')}"`;
function renameCandidates(statements, existing) {
    const dropped = new Map();
    const added = new Map();
    const droppedTables = [];
    const created = [];
    for (const s of statements) {
        const node = s.node;
        if ('AlterTableStmt' in node) {
            const table = node.AlterTableStmt.relation?.relname ?? '';
            for (const c of node.AlterTableStmt.cmds ?? []) {
                if (!('AlterTableCmd' in c))
                    continue;
                const cmd = c.AlterTableCmd;
                if (cmd.subtype === 'AT_DropColumn')
                    push(dropped, table, { column: cmd.name ?? '', s });
                const def = cmd.def;
                if (cmd.subtype === 'AT_AddColumn' && def && 'ColumnDef' in def)
                    push(added, table, def.ColumnDef.colname ?? '');
            }
        }
        else if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TABLE') {
            for (const o of node.DropStmt.objects ?? []) {
                const items = 'List' in o ? (o.List.items ?? []) : [];
                const last = items[items.length - 1];
                if (last && 'String' in last)
                    droppedTables.push({ table: last.String.sval ?? '', s });
            }
        }
        else if ('CreateStmt' in node) {
            const columns = (node.CreateStmt.tableElts ?? []).flatMap((e) => 'ColumnDef' in e ? [e.ColumnDef.colname] : []);
            created.push({ table: node.CreateStmt.relation?.relname ?? '', columns });
        }
    }
    const out = [];
    for (const [table, drops] of dropped)
        for (const d of drops)
            for (const to of added.get(table) ?? [])
                if (existing.has(table))
                    out.push(candidate('column', table, d.column, to, d.s));
    for (const d of droppedTables) {
        const had = [...(existing.get(d.table)?.keys() ?? [])].sort().join(',');
        for (const c of created)
            if (had && c.columns.sort().join(',') === had)
                out.push(candidate('table', d.table, d.table, c.table, d.s));
    }
    return out;
}
const push = (map, key, value) => map.set(key, [...(map.get(key) ?? []), value]);
const candidate = (kind, table, from, to, s) => ({
    kind,
    table,
    from,
    to,
    line: s.line,
    statement: (0, tokens_1.statementHead)(s.text),
});
/**
 * Proves a rename by the engine: apply the RENAME to the replayed database and diff again. Renames
 * the engine still asks for (an index or constraint named after the old name) are appended and the
 * proof repeated; anything else about these names left over, and nothing is offered. The database
 * is put back as it was, so the round trip of the suggestion that follows still holds.
 */
async function proveRename(c, tools) {
    const first = c.kind === 'column'
        ? { sql: `ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(c.from)} TO ${q(c.to)};`, undo: renameColumn(c, true) }
        : {
            sql: `ALTER TABLE ${q(c.from)} RENAME TO ${q(c.to)};`,
            undo: `ALTER TABLE ${q(c.to)} RENAME TO ${q(c.from)};`,
        };
    const offered = [];
    const undo = [];
    let next = [first];
    try {
        for (let round = 0; round < 3 && next.length > 0; round++) {
            for (const step of next) {
                if (!(await tools.runScript(step.sql)).ok)
                    return undefined;
                offered.push(step.sql);
                undo.unshift(step.undo);
            }
            const residual = await tools.diffAgain();
            if (residual === undefined)
                return undefined;
            if (residual.trim() === '')
                return offered;
            const parsed = await (0, parse_1.parsePostgres)(residual);
            if (!parsed.ok || parsed.statements.some((s) => touches(s.node, c)))
                return undefined;
            next = parsed.statements.flatMap((s) => {
                const node = s.node;
                const step = 'RenameStmt' in node ? reverse(node.RenameStmt) : undefined;
                return step ? [{ sql: s.text.endsWith(';') ? s.text : `${s.text};`, undo: step }] : [];
            });
        }
        return next.length === 0 ? offered : undefined;
    }
    finally {
        for (const sql of undo)
            await tools.runScript(sql);
    }
}
const renameColumn = (c, back) => `ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(back ? c.to : c.from)} TO ${q(back ? c.from : c.to)};`;
/** The statement that undoes a rename the engine asked for. */
function reverse(r) {
    const on = r.relation?.relname ?? '';
    if (r.renameType === 'OBJECT_INDEX')
        return `ALTER INDEX ${q(r.newname ?? '')} RENAME TO ${q(on)};`;
    if (r.renameType === 'OBJECT_TABCONSTRAINT')
        return `ALTER TABLE ${q(on)} RENAME CONSTRAINT ${q(r.newname ?? '')} TO ${q(r.subname ?? '')};`;
    return undefined;
}
/** Does a left-over statement still drop or add what the rename was meant to keep? */
function touches(node, c) {
    if (c.kind === 'table') {
        if ('CreateStmt' in node)
            return node.CreateStmt.relation?.relname === c.to;
        if ('DropStmt' in node)
            return (node.DropStmt.objects ?? []).some((o) => ('List' in o ? (o.List.items ?? []) : []).some((i) => 'String' in i && i.String.sval === c.from));
        return false;
    }
    if (!('AlterTableStmt' in node) || node.AlterTableStmt.relation?.relname !== c.table)
        return false;
    return (node.AlterTableStmt.cmds ?? []).some((x) => {
        if (!('AlterTableCmd' in x))
            return false;
        const def = x.AlterTableCmd.def;
        const name = def && 'ColumnDef' in def ? def.ColumnDef.colname : x.AlterTableCmd.name;
        return name === c.from || name === c.to;
    });
}
/** The finding for a proven rename: the SQL to write instead of DROP + ADD. */
function renameFinding(c, sql) {
    const what = c.kind === 'column' ? `${q(c.table)}.${q(c.to)}` : `the table ${q(c.to)}`;
    const keep = c.kind === 'column'
        ? `add @map("${c.from}") to the field of column ${q(c.to)} in schema.prisma`
        : `add @@map("${c.from}") to the model of table ${q(c.to)}`;
    const message = c.kind === 'column'
        ? (0, advice_1.advise)('probable-rename', c.table, c.from, what).message
        : `Dropping the table ${q(c.from)} and creating ${what} with the same columns looks like a rename; Prisma ` +
            `writes DROP + CREATE, which loses the table's data.`;
    return {
        rule: 'probable-rename',
        severity: advice_1.SEVERITY['probable-rename'],
        migration: 'suggestion',
        file: null,
        line: c.line,
        statement: c.statement,
        message,
        fix: `If it is a rename, write this instead of the DROP and the ADD (proved: applied to the replayed database, ` +
            `the engine then finds ${what} in line with the schema): \`${sql.join(' ')}\` Or keep the old name in ` +
            `the database and need no migration at all: ${keep}.`,
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

/***/ 8934:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
exports.proveSqliteRenames = proveSqliteRenames;
const rename_1 = __webpack_require__(6014);
const rewrite_1 = __webpack_require__(9538);
const sqliteRules_1 = __webpack_require__(1117);
/**
 * probable-rename for SQLite's suggestion, where Prisma redefines the table and copies every column
 * but the dropped one. The candidates come from the tables as the suggestion leaves them, read inside
 * a savepoint that is rolled back (SQLite's DDL is transactional); the proof is PostgreSQL's: apply
 * the rename, ask the engine again, and undo it, so the round trip that follows still holds.
 */
async function proveSqliteRenames(sql, replayed, tools, max) {
    const after = await tablesAfter(sql, tools);
    if (!after)
        return [];
    const out = [];
    for (const c of (0, rewrite_1.snapshotCandidates)(replayed, after).slice(0, max)) {
        const at = await (0, rewrite_1.rewriteForRename)(sql, 'sqlite', c);
        if (!at)
            continue;
        if (!(await tools.runScript((0, rewrite_1.renameSql)(c))).ok)
            continue;
        try {
            const residual = await tools.diffAgain();
            if (residual !== undefined && !mentions(residual, c))
                out.push(sqliteWording((0, rename_1.renameFinding)({ ...c, line: at.line, statement: at.statement }, [(0, rewrite_1.renameSql)(c)]), c));
        }
        finally {
            await tools.runScript((0, rewrite_1.renameSql)({ ...c, from: c.to, to: c.from, table: c.kind === 'table' ? c.to : c.table }));
        }
    }
    return out;
}
async function tablesAfter(sql, tools) {
    if (!(await tools.runScript('SAVEPOINT pdg_review')).ok)
        return undefined;
    try {
        return (await tools.runScript(sql)).ok ? await tools.inspector.tableColumns() : undefined;
    }
    finally {
        await tools.runScript('ROLLBACK TO pdg_review; RELEASE pdg_review');
    }
}
/** Does what the engine still asks touch the renamed table at all? Then the rename is not the whole story. */
function mentions(residual, c) {
    const names = c.kind === 'column' ? [c.table, `new_${c.table}`] : [c.from, c.to, `new_${c.to}`];
    return (0, sqliteRules_1.splitSqlite)(residual).some((s) => s.words.some((w) => names.includes(w)));
}
const q = (name) => `"${name.replace(/"/g, '""')}"`;
/** SQLite's suggestion copies the table without the column, rather than dropping it: said as it is. */
function sqliteWording(f, c) {
    const message = c.kind === 'column'
        ? `The suggestion redefines ${q(c.table)} without ${q(c.from)} and with ${q(c.to)} of the same type: if the ` +
            `field was renamed, the copy leaves every value of ${q(c.from)} behind.`
        : f.message;
    return { ...f, message, fix: f.fix.replace('instead of the DROP and the ADD', 'instead of the table redefinition') };
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