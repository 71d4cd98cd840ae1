/** The SLO importers: Sloth, Pyrra and OpenSLO specs into `defineSlo`. */
export { importOpenSlo, isOpenSlo } from './openslo.ts';
export { importPyrra, isPyrraSlo } from './pyrra.ts';
export { importSloth, isSlothSpec } from './sloth.ts';
