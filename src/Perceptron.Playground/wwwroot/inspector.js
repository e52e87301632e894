// The unit inspector: every number of one unit for one sample, with formulas and links to the engine's lines.
import { formatNumber } from './view.js';

export function renderInspection(body, title, result, highlightFrom) {
  const n = result.numbers;
  const where = n.isOutput ? `Output unit ${n.unit + 1}` : `Layer ${n.layer}, unit ${n.unit + 1}`;
  title.textContent = `${where} (${n.activation}) · epoch ${result.epoch}, step ${result.step}`;
  body.replaceChildren();

  const sample = document.createElement('p');
  sample.className = 'hint';
  sample.id = 'inspectSample';
  sample.textContent = `Sample ${result.sample.index} of the ${result.sample.set} set: ` +
    result.sample.features.map(f => `${f.name} = ${formatNumber(f.value)}`).join(', ') + ` → label ${result.sample.label}. ` +
    'Values at the current weights; dropout is off (inference).';
  body.append(sample);

  const grid = document.createElement('div');
  grid.className = 'numbers';
  for (const [key, label, value, formula] of [
    ['h', 'h (pre-activation)', n.h, n.formulas.h],
    ['a', 'a (output)', n.a, n.formulas.a],
    ['delta', 'δ = ∂L/∂h', n.delta, n.formulas.delta],
    ['loss', 'loss of this sample', n.loss, 'L for this one sample'],
  ]) {
    const cell = document.createElement('div');
    const name = document.createElement('b');
    name.textContent = label;
    const output = document.createElement('output');
    output.id = `inspect-${key}`;
    output.dataset.value = value;
    output.textContent = formatNumber(value);
    const small = document.createElement('small');
    small.textContent = formula;
    cell.append(name, output, small);
    grid.append(cell);
  }
  body.append(grid);

  const formulas = document.createElement('p');
  formulas.className = 'hint';
  formulas.textContent = `${n.formulas.gradient}.  ${n.formulas.update}.`;
  body.append(formulas);

  const table = document.createElement('table');
  table.className = 'params';
  table.id = 'inspectParams';
  const head = table.createTHead().insertRow();
  for (const text of ['from', 'input aᵢ', 'weight w', '∂L/∂w (this sample)', 'last update Δw']) {
    const th = document.createElement('th');
    th.textContent = text;
    head.append(th);
  }
  const rows = table.createTBody();
  [...n.weights, n.bias].forEach((p, i) => {
    const row = rows.insertRow();
    row.dataset.from = p.from;
    if (i === highlightFrom) row.classList.add('selected');
    for (const [cls, value] of [['from', p.from], ['input', p.input], ['value', p.value], ['gradient', p.gradient], ['update', p.lastUpdate]]) {
      const cell = row.insertCell();
      cell.className = cls;
      if (cls === 'from') cell.textContent = value;
      else { cell.dataset.value = value; cell.textContent = formatNumber(value); }
    }
  });
  body.append(table);

  const sources = document.createElement('ul');
  sources.className = 'sources';
  for (const s of result.sources) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = s.url;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = `${s.file}:${s.line}`;
    item.append(`${s.label}: `, link);
    sources.append(item);
  }
  const heading = document.createElement('h3');
  heading.textContent = 'Where the engine computes it';
  body.append(heading, sources);
}
