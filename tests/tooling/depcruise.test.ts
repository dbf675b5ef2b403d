import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ICruiseResult, IForbiddenRuleType } from 'dependency-cruiser';
import { cruise } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

/** The rules `npm run lint` checks, run on tiny trees written for each case. */
const { forbidden } = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};

const root = mkdtempSync(join(tmpdir(), 'wsi-depcruise-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let trees = 0;
/** The names of the rules a tree of src files breaks. */
async function brokenRules(files: Record<string, string>): Promise<string[]> {
  const baseDir = join(root, `tree-${++trees}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(baseDir, path)), { recursive: true });
    writeFileSync(join(baseDir, path), text);
  }
  const result = await cruise(
    ['src'],
    { baseDir, validate: true, ruleSet: { forbidden }, tsPreCompilationDeps: true },
    { extensions: ['.ts'] },
  );
  const { summary } = result.output as ICruiseResult;
  return [...new Set(summary.violations.map((violation) => violation.rule.name))].sort();
}

describe('dependency rules', () => {
  it('accept imports that go down the layers', async () => {
    expect(
      await brokenRules({
        'src/lib/model/frame.ts': 'export type Frame = { t: number };\n',
        'src/lib/record/chunk.ts':
          "import type { Frame } from '../model/frame';\nexport const frames: Frame[] = [];\n",
        'src/lib/persist/db.ts': "import { frames } from '../record/chunk';\nexport const db = frames;\n",
      }),
    ).toEqual([]);
  });

  it('refuse a cycle', async () => {
    expect(
      await brokenRules({
        'src/lib/ws/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'src/lib/ws/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      }),
    ).toEqual(['no-circular']);
  });

  it('refuse an import up the layers, and storage reached from a component', async () => {
    expect(
      await brokenRules({
        'src/lib/record/chunk.ts': 'export const frames = [];\n',
        'src/lib/model/frame.ts': "import { frames } from '../record/chunk';\nexport const all = frames;\n",
        'src/ui/list.ts': "import { frames } from '../lib/record/chunk';\nexport const shown = frames;\n",
      }),
    ).toEqual(['lib-layer-model', 'ui-storage-through-state']);
  });
});
