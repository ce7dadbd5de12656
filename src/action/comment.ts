/** The slice of Octokit we use; tests hand in a client pointed at a local server. */
export interface CommentsClient {
  paginate<T>(route: unknown, params: Record<string, unknown>): Promise<T[]>;
  rest: {
    issues: {
      listComments: unknown;
      createComment(params: {
        owner: string;
        repo: string;
        issue_number: number;
        body: string;
      }): Promise<{ data: { html_url?: string } }>;
      updateComment(params: {
        owner: string;
        repo: string;
        comment_id: number;
        body: string;
      }): Promise<{ data: { html_url?: string } }>;
    };
  };
}

export interface StickyTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  marker: string;
}

export type StickyOutcome =
  | { action: 'created' | 'updated'; url?: string }
  | { action: 'skipped'; reason: string }
  | { action: 'forbidden'; message: string }
  | { action: 'failed'; message: string };

/**
 * One comment per schema, found by its hidden marker across every page of the PR's
 * comments. Updated in place; created only when there is something to say (a PR that
 * never drifted gets no comment). A 403 (forks, read-only tokens) or an outage is an outcome, not a crash.
 */
export async function upsertStickyComment(
  client: CommentsClient,
  target: StickyTarget,
  body: string,
  inSync: boolean,
): Promise<StickyOutcome> {
  try {
    const comments = await client.paginate<{ id: number; body?: string }>(client.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
    });
    const existing = comments.find((c) => c.body?.includes(target.marker));
    if (existing) {
      const r = await client.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: existing.id,
        body,
      });
      return { action: 'updated', url: r.data.html_url };
    }
    if (inSync) return { action: 'skipped', reason: 'in sync and never drifted' };
    const r = await client.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body,
    });
    return { action: 'created', url: r.data.html_url };
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 403 || status === 404) {
      return {
        action: 'forbidden',
        message:
          `cannot comment on pull request #${target.issueNumber} (HTTP ${status}): the token has no write ` +
          `access to pull requests (forks get a read-only token). The report is in the job summary.`,
      };
    }
    // Best effort: an outage at GitHub must not turn the verdict, the outputs or the summary into a failure.
    const cause = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      action: 'failed',
      message:
        `commenting on pull request #${target.issueNumber} failed (${cause}); the verdict, the outputs and the ` +
        `job summary stand.`,
    };
  }
}
