import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The layer map in docs/architecture.md: the code block under "## Layers". */
function layerMap(): string {
  const doc = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Layers'));
  return section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));
}

describe('docs/architecture.md', () => {
  it('names every folder of src/lib in its layer map', () => {
    const folders = readdirSync(new URL('../../src/lib', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${entry.name}/`);
    const map = layerMap();
    expect(folders.filter((folder) => !new RegExp(`^\\s+${folder}\\s`, 'm').test(map))).toEqual([]);
  });
});
