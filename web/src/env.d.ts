// The domain vocabulary (src/domain/vocabulary.ts) is shared with the server; its i18n helper names
// NodeJS.ProcessEnv in a signature the browser never calls. This shim lets the web typecheck see it
// without pulling Node's types (and `process`) into browser code.
declare namespace NodeJS {
  interface ProcessEnv {
    [key: string]: string | undefined;
  }
}
// Same reason: a default parameter there reads process.env; the browser never evaluates it.
declare const process: { env: NodeJS.ProcessEnv };

declare module '*.css';
