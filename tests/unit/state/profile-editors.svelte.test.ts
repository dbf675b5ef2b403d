import { describe, expect, it } from 'vitest';
import { profileEditorsFor } from '../../../src/state/profile-editors.svelte';

describe('ProfileEditorsState', () => {
  it('keeps one profile dialog open at a time, with the variable it was asked to define', () => {
    const editors = profileEditorsFor({});
    editors.openDialog('a', 'messages');
    expect(editors.dialogFor('a')).toEqual({ profileId: 'a', kind: 'messages', variable: null });
    editors.openDialog('b', 'settings', 'token');
    expect(editors.dialogFor('a')).toBeNull();
    expect(editors.dialogFor('b')).toEqual({ profileId: 'b', kind: 'settings', variable: 'token' });
    editors.closeDialog();
    expect(editors.dialog).toBeNull();
  });

  it('hands the environment editor a variable to define once, and forgets it when the editor closes', () => {
    const editors = profileEditorsFor({});
    editors.defineInEnvironment('host');
    expect(editors.environmentOpen).toBe(true);
    expect(editors.takeEnvironmentVariable()).toBe('host');
    expect(editors.takeEnvironmentVariable()).toBeNull();
    editors.defineInEnvironment('key');
    editors.environmentOpen = false;
    expect(editors.takeEnvironmentVariable()).toBeNull();
  });

  it('is one state per profiles list: the sidebar and the errors beside the fields share it', () => {
    const profiles = {};
    expect(profileEditorsFor(profiles)).toBe(profileEditorsFor(profiles));
    expect(profileEditorsFor(profiles)).not.toBe(profileEditorsFor({}));
  });
});
