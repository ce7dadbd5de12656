import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  body: string;
}

/**
 * The issue-comment endpoints the Action calls, served on 127.0.0.1: list (paginated with
 * Link headers, like GitHub), create and update. `forbidCreate` answers 403 as GitHub does
 * for a fork's read-only token.
 */
export class FakeGitHubApi {
  comments = new Map<number, StoredComment[]>();
  requests: string[] = [];
  forbidCreate = false;
  /** 'error500': every request gets HTTP 500; 'silent': requests are read and never answered. */
  outage: 'none' | 'error500' | 'silent' = 'none';
  private nextId = 1000;
  private server = http.createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    // A 'silent' outage leaves requests open on purpose; end them so close() can finish.
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  seed(issue: number, count: number): void {
    const list = this.comments.get(issue) ?? [];
    for (let i = 0; i < count; i++) list.push({ id: this.nextId++, body: `unrelated comment ${i}` });
    this.comments.set(issue, list);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (this.outage === 'silent') return;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (this.outage === 'error500') return send(500, { message: 'Server Error' });
      if (req.headers.authorization !== 'token ghs_test_token') return send(401, { message: 'Bad credentials' });
      let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      if (m && req.method === 'GET') {
        const all = this.comments.get(Number(m[3])) ?? [];
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const headers: Record<string, string> = {};
        if (page < last) {
          const next = new URL(url.toString());
          next.searchParams.set('page', String(page + 1));
          next.host = req.headers.host!;
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        return send(200, all.slice((page - 1) * perPage, page * perPage), headers);
      }
      if (m && req.method === 'POST') {
        if (this.forbidCreate) return send(403, { message: 'Resource not accessible by integration' });
        const comment = { id: this.nextId++, body: JSON.parse(raw).body as string };
        this.comments.set(Number(m[3]), [...(this.comments.get(Number(m[3])) ?? []), comment]);
        return send(201, { ...comment, html_url: `https://github.example/c/${comment.id}` });
      }
      m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (m && req.method === 'PATCH') {
        for (const list of this.comments.values()) {
          const c = list.find((x) => x.id === Number(m![3]));
          if (c) {
            c.body = JSON.parse(raw).body;
            return send(200, { ...c, html_url: `https://github.example/c/${c.id}` });
          }
        }
        return send(404, { message: 'Not Found' });
      }
      send(404, { message: `no route for ${req.method} ${url.pathname}` });
    });
  }
}

/** An address where nothing listens: a port that was just bound and released (connections are refused). */
export async function refusingApiUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
