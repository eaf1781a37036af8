// Module resolve hook (registered with node:module register): sends Motion Canvas's imports of
// chroma-js to chroma-shim.mjs. Only Motion Canvas is affected.
const shim = new URL('./chroma-shim.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'chroma-js' && context.parentURL !== undefined && context.parentURL.includes('/@motion-canvas/')) {
    return { url: shim, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
