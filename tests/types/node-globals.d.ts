// The two Node globals the page scripts' UMD wrappers test for (`typeof module`,
// `typeof require`), declared for the type check without the whole of @types/node.
declare var module: { exports: unknown } | undefined;
declare function require(id: string): any;
