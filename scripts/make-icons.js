// @ts-check
/**
 * Draws the app icons (the favicon's "W" on the app's background) as PNG, with no image library: the manifest
 * needs 192 and 512 px icons and a maskable one, whose artwork keeps inside the central safe zone.
 * Run once after changing the design: `node scripts/make-icons.js`; the PNGs are committed in public/.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x15, 0x17, 0x1c];
const ACCENT = [0x4c, 0xc2, 0xff];
/** The favicon's stroke, in its 64-unit box. */
/** @type {[number, number][]} */
const POINTS = [
  [14, 22],
  [24, 44],
  [32, 28],
  [40, 44],
  [50, 22],
];
const STROKE = 6;

/** @param {number} px @param {number} py @param {[number, number]} a @param {[number, number]} b */
function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * @param {number} size
 * @param {{ maskable: boolean }} options maskable: full-bleed background, artwork scaled into the safe zone
 */
function draw(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const artScale = maskable ? 0.7 : 1;
  const unit = size / 64;
  const radius = maskable ? 0 : 12 * unit;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      // Rounded-rectangle coverage, one pixel of smoothing at the edge.
      const cx = Math.max(radius - x - 0.5, 0, x + 0.5 - (size - radius));
      const cy = Math.max(radius - y - 0.5, 0, y + 0.5 - (size - radius));
      const inside = radius === 0 ? 1 : Math.max(0, Math.min(1, radius - Math.hypot(cx, cy) + 0.5));
      // The stroke, in favicon units around the centre.
      const u = ((x + 0.5) / unit - 32) / artScale + 32;
      const v = ((y + 0.5) / unit - 32) / artScale + 32;
      let distance = Infinity;
      for (let s = 0; s < POINTS.length - 1; s++) {
        distance = Math.min(
          distance,
          distanceToSegment(
            u,
            v,
            /** @type {[number, number]} */ (POINTS[s]),
            /** @type {[number, number]} */ (POINTS[s + 1]),
          ),
        );
      }
      const stroke = Math.max(0, Math.min(1, (STROKE / 2 - distance) * unit * artScale + 0.5));
      for (let c = 0; c < 3; c++) {
        rgba[i + c] = Math.round(
          /** @type {number} */ (BACKGROUND[c]) * (1 - stroke) + /** @type {number} */ (ACCENT[c]) * stroke,
        );
      }
      rgba[i + 3] = Math.round(inside * 255);
    }
  }
  return png(size, rgba);
}

/** @param {number} size @param {Buffer} rgba */
function png(size, rgba) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = /** @type {number} */ (CRC_TABLE[(crc ^ byte) & 0xff]) ^ (crc >>> 8);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, body.length + 4);
  return out;
}

const dir = new URL('../public', import.meta.url);
writeFileSync(new URL('icon-192.png', dir), draw(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', dir), draw(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', dir), draw(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon.png', dir), draw(180, { maskable: true }));
