import { pathToFileURL } from 'node:url';

/**
 * Provided by src/boot.ts to the bundle it runs: import() written inside a vm script needs an
 * experimental Node feature, so the bundle borrows the boot module's own. Undefined in source
 * runs (tests, plugins importing the API), where the native import() works.
 */
declare const __importModule: ((specifier: string) => Promise<unknown>) | undefined;

/** import() that also works inside the cached bundle. */
export function importModule<T = unknown>(specifier: string): Promise<T> {
  return (
    typeof __importModule === 'function' ? __importModule(specifier) : import(specifier)
  ) as Promise<T>;
}

/** Loads a user's ES module or CommonJS file (a configuration file, a plugin) by path. */
export function importFile(file: string): Promise<unknown> {
  return importModule(pathToFileURL(file).href);
}
