// @ts-check
/**
 * Sessions and profiles keep their secondary actions (Rename, Delete, Settings of…) in a ⋯ menu per entry
 * (docs/ui-contract.md): these open it and choose one, as a person would.
 */

/**
 * Opens the ⋯ menu of a Sessions or Profiles list item and waits for it.
 * @param {import('playwright-core').Locator} item
 */
export async function openActions(item) {
  await item.getByRole('button', { name: /^Actions for (session|profile) “/ }).click();
  await item.getByRole('menu').waitFor();
}

/**
 * Opens the item's ⋯ menu and clicks the action of that name (`Rename`, `Delete`, `/^Settings of/`…).
 * @param {import('playwright-core').Locator} item
 * @param {string | RegExp} name
 */
export async function chooseAction(item, name) {
  await openActions(item);
  await item.getByRole('menuitem', { name }).click();
}
