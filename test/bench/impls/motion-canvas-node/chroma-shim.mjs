// chroma-js is CommonJS; Motion Canvas's ES modules import named exports from it, which Node's
// CommonJS interop cannot see. This module re-exports the names Motion Canvas imports.
import chroma from 'chroma-js';

export const Color = chroma.Color;
export const mix = chroma.mix;
export default chroma;
