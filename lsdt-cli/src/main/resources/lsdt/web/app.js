// lsdt serve: the front end. It renders what the JSON API returns; every number comes from the server (the
// library API), and a click on one asks the server for its explanation (the trace lsdt plan --explain prints).
'use strict';

const $ = (id) => document.getElementById(id);
const state = { examples: [], yaml: null, name: null, plan: null, baseline: null, loaded: {} };

// ---- formatting (rendering only: SI values in, readable text out) ----
function sig(v, n = 4) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 && a < 1e15) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(n)).toString();
}
function fmtS(s) {
  if (s == null) return '—';
  const a = Math.abs(s);
  if (a >= 86400 * 2) return sig(s / 86400) + ' d';
  if (a >= 3600) return sig(s / 3600) + ' h';
  if (a >= 1) return sig(s) + ' s';
  if (a >= 1e-3) return sig(s * 1e3) + ' ms';
  if (a === 0) return '0 s';
  return sig(s * 1e6) + ' µs';
}
function fmtBytes(b) {
  if (b == null) return '—';
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0; let v = b;
  while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return sig(v) + ' ' + u[i];
}
function fmtPct(x) { return x == null ? '—' : sig(x * 100) + ' %'; }
function fmtUsd(x) {
  if (x == null) return '—';
  const a = Math.abs(x);
  if (a >= 1e9) return '$' + sig(x / 1e9) + ' billion';
  if (a >= 1e6) return '$' + sig(x / 1e6) + ' million';
  if (a >= 1) return '$' + sig(x);
  return '$' + x.toPrecision(3);
}
function fmtJ(j) {
  if (j == null) return '—';
  const wh = j / 3600;
  if (wh >= 1e9) return sig(wh / 1e9) + ' GWh';
  if (wh >= 1e6) return sig(wh / 1e6) + ' MWh';
  if (wh >= 1e3) return sig(wh / 1e3) + ' kWh';
  return sig(wh) + ' Wh';
}
function fmtW(w) { return w == null ? '—' : w >= 1e6 ? sig(w / 1e6) + ' MW' : w >= 1e3 ? sig(w / 1e3) + ' kW' : sig(w) + ' W'; }
function fmtKg(kg) { return kg == null ? '—' : kg >= 1000 ? sig(kg / 1000) + ' t' : sig(kg) + ' kg'; }
function fmtL(m3) { return m3 == null ? '—' : sig(m3 * 1000) + ' L'; }
function esc(s) {
  return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
// a clickable number: its text, its SI value, and the graph variable whose explanation a click opens
function num(text, variable, value, design, scenario) {
  if (!variable) return esc(text);
  return `<span class="n" data-var="${esc(variable)}" data-value="${value == null ? '' : value}"` +
    (design != null ? ` data-design="${design}"` : '') + (scenario ? ' data-scenario="1"' : '') +
    ` title="lsdt plan BRIEF --explain ${esc(variable)}">${esc(text)}</span>`;
}

async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const r = await fetch('/api/' + path, opts);
  const j = await r.json();
  if (!r.ok) { const e = new Error(j.error || ('HTTP ' + r.status)); e.status = r.status; throw e; }
  return j;
}
function showError(id, e) { const el = $(id); if (!e) { el.hidden = true; return; } el.textContent = e.message || String(e); el.hidden = false; }

// ---- tabs and the brief ----
const pages = ['plan', 'cone', 'scenario', 'timeline', 'validation', 'catalog'];
function route() {
  const tab = pages.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'plan';
  for (const p of pages) $('page-' + p).hidden = p !== tab;
  document.querySelectorAll('#tabs a').forEach((a) => a.classList.toggle('active', a.dataset.tab === tab));
  if (document.body.dataset.page !== tab) window.scrollTo(0, 0);
  document.body.dataset.page = tab;
  if (tab === 'validation' && !state.loaded.validation) loadValidation();
  if (tab === 'catalog' && !state.loaded.catalog) loadCatalog();
  if (tab === 'scenario') renderScenarioForm();
  if (tab === 'cone' && !state.loaded.cone) { state.loaded.cone = true; $('cone-q').value = 'design.t_step'; showCone(); }
}
window.addEventListener('hashchange', route);

async function init() {
  const ex = await api('GET', 'examples');
  state.examples = ex.examples;
  const sel = $('example');
  sel.innerHTML = ex.examples.map((e) => `<option value="${esc(e.name)}">${esc(e.name)}</option>`).join('');
  const first = ex.examples.find((e) => e.name === 'llama3.1-405b.yaml') || ex.examples[0];
  if (first) sel.value = first.name;
  sel.addEventListener('change', () => pickExample(sel.value));
  $('edit-yaml').addEventListener('click', () => { $('yaml-panel').hidden = !$('yaml-panel').hidden; });
  $('run-yaml').addEventListener('click', () => { state.yaml = $('yaml').value; state.name = 'pasted brief'; runPlan(); });
  $('explain-close').addEventListener('click', () => { $('explain').hidden = true; });
  document.addEventListener('click', (ev) => {
    const n = ev.target.closest('.n');
    if (n) explain(n.dataset.var, n.dataset.design, n.dataset.scenario ? state.scenarioYaml : null);
  });
  route();
  if (first) await pickExample(first.name);
}

async function pickExample(name) {
  const e = state.examples.find((x) => x.name === name);
  state.yaml = e.yaml; state.name = name; $('yaml').value = e.yaml;
  await runPlan();
}

async function explain(variable, design, yaml) {
  const body = { yaml: yaml || state.yaml, name: state.name, variable };
  if (design != null && design !== '') body.design = Number(design);
  $('explain-title').textContent = variable;
  $('explain-text').textContent = 'explaining…';
  $('explain').hidden = false;
  try {
    const r = await api('POST', 'explain', body);
    $('explain-text').textContent = r.text;
  } catch (e) {
    $('explain-text').textContent = e.message;
  }
}

