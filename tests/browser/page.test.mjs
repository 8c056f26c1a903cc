// Browser test of the page served by `igokg serve`: a plain Node script (no test runner).
//
//   BASE_URL=http://127.0.0.1:PORT SCREENSHOT_DIR=/tmp/shots node tests/browser/page.test.mjs
//
// Environment:
//   BASE_URL        the server (default http://127.0.0.1:8765, the mock's port)
//   SCREENSHOT_DIR  where page.png, graph.png, page-ar.png, graph-ar.png go (default: a temp dir)
//   ORG_QUERY       organisation to search for and open in the graph view (default CSTO)
//   EXAMPLE         text the chosen example's name or description must contain (default members)
//   SEARCH_AR, SEARCH_RU   the Arabic and Russian searches (default أرمينيا, Армения)
//   CHROMIUM        browser binary (default /usr/bin/chromium)
//   TIMEOUT_MS      per step (default 20000)
//
// Prints one JSON line per step and a final summary line
//   {"ok":true,"rows":N,"firstRow":"…","searchAr":N,"searchRu":N,"graphNodes":N,…}
// and exits 0; on any failure prints {"ok":false,"error":"…"} and exits 1.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = process.env;
const BASE_URL = (env.BASE_URL || 'http://127.0.0.1:8765').replace(/\/+$/, '');
const SHOTS = env.SCREENSHOT_DIR || mkdtempSync(join(tmpdir(), 'igokg-shots-'));
const ORG_QUERY = env.ORG_QUERY || 'CSTO';
const EXAMPLE = (env.EXAMPLE || 'members').toLowerCase();
const SEARCH_AR = env.SEARCH_AR || 'أرمينيا';
const SEARCH_RU = env.SEARCH_RU || 'Армения';
const CHROMIUM = env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(env.TIMEOUT_MS || 20000);
const FALLBACK_QUERY = `PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?org ?member (SAMPLE(?l) AS ?name) WHERE {
  GRAPH ?g { ?m a org:Membership ; org:organization ?org ; org:member ?member }
  OPTIONAL { ?member rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "en")) }
} GROUP BY ?org ?member ORDER BY ?org ?name`;

class Failure extends Error {}
const fail = (msg) => { throw new Failure(msg); };
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const summary = { ok: false };
let step = 'start';

async function waitFor(page, what, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: TIMEOUT, polling: 100 });
  } catch (e) {
    const err = await page.evaluate(() => {
      const e = document.getElementById('error');
      const s = [...document.querySelectorAll('#search-status.err, #graph-status.err')].map((x) => x.textContent);
      return [e && !e.hidden ? e.textContent : '', ...s].filter(Boolean).join(' / ');
    }).catch(() => '');
    fail(`timed out after ${TIMEOUT} ms waiting for ${what}${err ? ` (page shows: ${err})` : ''}`);
  }
}

async function search(page, text) {
  await page.fill('#search', '');
  await waitFor(page, 'the search list to clear', () => !document.querySelector('#search-results li'));
  await page.fill('#search', text);
  await waitFor(page, `search results for ${JSON.stringify(text)}`, () =>
    document.querySelector('#search-results li') ||
    document.getElementById('search-status').classList.contains('err') ||
    (document.getElementById('search-status').textContent && !/…/.test(document.getElementById('search-status').textContent)));
  const res = await page.evaluate(() => ({
    error: document.getElementById('search-status').classList.contains('err') ? document.getElementById('search-status').textContent : '',
    hits: [...document.querySelectorAll('#search-results li .hit')].map((b) => ({
      iri: b.dataset.iri, kind: b.dataset.kind, text: b.innerText.replace(/\s+/g, ' ').trim(),
    })),
    ar: [...document.querySelectorAll('#search-results [lang="ar"]')].map((e) => ({
      text: e.textContent, dir: e.getAttribute('dir'), computed: getComputedStyle(e).direction,
    })),
  }));
  if (res.error) fail(`search ${JSON.stringify(text)} failed: ${res.error}`);
  if (!res.hits.length) fail(`search ${JSON.stringify(text)} found nothing`);
  return res;
}

