/**
 * The tray icon per state and the app icon, drawn with anti-aliased shapes: a filled disc whose
 * colour says the state (green running, amber dry-run, grey paused with pause bars), and a red
 * dot at the top right when something needs attention.
 */
import type { TrayIconName } from '../tray-model';
import { encodePng } from './png';

type Rgb = readonly [number, number, number];
export const stateColours: Record<'running' | 'dry-run' | 'paused' | 'attention', Rgb> = {
  running: [46, 158, 91],
  'dry-run': [217, 154, 30],
  paused: [138, 143, 152],
  attention: [224, 65, 58],
};

/** A shape is a coverage test in unit coordinates (0..1 across the icon). */
type Shape = { inside: (x: number, y: number) => boolean; colour: Rgb };

const disc = (cx: number, cy: number, r: number, colour: Rgb): Shape => ({ inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r, colour });
const rect = (x0: number, y0: number, x1: number, y1: number, colour: Rgb): Shape => ({ inside: (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1, colour });
const roundedRect = (m: number, r: number, colour: Rgb): Shape => ({
  inside: (x, y) => {
    const dx = Math.max(m + r - x, 0, x - (1 - m - r));
    const dy = Math.max(m + r - y, 0, y - (1 - m - r));
    return x >= m && x <= 1 - m && y >= m && y <= 1 - m && dx * dx + dy * dy <= r * r;
  },
  colour,
});

/** Paints shapes in order (later on top) with 4x4 supersampling. */
export function rasterize(size: number, shapes: Shape[]): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          for (let i = shapes.length - 1; i >= 0; i--) {
            const shape = shapes[i] as Shape;
            if (shape.inside(x, y)) {
              r += shape.colour[0]; g += shape.colour[1]; b += shape.colour[2]; a += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      const n = samples * samples;
      if (a > 0) {
        out[o] = Math.round(r / a); out[o + 1] = Math.round(g / a); out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((a / n) * 255);
      }
    }
  }
  return out;
}

const white: Rgb = [255, 255, 255];

export function trayIconShapes(name: TrayIconName): Shape[] {
  const attention = name.endsWith('-attention');
  const base = (attention ? name.slice(0, -'-attention'.length) : name) as 'running' | 'dry-run' | 'paused';
  const shapes: Shape[] = [disc(0.5, 0.5, 0.4, stateColours[base])];
  if (base === 'paused') shapes.push(rect(0.36, 0.32, 0.45, 0.68, white), rect(0.55, 0.32, 0.64, 0.68, white));
  if (base === 'dry-run') shapes.push(disc(0.5, 0.5, 0.2, white), disc(0.5, 0.5, 0.12, stateColours['dry-run']));
  if (attention) shapes.push(disc(0.78, 0.22, 0.22, white), disc(0.78, 0.22, 0.17, stateColours.attention));
  return shapes;
}

/** Tray icon PNG at `size` px (16 for 1x, 32 for 2x). */
export function trayIconPng(name: TrayIconName, size = 32): Buffer {
  return encodePng(size, size, rasterize(size, trayIconShapes(name)));
}

/** The application icon (installers, window, dock): a dark rounded square with the green target. */
export function appIconPng(size = 512): Buffer {
  return encodePng(size, size, rasterize(size, [
    roundedRect(0.06, 0.2, [24, 28, 36]),
    disc(0.5, 0.5, 0.3, stateColours.running),
    disc(0.5, 0.5, 0.21, [24, 28, 36]),
    disc(0.5, 0.5, 0.12, stateColours.running),
  ]));
}
