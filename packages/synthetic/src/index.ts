export { type SeedReport, seedSynthetic } from './load.ts';
export { asOfIso, type Scale, type ScaleName, scales } from './scale.ts';