// ---- Plan ----
const LEDGER_COLOURS = ['#1f77b4', '#aec7e8', '#ff7f0e', '#2ca02c', '#98df8a', '#d62728', '#9467bd', '#8c564b', '#c7c7c7', '#17becf'];
const charts = {};
function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart($(id), config);
  return charts[id];
}

async function runPlan() {
  showError('plan-error', null);
  $('plan-busy').hidden = false;
  $('plan-out').innerHTML = '';
  state.plan = null; state.baseline = null; state.loaded.scenarioForm = false;
  try {
    const r = await api('POST', 'plan', { yaml: state.yaml, name: state.name });
    state.plan = r;
    renderPlan(r);
  } catch (e) {
    showError('plan-error', e);
  } finally {
    $('plan-busy').hidden = true;
  }
  if (document.body.dataset.page === 'scenario') renderScenarioForm();
}

function renderPlan(r) {
  const p = r.plan;
  const c = p.chosen;
  let h = `<h2>${esc(r.name)}</h2>`;
  if (!c) {
    h += `<p class="miss">No design fits on the brief's devices. ${esc(p.no_solution_reason || '')}</p>`;
    h += deadlineFirst(p);
    $('plan-out').innerHTML = h;
    return;
  }
  const t = p.time_to_train;
  const tv = t.variables;
  h += `<p><b>Chosen design:</b> <span id="chosen-design">${esc(r.describe)}</span> on ${num(c.configuration.devices.toLocaleString('en-US'), 'design.devices', c.configuration.devices)} ${esc(r.device)}</p>`;
  h += '<div class="cards">';
  h += card('time to train', num(fmtS(t.time_to_train_s), tv.time_to_train_s, t.time_to_train_s),
    `P10–P90 ${num(fmtS(t.time_to_train_s_p10), tv.time_to_train_s_p10, t.time_to_train_s_p10)} – ${num(fmtS(t.time_to_train_s_p90), tv.time_to_train_s_p90, t.time_to_train_s_p90)}`);
  h += card('deadline', esc(fmtS(p.deadline_s)), p.meets_deadline ? '<span class="ok">met</span>' : '<span class="miss">MISSED</span>');
  h += card('MFU', num(fmtPct(t.mfu), tv.mfu, t.mfu), `design step ${num(fmtPct(t.design_mfu), tv.design_mfu, t.design_mfu)}`);
  h += card('design step', num(fmtS(t.design_step_s), tv.design_step_s, t.design_step_s), `expected ${num(fmtS(t.expected_step_s), tv.expected_step_s, t.expected_step_s)} with stragglers`);
  h += card('goodput', num(fmtPct(t.goodput), tv.goodput, t.goodput), 'failures, restarts, checkpoints');
  if (p.macro) {
    const mv = p.macro.values;
    const m = (k, f) => num(f(mv[k].value), k, mv[k].value);
    h += card('cost', m('econ.run.total_cost', fmtUsd), `${m('econ.cost.per_token', (x) => '$' + (x * 1e6).toPrecision(3))} per million tokens`.replace(/(\$[0-9.e+-]+)<\/span> per/, '$1</span> per'));
    h += card('energy (facility)', m('sust.energy.facility', fmtJ), `power ${m('thermal.dc.total_power', fmtW)}`);
    h += card('CO₂', m('sust.co2.total', fmtKg), `region ${esc(p.macro.region)}`);
  }
  h += '</div>';
  h += '<h3>Best designs</h3><table class="designs"><tr><th>#</th><th>TP</th><th>CP</th><th>PP</th><th>v</th><th>DP</th><th>EP</th><th>mb</th><th class="l">recompute</th><th>ZeRO</th><th class="l">offload</th><th>step</th><th>step P10–P90</th><th>tokens/s</th><th>MFU</th><th>mem/GPU</th></tr>';
  p.designs.forEach((d, i) => {
    const g = d.configuration; const v = d.variables; const u = d.uncertainty;
    const cell = (path, text, value) => `<td>${num(text, v[path], value, i)}</td>`;
    h += `<tr${i === 0 ? ' class="chosen"' : ''}><td>${i + 1}</td>` + cell('configuration.tp', g.tp, g.tp) + cell('configuration.cp', g.cp, g.cp) +
      cell('configuration.pp', g.pp, g.pp) + cell('configuration.vpp', g.vpp, g.vpp) + cell('configuration.dp', g.dp, g.dp) + cell('configuration.ep', g.ep, g.ep) +
      cell('configuration.micro_batch', g.micro_batch, g.micro_batch) + `<td class="l">${esc(g.recompute)}</td>` + cell('configuration.zero_stage', g.zero_stage, g.zero_stage) +
      `<td class="l">${esc(g.offload)}</td>` + cell('step_time_s', fmtS(d.step_time_s), d.step_time_s) +
      `<td>${num(fmtS(u.step_time_s_p10), v['uncertainty.step_time_s_p10'], u.step_time_s_p10, i)}–${num(fmtS(u.step_time_s_p90), v['uncertainty.step_time_s_p90'], u.step_time_s_p90, i)}</td>` +
      cell('tokens_per_s', sig(d.tokens_per_s), d.tokens_per_s) + cell('mfu', fmtPct(d.mfu), d.mfu) + cell('memory_per_gpu_bytes', fmtBytes(d.memory_per_gpu_bytes), d.memory_per_gpu_bytes) + '</tr>';
  });
  h += '</table><p class="note">Step and MFU of the design step, before stragglers and failures. Click any number for its equations and sources.</p>';
  h += '<div class="charts"><div class="chart-box"><canvas id="ledger-chart"></canvas></div><div class="chart-box"><canvas id="memory-chart"></canvas></div></div>';
  h += '<h3>Step-time ledger and memory of the chosen design</h3><div class="charts"><table class="ledger"><tr><th class="l">step time</th><th>value</th><th>share</th></tr>';
  for (const [k, s] of Object.entries(c.ledger_s)) {
    h += `<tr><td class="l">${esc(k.replace('_', ' '))}</td><td>${num(fmtS(s), c.variables['ledger_s.' + k], s, 0)}</td><td>${sig(s / c.step_time_s * 100, 3)} %</td></tr>`;
  }
  h += `<tr><td class="l">total</td><td>${num(fmtS(c.step_time_s), 'design.t_step', c.step_time_s, 0)}</td><td>100 %</td></tr></table>`;
  h += '<table class="memory"><tr><th class="l">memory per GPU</th><th>value</th></tr>';
  for (const k of ['weights', 'gradients', 'optimizer', 'activations', 'reserve', 'capacity']) {
    h += `<tr><td class="l">${k === 'capacity' ? 'device capacity' : k}</td><td>${num(fmtBytes(c.memory_bytes[k]), c.variables['memory_bytes.' + k], c.memory_bytes[k], 0)}</td></tr>`;
  }
  h += `<tr><td class="l">total</td><td>${num(fmtBytes(c.memory_per_gpu_bytes), 'design.mem_total', c.memory_per_gpu_bytes, 0)}</td></tr></table></div>`;
  if (p.macro) h += macroTable(p.macro);
  h += deadlineFirst(p);
  $('plan-out').innerHTML = h;
  ledgerChart(r.charts);
  memoryChart(r.charts);
}

