"use strict";
exports.id = 14;
exports.ids = [14];
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


/***/ })

};
;