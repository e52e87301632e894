// Drawing: colour scale, heat maps, the data-set thumbnails, the loss chart, the plane and its points.

const ORANGE = [245, 147, 34], MIDDLE = [232, 234, 235], BLUE = [8, 119, 189];

/** The playground's colour for a value in [-1, 1]: orange (negative) through light grey to blue (positive). */
export function colour(value) {
  const v = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const [from, to, t] = v < 0 ? [MIDDLE, ORANGE, -v] : [MIDDLE, BLUE, v];
  return [0, 1, 2].map(i => Math.round(from[i] + (to[i] - from[i]) * t));
}

export function cssColour(value) {
  const [r, g, b] = colour(value);
  return `rgb(${r}, ${g}, ${b})`;
}

const scratch = new Map();

/** Draws a size×size grid of values (row 0 at the top) onto a canvas, smoothly scaled. */
export function drawHeat(canvas, values, size, scale = 1) {
  let small = scratch.get(size);
  if (!small) {
    small = document.createElement('canvas');
    small.width = small.height = size;
    scratch.set(size, small);
  }
  const context = small.getContext('2d');
  const image = context.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const [r, g, b] = colour(values[i] / scale);
    image.data.set([r, g, b, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
  const target = canvas.getContext('2d');
  target.imageSmoothingEnabled = true;
  target.clearRect(0, 0, canvas.width, canvas.height);
  target.drawImage(small, 0, 0, canvas.width, canvas.height);
}

/** Colours for more than two classes. */
export const CLASS_COLOURS = ['#f59322', '#0877bd', '#2ca02c', '#9467bd', '#d62728', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/**
 * Draws the output picture: p(+1) in [-1, 1], a regression value, or predicted classes. With discretize, a binary
 * output shows only the predicted class (the sign of 2p − 1), as the TensorFlow Playground's checkbox does.
 */
export function drawBoundary(canvas, boundary, discretize = false) {
  if (boundary.kind !== 'classes') {
    const values = discretize && boundary.kind === 'binary' ? boundary.values.map(Math.sign) : boundary.values;
    drawHeat(canvas, values, boundary.size);
    return;
  }
  const context = canvas.getContext('2d');
  const cell = canvas.width / boundary.size;
  for (let i = 0; i < boundary.values.length; i++) {
    context.fillStyle = CLASS_COLOURS[boundary.values[i] % CLASS_COLOURS.length];
    context.globalAlpha = 0.55;
    context.fillRect((i % boundary.size) * cell, Math.floor(i / boundary.size) * cell, cell + 0.5, cell + 0.5);
  }
  context.globalAlpha = 1;
}

/** Draws the data points over the plane: training points with a white ring, test points with a dark one. */
export function drawPoints(canvas, plane, task, classes, showTest) {
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, canvas.width, canvas.height);
  const toX = x => (x - plane.minX1) / (plane.maxX1 - plane.minX1) * canvas.width;
  const toY = y => (plane.maxX2 - y) / (plane.maxX2 - plane.minX2) * canvas.height;
  const fill = label => task === 'regression' ? cssColour(label)
    : classes.length === 2 ? (label > 0 ? 'rgb(8, 119, 189)' : 'rgb(245, 147, 34)')
    : CLASS_COLOURS[label % CLASS_COLOURS.length];
  const sets = [[plane.train, '#fff']];
  if (showTest) sets.push([plane.test, '#222']);
  for (const [points, ring] of sets) {
    for (const [x1, x2, label] of points) {
      context.beginPath();
      context.arc(toX(x1), toY(x2), 3.2, 0, 2 * Math.PI);
      context.fillStyle = fill(label);
      context.fill();
      context.lineWidth = 1;
      context.strokeStyle = ring;
      context.stroke();
    }
  }
  // Axes' ticks: the range of each coordinate.
  context.fillStyle = '#555';
  context.font = '10px system-ui, sans-serif';
  context.fillText(plane.minX1.toFixed(1), 3, canvas.height - 4);
  const right = plane.maxX1.toFixed(1);
  context.fillText(right, canvas.width - context.measureText(right).width - 3, canvas.height - 4);
  context.fillText(plane.maxX2.toFixed(1), 3, 11);
}

/** The label function of each 2-D data set, for its thumbnail. */
const THUMBNAILS = {
  circles: (x, y) => Math.hypot(x, y) < 2.5 ? 1 : Math.hypot(x, y) > 3.5 ? -1 : 0,
  xor: (x, y) => Math.sign(x * y),
  gauss: (x, y) => Math.hypot(x - 2, y - 2) < 1.8 ? 1 : Math.hypot(x + 2, y + 2) < 1.8 ? -1 : 0,
  spiral: (x, y) => {
    const r = Math.hypot(x, y), t = Math.atan2(x, y);
    const phase = ((t - r / 5 * 1.75 * 2 * Math.PI) % (2 * Math.PI) + 4 * Math.PI) % (2 * Math.PI);
    return r < 0.4 ? 0 : Math.cos(phase) > 0.2 ? 1 : Math.cos(phase) < -0.2 ? -1 : 0;
  },
  moons: (x, y) => {
    const u = x / 3.5 + 0.5, v = y / 3.5 + 0.25;
    const top = Math.abs(Math.hypot(u, v) - 1) < 0.18 && v > -0.05;
    const bottom = Math.abs(Math.hypot(u - 1, v - 0.5) - 1) < 0.18 && v < 0.55;
    return top ? 1 : bottom ? -1 : 0;
  },
  plane: (x, y) => (x + y) / 10,
};

export function drawThumbnail(canvas, name) {
  const size = 24, values = new Float32Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      values[py * size + px] = THUMBNAILS[name](-6 + (px + 0.5) / size * 12, 6 - (py + 0.5) / size * 12);
    }
  }
  drawHeat(canvas, values, size);
}

