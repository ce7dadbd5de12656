/**
 * Where a message will be read. The CLI's user typed flags; the Action's user wrote inputs
 * in a workflow and never typed `--base`, so each message names what its reader can change.
 */
export type Surface = 'cli' | 'action';

/** A flag of the CLI, or the Action input that plays its part. */
export function optionLabel(surface: Surface, option: 'schema' | 'migrations' | 'shadow-database-url'): string {
  return surface === 'action' ? `input "${option}"` : `--${option}`;
}

/**
 * The base ref as its reader knows it. The Action has no base input: it compares with the
 * pull request's base commit, which the `integrity` input turns on and off.
 */
export function baseLabel(surface: Surface, ref: string): string {
  return surface === 'action' ? `pull request base ${ref.slice(0, 12)} (input "integrity")` : `--base ${ref}`;
}
