import { describe, expect, it } from 'vitest';
import {
  checkEnvironmentName,
  mergeEnvironment,
  resolveVariables,
  sortEnvironments,
} from '../../../../src/lib/profiles/environments';
import type { Environment } from '../../../../src/lib/profiles/environments';

const env = (name: string, id = name): Environment => ({ id, name, variables: [], createdAt: 0 });

describe('resolveVariables', () => {
  it("lets a profile's own variables win over the environment's", () => {
    const { values } = resolveVariables(
      [{ name: 'host', value: 'pinned:1', secret: false }],
      [
        { name: 'host', value: 'dev:2', secret: false },
        { name: 'path', value: 'echo', secret: false },
      ],
    );
    expect(values).toEqual({ host: 'pinned:1', path: 'echo' });
  });

  it('lists the secrets in use from both, but not an environment secret the profile overrides', () => {
    const { secrets } = resolveVariables(
      [
        { name: 'token', value: 'mine', secret: false },
        { name: 'pin', value: '1234', secret: true },
      ],
      [
        { name: 'token', value: 'shared', secret: true },
        { name: 'key', value: 'k3y', secret: true },
      ],
    );
    expect(secrets).toEqual([
      { name: 'pin', value: '1234' },
      { name: 'key', value: 'k3y' },
    ]);
  });

  it('gives a map without a prototype, so an inherited name is never a value', () => {
    const { values } = resolveVariables([], [{ name: 'a', value: '1', secret: false }]);
    expect(Object.getPrototypeOf(values)).toBeNull();
  });
});

describe('checkEnvironmentName', () => {
  it('refuses an empty, too long or taken name (ignoring case), and accepts its own', () => {
    const list = [env('dev', '1'), env('prod', '2')];
    expect(checkEnvironmentName('  ', list)).toMatch(/needs a name/);
    expect(checkEnvironmentName('x'.repeat(61), list)).toMatch(/at most 60/);
    expect(checkEnvironmentName('DEV', list)).toMatch(/already an environment named “DEV”/);
    expect(checkEnvironmentName('dev', list, '1')).toBeNull();
    expect(checkEnvironmentName('staging', list)).toBeNull();
  });
});

it('sorts environments by name', () => {
  expect(sortEnvironments([env('staging'), env('dev'), env('prod')]).map((e) => e.name)).toEqual([
    'dev',
    'prod',
    'staging',
  ]);
});

it('merges an imported environment by adding only the variables the stored one lacks', () => {
  const merged = mergeEnvironment(
    [{ name: 'token', value: 'kept', secret: true }],
    [
      { name: 'token', value: '', secret: true },
      { name: 'host', value: 'h:1', secret: false },
    ],
  );
  expect(merged).toEqual([
    { name: 'token', value: 'kept', secret: true },
    { name: 'host', value: 'h:1', secret: false },
  ]);
});