/** A feature's picture over the plane, normalised by its largest magnitude. */
export function drawFeature(canvas, compute, plane, size = 24) {
  const values = new Float32Array(size * size);
  let largest = 1e-9;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const v = compute(plane.minX1 + (px + 0.5) / size * (plane.maxX1 - plane.minX1), plane.maxX2 - (py + 0.5) / size * (plane.maxX2 - plane.minX2));
      values[py * size + px] = v;
      largest = Math.max(largest, Math.abs(v));
    }
  }
  drawHeat(canvas, values, size, largest);
}

export const FEATURE_FUNCTIONS = {
  x1: (a) => a, x2: (_, b) => b, x1_squared: (a) => a * a, x2_squared: (_, b) => b * b,
  x1_times_x2: (a, b) => a * b, sin_x1: (a) => Math.sin(a), sin_x2: (_, b) => Math.sin(b),
};

/** The loss curves: test (dark) and training (grey) against steps. */
export function drawLossChart(canvas, history) {
  const context = canvas.getContext('2d');
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  if (history.length < 1) return;
  const maxStep = Math.max(1, history[history.length - 1][0]);
  let maxLoss = 1e-9;
  for (const [, , train, test] of history) maxLoss = Math.max(maxLoss, train, test);
  const x = step => 2 + step / maxStep * (width - 4);
  const y = loss => height - 2 - Math.min(loss, maxLoss) / maxLoss * (height - 6);
  for (const [column, stroke] of [[2, '#999'], [3, '#222']]) {
    context.beginPath();
    history.forEach((point, i) => (i ? context.lineTo : context.moveTo).call(context, x(point[0]), y(point[column])));
    context.strokeStyle = stroke;
    context.lineWidth = 1.5;
    context.stroke();
  }
  context.fillStyle = '#888';
  context.font = '10px system-ui, sans-serif';
  context.fillText(maxLoss.toPrecision(3), 4, 10);
}

/** Formats a number for the panels: six significant digits, no exponent for ordinary sizes. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-4 && magnitude < 1e6 ? Number(value.toPrecision(6)).toString() : value.toExponential(5);
}
