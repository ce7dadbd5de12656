/** The rules, named as squawk names them where the rule is the same, so users recognise them. */
export type RuleId =
  | 'require-concurrent-index-creation'
  | 'ban-concurrent-index-creation-in-transaction'
  | 'constraint-missing-not-valid'
  | 'adding-required-field'
  | 'adding-not-nullable-field'
  | 'changing-column-type'
  | 'adding-field-with-default'
  | 'disallowed-unique-constraint'
  | 'renaming-column'
  | 'renaming-table'
  | 'ban-drop-column'
  | 'ban-drop-table'
  | 'probable-rename'
  | 'sqlite-redefine-table';

/** One deploy risk, in the JSON contract of `check --json` (`review: [...]`). */
export interface ReviewFinding {
  rule: RuleId;
  severity: 'error' | 'warning';
  /** The migration folder's name, or `suggestion` for the SQL the check suggests. */
  migration: string;
  /** migration.sql, absolute until the report shows it (shownCheckReport); null for the suggestion (not a file yet). */
  file: string | null;
  /** 1-based line of the statement's first token. */
  line: number;
  /** The statement's first line, for the reader to find it. */
  statement: string;
  message: string;
  /** What to write instead, in a form Prisma accepts. */
  fix: string;
  /** Silenced by a `-- prisma-drift-gate-ignore` comment in the pull request itself. */
  silenced?: boolean;
}

/** SQL to review: a migration of the pull request (or of the whole history), or the suggestion. */
export interface ReviewUnit {
  migration: string;
  file: string | null;
  sql: string;
  /** Tables in the replayed database before the first reviewed migration: the ones production has. */
  existing: TableSnapshot;
}

/** Table → column → type (as PostgreSQL's format_type prints it), read from the replayed database. */
export type TableSnapshot = ReadonlyMap<string, ReadonlyMap<string, string>>;
