// The network diagram: a column per layer, a picture per unit, a line per weight (width and colour show the value).
import { cssColour, drawFeature, drawHeat, FEATURE_FUNCTIONS } from './view.js';

const SVG = 'http://www.w3.org/2000/svg';
export const MAX_DRAWN_UNITS = 8;
export const MAX_DRAWN_INPUTS = 12;

/**
 * Builds the diagram. `spec` = { inputs: [{name, label, active}], planeFeatures: bool, hidden: [units], outputs: [labels],
 * plane, onToggleFeature, onUnit(layer, unit), onWeight(layer, from, unit), onUnits(layerIndex, delta) }.
 * Returns an object whose update(frame) redraws pictures and weights.
 */
export function buildNetwork(container, spec) {
  container.replaceChildren();
  const svg = document.createElementNS(SVG, 'svg');
  container.append(svg);
  const columns = [];   // per column: the unit elements that carry weights (inputs: active only)

  // inputs
  const inputColumn = column(container, spec.planeFeatures ? 'Features' : `Inputs (${spec.inputs.length})`);
  const activeInputs = [];
  spec.inputs.slice(0, MAX_DRAWN_INPUTS).forEach(input => {
    const unit = document.createElement('button');
    unit.className = 'unit feature' + (input.active ? '' : ' off') + (spec.planeFeatures ? '' : ' plain');
    unit.title = spec.planeFeatures ? `${input.label}: click to ${input.active ? 'remove' : 'add'} this feature` : input.name;
    unit.dataset.feature = input.name;
    if (spec.planeFeatures) {
      const canvas = sized(document.createElement('canvas'), 40);
      unit.append(canvas);
      drawFeature(canvas, FEATURE_FUNCTIONS[input.name], spec.plane);
      unit.addEventListener('click', () => spec.onToggleFeature(input.name));
    } else {
      unit.textContent = input.name.length > 6 ? input.name.slice(0, 5) + '…' : input.name;
    }
    const caption = document.createElement('span');
    caption.className = 'caption';
    caption.textContent = spec.planeFeatures ? input.label : '';
    unit.append(caption);
    inputColumn.append(unit);
    if (input.active) activeInputs.push(unit);
  });
  if (spec.inputs.length > MAX_DRAWN_INPUTS) more(inputColumn, spec.inputs.length - MAX_DRAWN_INPUTS);
  columns.push(activeInputs);

  // hidden layers
  spec.hidden.forEach((units, l) => {
    const title = document.createElement('div');
    const buttons = document.createElement('span');
    buttons.className = 'units';
    buttons.append(roundButton('+', `Add a unit to layer ${l + 1}`, `addUnit${l + 1}`, () => spec.onUnits(l, +1)),
      roundButton('−', `Remove a unit from layer ${l + 1}`, `removeUnit${l + 1}`, () => spec.onUnits(l, -1)));
    title.append(buttons, document.createTextNode(`${units} unit${units === 1 ? '' : 's'}`));
    const layerColumn = column(container, title);
    const drawn = [];
    for (let u = 0; u < Math.min(units, MAX_DRAWN_UNITS); u++) {
      const unit = unitButton(`Layer ${l + 1}, unit ${u + 1}: click for its numbers`, l + 1, u, spec);
      if (spec.plane) unit.append(sized(document.createElement('canvas'), 40));
      else { unit.classList.add('plain'); unit.textContent = `${u + 1}`; }
      layerColumn.append(unit);
      drawn.push(unit);
    }
    if (units > MAX_DRAWN_UNITS) more(layerColumn, units - MAX_DRAWN_UNITS);
    columns.push(drawn);
  });

  // output
  const outputColumn = column(container, 'Output');
  const outputs = spec.outputs.map((label, u) => {
    const unit = unitButton(`Output ${label}: click for its numbers`, spec.hidden.length + 1, u, spec);
    unit.classList.add('output', 'plain', `class${u}`);
    unit.textContent = label;
    outputColumn.append(unit);
    return unit;
  });
  columns.push(outputs);

  // weights: one curve per drawn pair, with a wide invisible twin to make thin lines clickable
  const lines = new Map();
  const layout = () => {
    svg.replaceChildren();
    lines.clear();
    const box = container.getBoundingClientRect();
    for (let c = 0; c + 1 < columns.length; c++) {
      columns[c].forEach((from, i) => columns[c + 1].forEach((to, j) => {
        const a = from.getBoundingClientRect(), b = to.getBoundingClientRect();
        const x1 = a.right - box.left, y1 = a.top + a.height / 2 - box.top, x2 = b.left - box.left, y2 = b.top + b.height / 2 - box.top;
        const d = `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
        const hit = document.createElementNS(SVG, 'path');
        hit.setAttribute('d', d);
        hit.setAttribute('class', 'weight-hit');
        hit.dataset.layer = c + 1;
        hit.dataset.from = i;
        hit.dataset.unit = j;
        hit.addEventListener('click', () => spec.onWeight(c + 1, i, j));
        const path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', d);
        path.setAttribute('class', 'weight');
        path.setAttribute('stroke', '#ccc');
        const title = document.createElementNS(SVG, 'title');
        hit.append(title);
        svg.append(hit, path);
        lines.set(`${c + 1}:${i}:${j}`, { path, title });
      }));
    }
  };
  layout();

  return {
    layout,
    select(layer, unit, from) {
      container.querySelectorAll('.selected').forEach(e => e.classList.remove('selected'));
      columns[layer]?.[unit]?.classList.add('selected');
      if (from !== undefined) lines.get(`${layer}:${from}:${unit}`)?.path.classList.add('selected');
    },
    update(frame) {
      if (!frame.layers) return;
      frame.layers.forEach((layer, l) => {
        for (const [key, line] of lines) {
          const [c, i, j] = key.split(':').map(Number);
          if (c !== l + 1) continue;
          const w = layer.weights[i * layer.units + j];
          line.path.setAttribute('stroke', cssColour(w));
          line.path.setAttribute('stroke-width', (0.6 + Math.min(Math.abs(w), 4) * 1.6).toFixed(2));
          line.title.textContent = `weight ${w.toFixed(4)}`;
        }
      });
      if (frame.units) {
        frame.units.layers.forEach((pictures, l) => pictures.forEach((values, u) => {
          const canvas = columns[l + 1]?.[u]?.querySelector('canvas');
          if (canvas) drawHeat(canvas, values, frame.units.size);
        }));
      }
    },
  };
}

function column(container, title) {
  const element = document.createElement('div');
  element.className = 'layer';
  const head = document.createElement('div');
  head.className = 'layer-title';
  if (typeof title === 'string') head.textContent = title; else head.append(title);
  element.append(head);
  container.append(element);
  return element;
}

function unitButton(title, layer, unit, spec) {
  const element = document.createElement('button');
  element.className = 'unit';
  element.title = title;
  element.dataset.layer = layer;
  element.dataset.unit = unit;
  element.addEventListener('click', () => spec.onUnit(layer, unit));
  return element;
}

function roundButton(text, title, id, action) {
  const button = document.createElement('button');
  button.className = 'round tiny';
  button.textContent = text;
  button.title = title;
  button.id = id;
  button.addEventListener('click', action);
  return button;
}

function more(columnElement, count) {
  const note = document.createElement('span');
  note.className = 'more';
  note.textContent = `+${count} more`;
  columnElement.append(note);
}

function sized(canvas, size) {
  canvas.width = canvas.height = size;
  return canvas;
}
