declare const __VERSION__: string | undefined;

/** Set by the bundler from package.json; source runs (tests) see the dev marker. */
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
