/**
 * The translate function the pure modules take (a TranslationBundle's `__`),
 * so they run in JupyterLab and in plain node tests alike.
 */
export type Translate = (msgid: string, ...args: Array<string | number>) => string;

/** English, with JupyterLab's `%1`, `%2` placeholders filled in. */
export const untranslated: Translate = (msgid, ...args) =>
  msgid.replace(/%(\d+)/g, (match, n: string) => {
    const value = args[Number(n) - 1];
    return value === undefined ? match : String(value);
  });
