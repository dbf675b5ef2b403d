import { newId } from '../lib/ids';
import { EnvironmentsDb } from '../lib/persist/environments-db';
import type { ProfileVariable } from '../lib/profiles/profile';
import type { Environment, EnvironmentContent } from '../lib/profiles/environments';
import { checkEnvironmentName, mergeEnvironment, sortEnvironments } from '../lib/profiles/environments';
import { ErrorSlot } from './error-slot.svelte';

/** Where the choice of environment is kept: a setting of this browser, like the theme. */
export const ACTIVE_ENVIRONMENT_KEY = 'wsi-active-environment';

/** The environments profiles share, and the one in use: its variables fill in what a profile leaves open. */
export class EnvironmentsState {
  #list = $state.raw<Environment[]>([]);
  #activeId = $state<string | null>(null);
  readonly #errors = new ErrorSlot();
  readonly #db: Pick<EnvironmentsDb, 'list' | 'put' | 'delete'>;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

  /** By name, as the combobox lists them. */
  readonly all = $derived(sortEnvironments(this.#list));
  readonly active = $derived(this.#list.find((e) => e.id === this.#activeId) ?? null);

  constructor(
    db: Pick<EnvironmentsDb, 'list' | 'put' | 'delete'>,
    storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
  ) {
    this.#db = db;
    this.#storage = storage;
  }

  get error(): string | null {
    return this.#errors.message;
  }
  /** The active environment's variables: what a profile in use falls back on. */
  get activeVariables(): readonly ProfileVariable[] {
    return this.active?.variables ?? [];
  }
  /** Every secret of every environment: a recorded session may hold any of them, and exports redact them all. */
  get secretVariables(): { name: string; value: string }[] {
    return this.#list.flatMap((e) =>
      e.variables.filter((v) => v.secret).map(({ name, value }) => ({ name, value })),
    );
  }

  async load(): Promise<void> {
    await this.#errors.attempt('Reading the environments failed', async () => {
      this.#list = await this.#db.list();
      const chosen = this.#storage.getItem(ACTIVE_ENVIRONMENT_KEY);
      this.#activeId = this.#list.some((e) => e.id === chosen) ? chosen : null;
    });
  }

  /** Makes an environment the one in use, or none (null); remembered over reloads. */
  choose(id: string | null): void {
    this.#activeId = this.#list.some((e) => e.id === id) ? id : null;
    if (this.#activeId === null) this.#storage.removeItem(ACTIVE_ENVIRONMENT_KEY);
    else this.#storage.setItem(ACTIVE_ENVIRONMENT_KEY, this.#activeId);
  }

  /** Adds an environment and makes it the one in use; a refused name is returned as the reason. */
  async add(name: string, variables: ProfileVariable[] = []): Promise<string | null> {
    const problem = checkEnvironmentName(name, this.#list);
    if (problem !== null) return problem;
    const environment = { id: newId(), name: name.trim(), variables, createdAt: Date.now() };
    if (await this.#save(environment)) this.choose(environment.id);
    return null;
  }

  async update(id: string, name: string, variables: ProfileVariable[]): Promise<string | null> {
    const environment = this.#list.find((e) => e.id === id);
    if (!environment) return null;
    const problem = checkEnvironmentName(name, this.#list, id);
    if (problem !== null) return problem;
    await this.#save({ ...environment, name: name.trim(), variables });
    return null;
  }

  async remove(id: string): Promise<void> {
    await this.#errors.attempt('Deleting the environment failed', async () => {
      await this.#db.delete(id);
      this.#list = this.#list.filter((e) => e.id !== id);
      if (this.#activeId === id) this.choose(null);
    });
  }

  /** A file's environments: new names are added, known ones gain only the variables they lack. */
  async importAll(imported: readonly EnvironmentContent[]): Promise<void> {
    for (const { name, variables } of imported) {
      const stored = this.#list.find((e) => e.name.toLowerCase() === name.toLowerCase());
      if (!stored) await this.#save({ id: newId(), name, variables, createdAt: Date.now() });
      else await this.#save({ ...stored, variables: mergeEnvironment(stored.variables, variables) });
    }
  }

  async #save(environment: Environment): Promise<boolean> {
    return this.#errors.attempt('Saving the environment failed', async () => {
      await this.#db.put(environment);
      this.#list = [...this.#list.filter((e) => e.id !== environment.id), environment];
    });
  }
}

/** What the environments complete: ProfilesState, named by shape so the two modules do not import each other. */
interface UsesEnvironments {
  attachEnvironments(environments: EnvironmentsState): void;
}

const loaded = new WeakMap<UsesEnvironments, Promise<EnvironmentsState>>();

/**
 * The environments, loaded once per page and attached to the profiles, whose variables they complete. Their code
 * loads with the Profiles panel (or an export), never with the first screen.
 */
export function environmentsFor(profiles: UsesEnvironments): Promise<EnvironmentsState> {
  let environments = loaded.get(profiles);
  if (!environments) {
    const state = new EnvironmentsState(new EnvironmentsDb(), localStorage);
    environments = state.load().then(() => {
      profiles.attachEnvironments(state);
      return state;
    });
    loaded.set(profiles, environments);
  }
  return environments;
}
