// opencc-js publishes its dictionaries as ESM modules under a typeless `./*` export; each one default-exports the
// table as "from to|from to|…". Importing single tables keeps the phrase dictionaries (1 MB) out of the bundle.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
