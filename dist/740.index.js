"use strict";
exports.id = 740;
exports.ids = [740];
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

/***/ 5630:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.readIgnores = readIgnores;
/**
 * `-- prisma-drift-gate-ignore <rule>[, <rule>]`: in the comment block right above a statement
 * it silences those rules for that statement; anywhere else above the first statement, for the
 * whole file. A comment is text for people, so a plain pattern is the right reader here.
 */
const IGNORE = /--\s*prisma-drift-gate-ignore\s+([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)/;
function readIgnores(leadings) {
    const file = new Set();
    const statements = leadings.map((leading, i) => {
        const lines = leading.replace(/\r\n/g, '\n').split('\n');
        // The last element is the start of the statement's own line.
        lines.pop();
        let above = lines.length;
        while (above > 0 && lines[above - 1].trim() !== '')
            above--;
        const own = new Set();
        lines.forEach((line, n) => {
            const rules = rulesIn(line);
            if (n >= above)
                rules.forEach((r) => own.add(r));
            else if (i === 0)
                rules.forEach((r) => file.add(r));
        });
        return own;
    });
    return { file, statements };
}
function rulesIn(line) {
    const m = IGNORE.exec(line);
    return m ? m[1].split(',').map((r) => r.trim()) : [];
}


/***/ }),

