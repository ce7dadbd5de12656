#!/usr/bin/env node
'use strict';
// Prints the CHANGELOG.md entry of one version (the text under `## [x.y.z]`, up to the next
// `## `), for the GitHub release. Exits 1 when the entry is missing or empty: a release without
// notes is a release process mistake, caught before anything is published.
const fs = require('node:fs');
const path = require('node:path');

function releaseNotes(changelog, version) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## [${version}]`));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
  return body || null;
}

if (require.main === module) {
  const version = (process.argv[2] ?? '').replace(/^v/, '');
  const file = path.join(__dirname, '..', 'CHANGELOG.md');
  const notes = version ? releaseNotes(fs.readFileSync(file, 'utf8'), version) : null;
  if (!notes) {
    process.stderr.write(`CHANGELOG.md has no entry "## [${version}]": add one, then tag again.\n`);
    process.exit(1);
  }
  process.stdout.write(notes + '\n');
}

module.exports = { releaseNotes };
