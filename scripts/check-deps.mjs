#!/usr/bin/env node
// Security floor for the XML stack (docs/security.md): every installed copy of @xmldom/xmldom is
// 0.9.12+ or, on the 0.8 line that xml-crypto carries, 0.8.15+; xml-crypto is 6.2.0+. Reads the
// pnpm store layout, so it sees nested copies too.
import { readdirSync } from 'node:fs';

const dir = new URL('../node_modules/.pnpm/', import.meta.url);
const copies = readdirSync(dir);
const version = (entry, name) => {
  const m = entry.match(new RegExp(`^${name.replace('/', '\\+')}@(\\d+)\\.(\\d+)\\.(\\d+)`));
  return m ? m.slice(1, 4).map(Number) : null;
};
const atLeast = (v, min) =>
  v[0] !== min[0] ? v[0] > min[0] : v[1] !== min[1] ? v[1] > min[1] : v[2] >= min[2];
let bad = 0;
let seen = 0;
for (const entry of copies) {
  const x = version(entry, '@xmldom/xmldom');
  if (x) {
    seen += 1;
    const ok = x[0] === 0 && x[1] === 8 ? atLeast(x, [0, 8, 15]) : atLeast(x, [0, 9, 12]);
    console.log(`${ok ? 'ok  ' : 'BAD '} @xmldom/xmldom ${x.join('.')}`);
    if (!ok) bad += 1;
  }
  const c = version(entry, 'xml-crypto');
  if (c) {
    seen += 1;
    const ok = atLeast(c, [6, 2, 0]);
    console.log(`${ok ? 'ok  ' : 'BAD '} xml-crypto ${c.join('.')}`);
    if (!ok) bad += 1;
  }
}
if (seen === 0) console.log('no XML stack installed yet');
process.exit(bad > 0 ? 1 : 0);