function card(k, v, d) { return `<div class="card"><div class="k">${esc(k)}</div><div class="v">${v}</div><div class="d">${d || ''}</div></div>`; }

function macroTable(m) {
  const F = {
    'econ.run.total_cost': fmtUsd, 'econ.run.hw_cost': fmtUsd, 'econ.run.power_cost': fmtUsd, 'econ.run.opex_misc_cost': fmtUsd,
    'econ.cost.per_token': (x) => '$' + x.toPrecision(3), 'econ.cost.per_gpu_hour': (x) => '$' + sig(x) + '/h',
    'thermal.dc.total_power': fmtW, 'thermal.dc.pue': (x) => sig(x), 'sust.energy.it': fmtJ, 'sust.energy.facility': fmtJ,
    'sust.energy.per_token': (x) => sig(x) + ' J', 'sust.co2.operational': fmtKg, 'sust.co2.embodied': fmtKg, 'sust.co2.total': fmtKg,
    'sust.water.total': fmtL, 'rel.fleet.mtbf': fmtS, 'rel.ckpt.interval': fmtS, 'rel.ckpt.interval_young': fmtS, 'rel.goodput': fmtPct,
    'rel.expected_failures': (x) => sig(x), 'tail.step.expected': fmtS, 'tail.step.p99': fmtS, 'tail.step.p999': fmtS,
    'tail.step.efficiency': fmtPct, 'training.wallclock_nominal': fmtS, 'training.wallclock': fmtS, 'training.mfu': fmtPct,
  };
  let h = `<h3>Macro: cost, energy, CO₂, goodput (region ${esc(m.region)}, ${esc(m.ownership)})</h3><table class="macro"><tr><th class="l">variable</th><th>value</th></tr>`;
  for (const [k, v] of Object.entries(m.values)) {
    const f = F[k] || ((x) => sig(x) + ' ' + v.unit);
    h += `<tr><td class="l">${esc(k)}</td><td>${v.value == null ? '—' : num(f(v.value), k, v.value)}</td></tr>`;
  }
  return h + '</table>';
}

function deadlineFirst(p) {
  const d = p.deadline_first;
  if (!d || d.devices == null) return `<h3>Deadline-first</h3><p>${esc(d && d.reason)}</p>`;
  return `<h3>Deadline-first</h3><p>The smallest device count found whose best design meets the deadline: <b>${d.devices.toLocaleString('en-US')}</b> devices, ${esc(fmtS(d.time_to_train_s))} (${d.searches} searches).</p>`;
}

function ledgerChart(designs) {
  const keys = Object.keys(designs[0].ledger);
  chart('ledger-chart', {
    type: 'bar',
    data: {
      labels: designs.map((d, i) => '#' + (i + 1)),
      datasets: keys.map((k, j) => ({ label: k, data: designs.map((d) => d.ledger[k]), backgroundColor: LEDGER_COLOURS[j % 10] })),
    },
    options: {
      animation: false, maintainAspectRatio: false,
      plugins: { title: { display: true, text: 'Step-time ledger of the best designs (s)' }, legend: { labels: { boxWidth: 10, font: { size: 10 } } },
        tooltip: { callbacks: { title: (it) => designs[it[0].dataIndex].label } } },
      scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 's' } } },
    },
  });
}

function memoryChart(designs) {
  const keys = Object.keys(designs[0].memory);
  const GiB = 1024 ** 3;
  const sets = keys.map((k, j) => ({ type: 'bar', label: k, data: designs.map((d) => d.memory[k] / GiB), backgroundColor: LEDGER_COLOURS[j % 10], stack: 'm' }));
  sets.push({ type: 'line', label: 'device capacity', data: designs.map((d) => d.capacity / GiB), borderColor: '#d62728', borderDash: [6, 4], pointRadius: 0, fill: false });
  chart('memory-chart', {
    data: { labels: designs.map((d, i) => '#' + (i + 1)), datasets: sets },
    options: {
      animation: false, maintainAspectRatio: false,
      plugins: { title: { display: true, text: 'Memory per GPU against capacity (GiB)' }, legend: { labels: { boxWidth: 10, font: { size: 10 } } } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'GiB' } } },
    },
  });
}

