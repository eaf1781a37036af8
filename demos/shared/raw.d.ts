// Vite's `?raw` imports give a file's text; the demos show their own behaviour code with them.
declare module '*?raw' {
  const source: string;
  export default source;
}
