// check.mjs opens HTML files in headless Chromium, runs axe-core with the
// WCAG 2.2 A and AA rules, checks that the page reflows (no horizontal
// scrolling at 320 CSS px, nor at 1280 px zoomed to 200 %), and takes full-page
// screenshots at 1280 and 320 px wide.
//
//   node check.mjs [--shots DIR] [--chromium PATH] [--tags T1,T2] FILE.html...
//
// --tags replaces the axe-core rule tags (for a look at best-practice, say).
//
// It prints one JSON object on standard output:
//   {"files": [{"file", "violations": [{id, impact, help, nodes}],
//               "reflow": [{width, scrollWidth}], "screenshots": [...]}]}
// and exits 0 when it could check every file (whatever it found), 2 when it
// could not run. The Go helper internal/a11ytest runs it and fails a test on
// any violation.
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const WCAG22AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [1280, 320];

function parseArgs(argv) {
  const out = { shots: '', chromium: process.env.CHROMIUM || '/usr/bin/chromium', tags: WCAG22AA, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--shots') out.shots = argv[++i];
    else if (a === '--chromium') out.chromium = argv[++i];
    else if (a === '--tags') out.tags = argv[++i].split(',');
    else out.files.push(a);
  }
  return out;
}

// overflow reports how wide the page's content is against its window:
// a page that reflows is never wider than the window.
async function overflow(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

async function checkFile(browser, file, shots, tags) {
  const page = await browser.newPage();
  // Nothing may come from the network: a self-contained file asks for none.
  const requests = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('about:')) {
      req.continue();
    } else {
      requests.push(url);
      req.abort();
    }
  });
  const result = { file, violations: [], reflow: [], requests, screenshots: [] };
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  await page.evaluate(axeSource);
  const axe = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 10).map((n) => ({ target: n.target, summary: n.failureSummary })),
      count: v.nodes.length,
    }));
  }, tags);
  result.violations = axe;
  const name = basename(file).replace(/\.html?$/i, '');
  for (const width of WIDTHS) {
    await page.setViewport({ width, height: 900 });
    const o = await overflow(page);
    if (o.scrollWidth > o.clientWidth) result.reflow.push({ width, zoom: 1, ...o });
    if (shots) {
      const path = resolve(shots, `${name}-${width}.png`);
      await page.screenshot({ path, fullPage: true });
      result.screenshots.push(path);
    }
  }
  // 200 % zoom of a 1280 px window: 640 CSS px at twice the pixels.
  await page.setViewport({ width: 640, height: 900, deviceScaleFactor: 2 });
  const z = await overflow(page);
  if (z.scrollWidth > z.clientWidth) result.reflow.push({ width: 1280, zoom: 2, ...z });
  await page.close();
  return result;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.files.length === 0) {
    console.error('usage: node check.mjs [--shots DIR] [--chromium PATH] FILE.html...');
    process.exit(2);
  }
  if (args.shots) mkdirSync(args.shots, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--allow-file-access-from-files',
    ],
  });
  try {
    const files = [];
    for (const f of args.files) files.push(await checkFile(browser, f, args.shots, args.tags));
    process.stdout.write(JSON.stringify({ files }, null, 2) + '\n');
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(2);
});
