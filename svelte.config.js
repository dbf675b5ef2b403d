// Svelte 5 strips TypeScript types itself, so no preprocessor is needed.
export default {
  compilerOptions: {
    runes: true,
  },
};
