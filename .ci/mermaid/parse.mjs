// Parse each Mermaid file given with Mermaid's own parser, as GitHub would before drawing it,
// and hold it to GitHub's limits: at most 50,000 characters and 500 edges.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

const MAX_CHARACTERS = 50000;
const MAX_EDGES = 500;
let failed = 0;
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  try {
    await mermaid.parse(text); // throws the parser's own error on what it cannot read
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    // A flowchart's edges; a chart (the history's xychart-beta) has none.
    const edges = typeof diagram.db.getEdges === 'function' ? diagram.db.getEdges().length : 0;
    const problems = [];
    if (text.length > MAX_CHARACTERS) problems.push(`${text.length} characters`);
    if (edges > MAX_EDGES) problems.push(`${edges} edges`);
    if (problems.length) throw new Error(`over GitHub's limits: ${problems.join(', ')}`);
    console.log(`ok ${path}: ${diagram.type}, ${edges} edges, ${text.length} characters`);
  } catch (error) {
    failed += 1;
    console.error(`error ${path}: ${error.message || error}`);
  }
}
process.exit(failed ? 1 : 0);
