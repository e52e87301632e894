// The playground page: the setup (kept in the address bar), the session, the frame stream and the controls.
import { buildNetwork } from './network.js';
import { renderInspection } from './inspector.js';
import { drawBoundary, drawLossChart, drawPoints, drawThumbnail, formatNumber } from './view.js';

const $ = id => document.getElementById(id);
const SESSION_KEY = 'perceptron-playground-session';
const DEFAULTS = {
  data: 'circles', noise: 0, trainPercent: 50, batchSize: 10, layers: [4], activation: 'tanh', optimizer: 'adam',
  learningRate: 0.03, regularization: 'none', regularizationRate: 0, problem: 'classification', features: ['x1', 'x2'],
  dropout: 0, initializer: 'auto', seed: 1, epochs: 100000, scaling: 'none',
};
const LIST_KEYS = new Set(['layers', 'features']);
const NUMBER_KEYS = new Set(['noise', 'trainPercent', 'batchSize', 'learningRate', 'regularizationRate', 'dropout', 'seed', 'epochs']);

let setup = fromUrl();
let state = null;       // the session's state (setup, data, history, choices)
let history = [];
let frame = null;
let network = null;
let events = null;
let inspecting = null;  // { layer, unit, from }
let inspections = 0;    // the number of the latest inspect request
let run = -1;
let lastBoundary = null; // the last output picture, redrawn when a view option changes

// ---- the setup in the address bar

function fromUrl() {
  const query = new URLSearchParams(location.search);
  const result = { ...DEFAULTS };
  for (const [key, fallback] of Object.entries(DEFAULTS)) {
    if (!query.has(key)) continue;
    const text = query.get(key);
    if (LIST_KEYS.has(key)) result[key] = text === '' ? [] : text.split(',').map(v => key === 'layers' ? Number(v) : v);
    else if (NUMBER_KEYS.has(key)) result[key] = Number.isFinite(Number(text)) ? Number(text) : fallback;
    else result[key] = text;
  }
  return result;
}

function toUrl() {
  const query = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS)) query.set(key, LIST_KEYS.has(key) ? setup[key].join(',') : String(setup[key]));
  window.history.replaceState(null, '', `?${query}`);
}

// ---- the server

async function api(path, options = {}) {
  const response = await fetch(`/api/sessions${path}`, { headers: { 'Content-Type': 'application/json' }, ...options });
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = new Error(body?.error ?? `The server answered ${response.status}.`);
    error.status = response.status;
    throw error;
  }
  return body;
}

async function start() {
  const saved = sessionStorage.getItem(SESSION_KEY);
  if (saved) {
    try {
      show(await api(`/${saved}`));
      return;
    } catch (error) {
      if (error.status !== 404) throw error;
    }
  }
  try {
    show(await api('', { method: 'POST', body: JSON.stringify(setup) }));
  } catch (error) {
    if (error.status !== 400) throw error;
    // A link with a setup this server refuses: say why, and start from the defaults.
    $('runMessage').textContent = error.message;
    setup = { ...DEFAULTS };
    show(await api('', { method: 'POST', body: JSON.stringify(setup) }));
  }
}

function sessionPath(suffix = '') { return `/${state.id}${suffix}`; }

async function command(name, query = '') {
  try {
    await api(sessionPath(`/${name}${query}`), { method: 'POST' });
  } catch (error) {
    await recover(error);
  }
}

async function changeSetup(patch) {
  setup = { ...setup, ...patch };
  toUrl();
  document.body.dataset.busy = 'setup';
  try {
    show(await api(sessionPath('/setup'), { method: 'POST', body: JSON.stringify(setup) }));
    $('runMessage').textContent = '';
  } catch (error) {
    if (error.status === 400) $('runMessage').textContent = error.message;
    else await recover(error);
  } finally {
    delete document.body.dataset.busy;
  }
}

async function recover(error) {
  if (error.status === 404) {
    sessionStorage.removeItem(SESSION_KEY);
    await start();
  } else {
    $('runMessage').textContent = error.message;
  }
}

