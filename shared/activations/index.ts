// Public API of the activation core.
export * from './types';
export { ACTIVATIONS, getActivation, resolveParams, ParamError } from './registry';
export { lookupActivation, activationNames } from './names';
export { resolveFrameworkName, resolveFrameworkCall, mapFrameworkParam, spellings } from './frameworks';
export type { FrameworkNameOptions, ParamFramework } from './frameworks';
export type { SpellingKind } from './frameworkTables';
export { properties } from './properties';
export { gradientEstimate } from './gradient';
export * from './meanField';