// ---- Cone ----
let cy = null;
async function showCone() {
  showError('cone-error', null);
  const variable = $('cone-q').value.trim();
  try {
    const r = await api('POST', 'cone', { variable, direction: $('cone-dir').value, yaml: state.plan ? state.yaml : null });
    drawCone(r);
  } catch (e) { showError('cone-error', e); }
}
async function coneSuggest() {
  const q = $('cone-q').value.trim();
  if (q.length < 2) return;
  try {
    const r = await api('GET', 'variables?q=' + encodeURIComponent(q));
    $('cone-list').innerHTML = r.variables.map((v) => `<option value="${esc(v)}">`).join('');
  } catch (e) { /* suggestions are optional */ }
}
const KIND_COLOURS = { sourced: '#64b5f6', estimated: '#ffb74d', assumed: '#ce93d8', given: '#b0bec5', missing: '#e57373', root: '#90a4ae', derived: '#ffffff' };
function drawCone(r) {
  const label = (n) => n.type === 'equation' ? (n.variant ? '[' + n.variant + '] ' : '') + n.expression
    : n.id + (n.value ? '\n= ' + n.value : (n.unit ? '\n(' + n.unit + ')' : ''));
  const els = [];
  for (const n of r.nodes) {
    const text = label(n);
    const lines = text.split('\n');
    const w = Math.min(300, Math.max(...lines.map((l) => l.length)) * 6.3 + 16);
    const h = lines.length * 15 + 10;
    els.push({ group: 'nodes', data: { ...n, label: text, w, h, kindColour: n.type === 'equation' ? '#fff8c4' : n.target ? '#2e7d32' : KIND_COLOURS[n.kind] || '#fff' } });
  }
  r.edges.forEach((e, i) => els.push({ group: 'edges', data: { id: 'e' + i, source: e.source, target: e.target } }));
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $('cone-graph'), elements: els, layout: { name: 'preset' }, minZoom: 0.05, maxZoom: 3, wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { shape: 'round-rectangle', width: 'data(w)', height: 'data(h)', label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': 300,
        'font-size': 10, 'text-valign': 'center', 'background-color': 'data(kindColour)', 'border-width': 1, 'border-color': '#778' } },
      { selector: 'node[type = "equation"]', style: { shape: 'rectangle', 'font-family': 'monospace', 'font-size': 9, 'border-color': '#c9b200' } },
      { selector: 'node[?target]', style: { color: '#fff', 'font-weight': 'bold', 'border-width': 2 } },
      { selector: 'node[?root]', style: { 'border-width': 3, 'border-color': '#37474f' } },
      { selector: 'node.collapsed', style: { 'border-style': 'dashed', 'border-width': 3 } },
      { selector: 'edge', style: { width: 1, 'line-color': '#9aa4b5', 'target-arrow-color': '#9aa4b5', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.7 } },
    ],
  });
  collapseAll();
  cy.on('tap', 'node', (ev) => {
    const d = ev.target.data();
    $('cone-info').textContent = d.type === 'equation'
      ? `equation ${d.id.slice(3)}\n\n${d.expression}\n${d.variant ? '\nvariant: ' + d.variant + '\n' : ''}\nreference: ${d.reference || '—'}`
      : `${d.id}${d.value ? ' = ' + d.value : ''}\nunit: ${d.unit}\n${d.description || ''}\n\n${d.root ? 'root input' : 'derived'}; ${d.kind}` +
        (d.origin ? `\norigin: ${d.origin}` : '') + (d.source ? `\nsource: ${d.source}` : '');
  });
  cy.on('dbltap', 'node[type = "variable"]', (ev) => toggle(ev.target));
}
// expand/collapse: a cone opens one equation deep; double-click a variable (dashed: more lies beyond it) to open the
// next level, or to fold back what lies beyond it. Each change lays the visible graph out again (dagre).
function upCone() { return $('cone-dir').value === 'up'; }
function near(node) { return upCone() ? node.incomers() : node.outgoers(); }
function beyond(node) { return upCone() ? node.predecessors() : node.successors(); }
function hidden(el) { return el.style('display') === 'none'; }
function expand(node) {
  node.removeClass('collapsed');
  const step1 = near(node);
  step1.style('display', 'element');
  step1.nodes().forEach((eq) => {
    const step2 = near(eq);
    step2.style('display', 'element');
    step2.nodes().forEach((v) => { if (near(v).nodes().some(hidden)) v.addClass('collapsed'); });
  });
}
function collapse(node) {
  node.addClass('collapsed');
  beyond(node).style('display', 'none');
  // what another visible variable still needs stays visible
  cy.nodes('[type = "variable"]').filter((n) => !hidden(n) && !n.hasClass('collapsed')).forEach((n) => {
    if (n.id() !== node.id()) near(n).style('display', 'element');
  });
}
function relayout() {
  const vis = cy.elements().filter((e) => !hidden(e));
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70 });
  g.setDefaultEdgeLabel(() => ({}));
  vis.nodes().forEach((n) => g.setNode(n.id(), { width: n.data('w'), height: n.data('h') }));
  vis.edges().forEach((e) => { if (!hidden(e.source()) && !hidden(e.target())) g.setEdge(e.source().id(), e.target().id()); });
  dagre.layout(g);
  vis.nodes().forEach((n) => { const p = g.node(n.id()); n.position({ x: p.x, y: p.y }); });
  cy.fit(vis, 20);
  $('page-cone').dataset.nodes = String(vis.nodes().length);
}
function toggle(node) {
  if (node.hasClass('collapsed')) expand(node); else if (near(node).nodes().length) collapse(node);
  relayout();
}
function collapseAll() {
  if (!cy) return;
  cy.elements().style('display', 'none');
  cy.nodes().removeClass('collapsed');
  const target = cy.nodes('[?target]');
  target.style('display', 'element');
  expand(target);
  relayout();
}
function expandAll() {
  if (!cy) return;
  cy.elements().style('display', 'element');
  cy.nodes().removeClass('collapsed');
  relayout();
}