function listen() {
  events?.close();
  events = new EventSource(`/api/sessions/${state.id}/events`);
  events.onmessage = message => onFrame(JSON.parse(message.data));
  events.onerror = async () => {
    if (events.readyState === EventSource.CLOSED) {
      // The stream was refused: the session is gone (idle, evicted, restarted server). Start afresh.
      try { await api(sessionPath()); listen(); } catch (error) { await recover(error); }
    }
  };
}

// ---- state and frames

function show(newState) {
  state = newState;
  sessionStorage.setItem(SESSION_KEY, state.id);
  setup = { ...DEFAULTS, ...state.setup };
  toUrl();
  history = state.history.slice();
  run = -1;
  fillControls();
  buildDiagram();
  drawPlane();
  if (inspecting) inspect();
  listen();
}

function onFrame(next) {
  if (next.run !== run) {
    if (run !== -1) {
      // A new run started (another tab of the same session, or a reset): take its data and history.
      run = next.run;
      api(sessionPath()).then(s => { state = s; history = s.history.slice(); buildDiagram(); drawPlane(); }).catch(recover);
    }
    run = next.run;
  }
  frame = next;
  const playing = next.state === 'running';
  $('play').firstElementChild.className = playing ? 'icon pause' : 'icon play';
  $('play').classList.toggle('playing', playing);
  $('play').setAttribute('aria-label', playing ? 'Pause' : 'Play');
  $('play').dataset.state = next.state;
  $('play').dataset.run = next.run;
  $('epoch').textContent = String(next.epoch ?? 0).padStart(6, '0').replace(/(\d{3})$/, ',$1');
  $('epoch').dataset.value = next.epoch ?? 0;
  $('steps').textContent = `step ${next.step ?? 0}`;
  $('runMessage').textContent = next.state === 'error' || next.state === 'diverged' ? next.message : '';
  if (next.state === 'error') return;
  $('testLoss').textContent = next.testLoss.toFixed(3);
  $('testLoss').dataset.value = next.testLoss;
  $('trainLoss').textContent = next.trainLoss.toFixed(3);
  $('trainLoss').dataset.value = next.trainLoss;
  $('accuracyRow').hidden = next.testAccuracy === undefined;
  if (next.testAccuracy !== undefined) $('testAccuracy').textContent = `${(next.testAccuracy * 100).toFixed(1)} %`;
  for (const point of next.points ?? []) {
    if (!history.length || history[history.length - 1][0] < point[0]) history.push(point);
  }
  drawLossChart($('lossChart'), history);
  network?.update(next);
  if (next.boundary) {
    lastBoundary = next.boundary;
    drawBoundary($('boundary'), next.boundary, $('discretize').checked);
  }
  drawConfusion(next.confusion);
  if (inspecting && next.state !== 'running') inspect();
}

// ---- controls

