import type { CommentsClient } from './comment';

/** Per request: GitHub answers in well under a second; 10 s means it is not going to. */
const DEFAULT_TIMEOUT_MS = 10_000;
const RETRIES = 2;

/**
 * Only tests set this (a fake API that never answers must not cost 30 s a run). It sets the
 * per-request timeout; the pauses between retries are a tenth of it per attempt.
 */
export const TIMEOUT_ENV = 'PRISMA_DRIFT_GATE_GITHUB_TIMEOUT_MS';

interface RequestOptions {
  method?: string;
  request?: { signal?: AbortSignal };
}
interface HookedClient {
  hook: {
    wrap(name: 'request', fn: (request: (o: RequestOptions) => Promise<unknown>, o: RequestOptions) => unknown): void;
  };
}

/** Why a request failed, as a warning can say it: the HTTP status, or the connection's own error. */
export class GitHubRequestFailure extends Error {
  constructor(
    readonly kind: 'http' | 'timeout' | 'connection',
    message: string,
    cause: unknown,
    readonly status?: number,
  ) {
    super(message, { cause });
  }
}

/** An Octokit whose every request (pagination included) has a timeout and bounded retries. */
export async function commentsClient(token: string, env: NodeJS.ProcessEnv = process.env): Promise<CommentsClient> {
  // Loaded only to comment: Octokit is most of the bundle's start-up.
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token);
  const fromEnv = Number(env[TIMEOUT_ENV]);
  const timeoutMs = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_TIMEOUT_MS;
  (octokit as unknown as HookedClient).hook.wrap('request', (request, options) =>
    withRetries(request, options, timeoutMs),
  );
  return octokit as unknown as CommentsClient;
}

async function withRetries(
  request: (o: RequestOptions) => Promise<unknown>,
  options: RequestOptions,
  timeoutMs: number,
): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const timer = new AbortController();
    const clock = setTimeout(() => timer.abort(), timeoutMs);
    try {
      // Mutated, not copied: before-after-hook binds the inner hooks (auth) to this very object.
      options.request = { ...options.request, signal: timer.signal };
      return await request(options);
    } catch (e) {
      const failure = describe(e, timer.signal.aborted, timeoutMs);
      if (attempt >= RETRIES || !retryable(options.method ?? 'GET', failure)) throw failure;
      await new Promise((r) => setTimeout(r, (timeoutMs / 10) * (attempt + 1)));
    } finally {
      clearTimeout(clock);
    }
  }
}

function describe(e: unknown, timedOut: boolean, timeoutMs: number): GitHubRequestFailure {
  const err = e as { status?: number; response?: unknown; message?: string };
  // Octokit reports a connection error as status 500 without a response: only a response is HTTP.
  if (timedOut) return new GitHubRequestFailure('timeout', `no answer within ${timeoutMs / 1000} s`, e);
  if (err.response) return new GitHubRequestFailure('http', `HTTP ${err.status}`, e, err.status);
  return new GitHubRequestFailure('connection', (err.message ?? String(e)).split('\n')[0]!, e);
}

/**
 * 5xx, timeouts and lost connections are worth another try, but a POST that may have reached
 * GitHub is not: a retried create could post the comment twice. A refused connection never did.
 */
function retryable(method: string, f: GitHubRequestFailure): boolean {
  if (f.kind === 'http') return (f.status ?? 0) >= 500 && method !== 'POST';
  if (method === 'POST') return f.kind === 'connection' && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(f.message);
  return true;
}
