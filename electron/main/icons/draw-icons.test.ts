import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconNames } from '../tray-model';
import { appIconPng, stateColours, trayIconPng } from './draw-icons';
import { crc32 } from './png';

/** Decodes our own PNG output (no filter, RGBA) to check what was drawn. */
function decode(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0, height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixel = (x: number, y: number) => { const o = y * (width * 4 + 1) + 1 + x * 4; return [raw[o], raw[o + 1], raw[o + 2], raw[o + 3]]; };
  return { width, height, pixel };
}

describe('icons', () => {
  it('crc32 matches the PNG reference value', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('each tray state has its own colour at the centre-left, transparent corners, and a red dot for attention', () => {
    for (const name of trayIconNames) {
      const { width, height, pixel } = decode(trayIconPng(name, 32));
      expect([width, height]).toEqual([32, 32]);
      expect(pixel(0, 31)[3]).toBe(0);
      const base = name.replace('-attention', '') as 'running' | 'dry-run' | 'paused';
      expect(pixel(6, 16)).toEqual([...stateColours[base], 255]);
      const dot = pixel(25, 7);
      if (name.endsWith('-attention')) expect(dot).toEqual([...stateColours.attention, 255]);
      else expect(dot.slice(0, 3)).not.toEqual([...stateColours.attention]);
    }
    const all = new Set(trayIconNames.map((name) => trayIconPng(name).toString('base64')));
    expect(all.size).toBe(trayIconNames.length);
  });

  it('app icon is 512 px and opaque in the middle', () => {
    const { width, pixel } = decode(appIconPng());
    expect(width).toBe(512);
    expect(pixel(256, 256)).toEqual([...stateColours.running, 255]);
    expect(pixel(0, 0)[3]).toBe(0);
  });
});