function fillControls() {
  const options = (id, values, label = v => v) => {
    const select = $(id);
    select.replaceChildren(...values.map(v => new Option(label(v), v)));
  };
  options('learningRate', [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
  options('regularizationRate', [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
  options('dropout', [0, 0.1, 0.2, 0.3, 0.5]);
  options('activation', state.choices.activations);
  options('optimizer', state.choices.optimizers);
  options('initializer', state.choices.initializers);
  for (const id of ['learningRate', 'regularizationRate', 'dropout', 'activation', 'optimizer', 'initializer', 'regularization', 'problem']) {
    const select = $(id);
    if (![...select.options].some(o => o.value === String(setup[id]))) select.append(new Option(String(setup[id]), setup[id]));
    select.value = String(setup[id]);
  }
  $('seed').value = setup.seed;
  $('epochs').value = setup.epochs;
  for (const id of ['trainPercent', 'noise', 'batchSize']) {
    $(id).value = setup[id];
    $(`${id}Value`).textContent = id === 'noise' ? setup.noise : setup[id];
  }
  const csv = setup.data === 'csv';
  $('noise').disabled = csv;
  $('problem').disabled = csv;
  $('datasets').replaceChildren(...state.choices.datasets.map(name => {
    const button = document.createElement('button');
    button.className = 'dataset' + (setup.data === name ? ' selected' : '');
    button.title = name;
    button.id = `dataset-${name}`;
    button.setAttribute('aria-label', `Data set ${name}`);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 54;
    button.append(canvas);
    drawThumbnail(canvas, name);
    button.addEventListener('click', () => changeSetup({
      data: name, scaling: 'none', problem: name === 'plane' ? 'regression' : 'classification',
      trainPercent: setup.data === 'csv' ? 50 : setup.trainPercent,
      features: setup.features.length ? setup.features : ['x1', 'x2'],
    }));
    return button;
  }));
  if (state.upload) {
    const button = document.createElement('button');
    button.className = 'dataset csv' + (csv ? ' selected' : '');
    button.id = 'dataset-csv';
    button.textContent = state.upload.name;
    button.title = `${state.upload.name}: ${state.upload.rows} rows, ${state.upload.features} features`;
    button.addEventListener('click', () => changeSetup({ data: 'csv', scaling: 'standard', problem: state.upload.task, trainPercent: 80 }));
    $('datasets').append(button);
    $('uploadStatus').textContent = `${state.upload.name}: ${state.upload.rows} rows, ${state.upload.features} features, ${state.upload.task}.`;
  }
  $('layerCount').textContent = `${setup.layers.length} hidden layer${setup.layers.length === 1 ? '' : 's'}`;
  $('downloadModel').href = `/api/sessions/${state.id}/model`;
  $('downloadOnnx').href = `/api/sessions/${state.id}/model.onnx`;
}

function buildDiagram() {
  const data = state.data;
  if (!data) { $('network').replaceChildren(); network = null; return; }
  const planeFeatures = setup.data !== 'csv';
  const inputs = planeFeatures
    ? state.choices.features.map(f => ({ name: f.name, label: f.label, active: setup.features.includes(f.name) }))
    : data.features.map(name => ({ name, label: name, active: true }));
  const outputs = data.task === 'regression' ? [data.target] : data.classes.length === 2 && planeFeatures ? ['−1', '+1'] : data.classes;
  network = buildNetwork($('network'), {
    inputs, planeFeatures, hidden: setup.layers, outputs, plane: data.plane,
    onToggleFeature: name => {
      const features = state.choices.features.map(f => f.name)
        .filter(f => f === name ? !setup.features.includes(f) : setup.features.includes(f));
      if (features.length) changeSetup({ features });
    },
    onUnit: (layer, unit) => { inspecting = { layer, unit }; inspect(); },
    onWeight: (layer, from, unit) => { inspecting = { layer, unit, from }; inspect(); },
    onUnits: (l, delta) => {
      const layers = setup.layers.slice();
      layers[l] = Math.max(1, Math.min(state.limits.maxUnits, layers[l] + delta));
      changeSetup({ layers });
    },
  });
  if (frame && frame.run === run) network.update(frame);
}

function drawPlane() {
  const plane = state.data?.plane;
  $('plane').hidden = !plane;
  $('noPlane').hidden = !!plane || !state.data;
  if (plane) drawPoints($('points'), plane, state.data.task, state.data.classes ?? [], $('showTest').checked);
}

function drawConfusion(confusion) {
  const box = $('confusion');
  if (!confusion || setup.data !== 'csv') { box.replaceChildren(); return; }
  const classes = state.data.classes;
  const table = document.createElement('table');
  const head = table.insertRow();
  head.append(Object.assign(document.createElement('th'), { textContent: 'true \\ predicted' }),
    ...classes.map(c => Object.assign(document.createElement('th'), { textContent: c })));
  confusion.forEach((row, t) => {
    const tr = table.insertRow();
    tr.append(Object.assign(document.createElement('th'), { textContent: classes[t] }));
    row.forEach(count => { tr.insertCell().textContent = count; });
  });
  const caption = table.createCaption();
  caption.textContent = 'Test confusion matrix';
  box.replaceChildren(table);
}

async function inspect() {
  if (!inspecting || !state) return;
  $('inspector').hidden = false;
  network?.select(inspecting.layer, inspecting.unit, inspecting.from);
  const set = $('sampleSet').value, sample = Math.max(0, Number($('sampleIndex').value) || 0);
  // Requests can overtake each other (a click, then a new sample, in quick succession): only the latest may render.
  const ticket = ++inspections;
  try {
    const result = await api(sessionPath(`/inspect?layer=${inspecting.layer}&unit=${inspecting.unit}&set=${set}&sample=${sample}`));
    if (ticket === inspections) renderInspection($('inspectorBody'), $('inspectorTitle'), result, inspecting.from);
  } catch (error) {
    if (ticket === inspections) $('inspectorBody').textContent = error.message;
  }
}

async function upload(event) {
  event.preventDefault();
  const file = $('file').files[0];
  $('uploadError').textContent = '';
  $('uploadStatus').textContent = '';
  if (!file) { $('uploadError').textContent = 'Choose a CSV file first.'; return; }
  if (file.size > state.limits.maxUploadBytes) {
    $('uploadError').textContent = `${file.name} is larger than ${(state.limits.maxUploadBytes / 1048576).toFixed(0)} MB, the playground's upload limit.`;
    return;
  }
  const query = new URLSearchParams({ name: file.name, target: $('target').value, task: $('task').value });
  document.body.dataset.busy = 'upload';
  try {
    const response = await fetch(`/api/sessions/${state.id}/upload?${query}`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: file });
    const body = await response.json();
    if (!response.ok) { $('uploadError').textContent = body.error; return; }
    show(body);
  } catch (error) {
    $('uploadError').textContent = error.message;
  } finally {
    delete document.body.dataset.busy;
  }
}

function wire() {
  $('play').addEventListener('click', () => command($('play').dataset.state === 'running' ? 'pause' : 'play'));
  $('step').addEventListener('click', () => command('step'));
  $('reset').addEventListener('click', () => command('reset'));
  for (const id of ['learningRate', 'regularizationRate', 'dropout']) $(id).addEventListener('change', () => changeSetup({ [id]: Number($(id).value) }));
  for (const id of ['activation', 'optimizer', 'initializer', 'regularization', 'problem']) $(id).addEventListener('change', () => changeSetup({ [id]: $(id).value }));
  for (const id of ['seed', 'epochs']) $(id).addEventListener('change', () => changeSetup({ [id]: Math.trunc(Number($(id).value)) }));
  for (const id of ['trainPercent', 'noise', 'batchSize']) {
    $(id).addEventListener('input', () => { $(`${id}Value`).textContent = $(id).value; });
    $(id).addEventListener('change', () => changeSetup({ [id]: Number($(id).value) }));
  }
  $('regenerate').addEventListener('click', () => changeSetup({ seed: setup.seed + 1 }));
  $('addLayer').addEventListener('click', () => { if (setup.layers.length < state.limits.maxLayers) changeSetup({ layers: [...setup.layers, 2] }); });
  $('removeLayer').addEventListener('click', () => { if (setup.layers.length > 0) changeSetup({ layers: setup.layers.slice(0, -1) }); });
  $('showTest').addEventListener('change', drawPlane);
  $('discretize').addEventListener('change', () => { if (lastBoundary) drawBoundary($('boundary'), lastBoundary, $('discretize').checked); });
  $('upload').addEventListener('submit', upload);
  $('sampleSet').addEventListener('change', inspect);
  $('sampleIndex').addEventListener('change', inspect);
  $('closeInspector').addEventListener('click', () => { inspecting = null; $('inspector').hidden = true; network?.select(-1, -1); });
  window.addEventListener('resize', () => { network?.layout(); if (frame) network?.update(frame); });
}

wire();
start().catch(error => { $('runMessage').textContent = error.message; });