// ---- Scenario lab ----
const SCENARIO_FIELDS = [
  ['devices', 'GPU count', 'number'], ['device', 'device', 'select'], ['precision', 'precision', 'select'],
  ['framework', 'framework', 'select'], ['gpu_hour_price', 'price per GPU-hour (USD/h)', 'number'],
  ['region', 'grid region', 'select'], ['pue', 'PUE', 'number'], ['deadline', 'deadline (days)', 'number'],
];
async function renderScenarioForm() {
  if (state.loaded.scenarioForm || !state.plan || !state.plan.plan.chosen) return;
  state.loaded.scenarioForm = true;
  let cat = state.ids;
  if (!cat) { state.ids = cat = await api('GET', 'catalog'); }
  const p = state.plan.plan;
  const opts = {
    device: cat.devices.map((d) => d.id), precision: ['bf16', 'fp16', 'fp8'], framework: ['', ...(cat.frameworks || [])],
    region: cat.regions.map((r) => r.id),
  };
  const current = {
    devices: p.chosen.configuration.devices, device: state.plan.device, precision: p.chosen.configuration.numerics,
    framework: '', gpu_hour_price: '', region: p.macro ? p.macro.region : '', pue: p.macro ? p.macro.values['thermal.dc.pue'].value : '',
    deadline: Number((p.deadline_s / 86400).toPrecision(6)),
  };
  let h = '';
  for (const [k, label, type] of SCENARIO_FIELDS) {
    if (type === 'select') {
      h += `<label>${esc(label)}<select id="sc-${k}" data-key="${k}">` + opts[k].map((o) => `<option${String(o) === String(current[k]) ? ' selected' : ''} value="${esc(o)}">${esc(o || '(as the brief says)')}</option>`).join('') + '</select></label>';
    } else {
      h += `<label>${esc(label)}<input id="sc-${k}" data-key="${k}" type="number" step="any" value="${esc(current[k])}" placeholder="as the brief says"></label>`;
    }
  }
  $('scenario-form').innerHTML = h;
  $('scenario-form').querySelectorAll('input,select').forEach((el) => el.addEventListener('change', runScenario));
  state.baseline = null;
  await runScenario();
}
function scenarioSettings() {
  const set = {};
  $('scenario-form').querySelectorAll('[data-key]').forEach((el) => {
    const k = el.dataset.key; const v = el.value.trim();
    if (v === '') return;
    if (k === 'devices') set[k] = Number(v);
    else if (k === 'pue') set[k] = Number(v);
    else if (k === 'deadline') set[k] = v + ' d';
    else if (k === 'gpu_hour_price') set[k] = v + ' USD/h';
    else set[k] = v;
  });
  return set;
}
let scenarioSeq = 0;
async function runScenario() {
  const seq = ++scenarioSeq;
  showError('scenario-error', null);
  const t0 = performance.now();
  try {
    const r = await api('POST', 'scenario', { yaml: state.yaml, name: state.name, set: scenarioSettings() });
    if (seq !== scenarioSeq) return;
    const ms = performance.now() - t0;
    if (!state.baseline && r.fits) state.baseline = r;
    renderScenario(r, ms);
  } catch (e) { if (seq === scenarioSeq) showError('scenario-error', e); }
}
function renderScenario(r, ms) {
  const FMT = { time_to_train: fmtS, step_time: fmtS, mfu: fmtPct, cost: fmtUsd, energy: fmtJ, carbon: fmtKg, goodput: fmtPct };
  const LABEL = { time_to_train: 'time to train', step_time: 'design step', mfu: 'MFU', cost: 'cost', energy: 'energy (facility)', carbon: 'CO₂', goodput: 'goodput' };
  let h = '';
  if (!r.fits) {
    h = `<p class="miss">No design fits: ${esc(r.reason || '')}</p>`;
  } else {
    h += `<p><b>Design:</b> <span id="sc-design">${esc(r.design)}</span> — ${r.meets_deadline ? '<span class="ok">meets the deadline</span>' : '<span class="miss">misses the deadline</span>'}</p><div class="cards">`;
    for (const [k, n] of Object.entries(r.numbers)) {
      const b = state.baseline && state.baseline.numbers[k].value;
      let d = '';
      if (b != null && n.value != null && b !== 0) {
        const rel = n.value / b - 1;
        const better = (k === 'mfu' || k === 'goodput') ? rel > 0 : rel < 0;
        d = Math.abs(rel) < 1e-12 ? 'unchanged' : `<span class="${better ? 'down' : 'up'}">${rel > 0 ? '+' : ''}${sig(rel * 100, 3)} %</span> from ${esc(FMT[k](b))}`;
      }
      h += `<div class="card" data-key="${k}" data-value="${n.value}"><div class="k">${esc(LABEL[k])}</div><div class="v">${num(FMT[k](n.value), n.variable, n.value, null, true)}</div><div class="d">${d}</div></div>`;
    }
    h += '</div>';
  }
  h += `<p class="note">answered in ${Math.round(ms)} ms (server ${Math.round(r.server_ms)} ms); the first brief of the page is the baseline. Click a number for its explanation in this scenario.</p>`;
  state.scenarioYaml = r.yaml;
  $('scenario-out').innerHTML = h;
}