async function main() {
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} not found: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'igokg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
    locale: 'en-GB',
  });
  const pageErrors = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    step = 'load';
    const resp = await page.goto(BASE_URL + '/', { waitUntil: 'domcontentloaded' }).catch((e) => fail(`cannot load ${BASE_URL}/: ${e.message.split('\n')[0]}`));
    if (!resp || !resp.ok()) fail(`GET ${BASE_URL}/ answered ${resp && resp.status()}`);
    for (const id of ['query', 'examples', 'run', 'results', 'count', 'error', 'search', 'search-results', 'graph', 'at', 'lang']) {
      if (!(await page.$('#' + id))) fail(`the page has no element #${id}`);
    }

    step = 'examples';
    await waitFor(page, 'the examples select to be filled from /api/examples', () => document.querySelectorAll('#examples option[value]:not([value=""])').length > 0);
    const examples = await page.$$eval('#examples option[value]:not([value=""])', (os) => os.map((o) => ({ value: o.value, name: o.textContent, description: o.title })));
    const ex = examples.find((e) => e.name.toLowerCase().includes(EXAMPLE)) || examples.find((e) => e.description.toLowerCase().includes(EXAMPLE));
    if (ex) {
      await page.selectOption('#examples', ex.value);
      const q = await page.inputValue('#query');
      if (!q.trim()) fail(`choosing example ${ex.name} left the editor empty`);
    } else {
      await page.fill('#query', FALLBACK_QUERY);
    }

    step = 'query';
    await page.click('#run');
    await waitFor(page, 'query results', () => {
      const c = document.getElementById('count'), e = document.getElementById('error');
      return (c.dataset.rows !== undefined && c.dataset.rows !== '') || !e.hidden;
    });
    const q = await page.evaluate(() => {
      const e = document.getElementById('error');
      const trs = [...document.querySelectorAll('#results tbody tr')];
      return {
        error: e.hidden ? '' : e.textContent,
        rows: Number(document.getElementById('count').dataset.rows),
        trs: trs.length,
        vars: [...document.querySelectorAll('#results thead th')].map((th) => th.textContent),
        firstRow: trs[0] ? [...trs[0].cells].map((c) => c.textContent.trim()).join('\t') : '',
        elapsed: document.getElementById('elapsed').textContent,
      };
    });
    if (q.error) fail(`the query ${ex ? ex.name : '(fallback)'} failed: ${q.error}`);
    if (!q.rows || !q.trs) fail(`the query ${ex ? ex.name : '(fallback)'} gave no rows`);
    if (q.trs !== Math.min(q.rows, 5000)) fail(`#count says ${q.rows} rows but the table has ${q.trs}`);
    Object.assign(summary, { example: ex ? ex.name : null, rows: q.rows, firstRow: q.firstRow });
    out({ step, example: summary.example, rows: q.rows, vars: q.vars, firstRow: q.firstRow, elapsed: q.elapsed });

    step = 'search';
    const ar = await search(page, SEARCH_AR);
    if (!ar.ar.length) fail(`the results for ${SEARCH_AR} show no Arabic name (element with lang="ar")`);
    const badAr = ar.ar.filter((e) => e.dir !== 'rtl' || e.computed !== 'rtl');
    if (badAr.length) fail(`Arabic names not right-to-left: ${JSON.stringify(badAr)}`);
    const ru = await search(page, SEARCH_RU);
    summary.searchAr = ar.hits.length;
    summary.searchRu = ru.hits.length;
    out({ step, ar: { query: SEARCH_AR, hits: ar.hits.length, first: ar.hits[0].text }, ru: { query: SEARCH_RU, hits: ru.hits.length, first: ru.hits[0].text } });
    await page.screenshot({ path: join(SHOTS, 'page.png'), fullPage: true });

    step = 'error';
    await page.fill('#query', 'SELECT WHERE {');
    await page.focus('#query');
    await page.keyboard.press('Control+Enter');
    await waitFor(page, 'the error message of an invalid query', () => !document.getElementById('error').hidden && document.getElementById('error').textContent.trim());
    const errText = (await page.textContent('#error')).trim();
    if (await page.$('#results tbody tr')) fail('results of the previous query are still shown under the error');
    out({ step, error: errText.slice(0, 200) });

    step = 'graph';
    const org = await search(page, ORG_QUERY);
    const orgHit = org.hits.findIndex((h) => /organi[sz]ation|^igo$|^org$/i.test(h.kind || ''));
    if (orgHit < 0) fail(`no organisation among the results for ${JSON.stringify(ORG_QUERY)}: ${JSON.stringify(org.hits.map((h) => h.kind + ' ' + h.iri))}`);
    await page.locator('#search-results li .hit').nth(orgHit).click();
    await waitFor(page, 'member nodes in the graph', () => !document.getElementById('graph-panel').hasAttribute('aria-busy') &&
      (document.querySelectorAll('#graph .node.member').length > 0 || document.getElementById('graph-status').classList.contains('err')));
    const graph = async () => page.evaluate(() => ({
      error: document.getElementById('graph-status').classList.contains('err') ? document.getElementById('graph-status').textContent : '',
      members: document.querySelectorAll('#graph .node.member').length,
      chairs: document.querySelectorAll('#graph .node.chair').length,
      summits: document.querySelectorAll('#graph .node.summit').length,
      title: document.getElementById('graph-title').textContent,
      legend: document.getElementById('legend').innerText.replace(/\s+/g, ' '),
      arabicNotRtl: [...document.querySelectorAll('#graph text')].filter((t) => /[\u0600-\u06ff]/.test(t.textContent) && t.getAttribute('direction') !== 'rtl').map((t) => t.textContent),
      arabicLabels: [...document.querySelectorAll('#graph text[direction="rtl"]')].length,
    }));
    const g = await graph();
    if (g.error) fail(`graph of ${ORG_QUERY}: ${g.error}`);
    if (!g.members) fail(`the graph of ${ORG_QUERY} has no member nodes`);
    Object.assign(summary, { org: org.hits[orgHit].iri, graphNodes: g.members, graphChairs: g.chairs, graphSummits: g.summits });
    out({ step, org: g.title, iri: org.hits[orgHit].iri, members: g.members, chairs: g.chairs, summits: g.summits, legend: g.legend });
    await page.locator('#graph-panel').screenshot({ path: join(SHOTS, 'graph.png') });

    step = 'arabic';
    const before = await page.textContent('#graph-status');
    await page.selectOption('#lang', 'ar');
    const dir = await page.evaluate(() => document.documentElement.dir);
    if (dir !== 'rtl') fail(`with lang=ar the page's dir is ${JSON.stringify(dir)}, not rtl`);
    await waitFor(page, 'the graph in Arabic', (b) => !document.getElementById('graph-panel').hasAttribute('aria-busy') &&
      document.getElementById('graph-status').textContent !== b, before);
    const ga = await graph();
    if (ga.error) fail(`graph in Arabic: ${ga.error}`);
    if (ga.arabicNotRtl.length) fail(`Arabic graph labels not right-to-left: ${JSON.stringify(ga.arabicNotRtl.slice(0, 5))}`);
    summary.graphArabicLabels = ga.arabicLabels;
    out({ step, dir, title: ga.title, arabicLabels: ga.arabicLabels, legend: ga.legend });
    await page.locator('#graph-panel').screenshot({ path: join(SHOTS, 'graph-ar.png') });
    await page.screenshot({ path: join(SHOTS, 'page-ar.png'), fullPage: true });

    step = 'arabic ui';
    // The query again, in the Arabic UI: variable headers read "?v" left to right, the timing
    // is in Arabic, the organisation badge is translated, the placeholder fits its box.
    await page.fill('#query', FALLBACK_QUERY);
    await page.click('#run');
    await waitFor(page, 'query results in Arabic', () => document.querySelectorAll('#results tbody tr').length > 0 && document.getElementById('elapsed').textContent);
    const ui = await page.evaluate(() => {
      const ths = [...document.querySelectorAll('#results thead th bdi')].map((b) => ({ text: b.textContent, dir: getComputedStyle(b).direction }));
      const input = document.getElementById('search');
      const cs = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
      const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return {
        ths,
        elapsed: document.getElementById('elapsed').textContent,
        placeholder: input.placeholder,
        placeholderFits: ctx.measureText(input.placeholder).width <= room,
        labels: document.querySelectorAll('#results td .lbl').length,
      };
    });
    if (!ui.ths.length || ui.ths.some((h) => !h.text.startsWith('?') || h.dir !== 'ltr')) fail(`variable headers in Arabic: ${JSON.stringify(ui.ths)}`);
    if (!/ثانية/.test(ui.elapsed)) fail(`the timing is not in Arabic: ${JSON.stringify(ui.elapsed)}`);
    if (!ui.placeholderFits) fail(`the search placeholder is clipped: ${JSON.stringify(ui.placeholder)}`);
    await waitFor(page, 'labels beside the ids of the results', () => document.querySelectorAll('#results td .lbl').length > 0);
    await search(page, ORG_QUERY);
    const badge = await page.evaluate(() => {
      const b = [...document.querySelectorAll('#search-results .hit')].find((h) => /organi[sz]ation/i.test(h.dataset.kind || ''));
      return b ? b.querySelector('.badge').textContent : null;
    });
    if (badge !== 'منظمة') fail(`the organisation badge in Arabic reads ${JSON.stringify(badge)}`);
    out({ step, headers: ui.ths.map((h) => h.text), elapsed: ui.elapsed });

    step = 'as of';
    // The date filters chairs and summits as well as members: each shown is of that year.
    const AT = env.AT || '2024-11-28';
    await page.fill('#at', AT);
    const beforeAt = await page.textContent('#graph-status');
    await page.press('#at', 'Enter');
    await waitFor(page, `the graph as of ${AT}`, (b) => !document.getElementById('graph-panel').hasAttribute('aria-busy') &&
      document.getElementById('graph-status').textContent !== b, beforeAt);
    const asOf = await page.evaluate(() => ({
      chairs: [...document.querySelectorAll('#graph .node.chair')].map((g) => g.getAttribute('aria-label')),
      summits: [...document.querySelectorAll('#graph .node.summit')].map((g) => g.getAttribute('aria-label')),
      members: document.querySelectorAll('#graph .node.member').length,
    }));
    const year = AT.slice(0, 4);
    if (!asOf.chairs.length || asOf.chairs.some((c) => !c.includes(year))) fail(`chairs as of ${AT}: ${JSON.stringify(asOf.chairs)}`);
    if (!asOf.summits.length || asOf.summits.some((c) => !c.includes(year))) fail(`summits as of ${AT}: ${JSON.stringify(asOf.summits)}`);
    Object.assign(summary, { asOf: AT, asOfMembers: asOf.members, asOfChairs: asOf.chairs.length, asOfSummits: asOf.summits.length });
    out({ step, at: AT, ...asOf });
    await page.locator('#graph-panel').screenshot({ path: join(SHOTS, 'graph-ar-asof.png') });

    if (pageErrors.length) { step = 'page errors'; fail(`uncaught errors in the page: ${pageErrors.join(' | ')}`); }
    summary.ok = true;
    summary.screenshots = SHOTS;
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => {
  out(summary);
  process.exit(0);
}, (e) => {
  const msg = e instanceof Failure ? e.message : (e && e.stack) || String(e);
  process.stderr.write(`page test failed at step "${step}": ${msg}\n`);
  out({ ok: false, step, error: msg });
  process.exit(1);
});
