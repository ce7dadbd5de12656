// A throwaway PostgreSQL cluster (Debian's postgresql package); the code is shared with the benchmark.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startCluster } = require('../../scripts/pg-cluster.js') as { startCluster: () => Promise<TestServer> };

export interface TestServer {
  url: (database?: string, user?: string, password?: string) => string;
  psql: (sql: string, database?: string) => string;
  stop: () => void;
}

export const startTestServer = startCluster;
