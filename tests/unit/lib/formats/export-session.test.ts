import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../../../src/lib/formats/export-session';
import { sampleMeta } from '../../fakes/sample-session';

describe('share links and file names', () => {
  it('names files after the session', () => {
    expect(exportFileName(sampleMeta(), 'native')).toBe('example.test-feed-2026-11-22T04-00-00.wsi.jsonl');
    expect(exportFileName(sampleMeta({ name: 'My feed / prod' }), 'har')).toBe(
      'My-feed-prod-2026-11-22T04-00-00.har',
    );
  });
});