// ---- Timeline ----
const tl = { data: null, t0: 0, t1: 1, drag: null, job: null, jobs: 0 };
async function simulate() {
  showError('sim-error', null);
  $('sim-go').disabled = true;
  tl.job = `sim-${Date.now()}-${++tl.jobs}`;
  $('sim-cancel').hidden = false;
  $('sim-cancel').disabled = false;
  const started = performance.now();
  const timer = setInterval(() => { $('sim-status').textContent = `simulating… ${((performance.now() - started) / 1000).toFixed(0)} s`; }, 250);
  try {
    const r = await api('POST', 'simulate', { yaml: state.yaml, name: state.name, job: tl.job });
    tl.data = r.timeline;
    const ends = r.timeline.events.map((e) => e[1] + e[2]);
    tl.t0 = 0; tl.t1 = Math.max(...ends, 1); tl.full = tl.t1;
    $('sim-summary').innerHTML = `<div class="cards">${card('simulated step', esc(fmtS(r.execution_time_s)), `analytical ${num(fmtS(r.analytical_step_s), 'design.t_step', r.analytical_step_s)}, gap ${sig(r.gap * 100, 3)} %`)}` +
      card('events', esc(r.events.toLocaleString('en-US')), `${r.ranks_simulated} ranks simulated, ${r.replicas} replicas`) +
      card('MFU (simulated)', esc(fmtPct(r.mfu)), '') + card('peak memory', esc(fmtBytes(r.max_memory.value)), `rank ${r.max_memory.rank}`) + '</div>';
    $('sim-download').href = '/api/trace/' + r.trace_id;
    $('sim-download').hidden = false;
    $('sim-status').textContent = `${r.timeline.events.length.toLocaleString('en-US')} operations on ${r.timeline.lanes.length} lanes (${fmtBytes(r.trace_bytes)} trace)`;
    drawTimeline();
  } catch (e) {
    showError('sim-error', e);
    $('sim-status').textContent = '';
  } finally {
    clearInterval(timer);
    $('sim-go').disabled = false;
    $('sim-cancel').hidden = true;
    tl.job = null;
  }
}
async function cancelSimulation() {
  if (!tl.job) return;
  $('sim-cancel').disabled = true;
  $('sim-status').textContent = 'cancelling…';
  try { await api('POST', 'cancel', { job: tl.job }); } catch (e) { showError('sim-error', e); }
}
const LANE_H = 16; const LABEL_W = 260;
function colourOf(name) {
  if (/^f/i.test(name) || /forward/i.test(name)) return '#4e79a7';
  if (/^b/i.test(name) || /backward/i.test(name)) return '#f28e2b';
  if (/reduce|gather|all|send|recv|p2p/i.test(name)) return '#59a14f';
  let h = 0; for (const c of name) h = (h * 31 + c.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(h) % 360},55%,60%)`;
}
function drawTimeline() {
  const cv = $('timeline'); const d = tl.data;
  if (!d) return;
  const width = cv.clientWidth || 1200;
  cv.width = width; cv.height = Math.max(120, d.lanes.length * LANE_H + 30);
  const ctx = cv.getContext('2d');
  ctx.clearRect(0, 0, cv.width, cv.height);
  ctx.font = '11px system-ui';
  const plotW = width - LABEL_W;
  const scale = plotW / (tl.t1 - tl.t0);
  d.lanes.forEach((name, i) => {
    ctx.fillStyle = i % 2 ? '#f4f6fa' : '#fff'; ctx.fillRect(0, 20 + i * LANE_H, width, LANE_H);
    ctx.fillStyle = '#334'; ctx.fillText(name.length > 44 ? name.slice(0, 43) + '…' : name, 4, 20 + i * LANE_H + 12);
  });
  for (const e of d.events) {
    const x0 = LABEL_W + (e[1] - tl.t0) * scale; const w = e[2] * scale;
    if (x0 + w < LABEL_W || x0 > width) continue;
    ctx.fillStyle = colourOf(d.names[e[3]]);
    ctx.fillRect(Math.max(LABEL_W, x0), 20 + e[0] * LANE_H + 2, Math.max(1, w - (w > 3 ? 0.5 : 0)), LANE_H - 4);
  }
  // time axis
  ctx.fillStyle = '#223';
  for (let k = 0; k <= 8; k++) {
    const t = tl.t0 + (tl.t1 - tl.t0) * k / 8;
    ctx.fillText(fmtS(t / 1e6), LABEL_W + plotW * k / 8 - (k === 8 ? 50 : 0), 13);
  }
  cv.dataset.t0 = tl.t0; cv.dataset.t1 = tl.t1;
}
function timelineEvents() {
  const cv = $('timeline');
  cv.addEventListener('wheel', (ev) => {
    if (!tl.data) return;
    ev.preventDefault();
    const rect = cv.getBoundingClientRect();
    const x = ev.clientX - rect.left - LABEL_W; const plotW = cv.width - LABEL_W;
    const at = tl.t0 + (tl.t1 - tl.t0) * Math.max(0, x) / plotW;
    const f = ev.deltaY < 0 ? 0.8 : 1.25;
    tl.t0 = at - (at - tl.t0) * f; tl.t1 = at + (tl.t1 - at) * f;
    if (tl.t1 - tl.t0 < 1) tl.t1 = tl.t0 + 1;
    drawTimeline();
  }, { passive: false });
  cv.addEventListener('mousedown', (ev) => { tl.drag = { x: ev.clientX, t0: tl.t0, t1: tl.t1 }; cv.style.cursor = 'grabbing'; });
  window.addEventListener('mouseup', () => { tl.drag = null; cv.style.cursor = 'grab'; });
  cv.addEventListener('dblclick', () => { if (tl.data) { tl.t0 = 0; tl.t1 = tl.full; drawTimeline(); } });
  cv.addEventListener('mousemove', (ev) => {
    if (!tl.data) return;
    const rect = cv.getBoundingClientRect(); const plotW = cv.width - LABEL_W;
    if (tl.drag) {
      const dt = (ev.clientX - tl.drag.x) / plotW * (tl.drag.t1 - tl.drag.t0);
      tl.t0 = tl.drag.t0 - dt; tl.t1 = tl.drag.t1 - dt; drawTimeline(); return;
    }
    const x = ev.clientX - rect.left; const y = ev.clientY - rect.top;
    const lane = Math.floor((y - 20) / LANE_H); const t = tl.t0 + (x - LABEL_W) / plotW * (tl.t1 - tl.t0);
    const tip = $('tl-tip');
    const hit = x > LABEL_W && tl.data.events.find((e) => e[0] === lane && e[1] <= t && t <= e[1] + e[2]);
    if (!hit) { tip.hidden = true; return; }
    tip.textContent = `${tl.data.names[hit[3]]} · ${tl.data.lanes[lane]} · start ${fmtS(hit[1] / 1e6)} · ${fmtS(hit[2] / 1e6)}`;
    tip.style.left = Math.min(x + 12, cv.width - 300) + 'px'; tip.style.top = (y + 12) + 'px'; tip.hidden = false;
  });
  cv.addEventListener('mouseleave', () => { $('tl-tip').hidden = true; });
}

// ---- Validation ----
async function loadValidation() {
  state.loaded.validation = true;
  $('val-busy').hidden = false;
  try {
    const v = await api('GET', 'validation');
    renderValidation(v);
  } catch (e) { showError('val-error', e); state.loaded.validation = false; } finally { $('val-busy').hidden = true; }
}
function logTick(v) {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9 ? sig(v) : '';
}
function median(xs) { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null; }
function renderValidation(v) {
  const rows = v.rows.filter((r) => r.predicted != null);
  const sources = [...new Set(rows.map((r) => r.source))];
  const pal = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const lo = Math.min(...rows.map((r) => Math.min(r.measured, r.predicted))) / 1.5;
  const hi = Math.max(...rows.map((r) => Math.max(r.measured, r.predicted))) * 1.5;
  const line = (k, label, dash) => ({ type: 'line', label, data: [{ x: lo, y: lo * k }, { x: hi, y: hi * k }], borderColor: k === 1 ? '#333' : '#999', borderDash: dash, pointRadius: 0, borderWidth: 1 });
  const sets = sources.map((s, i) => ({ type: 'scatter', label: s.length > 60 ? s.slice(0, 58) + '…' : s, data: rows.filter((r) => r.source === s).map((r) => ({ x: r.measured, y: r.predicted, row: r })), backgroundColor: pal[i % 10], pointRadius: 4 }));
  sets.push(line(1, 'predicted = measured', []), line(1.1, '+10 %', [4, 4]), line(0.9, '−10 %', [4, 4]));
  chart('val-chart', {
    data: { datasets: sets },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: {
        x: { type: 'logarithmic', title: { display: true, text: 'measured (the metric each source published: tokens/s, TFLOP/s per GPU, step time, …)' }, ticks: { callback: (v) => logTick(v) } },
        y: { type: 'logarithmic', title: { display: true, text: 'predicted (same unit)' }, ticks: { callback: (v) => logTick(v) } },
      },
      plugins: { title: { display: true, text: `Predicted vs measured: ${rows.length} runs (log–log; the diagonal and ±10 % bands); colour = source, see the table below` }, legend: { display: false },
        tooltip: { callbacks: { label: (c) => c.raw.row ? `${c.raw.row.run_id}: ${sig(c.raw.row.abs_pct_error, 3)} % (${c.raw.row.metric})` : c.dataset.label } } },
      onClick: (ev, els) => { const e = els.find((x) => sets[x.datasetIndex].data[x.index].row); if (e) showRow(sets[e.datasetIndex].data[e.index].row); },
    },
  });
  const s = v.summary;
  let h = `<p>${esc(v.files.join(', '))}: median |error| <b>${sig(s.median_abs_pct_error, 3)} %</b>, p90 ${sig(s.p90_abs_pct_error, 3)} %, ${s.coverage.inside} of ${s.coverage.predicted} inside their P10–P90 interval.</p>`;
  h += '<h3>Error by source (%)</h3><table><tr><th></th><th class="l">source</th><th>rows</th><th>median</th><th>mean</th><th>p90</th><th>max</th></tr>';
  for (const [k, e] of Object.entries(s.by_source)) h += `<tr><td><i class="swatch" style="background:${sources.includes(k) ? pal[sources.indexOf(k) % 10] : 'transparent'}"></i></td><td class="l">${esc(k)}</td><td>${e.rows}</td><td>${e.median_abs_pct_error == null ? '—' : sig(e.median_abs_pct_error, 3)}</td><td>${e.mean_abs_pct_error == null ? '—' : sig(e.mean_abs_pct_error, 3)}</td><td>${e.p90_abs_pct_error == null ? '—' : sig(e.p90_abs_pct_error, 3)}</td><td>${e.max_abs_pct_error == null ? '—' : sig(e.max_abs_pct_error, 3)}</td></tr>`;
  h += '</table><h3>Error by regime (%)</h3><table><tr><th class="l">regime</th><th>rows</th><th>median |error|</th><th>inside P10–P90</th></tr>';
  const regimes = {};
  rows.forEach((r) => { (regimes[r.regime] = regimes[r.regime] || []).push(r); });
  for (const [k, rs] of Object.entries(regimes).sort()) h += `<tr><td class="l">${esc(k)}</td><td>${rs.length}</td><td>${sig(median(rs.map((r) => r.abs_pct_error)), 3)}</td><td>${rs.filter((r) => r.interval.inside).length}</td></tr>`;
  h += '</table><h3>Runs</h3><table id="val-rows"><tr><th class="l">run</th><th class="l">metric</th><th>measured</th><th>predicted</th><th>|error| %</th><th class="l">regime</th><th class="l">notes</th></tr>';
  v.rows.forEach((r) => {
    h += `<tr id="run-${esc(r.run_id)}" data-run="${esc(r.run_id)}"><td class="l">${esc(r.run_id)}</td>` + (r.predicted != null
      ? `<td class="l">${esc(r.metric)}</td><td>${sig(r.measured)} ${esc(r.unit)}</td><td>${sig(r.predicted)}</td><td>${sig(r.abs_pct_error, 3)}</td><td class="l">${esc(r.regime)}</td>`
      : `<td class="l" colspan="5">skipped: ${esc(r.skipped)}</td>`) + `<td class="l">${esc((r.notes || []).length)} note(s)</td></tr>`;
  });
  $('val-out').innerHTML = h + '</table>';
  $('val-rows').addEventListener('click', (ev) => { const tr = ev.target.closest('tr[data-run]'); if (tr) showRow(v.rows.find((r) => r.run_id === tr.dataset.run)); });
}
function showRow(r) {
  document.querySelectorAll('#val-rows tr.hl').forEach((x) => x.classList.remove('hl'));
  const tr = document.getElementById('run-' + r.run_id);
  if (tr) { tr.classList.add('hl'); }
  $('explain-title').textContent = r.run_id;
  $('explain').hidden = false;
  $('explain-text').textContent = `${r.run_id} — ${r.source}\n\n` + (r.predicted != null
    ? `${r.metric}: measured ${sig(r.measured)} ${r.unit}, predicted ${sig(r.predicted)} (|error| ${sig(r.abs_pct_error, 3)} %), framework ${r.framework}, regime ${r.regime}, P10–P90 ${sig(r.interval.p10)}–${sig(r.interval.p90)}\n`
    : `skipped: ${r.skipped}\n`) + ((r.notes || []).length ? '\nassumptions and notes:\n  ' + r.notes.join('\n  ') : '\nno assumption notes')
    + (r.ledger ? '\n\npredicted step ledger (s):\n' + Object.entries(r.ledger).map(([k, v]) => `  ${k.padEnd(14)} ${fmtS(v)}`).join('\n') : '');
}

// ---- Catalog ----
async function loadCatalog() {
  state.loaded.catalog = true;
  try {
    const c = state.ids || await api('GET', 'catalog');
    state.ids = c;
    renderCatalog(c);
  } catch (e) { showError('cat-error', e); state.loaded.catalog = false; }
}
function badge(src, sources) {
  if (!src) return '<span class="badge est" title="no source: root debt">no source</span>';
  const s = (sources || []).find((x) => x.id === src);
  const title = s ? `${s.title} (${s.kind.toLowerCase()}, ${s.date || 'undated'})${s.url ? ' ' + s.url : ''}` : src;
  return `<span class="badge${s && s.estimate ? ' est' : ''}" title="${esc(title)}">${esc(src)}${s && s.estimate ? ' (estimate)' : ''}</span>`;
}
function renderCatalog(c) {
  let h = '<p class="note">Every number with its source (hover a badge for the title, kind, date and URL); an estimate is marked.</p>';
  for (const kind of ['devices', 'models', 'fabrics']) {
    h += `<h2>${kind} (${c[kind].length})</h2><div class="catalog-grid">`;
    for (const it of c[kind]) {
      h += `<div class="card" data-id="${esc(it.id)}"><b>${esc(it.id)}</b>${it.name ? ' — ' + esc(it.name) : ''}<table>`;
      const order = ['bf16', 'fp16', 'fp8', 'fp4', 'tf32', 'fp32', 'fp64', 'int8'];
      const rank = (k) => (order.includes(k) ? order.indexOf(k) : order.length);
      for (const [k, v] of Object.entries(it).sort((a, b) => rank(a[0]) - rank(b[0]))) {
        if (k === 'id' || k === 'sources' || k === 'name') continue;
        if (v && typeof v === 'object' && 'as_given' in v) {
          h += `<tr><td class="l">${esc(k)}</td><td class="l"><span${v.note ? ` class="noted" title="${esc(v.note)}"` : ''}>${esc(v.as_given)}</span>${badge(v.source, it.sources)}</td></tr>`;
        } else if (v == null || typeof v !== 'object') {
          h += `<tr><td class="l">${esc(k)}</td><td class="l">${esc(typeof v === 'number' ? sig(v) : v)}</td></tr>`;
        }
      }
      h += `</table><div class="note">sources: ${(it.sources || []).map((s) => badge(s.id, it.sources)).join(' ')}</div></div>`;
    }
    h += '</div>';
  }
  h += `<h2>regions (${c.regions.length})</h2><table><tr><th class="l">id</th><th class="l">name</th><th>grid carbon</th><th>energy price</th></tr>`;
  for (const r of c.regions) {
    h += `<tr><td class="l">${esc(r.id)}</td><td class="l">${esc(r.name)}</td><td>${esc(r.carbon)} <span class="badge" title="${esc(r.carbon_source)}">${esc(r.carbon_source.split(':')[0])}</span></td><td>${esc(r.price || '—')}${r.price_source ? ` <span class="badge">${esc(r.price_source)}</span>` : ''}</td></tr>`;
  }
  $('cat-out').innerHTML = h + '</table>';
}

// ---- wiring ----
$('cone-go').addEventListener('click', showCone);
$('cone-q').addEventListener('input', coneSuggest);
$('cone-q').addEventListener('keydown', (e) => { if (e.key === 'Enter') showCone(); });
$('cone-collapse').addEventListener('click', collapseAll);
$('cone-expand').addEventListener('click', expandAll);
$('sim-go').addEventListener('click', simulate);
$('sim-cancel').addEventListener('click', cancelSimulation);
timelineEvents();
window.addEventListener('resize', drawTimeline);
init().catch((e) => showError('plan-error', e));
