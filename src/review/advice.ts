import type { RuleId } from './types';

/** Severity: `error` when the deploy fails or data is lost unasked; `warning` for locks and rolling deploys. */
export const SEVERITY: Record<RuleId, 'error' | 'warning'> = {
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

const ALONE =
  'Prisma runs a migration.sql as one transaction, and CONCURRENTLY cannot run inside one, so it needs a ' +
  'migration folder of its own';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The message and the Prisma-compatible fix of each rule; `t` is the table, `c` a column or constraint. */
type Advice = (t: string, c: string, extra: string) => { message: string; fix: string };

const ADVICE: Record<RuleId, Advice> = {
  'require-concurrent-index-creation': (t, _c, extra) => ({
    message: `Creating an index on the existing table ${q(t)} blocks its writes until the index is built.`,
    fix:
      `Move it into its own migration folder whose migration.sql holds only \`${extra}\` (${ALONE}). ` +
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
    fix:
      `Add NOT VALID to this statement, then in a later migration folder: \`ALTER TABLE ${q(t)} VALIDATE ` +
      `CONSTRAINT ${q(c)};\` (it scans without blocking writes). The engine sees the same constraint.`,
  }),
  'adding-required-field': (t, c) => ({
    message:
      `Adding the NOT NULL column ${q(c)} without a default to the existing table ${q(t)} fails on ` + `its first row.`,
    fix:
      `Give the field a @default(...) in schema.prisma, or add it optional (String?), backfill the rows in the ` +
      `migration (UPDATE), and make it required in a later migration.`,
  }),
  'adding-not-nullable-field': (t, c) => ({
    message: `SET NOT NULL on ${q(t)}.${q(c)} scans the whole table under an exclusive lock.`,
    fix:
      `In one migration: \`ALTER TABLE ${q(t)} ADD CONSTRAINT ${q(`${t}_${c}_not_null`)} CHECK (${q(c)} IS ` +
      `NOT NULL) NOT VALID;\` In the next: \`ALTER TABLE ${q(t)} VALIDATE CONSTRAINT ` +
      `${q(`${t}_${c}_not_null`)}; ALTER TABLE ${q(t)} ALTER COLUMN ${q(c)} SET NOT NULL; ALTER TABLE ${q(t)} ` +
      `DROP CONSTRAINT ${q(`${t}_${c}_not_null`)};\` (PostgreSQL 12+ then skips the scan).`,
  }),
  'changing-column-type': (t, c, extra) => ({
    message: `Changing the type of ${q(t)}.${q(c)}${extra} rewrites the table under an exclusive lock.`,
    fix:
      `Expand and contract: add a new field with the new type (@map it to a new column), backfill it in ` +
      `batches, switch the app to it, then drop the old column in a later pull request.`,
  }),
  'adding-field-with-default': (t, c, extra) => ({
    message: `The volatile default ${extra} on the new column ${q(t)}.${q(c)} rewrites the existing table.`,
    fix:
      `Add the column without a database default (Prisma's @default(uuid()) / @default(cuid()) are filled by ` +
      `Prisma Client and need none), or backfill in batches and SET DEFAULT in a later migration.`,
  }),
  'disallowed-unique-constraint': (t, c) => ({
    message: `ADD CONSTRAINT ${q(c)} UNIQUE builds its index on the existing table ${q(t)} while blocking writes.`,
    fix:
      `In its own migration folder: \`CREATE UNIQUE INDEX CONCURRENTLY ${q(c)} ON ${q(t)} (…);\` Then, in ` +
      `the next one: \`ALTER TABLE ${q(t)} ADD CONSTRAINT ${q(c)} UNIQUE USING INDEX ${q(c)};\` Prisma's ` +
      `@unique needs only the unique index.`,
  }),
  'renaming-column': (t, c) => ({
    message: `Renaming ${q(t)}.${q(c)} breaks the app version still running during the deploy.`,
    fix:
      `Rename the field only in schema.prisma and keep the column: @map("${c}"). Or expand and contract: add ` +
      `the new column, write both, backfill, and drop the old one in a later pull request.`,
  }),
  'renaming-table': (t) => ({
    message: `Renaming the table ${q(t)} breaks the app version still running during the deploy.`,
    fix:
      `Rename the model only and keep the table: @@map("${t}") in schema.prisma. Or expand and contract ` +
      `(new table, copy, switch, drop later).`,
  }),
  'ban-drop-column': (t, c) => ({
    message:
      `Dropping ${q(t)}.${q(c)} loses its data and breaks the app version still reading it during the ` + `deploy.`,
    fix:
      `Expand and contract: first merge and deploy the app without the field (keep the column), then drop ` +
      `the column in a later pull request.`,
  }),
  'ban-drop-table': (t) => ({
    message: `Dropping the table ${q(t)} loses its data and breaks the app version still reading it.`,
    fix:
      `Expand and contract: first deploy the app without the model (keep the table), then drop the table in ` +
      `a later pull request.`,
  }),
  'probable-rename': (t, c, extra) => ({
    message:
      `Dropping ${q(t)}.${q(c)} and adding ${extra} looks like a rename; Prisma writes DROP + ADD, which ` +
      `loses the column's data.`,
    fix: '',
  }),
  'sqlite-redefine-table': (t) => ({
    message: `Prisma redefines the existing table ${q(t)}: it copies every row into a new table under a write lock.`,
    fix:
      `Expect the copy to take time on a large table and to block writes meanwhile; deploy in a quiet moment, ` +
      `or avoid the change that needs a redefinition (see the engine's summary).`,
  }),
};

export const advise = (rule: RuleId, t: string, c = '', extra = '') => ADVICE[rule](t, c, extra);
