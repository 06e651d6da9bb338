/**
 * A small force-directed layout (Fruchterman–Reingold with cooling) for the entity graph: nodes repel, edges pull,
 * a weak pull to the centre keeps loose nodes on the canvas. Deterministic — the same graph always lands the same
 * way — so a reader who comes back finds things where they were. Pure: no DOM.
 */

export interface LayoutEdge {
  source: number;
  target: number;
  weight: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Room kept free at the edges (labels). */
  margin: number;
  /** Default: fewer for larger graphs, so 200 nodes still lay out in well under 100 ms. */
  iterations?: number;
}

/**
 * Positions for `count` nodes (in the order given, most important first) inside the box. The layout runs in a square
 * and is stretched to the box at the end: labels run sideways, so the extra width is where they need room.
 */
export function forceLayout(count: number, edges: readonly LayoutEdge[], options: LayoutOptions): Point[] {
  const { width, height, margin } = options;
  if (count === 0) return [];
  const side = 1000;
  const c = side / 2;
  // A sunflower spiral: the first nodes start near the centre, the rest spread evenly.
  const golden = Math.PI * (3 - Math.sqrt(5));
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = 0.4 * side * Math.sqrt((i + 0.5) / count);
    xs[i] = c + r * Math.cos(i * golden);
    ys[i] = c + r * Math.sin(i * golden);
  }
  const k = Math.sqrt((side * side) / count) * 0.9;
  // Gravity grows with the square of the distance from the centre, set from the whole graph's repulsion at a radius of
  // 0.42 of the side (less, since edges pull inwards too; tuned on the samples' graph for few overlapping labels): the
  // nodes fill the box, and an entity with no link sits near the rim rather than in a corner.
  const rim = 0.42 * side;
  const gravity = ((count * k * k) / (rim * rim * rim)) * 0.25;
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const iterations = options.iterations ?? (count <= 60 ? 300 : count <= 120 ? 200 : 120);
  const dx = new Float64Array(count);
  const dy = new Float64Array(count);
  let temperature = side / 10;
  const cooling = temperature / (iterations + 1);
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        let ex = xs[i]! - xs[j]!;
        let ey = ys[i]! - ys[j]!;
        let d2 = ex * ex + ey * ey;
        if (d2 < 0.01) {
          // Two nodes on one spot: nudge apart along a direction fixed by their indices.
          ex = Math.cos(i + j);
          ey = Math.sin(i + j);
          d2 = 1;
        }
        const f = (k * k) / d2;
        dx[i]! += ex * f;
        dy[i]! += ey * f;
        dx[j]! -= ex * f;
        dy[j]! -= ey * f;
      }
    }
    for (const e of edges) {
      if (e.source === e.target) continue;
      const ex = xs[e.source]! - xs[e.target]!;
      const ey = ys[e.source]! - ys[e.target]!;
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      // Heavier edges pull harder, on a log scale so one huge count does not collapse the picture.
      const f = (d / k) * (0.5 + Math.log1p(e.weight) / Math.log1p(maxWeight));
      dx[e.source]! -= ex * f;
      dy[e.source]! -= ey * f;
      dx[e.target]! += ex * f;
      dy[e.target]! += ey * f;
    }
    for (let i = 0; i < count; i++) {
      const gx = c - xs[i]!;
      const gy = c - ys[i]!;
      const g = gravity * Math.sqrt(gx * gx + gy * gy);
      dx[i]! += gx * g;
      dy[i]! += gy * g;
      const d = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!) || 1;
      const move = Math.min(d, temperature);
      xs[i] = clamp(xs[i]! + (dx[i]! / d) * move, 0, side);
      ys[i] = clamp(ys[i]! + (dy[i]! / d) * move, 0, side);
    }
    temperature = Math.max(temperature - cooling, 0.5);
  }
  const sx = (width - 2 * margin) / side;
  const sy = (height - 2 * margin) / side;
  return Array.from({ length: count }, (_, i) => ({ x: Math.round((margin + xs[i]! * sx) * 10) / 10, y: Math.round((margin + ys[i]! * sy) * 10) / 10 }));
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