/***/ 7026:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.reviewPostgres = reviewPostgres;
const tokens_1 = __webpack_require__(6070);
const advice_1 = __webpack_require__(6676);
/** Functions whose default is computed per row: PostgreSQL must rewrite the table to fill them in. */
const VOLATILE = new Set([
    'gen_random_uuid',
    'uuid_generate_v1',
    'uuid_generate_v4',
    'uuidv4',
    'uuidv7',
    'random',
    'clock_timestamp',
    'timeofday',
    'nextval',
]);
const SERIAL = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);
/** Runs every PostgreSQL rule on one reviewed unit's statements. */
function reviewPostgres(unit, statements) {
    const out = [];
    for (const stmt of statements) {
        const emit = (rule, table, name, extra) => out.push({
            rule,
            severity: advice_1.SEVERITY[rule],
            migration: unit.migration,
            file: unit.file,
            line: stmt.line,
            statement: (0, tokens_1.statementHead)(stmt.text),
            ...(0, advice_1.advise)(rule, table, name, extra),
        });
        reviewStatement(stmt, statements.length, unit.existing, emit);
    }
    return out;
}
function reviewStatement(stmt, count, existing, emit) {
    const node = stmt.node;
    if ('IndexStmt' in node) {
        const table = node.IndexStmt.relation?.relname ?? '';
        if (node.IndexStmt.concurrent && count > 1)
            emit('ban-concurrent-index-creation-in-transaction', table);
        else if (!node.IndexStmt.concurrent && existing.has(table))
            emit('require-concurrent-index-creation', table, '', withConcurrently(stmt.text));
    }
    else if ('AlterTableStmt' in node && node.AlterTableStmt.objtype === 'OBJECT_TABLE') {
        const table = node.AlterTableStmt.relation?.relname ?? '';
        if (!existing.has(table))
            return;
        const columns = existing.get(table);
        for (const cmd of node.AlterTableStmt.cmds ?? [])
            if ('AlterTableCmd' in cmd)
                alterCmd(cmd.AlterTableCmd, table, columns, emit);
    }
    else if ('RenameStmt' in node) {
        const r = node.RenameStmt;
        const table = r.relation?.relname ?? '';
        if (!existing.has(table))
            return;
        if (r.renameType === 'OBJECT_COLUMN')
            emit('renaming-column', table, r.subname ?? '');
        else if (r.renameType === 'OBJECT_TABLE')
            emit('renaming-table', table);
    }
    else if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TABLE') {
        for (const object of node.DropStmt.objects ?? []) {
            const items = 'List' in object ? (object.List.items ?? []) : [];
            const last = items[items.length - 1];
            const table = last && 'String' in last ? (last.String.sval ?? '') : '';
            if (existing.has(table))
                emit('ban-drop-table', table);
        }
    }
}
function alterCmd(cmd, table, columns, emit) {
    const def = cmd.def;
    switch (cmd.subtype) {
        case 'AT_AddColumn':
            if (def && 'ColumnDef' in def)
                addColumn(def.ColumnDef, table, emit);
            return;
        case 'AT_AddConstraint':
            if (def && 'Constraint' in def)
                addConstraint(def.Constraint, table, emit);
            return;
        case 'AT_SetNotNull':
            emit('adding-not-nullable-field', table, cmd.name ?? '');
            return;
        case 'AT_AlterColumnType': {
            const type = def && 'ColumnDef' in def ? def.ColumnDef.typeName : undefined;
            if (!isWidening(columns.get(cmd.name ?? ''), type))
                emit('changing-column-type', table, cmd.name ?? '');
            return;
        }
        case 'AT_DropColumn':
            emit('ban-drop-column', table, cmd.name ?? '');
            return;
    }
}
function addColumn(col, table, emit) {
    const constraints = (col.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
    const notNull = constraints.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
    const dflt = constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
    const generated = constraints.some((c) => c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED');
    const typeName = lastName(col.typeName?.names);
    const name = col.colname ?? '';
    if (SERIAL.has(typeName))
        emit('adding-field-with-default', table, name, `of ${typeName.toUpperCase()}`);
    else if (dflt?.raw_expr && volatileCall(dflt.raw_expr)) {
        emit('adding-field-with-default', table, name, `${volatileCall(dflt.raw_expr)}()`);
    }
    if (notNull && !dflt && !generated && !SERIAL.has(typeName))
        emit('adding-required-field', table, name);
}
function addConstraint(c, table, emit) {
    const name = c.conname ?? '';
    if ((c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK') && !c.skip_validation)
        emit('constraint-missing-not-valid', table, name, c.contype === 'CONSTR_FOREIGN' ? (c.pktable?.relname ?? '') : '');
    else if (c.contype === 'CONSTR_UNIQUE' && !c.indexname)
        emit('disallowed-unique-constraint', table, name);
}
/** The function a default calls at top level, when PostgreSQL counts it as volatile. */
function volatileCall(expr) {
    if ('TypeCast' in expr && expr.TypeCast.arg)
        return volatileCall(expr.TypeCast.arg);
    if (!('FuncCall' in expr))
        return undefined;
    const name = lastName(expr.FuncCall.funcname);
    return VOLATILE.has(name) ? name : undefined;
}
const lastName = (names) => {
    const last = names?.[names.length - 1];
    return last && 'String' in last ? (last.String.sval ?? '').toLowerCase() : '';
};
/**
 * A longer VARCHAR, VARCHAR → TEXT, or dropping the length limit: PostgreSQL changes only the
 * catalog, with no rewrite and no scan.
 */
function isWidening(old, type) {
    if (!type || !old)
        return false;
    const m = /^character varying(?:\((\d+)\))?$/.exec(old);
    if (!m)
        return false;
    const to = lastName(type.names);
    if (to === 'text')
        return true;
    if (to !== 'varchar')
        return false;
    const mod = type.typmods?.[0];
    const length = mod && 'A_Const' in mod ? mod.A_Const.ival?.ival : undefined;
    if (length === undefined)
        return true;
    return m[1] !== undefined && length >= Number(m[1]);
}
/** The same statement with CONCURRENTLY after INDEX, placed by token so comments and strings are safe. */
function withConcurrently(text) {
    for (const tok of (0, tokens_1.tokens)(text, 'postgresql')) {
        if (tok.kind === 'word' && text.slice(tok.start, tok.end).toUpperCase() === 'INDEX')
            return `${text.slice(0, tok.end)} CONCURRENTLY${text.slice(tok.end)};`;
    }
    return `${text};`;
}


/***/ }),

/***/ 5740:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
exports.reviewUnits = reviewUnits;
const problem_1 = __webpack_require__(8278);
const ignore_1 = __webpack_require__(5630);
const parse_1 = __webpack_require__(9665);
const pgRules_1 = __webpack_require__(7026);
const sqliteRules_1 = __webpack_require__(1117);
/** Reviews each unit with its provider's rules, and marks what the pull request's own comments silence. */
async function reviewUnits(units, provider) {
    const findings = [];
    const notes = [];
    for (const unit of units) {
        let found;
        let leadings;
        let lines;
        if (provider === 'postgresql') {
            const parsed = await (0, parse_1.parsePostgres)(unit.sql);
            if (!parsed.ok) {
                // A path slot: the report shows the file relative to the working directory (shownCheckReport).
                const file = unit.file !== null ? (0, problem_1.pathSlot)(unit.file) : 'the suggested migration';
                const where = `${file}${parsed.line ? `:${parsed.line}` : ''}`;
                notes.push(`${where}: not reviewed for deploy risks: PostgreSQL's parser says ${parsed.message}.`);
                continue;
            }
            found = (0, pgRules_1.reviewPostgres)(unit, parsed.statements);
            leadings = parsed.statements.map((s) => s.leading);
            lines = parsed.statements.map((s) => s.line);
        }
        else {
            const statements = (0, sqliteRules_1.splitSqlite)(unit.sql);
            found = (0, sqliteRules_1.reviewSqlite)(unit, statements);
            leadings = statements.map((s) => s.leading);
            lines = statements.map((s) => s.line);
        }
        const ignores = (0, ignore_1.readIgnores)(leadings);
        for (const f of found) {
            const own = ignores.statements[lines.indexOf(f.line)];
            if (ignores.file.has(f.rule) || own?.has(f.rule))
                f.silenced = true;
        }
        findings.push(...found);
    }
    return { findings, notes };
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