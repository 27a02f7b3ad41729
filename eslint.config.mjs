// Lint rules. The layering rules keep src/core and webview free of VS Code and Node host APIs
// (the model stays testable in plain Node; the webview only sees core types and the protocol).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'test/e2e/node_modules/**', '.tools/**', '.venv/**', '**/*.js', '**/*.mjs', 'test/e2e/artifacts/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Profile strings are data: use textContent.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Profile strings are data: use textContent.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Profile strings are data: use textContent.' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is pure: no vscode import.' }] }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'child_process', 'path', 'os'],
          patterns: [
            { group: ['node:*'], message: 'webview runs in a browser.' },
            { group: ['**/src/host/**', '**/src/cli/**', '**/src/core/capture/**', '**/src/core/formats/**'], message: 'webview imports only core types and the protocol.' },
          ],
        },
      ],
    },
  },
);
