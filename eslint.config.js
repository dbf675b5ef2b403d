// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Sinks that would turn received or imported data into markup. */
const HTML_SINKS = [
  { selector: "MemberExpression[property.name='innerHTML']", message: 'No innerHTML: render text nodes.' },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'No outerHTML: render text nodes.' },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'No insertAdjacentHTML.',
  },
  {
    selector: "CallExpression[callee.property.name='write'][callee.object.name='document']",
    message: 'No document.write.',
  },
  {
    selector: "CallExpression[callee.property.name='createContextualFragment']",
    message: 'No HTML parsing.',
  },
  // A URL from a frame or a file in href or src can be javascript: or load what the page did not choose.
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(href|src)$/]',
    message: 'No assignment to href or src: links and sources are written in templates from checked values.',
  },
  {
    selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^(href|src|srcdoc)$/i]",
    message: 'No setAttribute of href, src or srcdoc.',
  },
];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-syntax': ['error', ...HTML_SINKS],
      // Strings that become code: the CSP refuses them too, but the lint says so before a browser does.
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  // The layers only point one way: lib knows nothing of Svelte or the UI, state knows nothing of components.
  {
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'src/lib is framework-free.' },
            { group: ['**/state/**', '**/ui/**'], message: 'src/lib must not import state or UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/ui/**'], message: 'src/state must not import components.' }] },
      ],
    },
  },
);
